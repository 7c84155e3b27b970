package dev.retort;

import static dev.retort.RunnerOnAllDatabasesTest.query;
import static dev.retort.RunnerOnAllDatabasesTest.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.schema.QualifiedName;
import dev.retort.runtime.lock.LockHolder;
import dev.retort.runtime.lock.MigrationLock;
import dev.retort.runtime.lock.MigrationLocks;
import dev.retort.runtime.lock.UnableToAcquireLockException;
import dev.retort.testkit.AllDatabases;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration lock within one JVM, on every database: a second migrator waits, says who holds the
 * lock, gives up after lock_timeout with a message naming the holder and the setting, and goes on
 * once the holder lets go. (Separate processes, and killed holders: retort-cli's process tests.)
 */
class MigrationLockTest {

    @TempDir
    Path project;

    private Retort.Builder builder(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project);
    }

    private void twoRevisions() {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
    }

    /** Holds the database's migration lock the way a migrating process does, until closed. */
    static final class Holder implements AutoCloseable {
        final Connection connection;
        final MigrationLock lock;

        Holder(FreshDatabase db, String name) throws SQLException {
            connection = db.connect();
            Dialect dialect = Dialects.forMetaData(connection.getMetaData());
            lock = MigrationLocks.create(dialect, QualifiedName.of("retort_version"), connection, n -> db.connect(),
                    name);
            assertThat(lock.tryAcquire()).as("the lock is free at first").isTrue();
        }

        @Override
        public void close() throws SQLException {
            lock.release();
            connection.close();
        }
    }

    /** The one line a waiter that times out prints, with what varies (ids, times, ports) as patterns. */
    private static String expectedTimeout(DatabaseKind kind, FreshDatabase db) {
        String holder = switch (kind) {
            case POSTGRES -> "PostgreSQL backend pid \\d+ \\(application 'test holder', client 127\\.0\\.0\\.1, user"
                    + " postgres\\) since \\S+Z";
            // the embedded server runs with --skip-grant-tables, which leaves the process list's HOST empty
            case MARIADB, MYSQL -> "MariaDB connection \\d+ \\((application 'test holder', )?(client \\S+, )?user"
                    + " root\\) since \\S+Z";
            case SQLITE -> "another connection of this process \\(" + ProcessHandle.current().pid() + "\\) on this"
                    + " host, started \\S+Z \\(application '.*', user \\S+\\)";
            case H2 -> "H2 session \\d+ \\(user SA\\) since \\S+Z";
        };
        String lock = switch (kind) {
            case POSTGRES -> "PostgreSQL advisory lock 1919251570/\\d+ for retort_version";
            case MARIADB, MYSQL -> "MariaDB named lock 'retort:" + db.databaseName() + "\\.retort_version'";
            case SQLITE -> "SQLite lock file \\S+-retort-lock";
            case H2 -> "H2 row lock on retort_version_lock";
        };
        return "Timed out after \\d+ms waiting for the migration lock on \\S+ \\(" + lock + "\\): it is held by "
                + holder + "\\. Another migration is probably running: let it finish, or wait longer with lock_timeout"
                + " in retort\\.toml or --lock-timeout \\(now 300ms; \"forever\" waits as long as the holder's"
                + " session lives\\)";
    }

    @AllDatabases
    void aSecondMigratorGivesUpAfterTheLockTimeoutNamingTheHolderAndTheSetting(DatabaseKind kind) throws Exception {
        twoRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = builder(db).lockTimeout(Duration.ofMillis(300)).load();
        try (Holder holder = new Holder(db, "test holder")) {
            assertThat(holder.lock.holder()).as("the holder does not see another").isEmpty();
            assertThat(retort.lockHolder()).hasValueSatisfying(h ->
                    assertThat(h.describe()).matches(expectedTimeout(kind, db).replaceAll(".*it is held by (.*)\\\\\\."
                            + " Another.*", "$1")));

            assertThatThrownBy(() -> retort.upgrade("head"))
                    .isInstanceOf(UnableToAcquireLockException.class)
                    .satisfies(e -> assertThat(e.getMessage()).matches(expectedTimeout(kind, db)));
            assertThatThrownBy(() -> retort.stamp(List.of("head"), false))
                    .isInstanceOf(UnableToAcquireLockException.class);
            assertThatThrownBy(() -> retort.downgrade("base")).isInstanceOf(UnableToAcquireLockException.class);

            // nothing ran, and read commands do not wait
            assertThat(tables(db)).doesNotContain("t1", "retort_version");
            assertThat(retort.current().versionRows()).isEmpty();
            assertThat(retort.status().pending()).hasSize(2);
        }
        assertThat(retort.lockHolder()).isEmpty();
        retort.upgrade("head");
        assertThat(retort.current().versionRows()).containsExactly("b2");
        assertThat(retort.lockHolder()).as("released after the run").isEmpty();
    }

    @AllDatabases
    void aWaiterSaysWhoHoldsTheLockAndGoesOnWhenItIsReleased(DatabaseKind kind) throws Exception {
        twoRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        List<Optional<LockHolder>> heard = Collections.synchronizedList(new ArrayList<>());
        Retort retort = builder(db).listener(new MigrationListener() {
            @Override
            public void waitingForLock(String database, Optional<LockHolder> holder, Duration waited) {
                heard.add(holder);
            }
        }).load();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RunResult> waiter;
            try (Holder holder = new Holder(db, "test holder")) {
                assertThat(holder.lock.holder()).isEmpty();
                waiter = pool.submit(() -> retort.upgrade("head"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (heard.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(waiter.isDone()).isFalse();
            }
            assertThat(waiter.get(30, TimeUnit.SECONDS).steps()).hasSize(2);
            assertThat(heard).first().satisfies(h -> assertThat(h).isPresent());
        } finally {
            pool.shutdownNow();
        }
    }

    @AllDatabases
    void theLockIsReleasedWhenAMigrationFails(DatabaseKind kind) throws Exception {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "broken", "SELECT * FROM nowhere;", "");
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = builder(db).lockTimeout(Duration.ZERO).load();

        assertThatThrownBy(() -> retort.upgrade("head")).hasMessageContaining("nowhere");

        assertThat(retort.lockHolder()).isEmpty();
        try (Holder again = new Holder(db, "after the failure")) {
            assertThat(again.lock.holder()).isEmpty();
        }
    }

    @AllDatabases
    void migratorsStartedTogetherInOneJvmApplyEachRevisionOnce(DatabaseKind kind) throws Exception {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a0", "", "log", "CREATE TABLE applied (revision VARCHAR(10));", "DROP TABLE applied;");
        String down = "a0";
        for (int i = 1; i <= 10; i++) {
            String id = "r" + i;
            files.write(id, down, "step " + i, "INSERT INTO applied VALUES ('" + id + "');",
                    "DELETE FROM applied WHERE revision = '" + id + "';");
            down = id;
        }
        FreshDatabase db = TestDatabases.fresh(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunResult>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Retort retort = builder(db).load();
                runs.add(pool.submit(() -> retort.upgrade("head")));
            }
            int steps = 0;
            for (Future<RunResult> run : runs) {
                steps += run.get(60, TimeUnit.SECONDS).steps().size();
            }
            assertThat(steps).isEqualTo(11);
        } finally {
            pool.shutdownNow();
        }
        assertThat(query(db, "SELECT revision FROM applied ORDER BY revision")).hasSize(10).doesNotHaveDuplicates();
        assertThat(query(db, "SELECT version_num FROM retort_version")).containsExactly("r10");
    }

    @Test
    void createIndexConcurrentlyDoesNotWaitForTheLockOrForAWaiter() throws Exception {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "table", "CREATE TABLE t (c INTEGER);\nSELECT pg_sleep(0.5);", "DROP TABLE t;");
        files.file("b2", "-- revision: b2\n-- down_revision: a1\n-- message: index\n\n"
                + "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY ix_t_c ON t (c);\n\n"
                + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY ix_t_c;\n");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RunResult> first = pool.submit(() -> builder(db).load().upgrade("head"));
            Thread.sleep(200);
            // waits for the lock while the first run sleeps, then builds its index concurrently
            Future<RunResult> second = pool.submit(() -> builder(db).load().upgrade("head"));
            int steps = first.get(30, TimeUnit.SECONDS).steps().size()
                    + second.get(30, TimeUnit.SECONDS).steps().size();
            assertThat(steps).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(query(db, "SELECT indexname FROM pg_indexes WHERE tablename = 't'")).containsExactly("ix_t_c");
    }

    @Test
    void aDataSourceThatGivesOneConnectionOnlyIsToldToAllowTwo() throws Exception {
        twoRevisions();
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        javax.sql.DataSource one = db.dataSource();
        java.util.concurrent.atomic.AtomicInteger handedOut = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource pool = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && handedOut.incrementAndGet() > 1) {
                        throw new SQLException("Connection is not available, request timed out after 30000ms.");
                    }
                    return method.invoke(one, args);
                });
        Retort retort = Retort.configure().dataSource(pool).scriptLocation(project).load();

        assertThatThrownBy(() -> retort.upgrade("head")).hasMessage("Database error on the configured DataSource:"
                + " cannot open the connection that holds the migration lock (a command that writes uses two: one runs"
                + " the migrations, one holds the lock): Connection is not available, request timed out after"
                + " 30000ms.");
        assertThat(tables(db)).doesNotContain("t1");
    }

    @Test
    void postgresSessionsNameThemselves() throws Exception {
        twoRevisions();
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        RevisionFiles files = new RevisionFiles(project);
        files.write("c3", "b2", "who", "CREATE TABLE seen AS SELECT application_name FROM pg_stat_activity"
                + " WHERE datname = current_database();", "DROP TABLE seen;");
        builder(db).load().upgrade("head");

        assertThat(query(db, "SELECT application_name FROM seen")).containsExactlyInAnyOrder("retort",
                "retort lock pid " + ProcessHandle.current().pid() + " on "
                        + dev.retort.runtime.RunIdentity.current().hostname());
    }
}
