package dev.retort.cli;

import dev.retort.RunResult;
import dev.retort.backup.Backup;
import dev.retort.revision.MigrationStep;
import dev.retort.revision.RevisionStep;

/** What {@code upgrade}, {@code downgrade} and {@code stamp} print once they are done. */
final class RunOutput {
    private RunOutput() {
    }

    static void print(RetortCommand root, String database, RunResult result, boolean backupAsked) {
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().field("database", database)
                        .field("heads_before", result.headsBefore())
                        .field("heads_after", result.headsAfter())
                        .startArray("steps");
                for (MigrationStep step : result.steps()) {
                    json.startObject()
                            .field("step", step.name())
                            .field("revision", step instanceof RevisionStep r ? r.revision().id() : null)
                            .field("from", step.fromRevisions())
                            .field("to", step.toRevisions())
                            .field("message", step.doc())
                            .endObject();
                }
                json.endArray();
                if (result.backup().isPresent()) {
                    Backup backup = result.backup().get();
                    json.startObject("backup").field("file", backup.file().toString())
                            .field("method", backup.method()).field("restore", backup.restoreCommand()).endObject();
                }
                json.endObject();
            }
            return;
        }
        if (result.steps().isEmpty()) {
            root.console.progress("Nothing to do: the database is at "
                    + (result.headsAfter().isEmpty() ? "base" : String.join(", ", result.headsAfter()))
                    + (backupAsked ? "; no backup taken" : ""));
        }
    }
}
