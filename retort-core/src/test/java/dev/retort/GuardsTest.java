package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.runtime.HistoryEntry;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lock and statement timeouts, retries after a lock timeout and the clean-up after a failed
 * {@code CREATE INDEX CONCURRENTLY}, on the real PostgreSQL, MariaDB and MySQL (driver) servers;
 * locks are held by a second connection, as a long query of the application would.
 */
class GuardsTest {

    @TempDir
    Path project;

    private Retort.Builder configure(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project);
    }

    @Test
    void postgresTimeoutsAreLocalToEachMigrationAndTheSessionIsLeftAsItCame() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        RevisionFiles files = new RevisionFiles(project);
        String record = "INSERT INTO seen VALUES ('%s', current_setting('lock_timeout'),"
                + " current_setting('statement_timeout'));";
        files.write("a1", "", "configured", "CREATE TABLE seen (rev TEXT, lock_timeout TEXT, statement_timeout TEXT);\n"
                + record.formatted("a1"), "DROP TABLE seen;");
        files.writeWithHeader("b2", "a1", "own timeouts", List.of("lock_timeout: 2s", "statement_timeout: 0"),
                record.formatted("b2"), "");
        files.file("c3", "-- revision: c3\n-- down_revision: b2\n-- lock_timeout: 3s\n\n"
                + "-- migrate:up transaction:false\n" + record.formatted("c3") + "\n\n-- migrate:down\n");
        try (Connection session = db.connect()) {
            Retort retort = Retort.configure().dataSource(new SharedConnection(session)).scriptLocation(project)
                    .statementLockTimeout(Duration.ofSeconds(5)).statementTimeout(Duration.ofMinutes(10)).load();

            retort.upgrade("head");

            assertThat(rows(session, "SELECT rev || ' ' || lock_timeout || ' ' || statement_timeout FROM seen"
                    + " ORDER BY rev")).containsExactly("a1 5s 10min", "b2 2s 0", "c3 3s 10min");
            // the application's session keeps its own settings
            assertThat(rows(session, "SELECT current_setting('lock_timeout') || ' '"
                    + " || current_setting('statement_timeout')")).containsExactly("0 0");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void mysqlLockWaitTimeoutIsSetForTheRunInWholeSecondsAndPutBack(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        RevisionFiles files = new RevisionFiles(project);
        String record = "INSERT INTO seen VALUES ('%s', @@SESSION.lock_wait_timeout,"
                + " @@SESSION.innodb_lock_wait_timeout);";
        files.write("a1", "", "configured", "CREATE TABLE seen (rev VARCHAR(9), lw INT, innodb INT);\n"
                + record.formatted("a1"), "DROP TABLE seen;");
        files.writeWithHeader("b2", "a1", "own", List.of("lock_timeout: 1500ms"), record.formatted("b2"), "");
        files.writeWithHeader("c3", "b2", "none", List.of("lock_timeout: 0"), record.formatted("c3"), "");
        try (Connection session = db.connect()) {
            List<String> before = rows(session, "SELECT CONCAT(@@SESSION.lock_wait_timeout, ' ',"
                    + " @@SESSION.innodb_lock_wait_timeout)");
            Retort retort = Retort.configure().dataSource(new SharedConnection(session)).scriptLocation(project)
                    .statementLockTimeout(Duration.ofSeconds(7)).load();

            retort.upgrade("head");

            assertThat(rows(session, "SELECT CONCAT(rev, ' ', lw, ' ', innodb) FROM seen ORDER BY rev"))
                    .containsExactly("a1 7 7", "b2 2 2", "c3 " + before.get(0));
            assertThat(rows(session, "SELECT CONCAT(@@SESSION.lock_wait_timeout, ' ',"
                    + " @@SESSION.innodb_lock_wait_timeout)")).isEqualTo(before);
        }
    }

    @Test
    void postgresRetriesAMigrationThatHitTheLockTimeoutUntilTheLockIsFree() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        files.write("b2", "a1", "alter", "CREATE TABLE u (id INTEGER);\nALTER TABLE t ADD COLUMN c INTEGER;",
                "ALTER TABLE t DROP COLUMN c; DROP TABLE u;");
        Retort retort = configure(db).statementLockTimeout(Duration.ofMillis(200))
                .lockTimeoutRetries(5, Duration.ofMillis(200)).load();
        retort.upgrade("a1");

        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            execute(blocker, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> rollback(blocker),
                    CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));

            retort.upgrade("head");
            release.join();
        }

        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("b2");
        List<HistoryEntry> b2 = retort.appliedHistory().stream().filter(h -> h.revision().equals("b2")).toList();
        assertThat(b2).hasSizeGreaterThanOrEqualTo(2);
        assertThat(b2.subList(0, b2.size() - 1)).allSatisfy(h -> {
            assertThat(h.success()).isFalse();
            assertThat(h.failedStatement()).contains(2);
            assertThat(h.error()).hasValueSatisfying(e -> assertThat(e).contains("lock timeout"));
        });
        assertThat(b2.get(b2.size() - 1).success()).isTrue();
    }

    @Test
    void withOneTransactionForTheRunTheWholeRunIsRetried() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        files.write("b2", "a1", "other", "CREATE TABLE u (id INTEGER);", "DROP TABLE u;");
        files.write("c3", "b2", "alter", "ALTER TABLE t ADD COLUMN c INTEGER;", "ALTER TABLE t DROP COLUMN c;");
        Retort retort = configure(db).transactionPerMigration(false).statementLockTimeout(Duration.ofMillis(200))
                .lockTimeoutRetries(5, Duration.ofMillis(200)).load();
        retort.upgrade("a1");

        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            execute(blocker, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> rollback(blocker),
                    CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));
            retort.upgrade("head");
            release.join();
        }

        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("c3");
        List<HistoryEntry> history = retort.appliedHistory();
        // each attempt ran b2 again (rolled back with the run) and failed at c3
        assertThat(history.stream().filter(h -> h.revision().equals("c3") && !h.success())).isNotEmpty();
        assertThat(history.stream().filter(h -> h.success()).map(HistoryEntry::revision))
                .containsExactly("a1", "b2", "c3");
    }

    @Test
    void postgresGivesUpAfterTheRetriesAndSaysWhatToDo() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        files.writeWithHeader("b2", "a1", "alter", List.of("lock_timeout: 100ms"),
                "ALTER TABLE t ADD COLUMN c INTEGER;", "ALTER TABLE t DROP COLUMN c;");
        Retort retort = configure(db).lockTimeoutRetries(1, Duration.ofMillis(50)).load();
        retort.upgrade("a1");

        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            execute(blocker, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> retort.upgrade("head"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessage("upgrade b2 (versions/b2.sql) failed at statement 1 (line 7: ALTER TABLE t ADD COLUMN"
                            + " c INTEGER): ERROR: canceling statement due to lock timeout. The lock timeout (100ms)"
                            + " expired: another session holds a lock this migration needs; pg_locks joined with"
                            + " pg_stat_activity shows who holds it. Tried 2 times (lock_timeout_retries = 1); retry"
                            + " later, or raise statement_lock_timeout or lock_timeout_retries. The database stays at"
                            + " a1; the failure is recorded in retort_history.");
            blocker.rollback();
        }
        assertThat(retort.appliedHistory().stream().filter(h -> h.revision().equals("b2") && !h.success()))
                .hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void mysqlRetriesOnlyAMigrationOfWhichNoStatementHadRun(DatabaseKind kind) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        files.write("b2", "a1", "alter", "ALTER TABLE t ADD COLUMN c INTEGER;", "ALTER TABLE t DROP COLUMN c;");
        files.write("c3", "b2", "two statements", "CREATE TABLE u (id INTEGER);\nALTER TABLE t ADD COLUMN d INTEGER;",
                "DROP TABLE u;");
        Retort retort = configure(db).statementLockTimeout(Duration.ofSeconds(1))
                .lockTimeoutRetries(3, Duration.ofMillis(300)).load();
        retort.upgrade("a1");

        try (Connection blocker = db.connect()) {
            // an open transaction that read t holds its metadata lock: ALTER TABLE waits for it
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT COUNT(*) FROM t");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> rollback(blocker),
                    CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
            retort.upgrade("b2");
            release.join();
        }
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("b2");
        assertThat(retort.appliedHistory().stream().filter(h -> h.revision().equals("b2") && !h.success()))
                .isNotEmpty();

        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            execute(blocker, "SELECT COUNT(*) FROM t");
            // the MySQL driver against MariaDB still speaks to MariaDB, and the dialect says so
            String name = "MariaDB";
            assertThatThrownBy(() -> retort.upgrade("head"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("upgrade c3 (versions/c3.sql) failed at statement 2 (line 7: ALTER TABLE"
                            + " t ADD COLUMN d INTEGER): ")
                    .hasMessageContaining("Lock wait timeout exceeded; try restarting transaction. Statement 1 of"
                            + " this migration stays applied (" + name + " cannot roll back DDL): fix the cause and run"
                            + " 'retort repair c3 --resume' to continue from statement 2, or undo it by hand and run"
                            + " 'retort repair c3 --mark-rolled-back'. The lock timeout (1s) expired: another session"
                            + " holds a lock this"
                            + " migration needs; SHOW PROCESSLIST (and, for row locks, information_schema.innodb_trx)"
                            + " shows who holds it. Not retried: part of it had already run. The database stays at"
                            + " b2; the failure is recorded in retort_history.");
            blocker.rollback();
        }
        assertThat(retort.appliedHistory().stream().filter(h -> h.revision().equals("c3") && !h.success()))
                .hasSize(1);
    }

    @Test
    void aFailedConcurrentIndexBuildLeavesNoInvalidIndexBehind() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (c INTEGER);\nINSERT INTO t VALUES (1), (1);", "DROP TABLE t;");
        files.file("b2", "-- revision: b2\n-- down_revision: a1\n\n-- migrate:up transaction:false\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY \"T_c_Key\" ON public.t (c);\n\n-- migrate:down\n");
        Retort retort = configure(db).load();

        assertThatThrownBy(() -> retort.upgrade("head"))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("could not create unique index \"T_c_Key\"")
                .hasMessageContaining(". Retort dropped the invalid index \"public\".\"T_c_Key\" that the failed"
                        + " CREATE INDEX CONCURRENTLY left behind. The database stays at a1");

        assertThat(RunnerOnAllDatabasesTest.query(db, "SELECT count(*) FROM pg_class WHERE relname = 'T_c_Key'"))
                .containsExactly("0");
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("a1");
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
