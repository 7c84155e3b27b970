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
import java.sql.Connection;
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
 * <p>Progress: a step whose statements can commit by themselves (every DDL statement on MySQL,
 * MariaDB and H2; {@code transaction:false} sections anywhere) writes its history row, committed,
 * before the first such statement, and counts in it the statements that ran, committed with each
 * statement that commits by itself (after DML the count waits for the next commit, so that it rolls
 * back with the DML). A run that is killed therefore leaves a row without a finish time that says
 * how many statements stay applied; the statement after them may have run too if the process died
 * in the instant between its end and the commit of the count. A step that stops partway must be
 * repaired before anything else runs ({@code retort repair REV --resume} continues after the
 * statements that ran). Where everything rolls back with the transaction, nothing is written before
 * the step ends, and a killed step leaves no trace.
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
    /** What makes a commit durable at once; dropped after it fails (H2 without admin rights). */
    private Optional<String> flushCommits;

    public MigrationRunner(RevisionGraph graph, Map<String, MigrationScript> scripts, Dialect dialect,
                           VersionTable versionTable, HistoryTable historyTable, boolean transactionPerMigration,
                           MigrationListener listener, RunIdentity identity) {
        this.graph = graph;
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.historyTable = historyTable;
        this.transactionPerMigration = transactionPerMigration;
        this.listener = listener;
        this.stepScripts = new StepScripts(scripts, identity);
        this.flushCommits = dialect.flushCommitsStatement();
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
        return run(connection, steps, startHeads, 0);
    }

    /**
     * Runs the steps as {@link #run(Connection, List, List)} does, except that the first
     * {@code alreadyRun} statements of the first step are not sent to the database: they ran in an
     * earlier run that stopped partway ({@code retort repair REV --resume}).
     */
    public List<String> run(Connection connection, List<MigrationStep> steps, List<String> startHeads,
                            int alreadyRun) throws SQLException {
        boolean oneTransaction = dialect.transactionalDdl() && !transactionPerMigration;
        boolean autoCommit = connection.getAutoCommit();
        String databaseUser = databaseUser(connection);
        VersionHeads heads = new VersionHeads(graph, startHeads);
        try {
            connection.setAutoCommit(false);
            int skip = alreadyRun;
            for (MigrationStep step : steps) {
                List<String> before = heads.heads();
                Instant started = Instant.now();
                LOG.info("Running {}", step.describe());
                listener.stepStarting(step);
                OnlineContext context = new OnlineContext(connection, step, started, databaseUser, skip);
                skip = 0;
                try {
                    stepScripts.body(step).ifPresent(body -> runBody(body, context));
                    for (VersionChange change : heads.apply(step)) {
                        versionTable.apply(connection, change);
                    }
                    Instant finished = Instant.now();
                    HistoryEntry done = stepScripts.entry(step, started, Optional.of(finished), true,
                            Optional.empty(), Optional.empty(), databaseUser);
                    if (context.progressRow.isPresent()) {
                        // the version change and the finished row commit together, so a kill leaves
                        // either both or the row that says every statement ran
                        historyTable.finish(connection, context.progressRow.get(), done);
                    } else {
                        historyTable.record(connection, done);
                    }
                    if (!oneTransaction) {
                        commit(connection);
                    }
                    listener.stepFinished(step, Duration.between(started, finished));
                } catch (SQLException | RuntimeException e) {
                    List<String> staysAt = oneTransaction ? startHeads : before;
                    throw fail(connection, step, context, e, started, staysAt, databaseUser);
                }
            }
            if (oneTransaction) {
                commit(connection);
            }
            return heads.heads();
        } finally {
            restoreAutoCommit(connection, autoCommit);
        }
    }

    /** Commits, and makes the commit durable at once where the database would write it later. */
    private void commit(Connection connection) throws SQLException {
        connection.commit();
        if (flushCommits.isPresent()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(flushCommits.get());
            } catch (SQLException e) {
                LOG.debug("'{}' failed ({}); commits reach the disk when the database writes them",
                        flushCommits.get(), e.getMessage());
                flushCommits = Optional.empty();
            }
        }
    }

    /** Gives the connection back as it came; a connection the database dropped cannot be, and that is no news. */
    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.debug("could not restore autocommit on a broken connection", e);
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
        boolean recorded = recordFailure(connection, step, context, failed, databaseMessage, started, databaseUser);

        StringBuilder message = new StringBuilder();
        String subject = StepScripts.subject(step);
        message.append(step.name()).append(' ').append(subject);
        location(step).ifPresent(l -> message.append(" (").append(l).append(')'));
        message.append(" failed");
        failed.ifPresent(s -> message.append(" at statement ").append(s.index()).append(" (line ").append(s.line())
                .append(": ").append(abbreviate(s.firstLine())).append(')'));
        message.append(": ").append(databaseMessage).append(". ");
        int stayed = context.committedDone;
        if (stayed > 0) {
            message.append(stayed == 1 ? "Statement 1" : "Statements 1-" + stayed).append(" of this migration")
                    .append(stayed == 1 ? " stays" : " stay").append(" applied (")
                    .append(dialect.transactionalDdl() ? "they ran outside a transaction" : dialect.displayName()
                            + " cannot roll back DDL").append("): fix the cause and run 'retort repair ")
                    .append(subject).append(" --resume' to continue from statement ").append(stayed + 1)
                    .append(", or undo ").append(stayed == 1 ? "it" : "them").append(" by hand and run 'retort repair ")
                    .append(subject).append(" --mark-rolled-back'. ");
        }
        message.append("The database stays at ").append(staysAt.isEmpty() ? "base" : String.join(", ", staysAt));
        message.append(recorded ? "; the failure is recorded in " + historyTable.name() + "."
                : "; the failure could not be recorded in " + historyTable.name() + ".");
        return new MigrationFailedException(message.toString(), StepScripts.subject(step),
                failed.map(SqlStatement::index), staysAt, cause);
    }

    private boolean recordFailure(Connection connection, MigrationStep step, OnlineContext context,
                                  Optional<SqlStatement> failed, String error, Instant started, String databaseUser) {
        try {
            connection.setAutoCommit(false);
            HistoryEntry failure = stepScripts.entry(step, started, Optional.of(Instant.now()), false,
                    failed.map(SqlStatement::index), Optional.of(error), databaseUser, context.committedDone);
            if (context.progressRow.isPresent()) {
                historyTable.finish(connection, context.progressRow.get(), failure);
            } else {
                historyTable.record(connection, failure);
            }
            commit(connection);
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

    /**
     * Executes statements on the connection, switching to autocommit for non-transactional ones, and
     * keeps the step's progress row where statements commit by themselves.
     */
    private final class OnlineContext implements ExecutionContext {
        private final Connection connection;
        private final MigrationStep step;
        private final Instant started;
        private final String databaseUser;
        /** Statements of this step that ran in an earlier run, not to be sent again. */
        private final int alreadyRun;
        private Optional<SqlStatement> current = Optional.empty();
        /** Statements the body has handed over so far, skipped ones included. */
        private int sent;
        /** Statements known to be committed: what stays if the step stops now. */
        private int committedDone;
        /** The id of the history row written before the first statement that commits by itself. */
        private Optional<Long> progressRow = Optional.empty();

        OnlineContext(Connection connection, MigrationStep step, Instant started, String databaseUser,
                      int alreadyRun) {
            this.connection = connection;
            this.step = step;
            this.started = started;
            this.databaseUser = databaseUser;
            this.alreadyRun = alreadyRun;
            this.committedDone = alreadyRun;
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
        public void execute(SqlStatement statement, boolean transactional) throws SQLException {
            sent++;
            if (sent <= alreadyRun) {
                LOG.info("Skipping statement {} of {}: it ran before the earlier run stopped", sent, step.describe());
                return;
            }
            current = Optional.of(statement);
            boolean commitsBySelf = !transactional || dialect.commitsImplicitly(statement.sql());
            if (commitsBySelf) {
                // What came before becomes permanent now: CREATE INDEX CONCURRENTLY and friends refuse
                // to run inside a transaction block (as with Alembic's autocommit_block), and MySQL
                // commits before DDL anyway. Committing it ourselves, with the progress row, keeps the
                // row exact even when the statement then fails.
                if (progressRow.isEmpty()) {
                    startProgressRow();
                } else if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                committedDone = sent - 1;
            }
            if (!transactional && !connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            } else if (transactional && connection.getAutoCommit()) {
                connection.setAutoCommit(false);
            }
            try (Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement.sql());
            }
            if (!transactional) {
                connection.setAutoCommit(false);
            }
            if (progressRow.isPresent()) {
                historyTable.progress(connection, progressRow.get(), sent);
                if (commitsBySelf) {
                    commit(connection);
                    committedDone = sent;
                }
            }
        }

        /** Writes and commits the row that says this step is under way, before work that cannot roll back. */
        private void startProgressRow() throws SQLException {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            HistoryEntry running = stepScripts.entry(step, started, Optional.empty(), false, Optional.empty(),
                    Optional.empty(), databaseUser, sent - 1);
            progressRow = Optional.of(historyTable.start(connection, running));
            // commits the statements before this one with it: on PostgreSQL a transaction:false
            // statement commits them anyway
            commit(connection);
            committedDone = sent - 1;
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }

        @Override
        public Connection connection() {
            return connection;
        }
    }
}
