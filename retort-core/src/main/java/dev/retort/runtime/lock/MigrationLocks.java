package dev.retort.runtime.lock;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MigrationLockMethod;
import dev.retort.schema.QualifiedName;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Makes the {@link MigrationLock} of a database, by the method its dialect names. Stateless. */
public final class MigrationLocks {

    private MigrationLocks() {
    }

    /**
     * The lock for the version table {@code versionTable} of the database that {@code connection}
     * is connected to. Nothing is locked or opened yet.
     *
     * @param connection      the connection the command works on; used only to look at the database
     * @param dedicated       opens the connection the lock is held on
     * @param applicationName what that connection calls itself, e.g. {@code retort lock pid 4242 on web-1}
     */
    public static MigrationLock create(Dialect dialect, QualifiedName versionTable, Connection connection,
                                       ConnectionOpener dedicated, String applicationName) throws SQLException {
        return switch (dialect.migrationLockMethod()) {
            case ADVISORY_LOCK -> new PostgresAdvisoryLock(connection, dedicated, versionTable.toString(),
                    applicationName);
            case NAMED_LOCK -> new MySqlNamedLock(connection, dedicated,
                    versionTable.schema().orElse(connection.getCatalog()), versionTable.name(), applicationName,
                    dialect.displayName());
            case LOCK_FILE -> sqliteFile(connection).<MigrationLock>map(SqliteLockFile::new)
                    .orElseGet(InMemoryDatabase::new);
            case ROW_LOCK -> new H2RowLock(connection, dedicated, dialect, versionTable, applicationName);
        };
    }

    /**
     * A second lock, taken after the migration lock on the migration connection itself, which its
     * session keeps until that session ends. The migration lock, on its own connection, is free the
     * moment a killed holder's socket closes; but the server may still be running the killed
     * process's last statement on its migration session (MySQL finishes, and commits, a DDL statement
     * whose client is gone; PostgreSQL runs on until the statement looks at its socket). The next
     * migrator waits for this lock, and so for that statement to end, before it reads anything.
     * Where there is no server (SQLite, embedded H2) a dead process runs nothing: no second lock.
     */
    public static MigrationLock sessionLock(Dialect dialect, QualifiedName versionTable, Connection connection)
            throws SQLException {
        return switch (dialect.migrationLockMethod()) {
            case ADVISORY_LOCK -> PostgresAdvisoryLock.onMigrationSession(connection, versionTable.toString());
            case NAMED_LOCK -> MySqlNamedLock.onMigrationSession(connection,
                    versionTable.schema().orElse(connection.getCatalog()), versionTable.name(), dialect.displayName());
            case LOCK_FILE, ROW_LOCK -> new NoSecondLock();
        };
    }

    /** Nothing to wait for: no server runs a dead process's statements. */
    private static final class NoSecondLock implements MigrationLock {
        @Override
        public String describe() {
            return "no session lock";
        }

        @Override
        public boolean tryAcquire() {
            return true;
        }

        @Override
        public Optional<LockHolder> holder() {
            return Optional.empty();
        }

        @Override
        public void release() {
            // nothing was taken
        }
    }

    /**
     * The tables a database's lock keeps beside the version table (on H2, {@code <version table>_lock}),
     * which comparisons with a model must leave out as they leave out the version and history tables.
     */
    public static List<QualifiedName> ownTables(Dialect dialect, QualifiedName versionTable) {
        return dialect.migrationLockMethod() == MigrationLockMethod.ROW_LOCK
                ? List.of(H2RowLock.lockTable(versionTable)) : List.of();
    }

    /** The file of SQLite's main database; empty for an in-memory or temporary one. */
    private static Optional<Path> sqliteFile(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    String file = rs.getString("file");
                    return file == null || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
                }
            }
        }
        return Optional.empty();
    }

    /** SQLite in memory: the database lives inside one connection, so no other process can reach it. */
    private static final class InMemoryDatabase implements MigrationLock {
        @Override
        public String describe() {
            return "no lock (an in-memory SQLite database belongs to one connection)";
        }

        @Override
        public boolean tryAcquire() {
            return true;
        }

        @Override
        public Optional<LockHolder> holder() {
            return Optional.empty();
        }

        @Override
        public void release() {
            // nothing was taken
        }
    }
}
