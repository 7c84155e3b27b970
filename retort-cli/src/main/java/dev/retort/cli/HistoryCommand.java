package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code retort history}: the revisions, newest first, in Alembic's line format. */
@Command(name = "history", description = "List revisions, newest first.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-r", "--rev-range"}, paramLabel = "[START]:[END]",
            description = "Only this range, e.g. base:head, ae10:, -3:current, :mybranch@head.")
    String range;

    @Option(names = {"-v", "--verbose"}, description = "Show every detail of each revision.")
    boolean verbose;

    @Option(names = {"-i", "--indicate-current"}, description = "Mark the database's revisions with (current).")
    boolean indicateCurrent;

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        Set<String> current = indicateCurrent ? Set.copyOf(retort.current().versionRows()) : Set.of();
        List<Revision> revisions = retort.history(range == null ? "" : range);
        RevisionFormat format = new RevisionFormat(retort, project.baseDirectory(), current);
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().startArray("revisions");
                for (Revision revision : revisions) {
                    RevisionJson.write(json, revision, retort.graph(), format, current);
                }
                json.endArray().endObject();
            }
            return 0;
        }
        StringBuilder out = new StringBuilder();
        for (Revision revision : revisions) {
            out.append(format.format(revision, verbose, true, true, true, true)).append('\n');
        }
        root.console.raw(out.toString());
        return 0;
    }
}
