package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.runtime.HistoryEntry;
import dev.retort.testkit.AllDatabases;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version and history tables, and their schema, with names that need quoting (quotes of every
 * kind, spaces, reserved words, non-ASCII letters, the longest name PostgreSQL allows) go through
 * every command on every database and are found again under exactly those names; messages with
 * quotes and SQL in them round-trip through the history table's bind parameters.
 */
class HostileNamesTest {

    /** 63 bytes, PostgreSQL's limit; MySQL's is 64 characters. */
    private static final String LONGEST = "v".repeat(40) + "é".repeat(11) + "x";
    /** Quotes of PostgreSQL, H2 and MySQL, a space, a reserved word as part; in MySQL a schema is a database. */
    private static final String SCHEMA = "Schéma \"q\" `b` 'x'";
    private static final String MESSAGE = "it's \"quoted\"; DROP TABLE t1; -- and `ticked` \\ too";

    @TempDir
    Path project;

    private record Names(String versionTable, String historyTable) {
    }

    private static final List<Names> NAMES = List.of(
            new Names("ver \"sion\" 'tbl' `x`", "select"),
            new Names("vérsiøn_表", "hist-ory with spaces"),
            new Names(LONGEST, "ü".repeat(31)),
            new Names("Order", "user"));

    @AllDatabases
    void everyCommandWorksAndTheTablesAreWhereTheyAreNamed(DatabaseKind kind) throws Exception {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", MESSAGE, "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "second", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        boolean schemas = kind != DatabaseKind.SQLITE;
        for (Names names : NAMES) {
            FreshDatabase db = TestDatabases.fresh(kind);
            // MariaDB and MySQL share a server, where a schema is a database: one of its own each time
            String schema = SCHEMA + " " + db.databaseName().substring(db.databaseName().lastIndexOf('_') + 1);
            if (schemas) {
                createSchema(db, schema);
            }
            Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                    .baseDirectory(project).versionTable(names.versionTable()).historyTable(names.historyTable())
                    .versionTableSchema(schemas ? schema : null).load();

            retort.upgrade("head");
            assertThat(retort.current().versionRows()).as(names.toString()).containsExactly("b2");
            assertThat(retort.validate().valid()).isTrue();
            retort.downgrade("base");
            retort.stamp(List.of("a1"), false);
            retort.stamp(List.of("b2"), true);
            Path b2 = files.versions().resolve("b2.sql");
            java.nio.file.Files.writeString(b2, readString(b2) + "-- edited\n");
            retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                    .baseDirectory(project).versionTable(names.versionTable()).historyTable(names.historyTable())
                    .versionTableSchema(schemas ? schema : null).load();
            assertThat(retort.validate().driftedIds()).containsExactly("b2");
            retort.rehash(List.of("b2"));
            assertThat(retort.current().versionRows()).containsExactly("b2");
            files.write("b2", "a1", "second", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");

            List<HistoryEntry> history = retort.appliedHistory();
            assertThat(history).extracting(HistoryEntry::direction).containsExactly(HistoryEntry.Direction.UPGRADE,
                    HistoryEntry.Direction.UPGRADE, HistoryEntry.Direction.DOWNGRADE, HistoryEntry.Direction.DOWNGRADE,
                    HistoryEntry.Direction.STAMP, HistoryEntry.Direction.STAMP, HistoryEntry.Direction.REHASH);
            assertThat(history.get(0).message()).isEqualTo(MESSAGE);
            assertThat(tables(db, schemas ? schema : null)).as(kind + " " + names)
                    .contains(names.versionTable(), names.historyTable());
        }
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void createSchema(FreshDatabase db, String name) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            boolean mysql = db.kind() == DatabaseKind.MARIADB || db.kind() == DatabaseKind.MYSQL;
            String quoted = mysql ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
            statement.execute((mysql ? "CREATE DATABASE " : "CREATE SCHEMA ") + quoted);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /** The exact table names in the schema (MySQL: database), through JDBC metadata. */
    private static List<String> tables(FreshDatabase db, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = db.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            boolean mysql = db.kind() == DatabaseKind.MARIADB || db.kind() == DatabaseKind.MYSQL;
            String catalog = mysql ? schema : null;
            String schemaPattern = mysql ? null : schema;
            try (ResultSet rs = meta.getTables(catalog, schemaPattern, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }
}
