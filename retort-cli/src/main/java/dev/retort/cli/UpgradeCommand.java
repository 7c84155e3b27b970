package dev.retort.cli;

import dev.retort.RunResult;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--sql", description = "Print the SQL script instead of running it (touches no database).")
    boolean sql;

    @Option(names = "--dialect", paramLabel = "NAME", description = "Dialect of the --sql script (default: the URL's).")
    String dialect;

    @Option(names = "--tag", paramLabel = "TAG", description = "A free tag, passed to Java revisions.")
    String tag;

    @Override
    public Integer call() {
        Project project = root.project();
        if (sql) {
            root.console.raw(project.retort().upgradeSql(target, project.offlineDialect(Optional.ofNullable(dialect))));
            return 0;
        }
        String database = project.database();
        RunResult result = project.retort().upgrade(target);
        RunOutput.print(root, database, result);
        return 0;
    }
}
