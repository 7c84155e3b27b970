package dev.retort.runtime;

import dev.retort.MigrationListener;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.revision.MigrationStep;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.VersionChange;
import dev.retort.revision.VersionHeads;
import dev.retort.script.ExecutionContext;
import dev.retort.script.MigrationBody;
import dev.retort.script.MigrationScript;
import dev.retort.script.SqlStatement;
import dev.retort.dialect.RenderContext;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs planned steps against a live database. The one place that decides transactions and writes
 * the version and history tables (resolve, then execute).
 *
 * <p>Transactions (SPEC §4): where DDL is transactional (PostgreSQL, SQLite) each migration and its
 * version-table change are one transaction, or the whole run is one when
 * {@code transactionPerMigration} is off. Where it is not (MySQL, MariaDB, H2) each migration
 * still commits its version change only after its last statement. Statements marked
 * non-transactional run outside any transaction, after what came before is committed.
 *
 * <p>Not thread-safe; one runner per run.
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final RevisionGraph graph;
    private final Dialect dialect;
    private final VersionTable versionTable;
    private final HistoryTable historyTable;
    private final boolean transactionPerMigration;
    private final MigrationListener listener;
    private final StepScripts stepScripts;
    private final Map<String, String> arguments;

    public MigrationRunner(RevisionGraph graph, Map<String, MigrationScript> scripts, Dialect dialect,
                           VersionTable versionTable, HistoryTable historyTable, boolean transactionPerMigration,
                           MigrationListener listener, RunIdentity identity, Map<String, String> arguments) {
        this.graph = graph;
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.historyTable = historyTable;
        this.transactionPerMigration = transactionPerMigration;
        this.listener = listener;
        this.stepScripts = new StepScripts(scripts, identity);
        this.arguments = Map.copyOf(arguments);
    }

    /**
     * Runs the steps from the given version rows. The version and history tables must exist.
     *
     * @return the version rows afterwards
     * @throws MigrationFailedException when a step fails; earlier steps stay applied (or, with one
     *                                  transaction for the run, are rolled back with it)
     */
    public List<String> run(Connection connection, List<MigrationStep> steps, List<String> startHeads)
            throws SQLException {
        boolean oneTransaction = dialect.transactionalDdl() && !transactionPerMigration;
        boolean autoCommit = connection.getAutoCommit();
        String databaseUser = databaseUser(connection);
        VersionHeads heads = new VersionHeads(graph, startHeads);
        // foreign key enforcement can change only between transactions: with one for the whole run it
        // is off for the whole run if any step needs it off, and checked after every step
        boolean suspendedForRun = false;
        try {
            if (oneTransaction && steps.stream().anyMatch(this::needsForeignKeysOff)) {
                suspendedForRun = suspendForeignKeys(connection);
            }
            connection.setAutoCommit(false);
            for (MigrationStep step : steps) {
                List<String> before = heads.heads();
                Instant started = Instant.now();
                LOG.info("Running {}", step.describe());
                listener.stepStarting(step);
                OnlineContext context = new OnlineContext(connection);
                boolean suspended = false;
                try {
                    if (!oneTransaction && needsForeignKeysOff(step)) {
                        // the previous step has committed, so this commits nothing of this one
                        suspended = suspendForeignKeys(connection);
                    }
                    stepScripts.body(step).ifPresent(body -> runBody(body, context));
                    for (VersionChange change : heads.apply(step)) {
                        versionTable.apply(connection, change);
                    }
                    if (suspended || suspendedForRun) {
                        context.current = Optional.empty();
                        checkForeignKeys(connection);
                    }
                    Instant finished = Instant.now();
                    historyTable.record(connection, stepScripts.entry(step, started, Optional.of(finished), true,
                            Optional.empty(), Optional.empty(), databaseUser));
                    if (!oneTransaction) {
                        connection.commit();
                    }
                    listener.stepFinished(step, Duration.between(started, finished));
                } catch (SQLException | RuntimeException e) {
                    List<String> staysAt = oneTransaction ? startHeads : before;
                    throw fail(connection, step, context, e, started, staysAt, databaseUser);
                } finally {
                    if (suspended) {
                        resumeForeignKeys(connection);
                    }
                }
            }
            if (oneTransaction) {
                connection.commit();
            }
            return heads.heads();
        } finally {
            if (suspendedForRun) {
                rollbackQuietly(connection);
                resumeForeignKeys(connection);
            }
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Asked only of a dialect that can ever need it: a Java revision's body runs its check pass to answer. */
    private boolean needsForeignKeysOff(MigrationStep step) {
        return dialect.foreignKeysOffSql().isPresent() && stepScripts.body(step)
                .map(body -> body.needsForeignKeysOff(dialect, false, arguments)).orElse(false);
    }

    /**
     * Turns foreign key enforcement off before a transaction begins (a SQLite table rebuild needs it:
     * see {@link Dialect#needsForeignKeysOff}); whether it was on.
     */
    private boolean suspendForeignKeys(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try {
            boolean wasOn = dialect.suspendForeignKeys(connection);
            if (wasOn) {
                LOG.debug("Foreign key enforcement is off while a migration rebuilds a table");
            }
            return wasOn;
        } finally {
            connection.setAutoCommit(false);
        }
    }

    /** What enforcement would have refused while it was off fails the step, before its commit. */
    private void checkForeignKeys(Connection connection) throws SQLException {
        int limit = 5;
        List<String> violations = dialect.foreignKeyViolations(connection, limit + 1);
        if (!violations.isEmpty()) {
            String listed = String.join("; ", violations.subList(0, Math.min(limit, violations.size())))
                    + (violations.size() > limit ? "; and more" : "");
            throw new RetortException("after it rebuilt a table with foreign key enforcement off, as "
                    + dialect.displayName() + " requires, rows break a foreign key: " + listed
                    + ". Nothing of the migration is kept; make its changes keep every reference, or fix those rows"
                    + " first");
        }
    }

    private void resumeForeignKeys(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            connection.setAutoCommit(true);
            dialect.resumeForeignKeys(connection);
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            LOG.warn("Could not turn foreign key enforcement back on for this connection: {}", e.toString());
        }
    }


    private static void runBody(MigrationBody body, ExecutionContext context) {
        try {
            body.run(context);
        } catch (SQLException e) {
            throw new StatementFailure(e);
        }
    }

    /** Carries a statement's SQLException through {@link MigrationBody#run} callers that take no checked ones. */
    private static final class StatementFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatementFailure(SQLException cause) {
            super(cause);
        }
    }

    private MigrationFailedException fail(Connection connection, MigrationStep step, OnlineContext context,
                                          Exception error, Instant started, List<String> staysAt,
                                          String databaseUser) {
        Throwable cause = error instanceof StatementFailure ? error.getCause() : error;
        rollbackQuietly(connection);
        Optional<SqlStatement> failed = context.current;
        String databaseMessage = cause instanceof SQLException ? oneLine(cause.getMessage())
                : cause instanceof RetortException ? cause.getMessage() : cause.toString();
        boolean recorded = recordFailure(connection, step, failed, databaseMessage, started, databaseUser);

        StringBuilder message = new StringBuilder();
        message.append(step.name()).append(' ').append(StepScripts.subject(step));
        location(step).ifPresent(l -> message.append(" (").append(l).append(')'));
        message.append(" failed");
        failed.ifPresent(s -> message.append(" at statement ").append(s.index()).append(" (line ").append(s.line())
                .append(": ").append(abbreviate(s.firstLine())).append(')'));
        message.append(": ").append(databaseMessage).append(". ");
        if (!dialect.transactionalDdl() && context.completed > 0) {
            message.append(context.completed).append(context.completed == 1 ? " statement" : " statements")
                    .append(" of this migration had already run and ").append(dialect.displayName())
                    .append(" cannot roll back DDL: check what they did before retrying. ");
        }
        message.append("The database stays at ").append(staysAt.isEmpty() ? "base" : String.join(", ", staysAt));
        message.append(recorded ? "; the failure is recorded in " + historyTable.name() + "."
                : "; the failure could not be recorded in " + historyTable.name() + ".");
        return new MigrationFailedException(message.toString(), StepScripts.subject(step),
                failed.map(SqlStatement::index), staysAt, cause);
    }

    private boolean recordFailure(Connection connection, MigrationStep step, Optional<SqlStatement> failed,
                                  String error, Instant started, String databaseUser) {
        try {
            connection.setAutoCommit(false);
            historyTable.record(connection, stepScripts.entry(step, started, Optional.of(Instant.now()), false,
                    failed.map(SqlStatement::index), Optional.of(error), databaseUser));
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not record the failure of {} in {}: {}", step.describe(), historyTable.name(),
                    e.toString());
            rollbackQuietly(connection);
            return false;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }

    private Optional<String> location(MigrationStep step) {
        return stepScripts.script(step).map(MigrationScript::location);
    }

    private static String databaseUser(Connection connection) {
        try {
            String user = connection.getMetaData().getUserName();
            return user == null ? "" : user;
        } catch (SQLException e) {
            return "";
        }
    }

    static String oneLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Executes statements on the connection, switching to autocommit for non-transactional ones. */
    private final class OnlineContext implements ExecutionContext {
        private final Connection connection;
        private Optional<SqlStatement> current = Optional.empty();
        private int completed;

        OnlineContext(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }

        @Override
        public boolean isOffline() {
            return false;
        }

        @Override
        public void execute(SqlStatement statement, boolean transactional, List<List<Object>> bindings)
                throws SQLException {
            current = Optional.of(statement);
            if (!transactional && !connection.getAutoCommit()) {
                // CREATE INDEX CONCURRENTLY and friends refuse to run inside a transaction block:
                // everything before them becomes permanent here, as with Alembic's autocommit_block
                connection.commit();
                connection.setAutoCommit(true);
            } else if (transactional && connection.getAutoCommit()) {
                connection.setAutoCommit(false);
            }
            if (bindings.isEmpty()) {
                try (Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                }
            } else {
                executePrepared(statement.sql(), bindings);
            }
            completed++;
            if (!transactional) {
                connection.setAutoCommit(false);
            }
        }

        private void executePrepared(String sql, List<List<Object>> bindings) throws SQLException {
            try (PreparedStatement jdbc = connection.prepareStatement(sql)) {
                for (List<Object> row : bindings) {
                    for (int i = 0; i < row.size(); i++) {
                        dialect.bind(jdbc, i + 1, row.get(i));
                    }
                    if (bindings.size() > 1) {
                        jdbc.addBatch();
                    }
                }
                if (bindings.size() > 1) {
                    jdbc.executeBatch();
                } else {
                    jdbc.execute();
                }
            }
        }

        @Override
        public RenderContext renderContext() {
            return new RenderContext() {
                @Override
                public boolean offline() {
                    return false;
                }

                @Override
                public Optional<Table> table(QualifiedName name) {
                    try {
                        return dialect.readTable(connection, name);
                    } catch (SQLException e) {
                        throw new RetortException("Cannot read the definition of table " + name + ": "
                                + oneLine(e.getMessage()), e);
                    }
                }

                @Override
                public Optional<Connection> connection() {
                    return Optional.of(connection);
                }
            };
        }

        @Override
        public Map<String, String> arguments() {
            return arguments;
        }

        @Override
        public Connection connection() {
            return connection;
        }
    }
}
