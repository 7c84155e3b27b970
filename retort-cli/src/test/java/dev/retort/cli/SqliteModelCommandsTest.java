package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}, {@code inspect}, {@code diff} and {@code revision --autogenerate} against real SQLite
 * files, where most changes to a table rebuild it.
 */
class SqliteModelCommandsTest {

    @TempDir
    Path dir;

    private Cli cli;
    private FreshDatabase db;

    @BeforeEach
    void project() throws IOException {
        db = TestDatabases.fresh(DatabaseKind.SQLITE);
        cli = new Cli(dir);
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(versions.resolve("a1.sql"), """
                -- revision: a1
                -- down_revision:
                -- message: users

                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL);
                CREATE TABLE books (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
                INSERT INTO users (id, email) VALUES (1, 'a@example.com');
                INSERT INTO books (id, owner_id) VALUES (10, 1);

                -- migrate:down
                DROP TABLE books;
                DROP TABLE users;
                """);
        Files.writeString(dir.resolve("same.sql"), """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL);
                CREATE TABLE books (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
                """);
        Files.writeString(dir.resolve("model.sql"), """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(300) NOT NULL, name TEXT);
                CREATE INDEX ix_users_name ON users (name);
                CREATE TABLE books (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
                """);
    }

    private String url() {
        return db.jdbcUrl();
    }

    @Test
    void checkPassesWhenTheDatabaseMatchesAndFailsListingTheRebuildAndItsChangesWhenNot() {
        ok("--url", url(), "upgrade", "head");

        Cli.Result same = cli.run("--url", url(), "check", "--model", "sql:same.sql");
        assertThat(same.status()).as(same.toString()).isZero();
        assertThat(same.out()).isEqualTo("No differences: the database matches same.sql\n");

        Cli.Result differs = cli.run("--url", url(), "check", "--model", "sql:model.sql");
        assertThat(differs.status()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out()).isEqualTo("batch alter table users (3 changes)\n  alter column users.email (type)\n"
                + "  add column users.name\n  create index ix_users_name on users\n");
        assertThat(differs.err()).isEqualTo("FAILED: The database differs from model.sql in 3 ways; 'retort revision"
                + " --autogenerate -m MESSAGE' writes the revision that removes them\n");
    }

    @Test
    void inspectPrintsAModelThatChecksClean() throws IOException {
        ok("--url", url(), "upgrade", "head");

        Cli.Result ddl = cli.run("--url", url(), "inspect", "--format", "ddl");
        assertThat(ddl.status()).as(ddl.toString()).isZero();
        assertThat(ddl.out()).contains("CREATE TABLE users (").contains("email VARCHAR(200) NOT NULL")
                .contains("FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE")
                .doesNotContain("retort_version").doesNotContain("retort_history");
        Files.writeString(dir.resolve("inspected.sql"), ddl.out());
        Cli.Result check = cli.run("--url", url(), "check", "--model", "sql:inspected.sql");
        assertThat(check.status()).as(check.toString()).isZero();

        Cli.Result java = cli.run("--url", url(), "inspect", "--class", "Shop", "--package", "com.example");
        assertThat(java.out()).startsWith("package com.example;").contains("public class Shop implements SchemaModel")
                .contains("schema.table(\"users\",").contains("column(\"email\", varchar(200)).notNull()");
    }

    @Test
    void autogenerateWritesASqlRevisionThatRebuildsTheTableAndADowngradeThatRebuildsItBack() throws Exception {
        ok("--url", url(), "upgrade", "head");
        String before = cli.run("--url", url(), "inspect", "--format", "ddl").out();

        Cli.Result written = cli.run("--url", url(), "revision", "--autogenerate", "-m", "grow users", "--rev-id",
                "b2", "--model", "sql:model.sql");
        assertThat(written.status()).as(written.toString()).isZero();
        assertThat(written.out()).contains("Detected changed column users.email (type)")
                .contains("Detected missing column users.name").contains("Generating ");
        String file = Files.readString(dir.resolve("migrations/versions/b2_grow_users.sql"));
        assertThat(file).contains("-- down_revision: a1")
                .contains("-- migrate:up\n-- WARNING: this rebuilds table users (SQLite's ALTER TABLE cannot make"
                        + " these changes)")
                .contains("CREATE TABLE _retort_tmp_users (\n    id INTEGER,\n    email VARCHAR(300) NOT NULL,\n"
                        + "    name TEXT,\n    PRIMARY KEY (id)\n);")
                .contains("INSERT INTO _retort_tmp_users (id, email)\nSELECT id, email FROM users;")
                .contains("CREATE INDEX ix_users_name ON users (name);")
                .contains("-- migrate:down\n-- WARNING: this rebuilds table users");

        ok("--url", url(), "upgrade", "head");
        ok("--url", url(), "check", "--model", "sql:model.sql");
        assertThat(rows()).containsExactly("users 1 a@example.com", "books 10 1");
        Cli.Result again = cli.run("--url", url(), "revision", "--autogenerate", "-m", "again", "--model",
                "sql:model.sql");
        assertThat(again.out()).isEqualTo("No changes: the database matches model.sql; no revision written\n");

        ok("--url", url(), "downgrade", "a1");
        assertThat(cli.run("--url", url(), "inspect", "--format", "ddl").out()).isEqualTo(before);
        assertThat(rows()).containsExactly("users 1 a@example.com", "books 10 1");
    }

    @Test
    void autogenerateWritesAJavaRevisionWhoseBatchRebuildsTheLiveTableWithForeignKeysEnforced() throws Exception {
        String enforced = url() + "?foreign_keys=true";
        ok("--url", enforced, "upgrade", "head");
        String before = cli.run("--url", enforced, "inspect", "--format", "ddl").out();

        Cli.Result written = cli.run("--url", enforced, "revision", "--autogenerate", "--java", "-m", "grow users",
                "--rev-id", "b2", "--model", "sql:model.sql");
        assertThat(written.status()).as(written.toString()).isZero();
        String java = Files.readString(dir.resolve("migrations/versions/b2_grow_users.java"));
        assertThat(java).contains("op.batchAlterTable(\"users\", b -> {\n")
                .contains("b.alterColumn(\"email\", c -> c.type(varchar(300))")
                .contains("b.addColumn(column(\"name\", text()));")
                .contains("b.createIndex(index(\"ix_users_name\", \"name\"));")
                .contains("b.dropColumn(\"name\");");

        Cli.Result up = cli.run("--url", enforced, "upgrade", "head");
        assertThat(up.status()).as(up.toString()).isZero();
        ok("--url", enforced, "check", "--model", "sql:model.sql");
        // dropping the old copy of users ran no ON DELETE CASCADE: the runner turned enforcement off around it
        assertThat(rows()).containsExactly("users 1 a@example.com", "books 10 1");
        ok("--url", enforced, "downgrade", "a1");
        assertThat(cli.run("--url", enforced, "inspect", "--format", "ddl").out()).isEqualTo(before);
        assertThat(rows()).containsExactly("users 1 a@example.com", "books 10 1");
    }

    @Test
    void aSqlRevisionThatRebuildsATableRunsWithForeignKeysSuspendedToo() throws Exception {
        String enforced = url() + "?foreign_keys=true";
        ok("--url", enforced, "upgrade", "head");
        ok("--url", enforced, "revision", "--autogenerate", "-m", "grow users", "--rev-id", "b2", "--model",
                "sql:model.sql");

        Cli.Result up = ok("--url", enforced, "upgrade", "head");
        assertThat(rows()).containsExactly("users 1 a@example.com", "books 10 1");
        ok("--url", enforced, "downgrade", "a1");
        assertThat(rows()).containsExactly("users 1 a@example.com", "books 10 1");
    }

    @Test
    void diffComparesTwoSqliteDatabasesAndPrintsTheRebuildAsSql() throws SQLException {
        FreshDatabase other = TestDatabases.fresh(DatabaseKind.SQLITE);
        try (Connection c = other.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200))");
            s.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users (id)"
                    + " ON DELETE CASCADE)");
        }
        ok("--url", url(), "upgrade", "head");

        Cli.Result diff = cli.run("diff", "--from", url(), "--to", other.jdbcUrl());
        assertThat(diff.status()).as(diff.toString()).isZero();
        assertThat(diff.out()).isEqualTo("batch alter table users (1 change)\n"
                + "  alter column users.email (drop NOT NULL)\n");

        Cli.Result sql = cli.run("diff", "--from", url(), "--to", other.jdbcUrl(), "--sql");
        assertThat(sql.out()).startsWith("CREATE TABLE _retort_tmp_users (\n    id INTEGER,\n    email VARCHAR(200),\n")
                .contains("ALTER TABLE _retort_tmp_users RENAME TO users;\n");
    }

    @Test
    void whatSqliteCannotBeAskedIsRefusedClearly() throws IOException {
        ok("--url", url(), "upgrade", "head");

        assertThat(cli.run("--url", url(), "check", "--model", "sql:same.sql", "--schema", "aux").err())
                .isEqualTo("FAILED: SQLite has no schemas to read besides the database itself (an attached database"
                        + " lasts only for the connection that attached it), and aux was asked for; leave out"
                        + " --schema\n");

        Files.writeString(dir.resolve("view.sql"), Files.readString(dir.resolve("same.sql"))
                + "CREATE VIEW emails (address) AS SELECT email FROM users;\n");
        assertThat(cli.run("--url", url(), "check", "--model", "sql:view.sql").err())
                .isEqualTo("FAILED: retort cannot read view emails of the SQLite database: it names its columns"
                        + " (address) before AS, which retort's views do not keep; name them as aliases in its SELECT"
                        + " instead; leave it out of the comparison with --exclude-table emails\n");
        assertThat(cli.run("--url", url(), "check", "--model", "sql:view.sql", "--exclude-table", "emails").status())
                .isZero();

        Files.writeString(dir.resolve("broken.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY,);\n");
        assertThat(cli.run("--url", url(), "check", "--model", "sql:broken.sql").err())
                .startsWith("FAILED: broken.sql:1: SQLite refuses the model's statement 1 (CREATE TABLE users (id"
                        + " INTEGER PRIMARY KEY,)): [SQLITE_ERROR] SQL error or missing database (near \")\": syntax"
                        + " error)");
    }

    /** Runs a command that must succeed, showing what it printed when it does not. */
    private Cli.Result ok(String... arguments) {
        Cli.Result result = cli.run(arguments);
        assertThat(result.status()).as(result.toString()).isZero();
        return result;
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, email FROM users ORDER BY id")) {
                while (rs.next()) {
                    rows.add("users " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, owner_id FROM books ORDER BY id")) {
                while (rs.next()) {
                    rows.add("books " + rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return rows;
    }
}
