package dev.retort.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The options shared by the commands that move a database: offline SQL and the free tag. */
final class OfflineOptions {

    @Option(names = "--sql", description = "Print the SQL script instead of running it (touches no database).")
    boolean sql;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "Dialect of the --sql script: postgresql, mysql, mariadb, sqlite, h2 (default: the URL's).")
    String dialect;

    @Option(names = "--tag", paramLabel = "TAG", description = "A free tag, passed to Java revisions.")
    String tag;

    Optional<String> dialect() {
        return Optional.ofNullable(dialect);
    }
}
