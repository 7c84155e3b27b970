package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check}, {@code inspect} and {@code diff} against a real PostgreSQL. */
class ModelCommandsTest {

    @TempDir
    Path dir;

    private Cli cli;
    private FreshDatabase db;

    @BeforeEach
    void project() throws IOException {
        db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        cli = new Cli(dir);
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(versions.resolve("a1.sql"), """
                -- revision: a1
                -- down_revision:
                -- message: users

                -- migrate:up
                CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL);

                -- migrate:down
                DROP TABLE users;
                """);
        Files.writeString(dir.resolve("same.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL);");
        Files.writeString(dir.resolve("model.sql"), """
                CREATE TABLE users (id bigint PRIMARY KEY, email varchar(300) NOT NULL, name text);
                CREATE INDEX ix_users_name ON users (name);""");
    }

    private String url() {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.user() + "&password="
                + db.password();
    }

    @Test
    void checkPassesWhenTheDatabaseMatchesAndFailsListingTheOperationsWhenNot() {
        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();

        Cli.Result same = cli.run("--url", url(), "check", "--model", "sql:same.sql");
        assertThat(same.status()).as(same.toString()).isZero();
        assertThat(same.out()).isEqualTo("No differences: the database matches same.sql\n");

        Cli.Result differs = cli.run("--url", url(), "check", "--model", "sql:model.sql");
        assertThat(differs.status()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out()).isEqualTo("alter column users.email (type)\nadd column users.name\n"
                + "create index ix_users_name on users\n");
        assertThat(differs.err()).isEqualTo("FAILED: The database differs from model.sql in 3 ways; 'retort revision"
                + " --autogenerate -m MESSAGE' writes the revision that removes them\n");

        Cli.Result json = cli.run("--url", url(), "--json", "check", "--model", "sql:model.sql");
        assertThat(json.out()).contains("\"matches\" : false").contains("\"missing column users.name\"");
    }

    @Test
    void checkRefusesADatabaseBehindItsRevisionsAndABadModel() {
        Cli.Result behind = cli.run("--url", url(), "check", "--model", "sql:same.sql");
        assertThat(behind.err()).isEqualTo("FAILED: Target database is not up to date: 1 pending revision (a1); run"
                + " 'retort upgrade heads' first, so that the comparison sees what the revisions already do\n");

        assertThat(cli.run("--url", url(), "check").err()).isEqualTo("FAILED: No model to compare with: give --model"
                + " sql:FILE (a DDL file), java:FILE (a SchemaModel class), jpa (JPA entities) or db:URL (another"
                + " database), or set model in retort.toml\n");
        assertThat(cli.run("--url", url(), "check", "--model", "sql:nope.sql").err()).isEqualTo("FAILED: Model file"
                + " nope.sql does not exist; give sql:FILE with the path of a DDL file\n");
        assertThat(cli.run("--url", url(), "check", "--model", "xml:x").err()).isEqualTo("FAILED: Unknown model"
                + " 'xml:x': give sql:FILE (a DDL file), java:FILE (a SchemaModel class), jpa (JPA entities) or db:URL"
                + " (another database)\n");
        assertThat(cli.run("--url", url(), "check", "--model", "sql:same.sql", "--rename-table", "x").err())
                .isEqualTo("FAILED: --rename-table x: write OLD=NEW\n");
    }

    @Test
    void inspectPrintsAModelThatChecksClean() throws IOException {
        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();

        Cli.Result ddl = cli.run("--url", url(), "inspect", "--format", "ddl");
        assertThat(ddl.status()).as(ddl.toString()).isZero();
        assertThat(ddl.out()).contains("CREATE TABLE users (").contains("email VARCHAR(200) NOT NULL");
        Files.writeString(dir.resolve("inspected.sql"), ddl.out());
        assertThat(cli.run("--url", url(), "check", "--model", "sql:inspected.sql").status()).isZero();

        Cli.Result java = cli.run("--url", url(), "inspect", "--class", "Shop", "--package", "com.example");
        assertThat(java.out()).startsWith("package com.example;").contains("public class Shop implements SchemaModel")
                .contains("schema.table(\"users\",");
    }

    @Test
    void autogenerateWritesASqlRevisionThatMakesTheDatabaseMatchAndADowngradeThatUndoesIt() throws IOException {
        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();
        String before = cli.run("--url", url(), "inspect", "--format", "ddl").out();

        Cli.Result written = cli.run("--url", url(), "revision", "--autogenerate", "-m", "grow users", "--rev-id",
                "b2", "--model", "sql:model.sql");
        assertThat(written.status()).as(written.toString()).isZero();
        assertThat(written.out()).contains("Detected changed column users.email (type)")
                .contains("Detected missing column users.name").contains("Generating ");
        Path file = dir.resolve("migrations/versions/b2_grow_users.sql");
        assertThat(Files.readString(file)).contains("-- down_revision: a1")
                .contains("-- migrate:up\nALTER TABLE users ALTER COLUMN email TYPE VARCHAR(300);\n\n"
                        + "ALTER TABLE users ADD COLUMN name TEXT;\n\nCREATE INDEX ix_users_name ON users (name);\n")
                .contains("-- migrate:down\nDROP INDEX ix_users_name;\n\nALTER TABLE users DROP COLUMN name;\n\n"
                        + "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(200);\n");
        assertThat(written.err()).contains("lint: migrations/versions/b2_grow_users.sql:")
                .contains("require-concurrent-index-creation");

        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();
        assertThat(cli.run("--url", url(), "check", "--model", "sql:model.sql").status()).isZero();
        Cli.Result again = cli.run("--url", url(), "revision", "--autogenerate", "-m", "again", "--model",
                "sql:model.sql");
        assertThat(again.out()).isEqualTo("No changes: the database matches model.sql; no revision written\n");

        assertThat(cli.run("--url", url(), "downgrade", "a1").status()).isZero();
        assertThat(cli.run("--url", url(), "inspect", "--format", "ddl").out()).isEqualTo(before);
    }

    @Test
    void autogenerateWritesAJavaRevisionThatCompilesAndRuns() throws IOException {
        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();
        String before = cli.run("--url", url(), "inspect", "--format", "ddl").out();

        Cli.Result written = cli.run("--url", url(), "revision", "--autogenerate", "--java", "-m", "grow users",
                "--rev-id", "b2", "--model", "sql:model.sql");
        assertThat(written.status()).as(written.toString()).isZero();
        String java = Files.readString(dir.resolve("migrations/versions/b2_grow_users.java"));
        assertThat(java).contains("op.alterColumn(\"users\", \"email\", c -> c.type(varchar(300))")
                .contains("op.addColumn(\"users\", column(\"name\", text()));")
                .contains("op.dropColumn(\"users\", \"name\");");

        Cli.Result up = cli.run("--url", url(), "upgrade", "head");
        assertThat(up.status()).as(up.toString()).isZero();
        assertThat(cli.run("--url", url(), "check", "--model", "sql:model.sql").status()).isZero();
        assertThat(cli.run("--url", url(), "downgrade", "a1").status()).isZero();
        assertThat(cli.run("--url", url(), "inspect", "--format", "ddl").out()).isEqualTo(before);
    }

    @Test
    void theModelCanBeConfiguredAndAJavaModelsRenamesAreHonoured() throws IOException {
        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/AppSchema.java"), """
                import static dev.retort.schema.Types.*;

                import dev.retort.schema.RenamedFrom;
                import dev.retort.schema.SchemaBuilder;
                import dev.retort.schema.SchemaModel;

                @RenamedFrom(column = "users.email", to = "login")
                class AppSchema implements SchemaModel {
                    public void define(SchemaBuilder schema) {
                        schema.table("users", column("id", bigint()).notNull().primaryKey(),
                                column("login", varchar(200)).notNull());
                    }
                }
                """);
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n"
                + "model = \"java:db/AppSchema.java\"\n");

        Cli.Result check = cli.run("--url", url(), "check");
        assertThat(check.status()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).isEqualTo("alter column users.email (rename to login)\n");

        Files.writeString(dir.resolve("db/Broken.java"), "class Broken { int x = ; }\n");
        Cli.Result broken = cli.run("--url", url(), "check", "--model", "java:db/Broken.java");
        assertThat(broken.err()).startsWith("FAILED: db/Broken.java:1: ");

        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n"
                + "model = \"xml\"\nmodel_naming = \"camel\"\n");
        Cli.Result config = cli.run("--url", url(), "check");
        assertThat(config.err()).contains("'model' must be \"sql:FILE\", \"java:FILE\", \"jpa\" or \"db:URL\","
                + " got \"xml\"").contains("'model_naming' must be \"hibernate\" or \"spring\", got \"camel\"");
    }

    @Test
    void diffComparesTwoDatabasesOfOneKind() throws SQLException {
        FreshDatabase other = TestDatabases.fresh(DatabaseKind.POSTGRES);
        try (Connection c = other.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL, note text)");
        }
        assertThat(cli.run("--url", url(), "upgrade", "head").status()).isZero();
        String otherUrl = other.jdbcUrl() + (other.jdbcUrl().contains("?") ? "&" : "?") + "user=" + other.user()
                + "&password=" + other.password();

        Cli.Result diff = cli.run("diff", "--from", url(), "--to", otherUrl);
        assertThat(diff.status()).as(diff.toString()).isZero();
        assertThat(diff.out()).isEqualTo("add column users.note\n");

        Cli.Result sql = cli.run("diff", "--from", url(), "--to", otherUrl, "--sql");
        assertThat(sql.out()).isEqualTo("ALTER TABLE users ADD COLUMN note TEXT;\n");
    }
}
