package dev.retort;

import static dev.retort.RunnerOnAllDatabasesTest.query;
import static dev.retort.RunnerOnAllDatabasesTest.tables;
import static dev.retort.RunnerOnAllDatabasesTest.versionRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.runtime.HistoryEntry;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Steps that stop partway where the database cannot roll them back: the history table tells how
 * far they got, commands that write refuse until the step is repaired, and {@code repair} resumes
 * it or records that it was undone by hand.
 */
class RepairTest {

    @TempDir
    Path project;

    private RevisionFiles files;

    private Retort retort(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    /** a1, then b2 whose third statement fails: two tables stay behind where DDL is not transactional. */
    private void brokenSecondRevision() {
        files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);\nCREATE TABLE t3 (id INTEGER);\n"
                + "INSERT INTO nowhere VALUES (1);\nCREATE TABLE t4 (id INTEGER);", "DROP TABLE t4;\nDROP TABLE t3;\n"
                + "DROP TABLE t2;");
    }

    private void fixSecondRevision() {
        files.write("b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);\nCREATE TABLE t3 (id INTEGER);\n"
                + "CREATE TABLE nowhere (id INTEGER);\nCREATE TABLE t4 (id INTEGER);", "DROP TABLE t4;\n"
                + "DROP TABLE nowhere;\nDROP TABLE t3;\nDROP TABLE t2;");
    }

    private static String displayName(DatabaseKind kind) {
        return kind == DatabaseKind.H2 ? "H2" : "MariaDB";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL", "H2"})
    void aStepThatFailsPartwayBlocksEveryCommandThatWritesUntilResumed(DatabaseKind kind) throws SQLException {
        brokenSecondRevision();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining(". Statements 1-2 of this migration stay applied (" + displayName(kind)
                        + " cannot roll back DDL): fix the cause and run 'retort repair b2 --resume' to continue from"
                        + " statement 3, or undo them by hand and run 'retort repair b2 --mark-rolled-back'. The"
                        + " database stays at a1; the failure is recorded in retort_history.");
        HistoryEntry failed = retort.appliedHistory().get(1);
        assertThat(failed.revision()).isEqualTo("b2");
        assertThat(failed.success()).isFalse();
        assertThat(failed.failedStatement()).contains(3);
        assertThat(failed.statementsDone()).isEqualTo(2);
        assertThat(failed.finishedAt()).isPresent();
        assertThat(failed.unfinished()).isTrue();
        assertThat(tables(db)).contains("t2", "t3").doesNotContain("t4");

        String story = Pattern.quote("upgrade b2 (versions/b2.sql) did not finish: it failed at statement 3 (line 8:"
                + " INSERT INTO nowhere VALUES (1)): ") + ".*nowhere.* \\(run started \\S+Z by \\S+\\)\\. "
                + Pattern.quote("Statements 1-2 of 4 ran and stay applied (" + displayName(kind) + " cannot roll back"
                + " DDL), and the version table says a1. Run 'retort repair b2 --resume' to run statement 3 onwards and"
                + " finish the upgrade, or undo those statements by hand and run 'retort repair b2"
                + " --mark-rolled-back'");
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(UnfinishedMigrationException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches(story));
        assertThatThrownBy(() -> retort.downgrade("base")).isInstanceOf(UnfinishedMigrationException.class);
        assertThatThrownBy(() -> retort.stamp(List.of("b2"), false)).isInstanceOf(UnfinishedMigrationException.class);
        assertThatThrownBy(() -> retort.stamp(List.of("b2"), true)).isInstanceOf(UnfinishedMigrationException.class);
        MigrationStatus status = retort.status();
        assertThat(status.upToDate()).isFalse();
        assertThat(status.unfinished()).extracting(HistoryEntry::revision).containsExactly("b2");

        fixSecondRevision();
        Retort fixed = retort(db);
        RunResult resumed = fixed.repair("b2", RepairAction.RESUME);

        assertThat(resumed.headsBefore()).containsExactly("a1");
        assertThat(resumed.headsAfter()).containsExactly("b2");
        assertThat(versionRows(db)).containsExactly("b2");
        assertThat(tables(db)).contains("t2", "t3", "nowhere", "t4");
        List<HistoryEntry> history = fixed.appliedHistory();
        assertThat(history).extracting(HistoryEntry::revision).containsExactly("a1", "b2", "b2");
        assertThat(history.get(2).success()).isTrue();
        assertThat(fixed.status().upToDate()).isTrue();
        assertThat(fixed.upgrade("head").steps()).isEmpty();
        fixed.downgrade("base");
        assertThat(tables(db)).doesNotContain("t1", "t2", "t3", "t4", "nowhere");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "H2"})
    void markRolledBackAfterAManualFixLetsTheRevisionRunAgainFromTheStart(DatabaseKind kind) throws SQLException {
        brokenSecondRevision();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class);
        execute(db, "DROP TABLE t3", "DROP TABLE t2");

        RunResult marked = retort.repair("b2", RepairAction.MARK_ROLLED_BACK);

        assertThat(marked.steps()).isEmpty();
        assertThat(marked.headsAfter()).containsExactly("a1");
        HistoryEntry repair = retort.appliedHistory().get(2);
        assertThat(repair.direction()).isEqualTo(HistoryEntry.Direction.REPAIR);
        assertThat(repair.message()).isEqualTo("upgrade b2 marked rolled back: statements 1-2 undone by hand");
        assertThat(repair.success()).isTrue();
        assertThat(retort.status().unfinished()).isEmpty();

        fixSecondRevision();
        assertThat(retort(db).upgrade("head").steps()).hasSize(1);
        assertThat(tables(db)).contains("t2", "t3", "nowhere", "t4");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL", "H2"})
    void aFailingDmlOnlyMigrationRollsBackAndNeedsNoRepair(DatabaseKind kind) throws SQLException {
        files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "data", "INSERT INTO t1 VALUES (1);\nINSERT INTO t1 VALUES (2);\n"
                + "INSERT INTO nowhere VALUES (3);", "DELETE FROM t1;");
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);

        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class)
                .hasMessageNotContaining("repair");
        assertThat(query(db, "SELECT COUNT(*) FROM t1")).containsExactly("0");
        assertThat(retort.appliedHistory().get(1).statementsDone()).isZero();
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRES", "SQLITE"})
    void whereDdlIsTransactionalAFailureLeavesOnlyItsRowAndNeedsNoRepair(DatabaseKind kind) throws SQLException {
        brokenSecondRevision();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);

        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class)
                .hasMessageNotContaining("repair");
        assertThat(tables(db)).doesNotContain("t2", "t3");
        assertThat(retort.appliedHistory().get(1).statementsDone()).isZero();
        assertThat(retort.status().unfinished()).isEmpty();
        fixSecondRevision();
        assertThat(retort(db).upgrade("head").steps()).hasSize(1);
    }

    @Test
    void aTransactionFalseSectionThatFailsPartwayOnPostgresIsResumed() throws SQLException {
        files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (a INTEGER, b INTEGER, c INTEGER);", "DROP TABLE t;");
        Path b2 = files.file("b2", "-- revision: b2\n-- down_revision: a1\n-- message: indexes\n\n"
                + "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY ix_a ON t (a);\n"
                + "CREATE INDEX CONCURRENTLY ix_b ON t (nosuch);\nCREATE INDEX CONCURRENTLY ix_c ON t (c);\n\n"
                + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY ix_c;\nDROP INDEX CONCURRENTLY ix_b;\n"
                + "DROP INDEX CONCURRENTLY ix_a;\n");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Retort retort = retort(db);
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("Statement 1 of this migration stays applied (they ran outside a transaction):"
                        + " fix the cause and run 'retort repair b2 --resume' to continue from statement 2");
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(UnfinishedMigrationException.class)
                .hasMessageContaining("Statement 1 of 3 ran and stays applied (outside a transaction), and the version"
                        + " table says a1.");

        try {
            Files.writeString(b2, Files.readString(b2).replace("(nosuch)", "(b)"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        retort(db).repair("b2", RepairAction.RESUME);

        assertThat(query(db, "SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY indexname"))
                .containsExactly("ix_a", "ix_b", "ix_c");
        assertThat(versionRows(db)).containsExactly("b2");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aSessionThatDiesMidwayLeavesARowThatSaysHowFarItGot(DatabaseKind kind) throws SQLException {
        files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        // the migration's own session is killed, as a crashed process's would end: the runner can
        // no longer write anything, so the row written before the first statement tells the story
        files.write("b2", "a1", "dies", "CREATE TABLE t2 (id INTEGER);\nKILL CONNECTION_ID();\n"
                + "CREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;\nDROP TABLE t2;");
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class)
                .hasMessageEndingWith("the failure could not be recorded in retort_history.");

        HistoryEntry row = retort.appliedHistory().get(1);
        assertThat(row.finishedAt()).isEmpty();
        assertThat(row.statementsDone()).isEqualTo(1);
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(UnfinishedMigrationException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches("upgrade b2 \\(versions/b2\\.sql\\) did not finish:"
                        + " the run started \\S+Z by \\S+ stopped without recording an end \\(the process was killed or"
                        + " lost its connection\\) while statement 2 of 3 \\(line 7: KILL CONNECTION_ID\\(\\)\\) ran or"
                        + " was about to\\. Statement 1 of 3 ran and stays applied \\(MariaDB cannot roll back DDL\\),"
                        + " and the version table says a1\\. Statement 2 may have taken effect as the process died:"
                        + " check it\\. Run 'retort repair b2 --resume' to run statement 2 onwards and finish the"
                        + " upgrade, or undo that statement by hand and run 'retort repair b2 --mark-rolled-back'"));
    }

    @Test
    void repairSaysWhyWhenThereIsNothingToRepairOrNoWayToResume() throws SQLException {
        brokenSecondRevision();
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.MARIADB);
        Retort retort = retort(db);
        assertThatThrownBy(() -> retort.repair("a1", RepairAction.RESUME))
                .hasMessage("Nothing to repair: retort_history records no unfinished step of a1");
        assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class);

        assertThatThrownBy(() -> retort.repair("zz", RepairAction.RESUME))
                .hasMessage("Can't locate revision identified by 'zz' (a prefix matches only ids longer than 3"
                        + " characters; ids of 3 characters or fewer must be typed in full)");
        assertThatThrownBy(() -> retort.repair("a1", RepairAction.MARK_ROLLED_BACK))
                .hasMessage("Nothing to repair: retort_history records no unfinished step of a1; b2 has one: run"
                        + " 'retort repair b2 --resume' or 'retort repair b2 --mark-rolled-back'");
        assertThatThrownBy(() -> retort.repair("base", RepairAction.RESUME))
                .hasMessage("Nothing to repair at base: name the revision of the unfinished step");

        execute(db, "UPDATE retort_version SET version_num = 'b2'");
        assertThatThrownBy(() -> retort.repair("b2", RepairAction.RESUME))
                .hasMessage("Cannot resume upgrade b2: the version table (b2) already lists b2, so it was changed"
                        + " since the step stopped; check the database and run 'retort repair b2 --mark-rolled-back'");
        execute(db, "UPDATE retort_version SET version_num = 'a1'");

        try {
            Files.delete(files.versions().resolve("b2.sql"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Retort withoutB2 = retort(db);
        assertThatThrownBy(() -> withoutB2.repair("b2", RepairAction.RESUME))
                .hasMessage("Cannot resume upgrade b2: no revision file here defines b2; undo statements 1-2 by hand"
                        + " and run 'retort repair b2 --mark-rolled-back'");
        withoutB2.repair("b2", RepairAction.MARK_ROLLED_BACK);
        assertThat(withoutB2.status().unfinished()).isEmpty();
    }

    @Test
    void aHistoryTableFromBeforeProgressWasRecordedIsToldHowToCatchUp() throws SQLException {
        files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        execute(db, "CREATE TABLE retort_history (id INTEGER PRIMARY KEY AUTOINCREMENT, revision VARCHAR(255) NOT"
                + " NULL, from_revisions TEXT, to_revisions TEXT, direction VARCHAR(16) NOT NULL, message TEXT, script"
                + " VARCHAR(1000), checksum VARCHAR(64), started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,"
                + " duration_ms BIGINT, db_user VARCHAR(255), os_user VARCHAR(255), hostname VARCHAR(255), success"
                + " BOOLEAN NOT NULL, failed_statement INTEGER, error TEXT, tool_version VARCHAR(64))");

        assertThatThrownBy(() -> retort(db).upgrade("head")).hasMessage("The history table retort_history was made"
                + " by an older retort and lacks the column statements_done; add it with: ALTER TABLE retort_history"
                + " ADD statements_done INTEGER");
        execute(db, "ALTER TABLE retort_history ADD statements_done INTEGER");
        assertThat(retort(db).upgrade("head").steps()).hasSize(1);
    }

    private static void execute(FreshDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
