package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.runtime.ValidationResult;
import dev.retort.runtime.ValidationResult.Drift;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort validate}: the applied revisions whose file changed or vanished since they ran.
 * Exit status 1 when there is any, with the list on stdout and the way out on stderr.
 */
@Command(name = "validate", description = "List applied revisions whose file changed or vanished since they ran"
        + " (exit 1 when any).")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-v", "--verbose"}, description = "Also list applied revisions without a recorded checksum.")
    boolean verbose;

    @Override
    public Integer call() {
        Project project = root.project();
        String database = project.database();
        ValidationResult result = project.retort().validate();
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().field("database", database).field("valid", result.valid())
                        .field("verified", result.verified()).startArray("problems");
                for (Drift drift : result.drifts()) {
                    json.startObject().field("revision", drift.revision())
                            .field("problem", drift.kind().name().toLowerCase(java.util.Locale.ROOT))
                            .field("file", drift.file())
                            .field("recorded_checksum", drift.recorded().orElse(null))
                            .field("current_checksum", drift.current().orElse(null))
                            .field("recorded_at", drift.record().map(r -> r.startedAt().toString()).orElse(null))
                            .field("description", drift.describe())
                            .endObject();
                }
                json.endArray().field("unverified", result.unverified()).endObject();
            }
        } else {
            for (Drift drift : result.drifts()) {
                root.console.result(drift.describe());
            }
            if (verbose) {
                for (String id : result.unverified()) {
                    root.console.result(id + " has no recorded checksum (stamped, or applied by another tool)");
                }
            }
            if (result.valid()) {
                root.console.status(result.verified() + (result.verified() == 1 ? " applied revision matches its file"
                        : " applied revisions match their files")
                        + (result.unverified().isEmpty() ? "" : "; " + result.unverified().size()
                        + " have no recorded checksum ('retort rehash REV' records one)"));
            }
        }
        if (!result.valid()) {
            throw new RetortException((result.drifts().size() == 1 ? "1 applied revision differs"
                    : result.drifts().size() + " applied revisions differ") + " from what ran. Restore the files,"
                    + " or if the change was intended, record it with 'retort rehash "
                    + String.join(" ", result.driftedIds()) + "'");
        }
        return 0;
    }
}
