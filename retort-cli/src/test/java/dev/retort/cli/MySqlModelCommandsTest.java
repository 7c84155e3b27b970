package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code check}, {@code inspect} and {@code revision --autogenerate} on the real MariaDB, through both drivers. */
class MySqlModelCommandsTest {

    @TempDir
    Path dir;

    private Cli cli;

    private FreshDatabase project(DatabaseKind kind) throws IOException {
        cli = new Cli(dir);
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(versions.resolve("a1.sql"), """
                -- revision: a1
                -- down_revision:
                -- message: users and books

                -- migrate:up
                CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL, active BOOLEAN NOT NULL
                    DEFAULT TRUE);
                CREATE TABLE books (id BIGINT PRIMARY KEY, owner_id BIGINT, title LONGTEXT,
                    CONSTRAINT fk_books_owner FOREIGN KEY (owner_id) REFERENCES users (id));

                -- migrate:down
                DROP TABLE books;
                DROP TABLE users;
                """);
        Files.writeString(dir.resolve("model.sql"), """
                CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(300) NOT NULL, active BOOLEAN NOT NULL
                    DEFAULT TRUE, name TEXT, CONSTRAINT uq_users_email UNIQUE (email));
                CREATE TABLE books (id BIGINT PRIMARY KEY, owner_id BIGINT, title LONGTEXT,
                    CONSTRAINT fk_books_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE);
                CREATE INDEX ix_users_name ON users (name(20));""");
        return TestDatabases.fresh(kind);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void checkFailsListingTheOperationsAndInspectPrintsAModelThatChecksClean(DatabaseKind kind) throws IOException {
        FreshDatabase db = project(kind);
        String url = db.urlWithCredentials();
        assertThat(cli.run("--url", url, "upgrade", "head").status()).isZero();

        Cli.Result differs = cli.run("--url", url, "check", "--model", "sql:model.sql");
        assertThat(differs.status()).as(differs.toString()).isEqualTo(1);
        assertThat(differs.out()).isEqualTo("drop foreign key fk_books_owner on books\n"
                + "alter column users.email (type)\nadd column users.name\n"
                + "add unique constraint uq_users_email on users\ncreate index ix_users_name on users\n"
                + "add foreign key fk_books_owner on books\n");

        Cli.Result ddl = cli.run("--url", url, "inspect", "--format", "ddl");
        assertThat(ddl.status()).as(ddl.toString()).isZero();
        assertThat(ddl.out()).contains("CREATE TABLE users (").contains("email VARCHAR(200) NOT NULL")
                .contains("active BOOLEAN NOT NULL DEFAULT 1").contains("INDEX fk_books_owner (owner_id)");
        Files.writeString(dir.resolve("inspected.sql"), ddl.out());
        Cli.Result clean = cli.run("--url", url, "check", "--model", "sql:inspected.sql");
        assertThat(clean.status()).as(clean.toString()).isZero();
        assertThat(clean.out()).isEqualTo("No differences: the database matches inspected.sql\n");

        Cli.Result java = cli.run("--url", url, "inspect", "--class", "Shop", "--package", "com.example");
        assertThat(java.out()).contains("schema.table(\"users\",").contains("column(\"active\", bool()).notNull()");
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/Shop.java"), java.out().replace("package com.example;", ""));
        Cli.Result javaClean = cli.run("--url", url, "check", "--model", "java:db/Shop.java");
        assertThat(javaClean.status()).as(javaClean.toString()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void autogenerateWritesASqlRevisionThatMakesTheDatabaseMatchAndADowngradeThatUndoesIt(DatabaseKind kind)
            throws IOException {
        FreshDatabase db = project(kind);
        String url = db.urlWithCredentials();
        assertThat(cli.run("--url", url, "upgrade", "head").status()).isZero();
        String before = cli.run("--url", url, "inspect", "--format", "ddl").out();

        Cli.Result written = cli.run("--url", url, "revision", "--autogenerate", "-m", "grow users", "--rev-id",
                "b2", "--model", "sql:model.sql");
        assertThat(written.status()).as(written.toString()).isZero();
        assertThat(written.out()).contains("Detected changed column users.email (type)")
                .contains("Detected missing column users.name").contains("Generating ");
        String revision = Files.readString(dir.resolve("migrations/versions/b2_grow_users.sql"));
        assertThat(revision).contains("-- down_revision: a1")
                .contains("ALTER TABLE users MODIFY COLUMN email VARCHAR(300) NOT NULL;")
                .contains("CREATE INDEX ix_users_name ON users (`name`(20));")
                .contains("-- migrate:down\n");

        Cli.Result up = cli.run("--url", url, "upgrade", "head");
        assertThat(up.status()).as(up.toString()).isZero();
        assertThat(cli.run("--url", url, "check", "--model", "sql:model.sql").status()).isZero();
        Cli.Result again = cli.run("--url", url, "revision", "--autogenerate", "-m", "again", "--model",
                "sql:model.sql");
        assertThat(again.out()).isEqualTo("No changes: the database matches model.sql; no revision written\n");

        assertThat(cli.run("--url", url, "downgrade", "a1").status()).isZero();
        assertThat(cli.run("--url", url, "inspect", "--format", "ddl").out()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aUserWhoMayNotCreateTheScratchDatabaseIsToldTheGrant(DatabaseKind kind) throws IOException {
        project(kind);
        FreshDatabase db = TestDatabases.freshWithOwnUser(kind);
        String url = db.urlWithCredentials();
        assertThat(cli.run("--url", url, "upgrade", "head").status()).isZero();

        Cli.Result check = cli.run("--url", url, "check", "--model", "sql:model.sql");

        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).startsWith("FAILED: Comparing with a model needs a scratch database on the MariaDB"
                        + " server, and CREATE DATABASE retort_scratch_")
                .contains("Access denied for user '" + db.user() + "'@'%' to database 'retort_scratch_")
                .contains("GRANT ALL PRIVILEGES ON `retort\\_scratch\\_%`.* TO '" + db.user() + "'@'%'")
                .doesNotContain(db.password());
    }
}
