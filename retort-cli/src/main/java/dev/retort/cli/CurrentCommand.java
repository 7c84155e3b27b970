package dev.retort.cli;

import dev.retort.DatabaseState;
import dev.retort.DatabaseState.UnknownRevision;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.revision.Revision;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code retort current}: the revisions the database is at. Never creates tables. */
@Command(name = "current", description = "Show the revisions the database is at.")
final class CurrentCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Show every detail of each revision.")
    boolean verbose;

    @Option(names = "--check-heads", description = "Fail unless the database is at every head.")
    boolean checkHeads;

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        String database = project.database();
        DatabaseState state = retort.current();
        RevisionFormat format = new RevisionFormat(retort, project.baseDirectory(), Set.of());
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().field("database", database).field("version_rows", state.versionRows())
                        .startArray("current");
                for (Revision revision : state.current()) {
                    RevisionJson.write(json, revision, retort.graph(), format, Set.of());
                }
                json.endArray().startArray("unknown");
                for (UnknownRevision unknown : state.unknown()) {
                    json.startObject().field("revision", unknown.id())
                            .field("history", retort.describeUnknown(unknown)).endObject();
                }
                json.endArray().field("at_heads", atHeads(retort, state)).endObject();
            }
        } else {
            if (verbose) {
                root.console.result("Current revision(s) for " + database + ":");
            }
            for (Revision revision : state.current()) {
                root.console.result(format.format(revision, verbose, false, false, false, true));
            }
            for (UnknownRevision unknown : state.unknown()) {
                root.console.result(unknown.id() + " (unknown)");
                root.console.error("warning: " + unknown.id() + " is in the version table but no revision file"
                        + " defines it. " + retort.describeUnknown(unknown));
            }
        }
        if (checkHeads && !atHeads(retort, state)) {
            throw new RetortException("Database is not on all head revisions: it is at "
                    + (state.versionRows().isEmpty() ? "base" : String.join(", ", state.versionRows()))
                    + ", the heads are " + String.join(", ", retort.graph().heads()));
        }
        return 0;
    }

    private static boolean atHeads(Retort retort, DatabaseState state) {
        return new HashSet<>(state.versionRows()).equals(new HashSet<>(retort.graph().realHeads()));
    }
}
