package dev.retort.runtime.lock;

import static dev.retort.schema.Types.integer;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.CreateTable;
import dev.retort.schema.Column;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2: a row lock, {@code UPDATE <version_table>_lock SET id = id WHERE id = 1}, held by a
 * transaction left open on a connection of its own. H2 has neither advisory nor named locks, and no
 * {@code LOCK TABLE}. The table's one row says nothing and is never changed; only the open
 * transaction's lock on it means anything, and H2 drops it when the session ends: when the client
 * disconnects in server mode, and with the process in embedded mode. So nothing is ever stale.
 *
 * <p>H2 itself lets only one process open a database file in embedded mode; this lock matters
 * between the connections of one process, and between processes that share the database through
 * H2's server or {@code AUTO_SERVER} mode. An {@code UPDATE} (rather than {@code SELECT … FOR
 * UPDATE}) also takes a table lock that {@code INFORMATION_SCHEMA.LOCKS} lists with the holder's
 * session, which is how a waiter finds out who holds it.
 */
final class H2RowLock implements MigrationLock {

    private static final Logger LOG = LoggerFactory.getLogger(H2RowLock.class);
    /** ErrorCode.LOCK_TIMEOUT_1: "Timeout trying to lock table". */
    private static final int LOCK_TIMEOUT = 50200;
    private static final String DUPLICATE_KEY = "23505";

    private final Connection inspection;
    private final ConnectionOpener opener;
    private final Dialect dialect;
    private final QualifiedName table;
    private final String applicationName;
    private Connection dedicated;
    private boolean held;

    H2RowLock(Connection inspection, ConnectionOpener opener, Dialect dialect, QualifiedName versionTable,
              String applicationName) {
        this.inspection = inspection;
        this.opener = opener;
        this.dialect = dialect;
        this.table = lockTable(versionTable);
        this.applicationName = applicationName;
    }

    /** The one-row table the lock is taken on: {@code <version table>_lock}, beside the version table. */
    static QualifiedName lockTable(QualifiedName versionTable) {
        return versionTable.withName(versionTable.name() + "_lock");
    }

    @Override
    public String describe() {
        return "H2 row lock on " + table;
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        if (dedicated == null) {
            dedicated = ConnectionOpener.openForLock(opener, applicationName);
            dedicated.setAutoCommit(true);
            try (Statement statement = dedicated.createStatement()) {
                // fail at once and let LockWait poll, so that a waiter can say who holds the lock (1 ms:
                // H2 takes 0 to mean about two seconds)
                statement.execute("SET LOCK_TIMEOUT 1");
                if (!dialect.tableExists(dedicated, table)) {
                    for (RenderedStatement sql : dialect.render(new CreateTable(Table.of(table,
                            Column.of("id", integer()).notNull(),
                            new PrimaryKey(Optional.of(table.name() + "_pk"), List.of("id"))), true))) {
                        statement.execute(sql.sql());
                    }
                }
                // reading the row does not wait for its lock; writing it would
                String id = dialect.identifier("id");
                statement.execute("INSERT INTO " + dialect.table(table) + " (" + id + ") SELECT 1 WHERE NOT EXISTS"
                        + " (SELECT 1 FROM " + dialect.table(table) + " WHERE " + id + " = 1)");
            } catch (SQLException e) {
                if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                    throw e;
                }
                // another process made the row at the same moment
            }
            dedicated.setAutoCommit(false);
        }
        try (Statement statement = dedicated.createStatement()) {
            String id = dialect.identifier("id");
            int rows = statement.executeUpdate("UPDATE " + dialect.table(table) + " SET " + id + " = " + id + " WHERE "
                    + id + " = 1");
            if (rows != 1) {
                throw new SQLException("the lock table " + table + " lost its row; run the command again");
            }
            held = true;
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == LOCK_TIMEOUT) {
                dedicated.rollback();
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<LockHolder> holder() throws SQLException {
        if (held) {
            return Optional.empty();
        }
        Connection connection = dedicated != null ? dedicated : inspection;
        String schema = table.schema().map(dialect::catalogName).orElse(connection.getSchema());
        String sql = "SELECT s.SESSION_ID, s.USER_NAME, s.CLIENT_ADDR, s.SLEEP_SINCE"
                + " FROM INFORMATION_SCHEMA.LOCKS l JOIN INFORMATION_SCHEMA.SESSIONS s ON s.SESSION_ID = l.SESSION_ID"
                + " WHERE l.TABLE_SCHEMA = ? AND l.TABLE_NAME = ? AND l.SESSION_ID <> SESSION_ID()"
                + " AND s.CONTAINS_UNCOMMITTED AND s.SESSION_STATE <> 'BLOCKED' ORDER BY s.SESSION_START";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, dialect.catalogName(table.name()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime since = rs.getObject(4, OffsetDateTime.class);
                return Optional.of(new LockHolder("H2 session " + rs.getInt(1), Optional.empty(),
                        Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(since).map(OffsetDateTime::toInstant)));
            }
        } finally {
            PostgresAdvisoryLock.endTransaction(connection);
        }
    }

    @Override
    public void release() {
        if (dedicated == null) {
            return;
        }
        try {
            dedicated.rollback();
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
