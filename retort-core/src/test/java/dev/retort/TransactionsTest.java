package dev.retort;

import static dev.retort.RunnerOnAllDatabasesTest.query;
import static dev.retort.RunnerOnAllDatabasesTest.tables;
import static dev.retort.RunnerOnAllDatabasesTest.versionRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.runtime.MigrationFailedException;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4's transaction rules where they differ between databases. */
class TransactionsTest {

    @TempDir
    Path project;

    private Retort.Builder builder(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project);
    }

    @Test
    void transactionFalseSectionsRunOutsideTheTransactionOnPostgres() throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (c INTEGER);", "DROP TABLE t;");
        files.file("b2", "-- revision: b2\n-- down_revision: a1\n-- message: index\n\n"
                + "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY ix_t_c ON t (c);\n\n"
                + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY ix_t_c;\n");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Retort retort = builder(db).load();

        retort.upgrade("head");

        assertThat(query(db, "SELECT indexname FROM pg_indexes WHERE tablename = 't'")).containsExactly("ix_t_c");
        assertThat(versionRows(db)).containsExactly("b2");

        retort.downgrade("a1");

        assertThat(query(db, "SELECT indexname FROM pg_indexes WHERE tablename = 't'")).isEmpty();
        assertThat(versionRows(db)).containsExactly("a1");
    }

    @Test
    void oneTransactionForTheRunRollsBackEveryStepOnFailure() throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        files.write("c3", "b2", "three", "SELECT * FROM nowhere;", "");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Retort retort = builder(db).transactionPerMigration(false).load();

        assertThatThrownBy(() -> retort.upgrade("head"))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("The database stays at base;");

        assertThat(versionRows(db)).isEmpty();
        assertThat(tables(db)).doesNotContain("t1", "t2");
        assertThat(retort.appliedHistory()).singleElement().satisfies(e -> {
            assertThat(e.revision()).isEqualTo("c3");
            assertThat(e.success()).isFalse();
        });
    }

    @Test
    void oneTransactionPerMigrationKeepsTheStepsBeforeAFailure() throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "two", "SELECT * FROM nowhere;", "");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = builder(db).load();

        assertThatThrownBy(() -> retort.upgrade("head")).hasMessageContaining("The database stays at a1;");

        assertThat(versionRows(db)).containsExactly("a1");
        assertThat(tables(db)).contains("t1");
    }

    @Test
    void nonTransactionalDdlSaysWhatAlreadyRan() {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);\nCREATE TABLE t2 (id INTEGER);\n"
                + "INSERT INTO nowhere VALUES (1);", "DROP TABLE t2;\nDROP TABLE t1;");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.MARIADB);
        Retort retort = builder(db).load();

        assertThatThrownBy(() -> retort.upgrade("head"))
                .hasMessageContaining("doesn't exist. Statements 1-2 of this migration stay applied (MariaDB"
                        + " cannot roll back DDL): fix the cause and run 'retort repair a1 --resume' to continue from"
                        + " statement 3, or undo them by hand and run 'retort repair a1 --mark-rolled-back'. The"
                        + " database stays at base;");
    }

    @Test
    void versionAndHistoryTablesInAnotherSchema() throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA meta");
        }
        Retort retort = builder(db).versionTableSchema("meta").load();

        retort.upgrade("head");

        assertThat(query(db, "SELECT version_num FROM meta.retort_version")).containsExactly("a1");
        assertThat(query(db, "SELECT count(*) FROM meta.retort_history")).containsExactly("1");
        assertThat(tables(db)).contains("t1").doesNotContain("retort_version");
        assertThat(retort.current().versionRows()).containsExactly("a1");
    }
}
