package dev.retort.cli;

import dev.retort.runtime.ChecksumValidation.Rehash;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort rehash REV...}: accept the edited files of applied revisions by recording their
 * checksum now in the history table (a {@code rehash} row; the earlier rows stay, as the audit trail).
 */
@Command(name = "rehash", description = "Accept the current file of applied revisions whose checksum changed:"
        + " record it in the history table (earlier rows are kept).")
final class RehashCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", arity = "1..*", description = "Applied revisions (ids, prefixes, labels, heads),"
            + " or the ids of applied revisions whose files were removed on purpose.")
    List<String> revisions;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Project project = root.project();
        String database = project.database();
        List<Rehash> done = lock.retort(project).rehash(revisions);
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().field("database", database).startArray("revisions");
                for (Rehash rehash : done) {
                    json.startObject().field("revision", rehash.revision()).field("file", rehash.file())
                            .field("recorded_checksum", rehash.before().orElse(null))
                            .field("current_checksum", rehash.after().orElse(null))
                            .field("written", rehash.row().isPresent()).endObject();
                }
                json.endArray().endObject();
            }
            return 0;
        }
        for (Rehash rehash : done) {
            String subject = rehash.revision() + (rehash.file().isEmpty() ? "" : " (" + rehash.file() + ")");
            if (rehash.row().isEmpty()) {
                root.console.result(subject + " already matches its recorded checksum; nothing recorded");
            } else if (rehash.after().isEmpty()) {
                root.console.result(subject + ": recorded that its file was removed on purpose");
            } else {
                root.console.result(subject + ": recorded checksum " + shortSum(rehash.after().get())
                        + rehash.before().map(b -> " (was " + shortSum(b) + ")").orElse(" (none was recorded)"));
            }
        }
        return 0;
    }

    private static String shortSum(String checksum) {
        return checksum.substring(0, Math.min(12, checksum.length()));
    }
}
