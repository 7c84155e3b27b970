package dev.retort.runtime;

import dev.retort.config.Durations;
import dev.retort.dialect.Dialect;
import dev.retort.script.RevisionTimeouts;
import dev.retort.script.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a migration from hurting a live database, per database: the lock and statement
 * timeouts its statements run under, recognising the error of an expired lock timeout (so that
 * the runner can retry), and cleaning up after a failed {@code CREATE INDEX CONCURRENTLY}.
 *
 * <p>The runner tells the guard when a migration starts, around each statement, and when a
 * transaction ends; the guard sets the database's own settings only when a timeout is asked for,
 * so a run without timeouts sends no extra statement. Settings are always put back: a session the
 * runner was given (an application's pooled connection) leaves the run as it came.
 *
 * <p>Chosen by the dialect's name, as {@code SqlMigrationBody.flavor} is: the dialects are being
 * reshaped elsewhere, and these few database facts are kept next to the runner that uses them.
 *
 * <p>Not thread-safe; one per run.
 */
abstract class SessionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

    static SessionGuard forDialect(Dialect dialect, TimeoutPolicy policy) {
        return switch (dialect.name()) {
            case "postgresql" -> new Postgres(dialect, policy);
            case "mysql", "mariadb" -> new MySql(dialect, policy);
            default -> new Unsupported(dialect, policy);
        };
    }

    final Dialect dialect;
    final TimeoutPolicy policy;
    /** The timeouts of the migration running now, with the run's filled in. */
    RevisionTimeouts wanted = RevisionTimeouts.NONE;
    private boolean warnedStatementTimeout;

    SessionGuard(Dialect dialect, TimeoutPolicy policy) {
        this.dialect = dialect;
        this.policy = policy;
    }

    /** A migration is about to run, asking for these timeouts of its own. */
    void migrationStarting(RevisionTimeouts revision) {
        wanted = policy.effective(revision);
    }

    /** Before each statement of a migration. */
    abstract void beforeStatement(Connection connection, boolean transactional) throws SQLException;

    /** After each statement of a migration, whether it succeeded or not. */
    void afterStatement(Connection connection, boolean transactional) throws SQLException {
    }

    /** The runner committed or rolled back: settings made for the transaction are gone. */
    void transactionEnded() {
    }

    /** The run is over: puts back what the guard changed in the session; never throws. */
    void restore(Connection connection) {
    }

    /** Whether the statement failed because its lock timeout expired (and a retry may succeed). */
    abstract boolean isLockTimeout(SQLException error);

    /**
     * After a failed statement, with the transaction rolled back: undoes what the failure left
     * behind that a retry would trip over, and says what it did (a clause for the failure message).
     */
    Optional<String> afterFailure(Connection connection, SqlStatement statement, SQLException error) {
        return Optional.empty();
    }

    /** Where to look for the session holding a lock, for messages. */
    abstract String whoHoldsTheLock();

    void warnStatementTimeoutUnsupported() {
        if (wanted.statementTimeout().filter(d -> !d.isZero()).isPresent() && !warnedStatementTimeout) {
            warnedStatementTimeout = true;
            LOG.warn("statement_timeout is not applied on {}: it has no per-statement timeout that covers DDL",
                    dialect.displayName());
        }
    }

    static boolean anyInChain(SQLException error, java.util.function.Predicate<SQLException> test) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (test.test(e)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * PostgreSQL: {@code lock_timeout} and {@code statement_timeout} through {@code set_config},
     * local to the migration's transaction ({@code SET LOCAL}: a rollback or commit ends it by
     * itself), or for the session around each statement that runs outside a transaction. The
     * values are bound parameters.
     */
    static final class Postgres extends SessionGuard {
        private static final String LOCK = "lock_timeout";
        private static final String STATEMENT = "statement_timeout";
        /** SQLSTATE lock_not_available: what an expired lock_timeout raises. */
        private static final String LOCK_NOT_AVAILABLE = "55P03";
        /** SQLSTATE duplicate_table: the index existed already; the failed statement created nothing. */
        private static final String DUPLICATE_TABLE = "42P07";
        private static final String IDENTIFIER = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
        private static final Pattern CONCURRENT_INDEX = Pattern.compile("(?is)^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+"
                + "CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENTIFIER + "\\s+ON\\s+(?:ONLY\\s+)?("
                + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")?)");

        /** The values before the run, as {@code current_setting} gives them; null until first needed. */
        private Settings original;
        /** What the open transaction has set locally; null when nothing. */
        private Settings local;
        private boolean sessionChanged;

        Postgres(Dialect dialect, TimeoutPolicy policy) {
            super(dialect, policy);
        }

        /** Both values as PostgreSQL text. */
        private record Settings(String lockTimeout, String statementTimeout) {
        }

        @Override
        void beforeStatement(Connection connection, boolean transactional) throws SQLException {
            if (transactional) {
                if (wanted.isEmpty() && local == null) {
                    return;
                }
                Settings target = target(connection);
                if (!target.equals(local == null ? original : local)) {
                    apply(connection, target, true);
                }
                local = target;
            } else if (!wanted.isEmpty()) {
                Settings target = target(connection);
                if (!target.equals(original)) {
                    apply(connection, target, false);
                    sessionChanged = true;
                }
            }
        }

        @Override
        void afterStatement(Connection connection, boolean transactional) throws SQLException {
            if (!transactional && sessionChanged) {
                sessionChanged = false;
                apply(connection, original, false);
            }
        }

        @Override
        void transactionEnded() {
            local = null;
        }

        @Override
        void restore(Connection connection) {
            if (sessionChanged) {
                try {
                    apply(connection, original, false);
                    sessionChanged = false;
                } catch (SQLException e) {
                    LOG.warn("Could not restore lock_timeout and statement_timeout of the session: {}", e.toString());
                }
            }
        }

        private Settings target(Connection connection) throws SQLException {
            if (original == null) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT current_setting('" + LOCK + "'), current_setting('"
                             + STATEMENT + "')")) {
                    rs.next();
                    original = new Settings(rs.getString(1), rs.getString(2));
                }
            }
            return new Settings(wanted.lockTimeout().map(Postgres::text).orElse(original.lockTimeout()),
                    wanted.statementTimeout().map(Postgres::text).orElse(original.statementTimeout()));
        }

        private static String text(Duration duration) {
            return duration.toMillis() + "ms";
        }

        private static void apply(Connection connection, Settings settings, boolean local) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT set_config(?, ?, ?), set_config(?, ?, ?)")) {
                statement.setString(1, LOCK);
                statement.setString(2, settings.lockTimeout());
                statement.setBoolean(3, local);
                statement.setString(4, STATEMENT);
                statement.setString(5, settings.statementTimeout());
                statement.setBoolean(6, local);
                statement.executeQuery().close();
            }
        }

        @Override
        boolean isLockTimeout(SQLException error) {
            return anyInChain(error, e -> LOCK_NOT_AVAILABLE.equals(e.getSQLState()));
        }

        /**
         * A failed {@code CREATE INDEX CONCURRENTLY} leaves its index behind, marked invalid, still
         * maintained on every write and in the way of the next attempt (PostgreSQL documents this).
         * It is found by the name the statement gives, on the table the statement names, and only
         * while {@code pg_index.indisvalid} is false.
         */
        @Override
        Optional<String> afterFailure(Connection connection, SqlStatement statement, SQLException error) {
            Matcher matcher = CONCURRENT_INDEX.matcher(stripLeadingComments(statement.sql()));
            if (!matcher.find() || anyInChain(error, e -> DUPLICATE_TABLE.equals(e.getSQLState()))) {
                return Optional.empty();
            }
            String index = unquote(matcher.group(1));
            String table = matcher.group(2);
            String dropped = null;
            try {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(true);
                try {
                    Optional<String> schema = invalidIndexSchema(connection, index, table);
                    if (schema.isEmpty()) {
                        return Optional.empty();
                    }
                    dropped = dialect.quote(schema.get()) + "." + dialect.quote(index);
                    try (Statement drop = connection.createStatement()) {
                        // CONCURRENTLY: a plain DROP INDEX would lock the table against writes
                        drop.execute("DROP INDEX CONCURRENTLY IF EXISTS " + dropped);
                    }
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
                LOG.info("Dropped the invalid index {} left by a failed CREATE INDEX CONCURRENTLY", dropped);
                return Optional.of("retort dropped the invalid index " + dropped + " that the failed CREATE INDEX"
                        + " CONCURRENTLY left behind");
            } catch (SQLException e) {
                String name = dropped != null ? dropped : dialect.quote(index);
                return Optional.of("the failed CREATE INDEX CONCURRENTLY may have left the invalid index " + name
                        + " behind, and retort could not drop it (" + MigrationRunner.oneLine(e.getMessage())
                        + "): run DROP INDEX CONCURRENTLY IF EXISTS " + name + " before retrying");
            }
        }

        private static Optional<String> invalidIndexSchema(Connection connection, String index, String table)
                throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname FROM pg_catalog.pg_index i"
                    + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relname = ? AND i.indrelid = pg_catalog.to_regclass(?) AND NOT i.indisvalid")) {
                query.setString(1, index);
                query.setString(2, table);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        }

        /** An identifier as PostgreSQL stores it: quoted ones verbatim, others folded to lower case. */
        private static String unquote(String identifier) {
            if (identifier.startsWith("\"")) {
                return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
            }
            return identifier.toLowerCase(java.util.Locale.ROOT);
        }

        private static String stripLeadingComments(String sql) {
            String rest = sql.strip();
            while (true) {
                if (rest.startsWith("--")) {
                    int newline = rest.indexOf('\n');
                    rest = newline < 0 ? "" : rest.substring(newline + 1).strip();
                } else if (rest.startsWith("/*")) {
                    int close = rest.indexOf("*/");
                    rest = close < 0 ? "" : rest.substring(close + 2).strip();
                } else {
                    return rest;
                }
            }
        }

        @Override
        String whoHoldsTheLock() {
            return "pg_locks joined with pg_stat_activity shows who holds it";
        }
    }

    /**
     * MySQL and MariaDB: {@code lock_wait_timeout} (metadata locks, which DDL waits for) and
     * {@code innodb_lock_wait_timeout} (row locks, which data changes wait for) are session
     * variables in whole seconds, so a shorter timeout is rounded up to one second. Both expire with
     * error 1205, ER_LOCK_WAIT_TIMEOUT. They are set before a migration's first statement and put
     * back when the run ends; DDL commits on its own here, so there is no transaction to scope them.
     */
    static final class MySql extends SessionGuard {
        private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

        private long[] original;
        private long[] current;

        MySql(Dialect dialect, TimeoutPolicy policy) {
            super(dialect, policy);
        }

        @Override
        void beforeStatement(Connection connection, boolean transactional) throws SQLException {
            warnStatementTimeoutUnsupported();
            if (wanted.lockTimeout().isEmpty() && current == null) {
                return;
            }
            if (original == null) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery(
                             "SELECT @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
                    rs.next();
                    original = new long[] {rs.getLong(1), rs.getLong(2)};
                    current = original;
                }
            }
            long[] target = wanted.lockTimeout().filter(d -> !d.isZero())
                    .map(d -> new long[] {seconds(d), seconds(d)}).orElse(original);
            if (!java.util.Arrays.equals(target, current)) {
                set(connection, target);
                current = target;
            }
        }

        /** Whole seconds, rounded up: the variables take nothing finer. */
        private static long seconds(Duration duration) {
            long millis = duration.toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }

        private static void set(Connection connection, long[] values) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // numbers computed here, not user text: nothing to bind
                statement.execute("SET SESSION lock_wait_timeout = " + values[0] + ", innodb_lock_wait_timeout = "
                        + values[1]);
            }
        }

        @Override
        void restore(Connection connection) {
            if (current != null && !java.util.Arrays.equals(current, original)) {
                try {
                    set(connection, original);
                    current = original;
                } catch (SQLException e) {
                    LOG.warn("Could not restore lock_wait_timeout of the session: {}", e.toString());
                }
            }
        }

        @Override
        boolean isLockTimeout(SQLException error) {
            return anyInChain(error, e -> e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT);
        }

        @Override
        String whoHoldsTheLock() {
            return "SHOW PROCESSLIST (and, for row locks, information_schema.innodb_trx) shows who holds it";
        }
    }

    /** SQLite and H2: no timeouts applied (said once in the log when one is asked for). */
    static final class Unsupported extends SessionGuard {
        private boolean warned;

        Unsupported(Dialect dialect, TimeoutPolicy policy) {
            super(dialect, policy);
        }

        @Override
        void beforeStatement(Connection connection, boolean transactional) {
            boolean asked = wanted.lockTimeout().filter(d -> !d.isZero()).isPresent()
                    || wanted.statementTimeout().filter(d -> !d.isZero()).isPresent();
            if (asked && !warned) {
                warned = true;
                LOG.warn("Lock and statement timeouts are not applied on {} (asked for {}, {})", dialect.displayName(),
                        wanted.lockTimeout().map(Durations::format).orElse("no lock timeout"),
                        wanted.statementTimeout().map(Durations::format).orElse("no statement timeout"));
            }
        }

        @Override
        boolean isLockTimeout(SQLException error) {
            return false;
        }

        @Override
        String whoHoldsTheLock() {
            return "";
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + Objects.toString(policy) + "]";
    }
}
