package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code retort branches}: every branch point and its children. */
@Command(name = "branches", description = "Show the branch points of the revision graph.")
final class BranchesCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show every detail.")
    boolean verbose;

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        RevisionGraph graph = retort.graph();
        RevisionFormat format = new RevisionFormat(retort, project.baseDirectory(), Set.of());
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().startArray("branch_points");
                for (Revision revision : retort.planner().history("base", "heads")) {
                    if (graph.isBranchPoint(revision.id())) {
                        RevisionJson.write(json, revision, graph, format, Set.of());
                    }
                }
                json.endArray().endObject();
            }
            return 0;
        }
        for (Revision revision : retort.planner().history("base", "heads")) {
            if (!graph.isBranchPoint(revision.id())) {
                continue;
            }
            StringBuilder block = new StringBuilder(format.format(revision, verbose, true, false, false, true));
            String indent = " ".repeat(revision.id().length());
            for (String child : graph.children(revision.id())) {
                Revision childRevision = graph.find(child).orElseThrow();
                block.append('\n').append(indent).append(" -> ")
                        .append(format.headOnly(childRevision, true, verbose, false, true));
            }
            root.console.result(block.append('\n').toString());
        }
        return 0;
    }
}
