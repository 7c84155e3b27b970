package dev.retort.runtime.lock;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: a session-level advisory lock, {@code pg_try_advisory_lock(key)}, on a connection of
 * its own that runs nothing else and stays in autocommit mode.
 *
 * <p>Why a connection of its own, outside any transaction: the migrations commit, roll back and
 * switch to autocommit for {@code transaction:false} sections on their connection, and a lock tied
 * to that would come and go with them. And why session-level, not {@code pg_try_advisory_xact_lock}
 * as Flyway does by default: a transaction-level lock keeps a transaction open for the whole run,
 * and {@code CREATE INDEX CONCURRENTLY} on the migration connection waits for every open
 * transaction to end, so it would wait for our own lock forever (flyway/flyway#3497, #3682). An idle
 * session that holds a session-level lock has no transaction, so nothing waits for it. The server
 * frees the lock when the session ends: when the process exits, is killed, or loses its
 * connection, the next migrator gets the lock at once, even while the killed migration's last
 * statement may still be running on its own backend.
 *
 * <p>The key is {@code 0x72657472} ("retr") in the high half and the CRC-32 of the version table's
 * name in the low half, so two projects with different version tables in one database do not block
 * each other; advisory locks are per database already. In {@code pg_locks} it shows as
 * {@code classid = 1919251570}, {@code objid} = the CRC, {@code objsubid = 1}.
 */
final class PostgresAdvisoryLock implements MigrationLock {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryLock.class);
    /** "retr": the migration lock. */
    private static final long PREFIX = 0x72657472L;
    /** "rets": the lock the migration session itself holds (see {@link MigrationLocks#sessionLock}). */
    private static final long SESSION_PREFIX = 0x72657473L;

    private final Connection inspection;
    private final ConnectionOpener opener;
    private final String lockName;
    private final String applicationName;
    private final long key;
    /** False for the migration session's own lock: the connection is the command's, not ours to name or close. */
    private final boolean ownsConnection;
    private Connection dedicated;
    private String previousApplicationName;
    private String previousCheckInterval;
    private boolean held;

    /**
     * @param inspection      a connection for looking at {@code pg_locks} before the dedicated one is open
     * @param lockName        the qualified name of the version table, as configured
     * @param applicationName what the lock connection calls itself, so that waiters see who holds it
     */
    PostgresAdvisoryLock(Connection inspection, ConnectionOpener opener, String lockName, String applicationName) {
        this.inspection = inspection;
        this.opener = opener;
        this.lockName = lockName;
        this.applicationName = applicationName;
        this.key = key(PREFIX, lockName);
        this.ownsConnection = true;
    }

    /** The lock the migration connection {@code session} itself takes, after the migration lock. */
    private PostgresAdvisoryLock(Connection session, String lockName) {
        this.inspection = session;
        this.opener = null;
        this.lockName = lockName;
        this.applicationName = null;
        this.key = key(SESSION_PREFIX, lockName);
        this.ownsConnection = false;
        this.dedicated = session;
    }

    static PostgresAdvisoryLock onMigrationSession(Connection session, String lockName) {
        return new PostgresAdvisoryLock(session, lockName);
    }

    static long key(String lockName) {
        return key(PREFIX, lockName);
    }

    private static long key(long prefix, String lockName) {
        CRC32 crc = new CRC32();
        crc.update(lockName.getBytes(StandardCharsets.UTF_8));
        return prefix << 32 | crc.getValue();
    }

    @Override
    public String describe() {
        String lock = "PostgreSQL advisory lock " + (key >>> 32) + "/" + (key & 0xffffffffL) + " for " + lockName;
        return ownsConnection ? lock : "the migration session's " + lock + ", which the session of a killed migrator"
                + " keeps until its last statement ends";
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        if (!ownsConnection) {
            try (PreparedStatement statement = dedicated.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, key);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    held = rs.getBoolean(1);
                }
                if (held) {
                    checkForDeadClient();
                }
            } finally {
                // a session-level lock outlives the transaction; the snapshot must not (committed,
                // not rolled back, so that the setting stays)
                if (!dedicated.getAutoCommit()) {
                    dedicated.commit();
                }
            }
            return held;
        }
        if (dedicated == null) {
            dedicated = ConnectionOpener.openForLock(opener, applicationName);
            dedicated.setAutoCommit(true);
            previousApplicationName = setting(dedicated, "application_name");
            // named before the lock is taken: after it, the session runs nothing, so its
            // pg_stat_activity.state_change is the moment it took the lock
            set(dedicated, "application_name", applicationName);
            try {
                // an idle_session_timeout (PostgreSQL 14+) set for the role would end this idle
                // session, and free the lock, in the middle of a long migration
                set(dedicated, "idle_session_timeout", "0");
            } catch (SQLException olderThan14) {
                LOG.debug("idle_session_timeout not set: {}", olderThan14.getMessage());
            }
        }
        try (PreparedStatement statement = dedicated.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                held = rs.getBoolean(1);
                return held;
            }
        }
    }

    /**
     * PostgreSQL notices that a client died only when it next talks to it, so a killed migrator's
     * long statement would run on, holding this lock (and its table locks), to its end. With
     * {@code client_connection_check_interval} (PostgreSQL 14+) the server looks every second and
     * cancels it. Restored on release: the connection may be an application's.
     */
    private void checkForDeadClient() {
        try {
            previousCheckInterval = setting(dedicated, "client_connection_check_interval");
            set(dedicated, "client_connection_check_interval", "1000");
        } catch (SQLException olderThan14) {
            previousCheckInterval = null;
            LOG.debug("client_connection_check_interval not set: {}", olderThan14.getMessage());
        }
    }

    @Override
    public Optional<LockHolder> holder() throws SQLException {
        Connection connection = dedicated != null ? dedicated : inspection;
        // pg_stat_activity shows another user's client address and state only to superusers and
        // members of pg_read_all_stats; what it hides comes back as NULL and is left out
        String sql = "SELECT l.pid, a.application_name, host(a.client_addr), a.client_hostname, a.usename,"
                + " a.state_change FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.pid <> pg_backend_pid()";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String address = rs.getString(3);
                String hostname = rs.getString(4);
                String client = hostname != null && address != null ? hostname + " (" + address + ")"
                        : hostname != null ? hostname : address;
                OffsetDateTime since = rs.getObject(6, OffsetDateTime.class);
                return Optional.of(new LockHolder("PostgreSQL backend pid " + rs.getInt(1),
                        Optional.ofNullable(rs.getString(2)), Optional.ofNullable(client),
                        Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable(since).map(OffsetDateTime::toInstant)));
            }
        } finally {
            endTransaction(connection);
        }
    }

    @Override
    public void release() {
        if (dedicated == null) {
            return;
        }
        if (!ownsConnection) {
            if (held) {
                try (PreparedStatement statement = dedicated.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    statement.setLong(1, key);
                    statement.executeQuery().close();
                    if (previousCheckInterval != null) {
                        set(dedicated, "client_connection_check_interval", previousCheckInterval);
                    }
                    if (!dedicated.getAutoCommit()) {
                        dedicated.commit();
                    }
                } catch (SQLException e) {
                    LOG.debug("could not release {}: {}; it goes with the session", describe(), e.getMessage());
                }
                held = false;
            }
            return;
        }
        try {
            if (held) {
                try (PreparedStatement statement = dedicated.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    statement.setLong(1, key);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            LOG.warn("The {} was no longer held when released: its session was reset during the"
                                    + " run, so another process may have migrated at the same time; check 'retort"
                                    + " history' and 'retort current'", describe());
                        }
                    }
                }
            }
            if (previousApplicationName != null) {
                // the connection may go back to an application's pool
                set(dedicated, "application_name", previousApplicationName);
            }
        } catch (SQLException e) {
            LOG.warn("Could not release the {} ({}); closing its connection frees it", describe(), e.getMessage());
        } finally {
            held = false;
            try {
                dedicated.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock connection failed", e);
            }
            dedicated = null;
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void set(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            statement.setString(1, name);
            statement.setString(2, value);
            statement.executeQuery().close();
        }
    }

    /** A query on a connection that is not in autocommit mode must not leave a snapshot open while we wait. */
    static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }
}
