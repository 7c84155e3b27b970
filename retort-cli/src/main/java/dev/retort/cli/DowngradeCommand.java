package dev.retort.cli;

import dev.retort.RunResult;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
            root.console.raw(project.retort().downgradeSql(target,
                    project.offlineDialect(Optional.ofNullable(dialect))));
            return 0;
        }
        String database = project.database();
        RunResult result = project.retort().downgrade(target);
        RunOutput.print(root, database, result);
        return 0;
    }
}
