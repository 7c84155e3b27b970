package dev.retort.runtime.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL and MariaDB: a named lock, {@code GET_LOCK(name, 0)}, on a connection of its own. Named
 * locks belong to the session, not to a transaction, so the implicit commit of every DDL statement
 * on the migration connection leaves it alone; the server frees it when the session ends, normally
 * or not (a killed client's socket closes, and its session with it).
 *
 * <p>Named locks are server-wide, so the name carries the database and the version table:
 * {@code retort:<database>.<table>}, or a hash of that when it is longer than the 64 characters
 * MySQL allows. On Galera clusters {@code GET_LOCK} is local to one node; run migrations from one
 * node there.
 */
final class MySqlNamedLock implements MigrationLock {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlNamedLock.class);
    private static final int LONGEST_NAME = 64;
    /** The longest wait_timeout MySQL accepts (a year, in seconds). */
    private static final long LONGEST_WAIT_TIMEOUT = 31_536_000L;

    private final Connection inspection;
    private final ConnectionOpener opener;
    private final String name;
    private final String applicationName;
    private final String product;
    /** False for the migration session's own lock: the connection is the command's, not ours to close. */
    private final boolean ownsConnection;
    private Connection dedicated;
    private boolean held;

    MySqlNamedLock(Connection inspection, ConnectionOpener opener, String database, String table,
                   String applicationName, String product) {
        this.inspection = inspection;
        this.opener = opener;
        this.name = name("retort:", database, table);
        this.applicationName = applicationName;
        this.product = product;
        this.ownsConnection = true;
    }

    private MySqlNamedLock(Connection session, String database, String table, String product) {
        this.inspection = session;
        this.opener = null;
        this.name = name("retort-session:", database, table);
        this.applicationName = null;
        this.product = product;
        this.ownsConnection = false;
        this.dedicated = session;
    }

    /** The lock the migration connection {@code session} itself takes, after the migration lock. */
    static MySqlNamedLock onMigrationSession(Connection session, String database, String table, String product) {
        return new MySqlNamedLock(session, database, table, product);
    }

    static String name(String database, String table) {
        return name("retort:", database, table);
    }

    private static String name(String prefix, String database, String table) {
        String plain = prefix + database + "." + table;
        if (plain.length() <= LONGEST_NAME) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String describe() {
        String lock = product + " named lock '" + name + "'";
        return ownsConnection ? lock : "the migration session's " + lock + ", which the session of a killed migrator"
                + " keeps until its last statement ends";
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        if (dedicated == null) {
            dedicated = ConnectionOpener.openForLock(opener, applicationName);
            dedicated.setAutoCommit(true);
            try (Statement statement = dedicated.createStatement()) {
                // the server closes a session idle for wait_timeout (8 hours by default) and frees its
                // lock with it; this session is idle for as long as the migrations run
                statement.execute("SET SESSION wait_timeout = " + LONGEST_WAIT_TIMEOUT);
            }
        }
        try (PreparedStatement statement = dedicated.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                int result = rs.getInt(1);
                if (rs.wasNull()) {
                    throw new SQLException("GET_LOCK('" + name + "') failed (returned NULL)");
                }
                held = result == 1;
                return held;
            }
        }
    }

    @Override
    public Optional<LockHolder> holder() throws SQLException {
        Connection connection = dedicated != null ? dedicated : inspection;
        try {
            long id;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT IS_USED_LOCK(?), CONNECTION_ID()")) {
                statement.setString(1, name);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                    if (rs.wasNull() || id == rs.getLong(2)) {
                        return Optional.empty();
                    }
                }
            }
            String session = product + " connection " + id;
            Optional<String> user = Optional.empty();
            Optional<String> client = Optional.empty();
            Optional<Instant> since = Optional.empty();
            // without the PROCESS privilege the process list shows only one's own sessions
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT USER, HOST, TIME FROM information_schema.PROCESSLIST WHERE ID = ?")) {
                statement.setLong(1, id);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        user = Optional.ofNullable(rs.getString(1));
                        client = Optional.ofNullable(rs.getString(2));
                        // TIME: seconds in the current state; retort's lock sessions sleep from the
                        // moment they take the lock
                        since = Optional.of(Instant.now().minusSeconds(rs.getLong(3)));
                    }
                }
            }
            return Optional.of(new LockHolder(session, programName(connection, id), client, user, since));
        } finally {
            PostgresAdvisoryLock.endTransaction(connection);
        }
    }

    /** The holder's program_name connection attribute, where performance_schema records it (MySQL 8 by default). */
    private static Optional<String> programName(Connection connection, long id) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT ATTR_VALUE FROM"
                + " performance_schema.session_connect_attrs WHERE PROCESSLIST_ID = ?"
                + " AND ATTR_NAME = 'program_name'")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    public void release() {
        if (dedicated == null) {
            return;
        }
        if (!ownsConnection) {
            if (held) {
                try (PreparedStatement statement = dedicated.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    statement.setString(1, name);
                    statement.executeQuery().close();
                } catch (SQLException e) {
                    LOG.debug("could not release {}: {}; it goes with the session", describe(), e.getMessage());
                }
                held = false;
            }
            return;
        }
        try {
            if (held) {
                try (PreparedStatement statement = dedicated.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    statement.setString(1, name);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) != 1) {
                            LOG.warn("The {} was no longer held when released: its session was reset during the"
                                    + " run, so another process may have migrated at the same time; check 'retort"
                                    + " history' and 'retort current'", describe());
                        }
                    }
                }
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
}
