package dev.retort.script;

import dev.retort.Migration;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.Operation;
import dev.retort.ops.Operations;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One direction of a Java revision. Running it calls the class's {@code upgrade} or
 * {@code downgrade} with an {@link Operations} that renders each operation for the database and
 * executes it at once (so that a data migration's queries see the schema changes before them), or
 * prints it offline.
 *
 * <p>{@link #check} calls the same method beforehand with operations that are only rendered, so an
 * operation the database cannot perform is refused before anything runs. That pass stops where the
 * revision asks for the live connection (what follows may depend on data), and skips operations
 * whose rendering needs to read a table (a SQLite rebuild).
 *
 * <p>Thread-safe: each run makes its own instance of the revision class.
 */
public final class JavaMigrationBody implements MigrationBody {

    private final Class<? extends Migration> type;
    private final boolean upgrade;
    private final String location;

    /**
     * @param type     the revision class
     * @param upgrade  which direction
     * @param location the revision's file or class, named in messages
     */
    public JavaMigrationBody(Class<? extends Migration> type, boolean upgrade, String location) {
        this.type = type;
        this.upgrade = upgrade;
        this.location = location;
    }

    @Override
    public void run(ExecutionContext context) throws SQLException {
        RunningOperations operations = new RunningOperations(new Session(context), Optional.empty());
        try {
            invoke(operations);
        } catch (StatementFailed e) {
            throw e.getCause();
        }
    }

    @Override
    public void check(Dialect dialect, boolean offline, Map<String, String> arguments) {
        checkPass(dialect, offline, arguments);
    }

    /** Runs the check pass: whether an operation it sees needs foreign key enforcement off (a SQLite rebuild). */
    @Override
    public boolean needsForeignKeysOff(Dialect dialect, boolean offline, Map<String, String> arguments) {
        return checkPass(dialect, offline, arguments).needsForeignKeysOff;
    }

    private CheckFindings checkPass(Dialect dialect, boolean offline, Map<String, String> arguments) {
        CheckFindings findings = new CheckFindings();
        CheckingOperations operations = new CheckingOperations(dialect, offline, arguments, Optional.empty(),
                findings);
        try {
            invoke(operations);
        } catch (StopCheck e) {
            // the revision asked for the live connection: what follows depends on the data
        }
        return findings;
    }

    /**
     * Calls the revision with operations that only record what it asks for (for lint). They say
     * {@link Operations#isOffline() offline}, so a revision that skips its data step offline is
     * recorded whole; one that asks for the live connection is recorded up to there.
     */
    @Override
    public Optional<RecordedOperations> recordOperations(Dialect dialect, Map<String, String> arguments) {
        List<RecordedOperations.Step> steps = new ArrayList<>();
        Optional<RecordedOperations.Interruption> interrupted = Optional.empty();
        try {
            invoke(new RecordingOperations(dialect, arguments, Optional.empty(), steps));
        } catch (StopCheck e) {
            interrupted = Optional.of(new RecordedOperations.Interruption(e.line, "the revision reads the database"
                    + " (op.connection()); what follows depends on the data"));
        } catch (RetortException e) {
            interrupted = Optional.of(new RecordedOperations.Interruption(lineOf(e), e.getMessage()));
        }
        return Optional.of(new RecordedOperations(steps, interrupted));
    }

    /** The line of the revision's code in a failure's stack, or 1. */
    private int lineOf(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (ownFrame(frame.getClassName()) && frame.getLineNumber() > 0) {
                return frame.getLineNumber();
            }
        }
        return 1;
    }

    private void invoke(Operations operations) {
        Migration migration = instantiate();
        try {
            if (upgrade) {
                migration.upgrade(operations);
            } else {
                migration.downgrade(operations);
            }
        } catch (StatementFailed | StopCheck | RetortException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RetortException(where(e) + ": " + (upgrade ? "upgrade" : "downgrade") + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private Migration instantiate() {
        try {
            Constructor<? extends Migration> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new RetortException(location + ": revision class " + type.getName()
                    + " needs a constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new RetortException(location + ": creating " + type.getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new RetortException(location + ": cannot create " + type.getName() + ": " + e, e);
        }
    }

    /** {@code file:line} of the revision's code where the throwable came from, or the file alone. */
    private String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (ownFrame(frame.getClassName()) && frame.getLineNumber() > 0) {
                return location + ":" + frame.getLineNumber();
            }
        }
        return location;
    }

    /** The line of the revision's code that is calling into retort now; 1 when it cannot be found. */
    private int callerLine() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> ownFrame(frame.getClassName()))
                .mapToInt(StackWalker.StackFrame::getLineNumber)
                .filter(line -> line > 0)
                .findFirst().orElse(1));
    }

    private boolean ownFrame(String className) {
        return className.equals(type.getName()) || className.startsWith(type.getName() + "$");
    }

    /** The state one run shares between its schema-scoped views: the context and a statement counter. */
    private static final class Session {
        private final ExecutionContext context;
        private int statements;

        Session(ExecutionContext context) {
            this.context = context;
        }
    }

    /** Renders and executes each operation at once. */
    private final class RunningOperations implements Operations {
        private final Session session;
        private final Optional<String> schema;

        RunningOperations(Session session, Optional<String> schema) {
            this.session = session;
            this.schema = schema;
        }

        @Override
        public void apply(Operation operation) {
            ExecutionContext context = session.context;
            int line = callerLine();
            List<RenderedStatement> statements;
            try {
                statements = context.dialect().render(operation, context.renderContext());
            } catch (RetortException e) {
                throw new RetortException(location + ":" + line + ": " + e.getMessage(), e);
            }
            for (RenderedStatement statement : statements) {
                SqlStatement numbered = new SqlStatement(statement.sql(), line, ++session.statements);
                try {
                    context.execute(numbered, statement.transactional(), statement.bindings());
                } catch (SQLException e) {
                    throw new StatementFailed(e);
                }
            }
        }

        @Override
        public Optional<String> schema() {
            return schema;
        }

        @Override
        public Operations inSchema(String name) {
            return new RunningOperations(session, Optional.of(name));
        }

        @Override
        public Connection connection() {
            if (session.context.isOffline()) {
                throw offlineConnection();
            }
            return session.context.connection();
        }

        @Override
        public boolean isOffline() {
            return session.context.isOffline();
        }

        @Override
        public Dialect dialect() {
            return session.context.dialect();
        }

        @Override
        public Map<String, String> arguments() {
            return session.context.arguments();
        }
    }

    /** What a check pass learns besides refusals; shared by its schema-scoped views. */
    private static final class CheckFindings {
        private boolean needsForeignKeysOff;
    }

    /** Renders each operation and throws away the statements: the check before a run. */
    private final class CheckingOperations implements Operations {
        private final Dialect dialect;
        private final boolean offline;
        private final Map<String, String> arguments;
        private final Optional<String> schema;
        private final CheckFindings findings;

        CheckingOperations(Dialect dialect, boolean offline, Map<String, String> arguments, Optional<String> schema,
                           CheckFindings findings) {
            this.dialect = dialect;
            this.offline = offline;
            this.arguments = arguments;
            this.schema = schema;
            this.findings = findings;
        }

        @Override
        public void apply(Operation operation) {
            if (dialect.needsForeignKeysOff(operation)) {
                findings.needsForeignKeysOff = true;
            }
            RenderContext context = offline ? RenderContext.OFFLINE : new RenderContext() {
                @Override
                public boolean offline() {
                    return false;
                }

                @Override
                public Optional<Table> table(QualifiedName name) {
                    throw new NeedsDatabase();
                }

                @Override
                public Optional<Connection> connection() {
                    throw new NeedsDatabase();
                }
            };
            try {
                dialect.render(operation, context);
            } catch (NeedsDatabase e) {
                // rendered when it runs, from the table as it is then
            } catch (RetortException e) {
                throw new RetortException(location + ":" + callerLine() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<String> schema() {
            return schema;
        }

        @Override
        public Operations inSchema(String name) {
            return new CheckingOperations(dialect, offline, arguments, Optional.of(name), findings);
        }

        @Override
        public Connection connection() {
            if (offline) {
                throw offlineConnection();
            }
            throw new StopCheck();
        }

        @Override
        public boolean isOffline() {
            return offline;
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }

        @Override
        public Map<String, String> arguments() {
            return arguments;
        }
    }

    /** Records each operation and lint ignore with its line; nothing is rendered. */
    private final class RecordingOperations implements Operations {
        private final Dialect dialect;
        private final Map<String, String> arguments;
        private final Optional<String> schema;
        private final List<RecordedOperations.Step> steps;

        RecordingOperations(Dialect dialect, Map<String, String> arguments, Optional<String> schema,
                            List<RecordedOperations.Step> steps) {
            this.dialect = dialect;
            this.arguments = arguments;
            this.schema = schema;
            this.steps = steps;
        }

        @Override
        public void apply(Operation operation) {
            steps.add(new RecordedOperations.Applied(operation, callerLine()));
        }

        @Override
        public void lintIgnore(String rule, String reason) {
            steps.add(new RecordedOperations.LintIgnore(rule, reason, callerLine()));
        }

        @Override
        public Optional<String> schema() {
            return schema;
        }

        @Override
        public Operations inSchema(String name) {
            return new RecordingOperations(dialect, arguments, Optional.of(name), steps);
        }

        @Override
        public Connection connection() {
            throw new StopCheck(callerLine());
        }

        @Override
        public boolean isOffline() {
            return true;
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }

        @Override
        public Map<String, String> arguments() {
            return arguments;
        }
    }

    private RetortException offlineConnection() {
        return new RetortException(location + ":" + callerLine() + ": this revision uses op.connection(), which"
                + " exists only when migrating a live database, so it cannot be rendered as an offline script"
                + " (--sql). Run it online, or skip the data step when op.isOffline()");
    }

    /** A statement's SQLException, carried through the revision's code, which declares none. */
    private static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatementFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Ends a check (or a recording) where the revision reads the database. */
    private static final class StopCheck extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int line;

        StopCheck() {
            this(1);
        }

        StopCheck(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** A rendering that would read a table during a check. */
    private static final class NeedsDatabase extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsDatabase() {
            super(null, null, false, false);
        }
    }
}
