package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.RunResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code retort stamp REV...}: write the version table without running migrations. */
@Command(name = "stamp", description = "Set the version table to the given revisions without running migrations.")
final class StampCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", arity = "1..*", description = "Revisions (heads, base, ids…); with --sql"
            + " START:END.")
    List<String> revisions;

    @Option(names = "--purge", description = "Delete every row of the version table first.")
    boolean purge;

    @Mixin
    OfflineOptions offline;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Project project = root.project();
        if (offline.sql) {
            if (purge) {
                throw new RetortException("Can't use --purge with --sql mode");
            }
            root.console.raw(project.retort().stampSql(revisions,
                    project.offlineDialect(offline.dialect())));
            return 0;
        }
        String database = project.database();
        RunResult result = lock.retort(project).stamp(revisions, purge);
        RunOutput.print(root, database, result, false);
        return 0;
    }
}
