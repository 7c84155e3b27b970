package dev.retort.bench;

import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database per measured run. SQLite: a new file under the work directory, with the
 * driver's defaults (rollback journal, {@code synchronous=FULL}). PostgreSQL: {@code CREATE
 * DATABASE} on the test kit's server, which is zonky's embedded PostgreSQL (started in this JVM,
 * with {@code fsync=off}) unless {@code PG_JDBC_URL} names another server.
 */
final class Databases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Databases() {
    }

    /** A database to run against: its JDBC URL with any credentials in it, for library and command line. */
    record Target(String kind, String url) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }
    }

    static Target fresh(String kind, Path work) {
        return fresh(kind, work, "");
    }

    /**
     * A fresh database; for SQLite, {@code sqliteParameters} (e.g. {@code synchronous=OFF}) go into
     * the URL, where sqlite-jdbc applies them as pragmas on every connection.
     */
    static Target fresh(String kind, Path work, String sqliteParameters) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> sqlite(work, sqliteParameters);
            case "postgres", "postgresql" -> postgres();
            default -> throw new IllegalArgumentException("--db is sqlite or postgres, not " + kind);
        };
    }

    private static Target sqlite(Path work, String parameters) {
        try {
            Path directory = Files.createDirectories(work.resolve("sqlite"));
            Path file = directory.resolve("run-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()
                    + ".db");
            Files.deleteIfExists(file);
            return new Target("sqlite", "jdbc:sqlite:" + file + (parameters.isEmpty() ? "" : "?" + parameters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Target postgres() {
        FreshDatabase database = TestDatabases.fresh(DatabaseKind.POSTGRES);
        return new Target("postgres", database.urlWithCredentials());
    }

    /** Removes a SQLite file after its run (10,000 tables are a few MB each). */
    static void discard(Target target) {
        if (target.kind().equals("sqlite")) {
            try {
                String file = target.url().substring("jdbc:sqlite:".length());
                int query = file.indexOf('?');
                Files.deleteIfExists(Path.of(query < 0 ? file : file.substring(0, query)));
            } catch (IOException e) {
                // a leftover file under the work directory is harmless
            }
        }
    }

    /** The server's version and the settings that decide what a commit costs. */
    static String describe(Target target) {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            if (target.kind().equals("sqlite")) {
                String version = connection.getMetaData().getDatabaseProductVersion();
                return "SQLite " + version + " (file database; journal_mode=" + pragma(statement, "journal_mode")
                        + ", synchronous=" + pragma(statement, "synchronous") + ")";
            }
            return "PostgreSQL " + show(statement, "server_version") + " (fsync=" + show(statement, "fsync")
                    + ", synchronous_commit=" + show(statement, "synchronous_commit") + ", full_page_writes="
                    + show(statement, "full_page_writes") + ")";
        } catch (SQLException e) {
            return target.kind() + " (settings unreadable: " + e.getMessage() + ")";
        }
    }

    private static String pragma(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String show(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
