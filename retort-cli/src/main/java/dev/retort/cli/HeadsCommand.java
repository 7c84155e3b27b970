package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code retort heads}: the heads of the revision graph (no database needed). */
@Command(name = "heads", description = "Show the heads of the revision graph.")
final class HeadsCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show every detail of each head.")
    boolean verbose;

    @Option(names = "--resolve-dependencies", description = "Leave out heads that another revision depends on.")
    boolean resolveDependencies;

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        List<Revision> heads = resolveDependencies ? retort.graph().resolve("heads")
                : retort.graph().resolve(retort.graph().heads());
        RevisionFormat format = new RevisionFormat(retort, project.baseDirectory(), Set.of());
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().startArray("heads");
                heads.forEach(h -> RevisionJson.write(json, h, retort.graph(), format, Set.of()));
                json.endArray().endObject();
            }
            return 0;
        }
        for (Revision head : heads) {
            root.console.result(format.format(head, verbose, true, false, false, false));
        }
        return 0;
    }
}
