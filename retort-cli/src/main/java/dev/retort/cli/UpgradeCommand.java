package dev.retort.cli;

import dev.retort.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code retort upgrade TARGET}. */
@Command(name = "upgrade", description = "Upgrade the database to a later revision (head, heads, an id, label@head,"
        + " +N, …).")
final class UpgradeCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "TARGET", description = "Revision to upgrade to; with --sql also START:END.")
    String target;

    @Mixin
    OfflineOptions offline;

    @Mixin
    LockOptions lock;

    @Mixin
    GuardOptions guard;

    @Option(names = "--no-validate",
            description = "Run even though applied revisions' files changed (see 'retort validate'), this once.")
    boolean noValidate;

    @Override
    public Integer call() {
        Project project = root.project();
        if (offline.sql) {
            root.console.raw(project.retort().upgradeSql(target, project.offlineDialect(offline.dialect())));
            return 0;
        }
        String database = project.database();
        RunResult result = lock.retort(project).upgrade(target, guard.runOptions(!noValidate, root.workingDirectory));
        RunOutput.print(root, database, result, guard.backup != null);
        return 0;
    }
}
