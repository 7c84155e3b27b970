package dev.retort.cli;

import dev.retort.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code retort downgrade TARGET}. */
@Command(name = "downgrade", description = "Downgrade the database to an earlier revision (base, an id, -N,"
        + " label@base, …).")
final class DowngradeCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "TARGET", description = "Revision to downgrade to; with --sql START:END is required.")
    String target;

    @Mixin
    OfflineOptions offline;

    @Mixin
    LockOptions lock;

    @Mixin
    GuardOptions guard;

    @Override
    public Integer call() {
        Project project = root.project();
        if (offline.sql) {
            root.console.raw(project.retort().downgradeSql(target,
                    project.offlineDialect(offline.dialect())));
            return 0;
        }
        String database = project.database();
        RunResult result = lock.retort(project).downgrade(target, guard.runOptions(true, root.workingDirectory));
        RunOutput.print(root, database, result, guard.backup != null);
        return 0;
    }
}
