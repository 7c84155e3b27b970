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
import dev.retort.script.RevisionTimeouts;
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
    private final Map<String, String> arguments;
    private final TimeoutPolicy timeouts;
    private final SessionGuard guard;
    /** Whether a statement of this run was committed before a non-transactional one. */
    private boolean committedInRun;
    /** What makes a commit durable at once; dropped after it fails (H2 without admin rights). */
    private Optional<String> flushCommits;

    public MigrationRunner(RevisionGraph graph, Map<String, MigrationScript> scripts, Dialect dialect,
                           VersionTable versionTable, HistoryTable historyTable, boolean transactionPerMigration,
                           MigrationListener listener, RunIdentity identity) {
        this(graph, scripts, dialect, versionTable, historyTable, transactionPerMigration, listener, identity,
                TimeoutPolicy.DEFAULT, Map.of());
    }

    /**
     * A runner whose migrations run under the given timeouts, retried after a lock timeout, with the
     * run's {@code -x} arguments for Java revisions.
     */
    public MigrationRunner(RevisionGraph graph, Map<String, MigrationScript> scripts, Dialect dialect,
                           VersionTable versionTable, HistoryTable historyTable, boolean transactionPerMigration,
                           MigrationListener listener, RunIdentity identity, TimeoutPolicy timeouts,
                           Map<String, String> arguments) {
        this.graph = graph;
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.historyTable = historyTable;
        this.transactionPerMigration = transactionPerMigration;
        this.listener = listener;
        this.stepScripts = new StepScripts(scripts, identity);
        this.arguments = Map.copyOf(arguments);
        this.timeouts = timeouts;
        this.guard = SessionGuard.forDialect(dialect, timeouts);
        this.flushCommits = dialect.flushCommitsStatement();
    }

    /**
     * Runs the steps from the given version rows. The version and history tables must exist.
     *
     * <p>A migration that fails because its lock timeout expired is run again, after a backoff, up
     * to {@link TimeoutPolicy#retries()} times, where that is safe: where DDL is transactional, when
     * nothing of it had been committed (with one transaction for the run, the whole run is run
     * again, as all of it was rolled back); elsewhere, when none of its statements had completed.
     * Each failed attempt is recorded in the history table.
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
        // foreign key enforcement can change only between transactions: with one for the whole run it
        // is off for the whole run if any step needs it off, and checked after every step
        boolean suspendedForRun = false;
        try {
            if (oneTransaction && steps.stream().anyMatch(this::needsForeignKeysOff)) {
                suspendedForRun = suspendForeignKeys(connection);
            }
            connection.setAutoCommit(false);
            for (int attempt = 1; ; attempt++) {
                VersionHeads heads = new VersionHeads(graph, startHeads);
                try {
                    int skip = alreadyRun;
                    if (oneTransaction) {
                        for (MigrationStep step : steps) {
                            runStep(connection, step, heads, startHeads, true, suspendedForRun, databaseUser,
                                    attempt, skip);
                            skip = 0;
                        }
                        commit(connection);
                    } else {
                        for (MigrationStep step : steps) {
                            runStepRetrying(connection, step, heads, databaseUser, skip);
                            skip = 0;
                        }
                    }
                    return heads.heads();
                } catch (RetryableFailure retry) {
                    // only one transaction for the run gets here: everything was rolled back
                    backoff(retry, attempt);
                }
            }
        } finally {
            if (suspendedForRun) {
                rollbackQuietly(connection);
                resumeForeignKeys(connection);
            }
            guard.restore(connection);
            restoreAutoCommit(connection, autoCommit);
        }
    }

    /** Commits, and makes the commit durable at once where the database would write it later. */
    private void commit(Connection connection) throws SQLException {
        connection.commit();
        guard.transactionEnded();
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

    private void runStepRetrying(Connection connection, MigrationStep step, VersionHeads heads, String databaseUser,
                                 int alreadyRun) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                runStep(connection, step, heads, heads.heads(), false, false, databaseUser, attempt, alreadyRun);
                return;
            } catch (RetryableFailure retry) {
                backoff(retry, attempt);
            }
        }
    }

    private void backoff(RetryableFailure retry, int attempt) {
        Duration wait = timeouts.backoffBefore(attempt);
        LOG.warn("{}; rolled back, retrying in {} (attempt {} of {})", retry.getMessage(),
                dev.retort.config.Durations.format(wait), attempt + 1, timeouts.retries() + 1);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retry.failure;
        }
    }

    /**
     * Runs one step and commits it (unless the run is one transaction).
     *
     * @param staysAt    where the database stays when this step fails
     * @param alreadyRun statements of the step that an earlier, interrupted run ran
     * @throws RetryableFailure         when it hit the lock timeout, may be retried, and may be again
     * @throws MigrationFailedException when it failed otherwise
     */
    private void runStep(Connection connection, MigrationStep step, VersionHeads heads, List<String> staysAt,
                         boolean oneTransaction, boolean suspendedForRun, String databaseUser, int attempt,
                         int alreadyRun) throws SQLException {
        Instant started = Instant.now();
        LOG.info("Running {}", step.describe());
        listener.stepStarting(step);
        OnlineContext context = new OnlineContext(connection, step, started, databaseUser, alreadyRun);
        Optional<MigrationScript> script = stepScripts.script(step);
        guard.migrationStarting(script.map(MigrationScript::timeouts).orElse(RevisionTimeouts.NONE));
        boolean suspended = false;
        try {
            if (!oneTransaction && needsForeignKeysOff(step)) {
                // the previous step has committed, so this commits nothing of this one
                suspended = suspendForeignKeys(connection);
            }
            stepScripts.body(step).ifPresent(body -> runBody(body, context));
            context.inBody = false;
            for (VersionChange change : heads.apply(step)) {
                versionTable.apply(connection, change);
            }
            if (suspended || suspendedForRun) {
                context.current = Optional.empty();
                checkForeignKeys(connection);
            }
            Instant finished = Instant.now();
            HistoryEntry done = stepScripts.entry(step, started, Optional.of(finished), true, Optional.empty(),
                    Optional.empty(), databaseUser);
            if (context.progressRow.isPresent()) {
                // the version change and the finished row commit together, so a kill leaves either
                // both or the row that says how far the statements got
                historyTable.finish(connection, context.progressRow.get(), done);
            } else {
                historyTable.record(connection, done);
            }
            if (!oneTransaction) {
                commit(connection);
            }
            listener.stepFinished(step, Duration.between(started, finished));
        } catch (SQLException | RuntimeException e) {
            throw fail(connection, step, context, e, started, staysAt, databaseUser, oneTransaction, attempt);
        } finally {
            if (suspended) {
                resumeForeignKeys(connection);
            }
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

    /** A migration hit the lock timeout and may be run again; the message says so for the log. */
    private static final class RetryableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final MigrationFailedException failure;

        RetryableFailure(String message, MigrationFailedException failure) {
            super(message, failure);
            this.failure = failure;
        }
    }

    /**
     * Rolls back, cleans up, records the failure and says what happened: the exception to throw,
     * or a {@link RetryableFailure} when the migration hit the lock timeout and may be run again.
     */
    private RuntimeException fail(Connection connection, MigrationStep step, OnlineContext context,
                                  Exception error, Instant started, List<String> staysAt,
                                  String databaseUser, boolean oneTransaction, int attempt) {
        Throwable cause = error instanceof StatementFailure ? error.getCause() : error;
        rollbackQuietly(connection);
        guard.transactionEnded();
        Optional<SqlStatement> failed = context.current;
        Optional<String> cleanup = Optional.empty();
        if (failed.isPresent() && context.inBody && cause instanceof SQLException sql) {
            cleanup = guard.afterFailure(connection, failed.get(), sql);
        }
        String databaseMessage = cause instanceof SQLException ? oneLine(cause.getMessage())
                : cause instanceof RetortException ? cause.getMessage() : cause.toString();
        boolean recorded = recordFailure(connection, step, context, failed, databaseMessage, started, databaseUser);
        boolean lockTimeout = context.inBody && cause instanceof SQLException sql && guard.isLockTimeout(sql);
        Optional<String> notRetryable = lockTimeout ? whyNotRetryable(context, oneTransaction) : Optional.empty();

        StringBuilder message = new StringBuilder();
        String subject = StepScripts.subject(step);
        message.append(step.name()).append(' ').append(subject);
        location(step).ifPresent(l -> message.append(" (").append(l).append(')'));
        message.append(" failed");
        failed.ifPresent(s -> message.append(" at statement ").append(s.index()).append(" (line ").append(s.line())
                .append(": ").append(abbreviate(s.firstLine())).append(')'));
        message.append(": ").append(databaseMessage).append(". ");
        cleanup.ifPresent(note -> message.append(Character.toUpperCase(note.charAt(0))).append(note.substring(1))
                .append(". "));
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
        if (lockTimeout) {
            message.append(lockTimeoutAdvice(attempt, notRetryable));
        }
        message.append("The database stays at ").append(staysAt.isEmpty() ? "base" : String.join(", ", staysAt));
        message.append(recorded ? "; the failure is recorded in " + historyTable.name() + "."
                : "; the failure could not be recorded in " + historyTable.name() + ".");
        MigrationFailedException exception = new MigrationFailedException(message.toString(),
                StepScripts.subject(step), failed.map(SqlStatement::index), staysAt, cause);
        if (lockTimeout && notRetryable.isEmpty() && attempt <= timeouts.retries()) {
            return new RetryableFailure(step.name() + " " + StepScripts.subject(step) + " hit the lock timeout"
                    + failed.map(s -> " at statement " + s.index() + " (line " + s.line() + ")").orElse("")
                    + cleanup.map(note -> "; " + note).orElse(""), exception);
        }
        return exception;
    }

    /** Why a migration that hit the lock timeout cannot simply be run again; empty when it can. */
    private Optional<String> whyNotRetryable(OnlineContext context, boolean oneTransaction) {
        if (dialect.transactionalDdl()) {
            if (context.committed > 0) {
                return Optional.of(context.committed + (context.committed == 1 ? " statement" : " statements")
                        + " of it had already been committed (outside a transaction)");
            }
            if (oneTransaction && committedInRun) {
                return Optional.of("earlier statements of this run had been committed outside its transaction");
            }
            return Optional.empty();
        }
        if (context.completed > 0) {
            // the clause before says how many and why that matters
            return Optional.of("part of it had already run");
        }
        return Optional.empty();
    }

    private String lockTimeoutAdvice(int attempt, Optional<String> notRetryable) {
        StringBuilder advice = new StringBuilder("The lock timeout");
        guard.wanted.lockTimeout().filter(d -> !d.isZero())
                .ifPresent(d -> advice.append(" (").append(dev.retort.config.Durations.format(d)).append(')'));
        advice.append(" expired: another session holds a lock this migration needs");
        String who = guard.whoHoldsTheLock();
        if (!who.isEmpty()) {
            advice.append("; ").append(who);
        }
        advice.append(". ");
        if (notRetryable.isPresent()) {
            advice.append("Not retried: ").append(notRetryable.get()).append(". ");
        } else if (attempt > 1) {
            advice.append("Tried ").append(attempt).append(" times (lock_timeout_retries = ")
                    .append(timeouts.retries()).append("); retry later, or raise statement_lock_timeout or"
                            + " lock_timeout_retries. ");
        } else {
            advice.append("Not retried (lock_timeout_retries = 0). ");
        }
        return advice.toString();
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
        private int completed;
        /** Completed statements whose work is committed, so a rollback cannot undo it. */
        private int committed;
        /** True until the migration's own statements are done (then the version table is written). */
        private boolean inBody = true;
        /** Statements the body has handed over so far, skipped ones included. */
        private int sent;
        /** Statements known to stay applied if the step stops now, skipped ones included. */
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
        public void execute(SqlStatement statement, boolean transactional, List<List<Object>> bindings)
                throws SQLException {
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
                    commit(connection);
                }
                committedDone = sent - 1;
                if (!transactional) {
                    committed = completed;
                    committedInRun = true;
                }
            }
            if (!transactional && !connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            } else if (transactional && connection.getAutoCommit()) {
                connection.setAutoCommit(false);
            }
            guard.beforeStatement(connection, transactional);
            try {
                if (bindings.isEmpty()) {
                    try (Statement jdbc = connection.createStatement()) {
                        jdbc.execute(statement.sql());
                    }
                } else {
                    executePrepared(statement.sql(), bindings);
                }
            } finally {
                if (!transactional) {
                    guard.afterStatement(connection, false);
                }
            }
            completed++;
            if (!transactional) {
                committed = completed;
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
            if (autoCommit) {
                connection.setAutoCommit(true);
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
