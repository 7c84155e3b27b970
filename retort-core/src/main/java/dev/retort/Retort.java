package dev.retort;

import dev.retort.DatabaseState.UnknownRevision;
import dev.retort.autogen.ModelSource;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaComparator;
import dev.retort.autogen.SchemaDiff;
import dev.retort.autogen.SpellingSettler;
import dev.retort.backup.Backup;
import dev.retort.backup.BackupTarget;
import dev.retort.backup.Backups;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.revision.MigrationStep;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.RevisionPlanner;
import dev.retort.revision.RevisionStep;
import dev.retort.runtime.HistoryEntry;
import dev.retort.runtime.HistoryTable;
import dev.retort.runtime.IrreversibleRevisionException;
import dev.retort.runtime.MigrationRunner;
import dev.retort.runtime.OfflineScript;
import dev.retort.runtime.ChecksumValidation;
import dev.retort.runtime.RunIdentity;
import dev.retort.runtime.TimeoutPolicy;
import dev.retort.runtime.ValidationResult;
import dev.retort.runtime.VersionTable;
import dev.retort.script.JavaCompileOptions;
import dev.retort.script.JavaCompilerProvider;
import dev.retort.script.MigrationBody;
import dev.retort.script.MigrationScript;
import dev.retort.script.ScriptDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * retort as a library: a project's revisions, loaded once, and the commands that move a database
 * through them (SPEC §7).
 *
 * <pre>{@code
 * Retort retort = Retort.configure()
 *         .dataSource(dataSource)
 *         .scriptLocation(Path.of("migrations"))
 *         .load();
 * retort.upgrade("head");
 * MigrationStatus status = retort.status();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: each command takes its own connection, and nothing is
 * global. Logging goes through SLF4J only.
 */
public final class Retort {

    private final Options options;
    private final ConnectionSource connections;
    private final List<MigrationScript> scripts;
    private final Map<String, MigrationScript> byId;
    private final RevisionGraph graph;
    private final RevisionPlanner planner;

    private Retort(Options options, ConnectionSource connections, List<MigrationScript> scripts) {
        this.options = options;
        this.connections = connections;
        this.scripts = List.copyOf(scripts);
        this.byId = new LinkedHashMap<>();
        for (MigrationScript script : scripts) {
            byId.putIfAbsent(script.id(), script);
        }
        this.graph = RevisionGraph.of(scripts.stream().map(MigrationScript::revision).toList());
        this.planner = new RevisionPlanner(graph);
    }

    /** Starts configuring an instance. */
    public static Builder configure() {
        return new Builder();
    }

    public RevisionGraph graph() {
        return graph;
    }

    public RevisionPlanner planner() {
        return planner;
    }

    /** The loaded revisions in map order. */
    public List<MigrationScript> scripts() {
        return scripts;
    }

    /** The revision file of a revision. */
    public Optional<MigrationScript> script(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The version table's name, as configured. */
    public QualifiedName versionTableName() {
        return QualifiedName.of(options.versionTableSchema(), options.versionTable());
    }

    /** The history table's name, as configured. */
    public QualifiedName historyTableName() {
        return QualifiedName.of(options.versionTableSchema(), options.historyTable());
    }

    // ------------------------------------------------------------------------------------------
    // commands that move the database

    /** Upgrades to {@code target} ({@code head}, {@code heads}, an id, {@code label@head}, {@code +2}…). */
    public RunResult upgrade(String target) {
        return upgrade(target, RunOptions.defaults());
    }

    /**
     * Upgrades to {@code target} with a backup first, other timeouts or without validation.
     *
     * @throws ChecksumMismatchException when an applied revision's file changed or vanished (unless
     *                                   validation is off); nothing has run then
     * @throws dev.retort.backup.BackupFailedException when the backup asked for cannot be taken;
     *                                   nothing has run then
     */
    public RunResult upgrade(String target, RunOptions runOptions) {
        rejectRange(target);
        return withConnection((connection, dialect) -> {
            List<String> rows = knownRows(connection, dialect);
            if (runOptions.validate() && options.validateOnUpgrade()) {
                requireValid(connection, dialect, rows);
            }
            List<MigrationStep> steps = planner.upgrade(target, rows);
            return run(connection, dialect, steps, rows, runOptions);
        });
    }

    /** Downgrades to {@code target} ({@code base}, an id, {@code -1}, {@code label@base}…). */
    public RunResult downgrade(String target) {
        return downgrade(target, RunOptions.defaults());
    }

    /** Downgrades to {@code target} with a backup first or other timeouts (downgrades are not validated). */
    public RunResult downgrade(String target, RunOptions runOptions) {
        rejectRange(target);
        return withConnection((connection, dialect) -> {
            List<String> rows = knownRows(connection, dialect);
            List<MigrationStep> steps = planner.downgrade(target, rows);
            requireReversible(steps);
            return run(connection, dialect, steps, rows, runOptions);
        });
    }

    /**
     * Writes the version table to the given revisions without running migrations. With
     * {@code purge}, every row is deleted first (which also gets past rows no file defines).
     */
    public RunResult stamp(List<String> revisions, boolean purge) {
        return withConnection((connection, dialect) -> {
            List<String> rows;
            if (purge) {
                VersionTable versionTable = versionTable(dialect);
                versionTable.ensure(connection);
                boolean autoCommit = connection.getAutoCommit();
                try {
                    connection.setAutoCommit(false);
                    versionTable.purge(connection);
                    connection.commit();
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
                rows = List.of();
            } else {
                rows = knownRows(connection, dialect);
            }
            List<MigrationStep> steps = planner.stamp(revisions, rows);
            return run(connection, dialect, steps, rows);
        });
    }

    // ------------------------------------------------------------------------------------------
    // commands that read the database

    /** Where the database stands. Never creates tables; never fails on unknown revisions. */
    public DatabaseState current() {
        return withConnection(this::state);
    }

    /** Current heads, pending revisions, up to date or not. */
    public MigrationStatus status() {
        return withConnection((connection, dialect) -> {
            DatabaseState state = state(connection, dialect);
            if (!state.unknown().isEmpty()) {
                return new MigrationStatus(state, List.of());
            }
            List<Revision> pending = planner.upgrade("heads", state.versionRows()).stream()
                    .map(step -> ((RevisionStep) step).revision()).toList();
            return new MigrationStatus(state, pending);
        });
    }

    /**
     * The revisions of {@code [START]:[END]} (Alembic's {@code history -r}), newest first; an empty
     * range means all of them. Either end may be {@code current}, which reads the database.
     */
    public List<Revision> history(String range) {
        String base = null;
        String head = null;
        if (!range.isEmpty()) {
            String[] ends = range.strip().split(":", -1);
            if (ends.length != 2) {
                throw new RetortException("History range requires [start]:[end], [start]:, or :[end]");
            }
            base = ends[0].isEmpty() ? null : ends[0];
            head = ends[1].isEmpty() ? null : ends[1];
        }
        if ("current".equals(head) || "current".equals(base)) {
            List<String> rows = current().versionRows();
            if ("current".equals(head)) {
                return rows.isEmpty() ? List.of() : planner.history(base, rows);
            }
            return planner.history(rows, head);
        }
        return planner.history(base, head);
    }

    /** The history table's rows, oldest first (empty when there is none yet). */
    public List<HistoryEntry> appliedHistory() {
        return withConnection((connection, dialect) -> historyTable(dialect).read(connection));
    }

    // ------------------------------------------------------------------------------------------
    // comparing with a model

    /**
     * The live database as retort models it, read with the filter (retort's own tables are always
     * left out).
     */
    public DatabaseSchema inspect(IntrospectionFilter filter) {
        return withConnection((connection, dialect) -> dialect.introspector().read(connection, ownTablesLeftOut(
                filter)));
    }

    /**
     * How the database differs from a model, and the operations that make it match it; what
     * {@code revision --autogenerate} writes and {@code check} reports. As Alembic, the database must be
     * at its heads first: a difference that pending revisions would remove is no difference to write.
     *
     * @throws RetortException naming the pending revisions when the database is not up to date
     */
    public SchemaDiff compare(ModelSource model, Renames renames, IntrospectionFilter filter) {
        return withConnection((connection, dialect) -> {
            DatabaseState state = state(connection, dialect);
            if (!state.unknown().isEmpty()) {
                throw unknownRevisions(state.unknown());
            }
            List<String> pending = planner.upgrade("heads", state.versionRows()).stream()
                    .map(step -> ((RevisionStep) step).revision().id()).toList();
            if (!pending.isEmpty()) {
                throw new RetortException("Target database is not up to date: " + pending.size() + " pending"
                        + (pending.size() == 1 ? " revision (" : " revisions (") + String.join(", ", pending.subList(0,
                        Math.min(5, pending.size()))) + (pending.size() > 5 ? ", ..." : "") + "); run 'retort upgrade"
                        + " heads' first, so that the comparison sees what the revisions already do");
            }
            IntrospectionFilter own = ownTablesLeftOut(filter);
            DatabaseSchema database = dialect.introspector().read(connection, own);
            DatabaseSchema wanted = model.read(dialect, connection, own);
            SchemaDiff diff = SpellingSettler.settle(SchemaComparator.compare(database, wanted, renames), database,
                    wanted, renames, dialect, connection);
            return SchemaComparator.shapedFor(diff, database, dialect);
        });
    }

    private IntrospectionFilter ownTablesLeftOut(IntrospectionFilter filter) {
        java.util.Set<String> excluded = new java.util.HashSet<>(filter.alwaysExcluded());
        excluded.add(options.versionTable());
        excluded.add(options.historyTable());
        return new IntrospectionFilter(filter.schemas(), filter.includeTables(), filter.excludeTables(), excluded);
    }

    // ------------------------------------------------------------------------------------------
    // checksums and backups

    /**
     * Compares each applied revision's file with the checksum recorded when it ran (see
     * {@link ChecksumValidation}). Never creates tables.
     */
    public ValidationResult validate() {
        return withConnection(this::validation);
    }

    /**
     * Accepts the current files of applied revisions whose checksum no longer matches ({@code retort
     * rehash}): writes a {@code rehash} row with each file's checksum now to the history table,
     * keeping the earlier rows. For a revision that was applied and whose file is gone, accepts the
     * removal (a row without checksum). Revisions that already match get no row.
     *
     * @param revisions identifiers as {@code upgrade} takes them ({@code heads}, ids, prefixes,
     *                  labels), or the ids of applied revisions whose files are gone
     * @return what was found and written for each revision
     */
    public List<ChecksumValidation.Rehash> rehash(List<String> revisions) {
        return withConnection((connection, dialect) -> {
            List<String> rows = versionTable(dialect).read(connection);
            HistoryTable historyTable = historyTable(dialect);
            List<String> ids = new ArrayList<>();
            for (String identifier : revisions) {
                if (graph.contains(identifier) || !historyTable.latestFor(connection, identifier).isPresent()) {
                    graph.resolve(identifier).forEach(r -> ids.add(r.id()));
                } else {
                    ids.add(identifier);
                }
            }
            List<ChecksumValidation.Rehash> plan = ChecksumValidation.rehash(graph, byId, rows,
                    historyTable.read(connection), ids, new ChecksumValidation.RowTemplate(RunIdentity.current(),
                            connection.getMetaData().getUserName(), java.time.Instant.now(),
                            historyTableName().toString()));
            historyTable.ensure(connection);
            boolean autoCommit = connection.getAutoCommit();
            try {
                connection.setAutoCommit(false);
                for (ChecksumValidation.Rehash rehash : plan) {
                    if (rehash.row().isPresent()) {
                        historyTable.record(connection, rehash.row().get());
                    }
                }
                connection.commit();
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return plan;
        });
    }

    /** Backs the database up into a new file in {@code directory} now (what {@code upgrade --backup} does first). */
    public Backup backup(Path directory) {
        return withConnection((connection, dialect) -> Backups.take(connection, dialect, directory,
                connections.backupTarget(options.environment())));
    }

    private ValidationResult validation(Connection connection, Dialect dialect) throws SQLException {
        List<String> rows = versionTable(dialect).read(connection);
        if (rows.isEmpty()) {
            return ChecksumValidation.validate(graph, byId, rows, List.of());
        }
        return ChecksumValidation.validate(graph, byId, rows, historyTable(dialect).read(connection));
    }

    private void requireValid(Connection connection, Dialect dialect, List<String> rows) throws SQLException {
        ValidationResult result = validation(connection, dialect);
        if (!result.valid()) {
            throw new ChecksumMismatchException(result);
        }
    }

    // ------------------------------------------------------------------------------------------
    // offline scripts

    /**
     * The SQL script of {@code upgrade [start:]target} for the dialect, touching no database. The
     * start defaults to base.
     */
    public String upgradeSql(String range, Dialect dialect) {
        Range parsed = Range.parse(range, "base");
        List<String> start = startRows(parsed.start());
        return offline(dialect, planner.upgrade(parsed.end(), start), start);
    }

    /** The SQL script of {@code downgrade start:target}; offline downgrades need the start. */
    public String downgradeSql(String range, Dialect dialect) {
        if (!range.contains(":")) {
            throw new RetortException("downgrade with --sql requires <fromrev>:<torev>, e.g. 'head:base'");
        }
        Range parsed = Range.parse(range, "base");
        List<String> start = startRows(parsed.start());
        List<MigrationStep> steps = planner.downgrade(parsed.end(), start);
        requireReversible(steps);
        return offline(dialect, steps, start);
    }

    /** The SQL script of {@code stamp}; each revision may be written {@code start:end} with one common start. */
    public String stampSql(List<String> revisions, Dialect dialect) {
        String start = null;
        List<String> destinations = new ArrayList<>();
        for (String revision : revisions) {
            String destination = revision;
            int colon = revision.indexOf(':');
            if (colon >= 0) {
                String from = revision.substring(0, colon);
                destination = revision.substring(colon + 1);
                if (start != null && !start.equals(from)) {
                    throw new RetortException("Stamp operation with --sql only supports a single starting revision"
                            + " at a time");
                }
                start = from;
            }
            destinations.add(destination);
        }
        List<String> startRows = startRows(start == null ? "base" : start);
        return offline(dialect, planner.stamp(destinations, startRows), startRows);
    }

    private String offline(Dialect dialect, List<MigrationStep> steps, List<String> start) {
        checkBodies(steps, dialect, true);
        OfflineScript script = new OfflineScript(graph, byId, dialect, versionTable(dialect), historyTable(dialect),
                options.transactionPerMigration(), RunIdentity.current(), options.arguments());
        try {
            return script.render(steps, start);
        } catch (SQLException e) {
            throw new RetortException("Cannot render offline SQL: " + e.getMessage(), e);
        }
    }

    /** The version rows an offline range starts from: the resolved revisions of its start. */
    private List<String> startRows(String start) {
        if (start == null || start.isEmpty() || "base".equals(start)) {
            return List.of();
        }
        return graph.resolve(start).stream().map(Revision::id).toList();
    }

    /** {@code start:end} of an offline range. */
    private record Range(String start, String end) {
        static Range parse(String text, String defaultStart) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return new Range(defaultStart, text);
            }
            String start = text.substring(0, colon);
            String end = text.substring(colon + 1);
            if (end.contains(":")) {
                throw new RetortException("A range has one ':' (start:end), got '" + text + "'");
            }
            return new Range(start.isEmpty() ? defaultStart : start, end.isEmpty() ? "heads" : end);
        }
    }

    // ------------------------------------------------------------------------------------------
    // internals

    private static void rejectRange(String target) {
        if (target.contains(":")) {
            throw new RetortException("Range revision not allowed: '" + target + "' (ranges a:b are for --sql"
                    + " scripts; online, the start is the database's current revision)");
        }
    }

    private RunResult run(Connection connection, Dialect dialect, List<MigrationStep> steps, List<String> rows)
            throws SQLException {
        return run(connection, dialect, steps, rows, RunOptions.defaults());
    }

    private RunResult run(Connection connection, Dialect dialect, List<MigrationStep> steps, List<String> rows,
                          RunOptions runOptions) throws SQLException {
        checkBodies(steps, dialect, false);
        Optional<Backup> backup = Optional.empty();
        if (runOptions.backupDirectory().isPresent() && !steps.isEmpty()) {
            backup = Optional.of(Backups.take(connection, dialect, runOptions.backupDirectory().get(),
                    connections.backupTarget(options.environment())));
            options.listener().backupTaken(backup.get());
        }
        VersionTable versionTable = versionTable(dialect);
        HistoryTable historyTable = historyTable(dialect);
        versionTable.ensure(connection);
        historyTable.ensure(connection);
        TimeoutPolicy timeouts = options.timeouts();
        timeouts = new TimeoutPolicy(runOptions.statementLockTimeout().or(timeouts::lockTimeout),
                runOptions.statementTimeout().or(timeouts::statementTimeout), timeouts.retries(), timeouts.backoff());
        MigrationRunner runner = new MigrationRunner(graph, byId, dialect, versionTable, historyTable,
                options.transactionPerMigration(), options.listener(), RunIdentity.current(), timeouts,
                options.arguments());
        List<String> after = runner.run(connection, steps, rows);
        return new RunResult(steps, rows, after, backup);
    }

    /**
     * Checks every body of the plan before the first statement runs (SQL is split, Java revisions'
     * operations rendered), so that bad SQL or an operation the database cannot do fails early.
     */
    private void checkBodies(List<MigrationStep> steps, Dialect dialect, boolean offline) {
        List<MigrationBody> bodies = new ArrayList<>();
        for (MigrationStep step : steps) {
            if (step instanceof RevisionStep revisionStep) {
                MigrationScript script = byId.get(revisionStep.revision().id());
                if (revisionStep.isUpgrade()) {
                    bodies.add(script.upgrade());
                } else {
                    script.downgrade().ifPresent(bodies::add);
                }
            }
        }
        // Java revision files known from the index are compiled here, all of the plan's at once
        MigrationBody.prepareAll(bodies);
        for (MigrationStep step : steps) {
            if (step instanceof RevisionStep revisionStep) {
                MigrationScript script = byId.get(revisionStep.revision().id());
                if (revisionStep.isUpgrade()) {
                    script.upgrade().check(dialect, offline, options.arguments());
                } else {
                    script.downgrade().ifPresent(body -> body.check(dialect, offline, options.arguments()));
                }
            }
        }
    }

    private void requireReversible(List<MigrationStep> steps) {
        List<String> irreversible = new ArrayList<>();
        for (MigrationStep step : steps) {
            MigrationScript script = byId.get(((RevisionStep) step).revision().id());
            if (!script.reversible()) {
                irreversible.add(script.id() + " (" + script.location() + ")");
            }
        }
        if (!irreversible.isEmpty()) {
            throw new IrreversibleRevisionException(irreversible);
        }
    }

    /** The version rows, refusing rows that no revision file defines. */
    private List<String> knownRows(Connection connection, Dialect dialect) throws SQLException {
        DatabaseState state = state(connection, dialect);
        if (!state.unknown().isEmpty()) {
            throw unknownRevisions(state.unknown());
        }
        return state.versionRows();
    }

    private DatabaseState state(Connection connection, Dialect dialect) throws SQLException {
        List<String> rows = versionTable(dialect).read(connection);
        List<String> known = new ArrayList<>();
        List<UnknownRevision> unknown = new ArrayList<>();
        HistoryTable historyTable = historyTable(dialect);
        for (String row : rows) {
            if (graph.contains(row)) {
                known.add(row);
            } else {
                unknown.add(new UnknownRevision(row, historyTable.latestFor(connection, row)));
            }
        }
        return new DatabaseState(rows, graph.currentRevisions(known), unknown);
    }

    private UnknownRevisionException unknownRevisions(List<UnknownRevision> unknown) {
        StringBuilder message = new StringBuilder();
        List<String> ids = unknown.stream().map(UnknownRevision::id).toList();
        message.append("The database is at ").append(ids.size() == 1 ? "revision " : "revisions ")
                .append(String.join(", ", ids)).append(", which no revision file here defines (the database is"
                        + " ahead of this code, or was stamped by hand). ");
        for (UnknownRevision revision : unknown) {
            message.append(describeUnknown(revision)).append(' ');
        }
        message.append("Run this with the code that has ").append(ids.size() == 1 ? "that revision" : "those revisions")
                .append(", or overwrite the version table with 'retort stamp --purge REV'");
        return new UnknownRevisionException(message.toString(), ids);
    }

    /** What the history table knows of an unknown revision, in one sentence. */
    public String describeUnknown(UnknownRevision revision) {
        if (revision.applied().isEmpty()) {
            return historyTableName() + " has no record of " + revision.id() + " (Alembic or a hand-written"
                    + " stamp may have put it there).";
        }
        HistoryEntry entry = revision.applied().get();
        StringBuilder text = new StringBuilder(historyTableName().toString()).append(" says ").append(revision.id());
        if (!entry.message().isEmpty()) {
            text.append(" (\"").append(entry.message()).append("\")");
        }
        text.append(" was ").append(entry.direction() == HistoryEntry.Direction.STAMP ? "stamped" : "applied")
                .append(" at ").append(entry.startedAt());
        if (!entry.osUser().isEmpty()) {
            text.append(" by ").append(entry.osUser());
            if (!entry.hostname().isEmpty()) {
                text.append('@').append(entry.hostname());
            }
        }
        if (!entry.script().isEmpty()) {
            text.append(" from ").append(entry.script());
        }
        if (!entry.fromRevisions().isEmpty()) {
            text.append(", moving from ").append(String.join(", ", entry.fromRevisions()));
            List<String> knownFrom = entry.fromRevisions().stream().filter(graph::contains).toList();
            if (!knownFrom.isEmpty()) {
                text.append(knownFrom.size() == entry.fromRevisions().size() ? " (known here)"
                        : " (" + String.join(", ", knownFrom) + " known here)");
            }
        }
        return text.append('.').toString();
    }

    private VersionTable versionTable(Dialect dialect) {
        return new VersionTable(dialect, versionTableName());
    }

    private HistoryTable historyTable(Dialect dialect) {
        return new HistoryTable(dialect, historyTableName());
    }

    @FunctionalInterface
    private interface DatabaseWork<T> {
        T apply(Connection connection, Dialect dialect) throws SQLException;
    }

    private <T> T withConnection(DatabaseWork<T> work) {
        Connection connection;
        try {
            connection = connections.open();
        } catch (SQLException e) {
            throw new CannotConnectException("Cannot connect to " + connections.describe() + ": "
                    + oneLine(e.getMessage()), e);
        }
        try (connection) {
            Dialect dialect = options.dialect().map(Dialects::forName)
                    .orElse(Dialects.forMetaData(connection.getMetaData()));
            return work.apply(connection, dialect);
        } catch (SQLException e) {
            throw new RetortException("Database error on " + connections.describe() + ": " + oneLine(e.getMessage()),
                    e);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    // ------------------------------------------------------------------------------------------
    // configuration

    /** Everything an instance needs, as the builder collected it. */
    private record Options(List<Path> versionLocations, Optional<String> classpathLocation, Path baseDirectory,
                           String versionTable, Optional<String> versionTableSchema, String historyTable,
                           boolean transactionPerMigration, Map<String, String> placeholders,
                           MigrationListener listener, Optional<String> dialect,
                           boolean validateOnUpgrade, TimeoutPolicy timeouts, Map<String, String> environment,
                           Map<String, String> arguments) {
    }

    /**
     * Configures a {@link Retort}. Defaults: version table {@code retort_version}, history table
     * {@code retort_history}, one transaction per migration, no placeholders, no listener; Java
     * revision files compiled in memory with the JDK's compiler, no header index, no class cache. A
     * database ({@link #dataSource} or {@link #url}) and revisions ({@link #scriptLocation},
     * {@link #versionLocations} or {@link #classpathLocation}) are required, except that offline
     * scripts need only a dialect. Not thread-safe; {@link #load()} builds an immutable instance.
     */
    public static final class Builder {
        private ConnectionSource connections;
        private List<Path> versionLocations = List.of();
        private String classpathLocation;
        private String classpathPackage;
        private Path baseDirectory = Path.of("");
        private String versionTable = "retort_version";
        private String versionTableSchema;
        private String historyTable = "retort_history";
        private boolean transactionPerMigration = true;
        private Map<String, String> placeholders = Map.of();
        private MigrationListener listener = MigrationListener.NONE;
        private String dialect;
        private Path revisionIndex;
        private Path javaClassCache;
        private JavaCompilerProvider javaCompiler = JavaCompilerProvider.SYSTEM;
        private ClassLoader classLoader;
        private Map<String, String> arguments = Map.of();
        private boolean validateOnUpgrade = true;
        private Optional<Duration> statementLockTimeout = Optional.empty();
        private Optional<Duration> statementTimeout = Optional.empty();
        private int lockTimeoutRetries = TimeoutPolicy.DEFAULT.retries();
        private Duration lockTimeoutBackoff = TimeoutPolicy.DEFAULT.backoff();
        private Map<String, String> environment;

        private Builder() {
        }

        /** The application's DataSource; retort takes one connection per command and closes it. */
        public Builder dataSource(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            this.connections = new DataSourceConnections(dataSource);
            return this;
        }

        /** A JDBC URL with credentials given separately (either may be null). */
        public Builder url(String jdbcUrl, String user, String password) {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            return url(jdbcUrl, properties, DatabaseUrl.mask(jdbcUrl));
        }

        /**
         * A JDBC URL with driver properties (credentials among them), and how to name the database
         * in messages, which must not show the password.
         */
        public Builder url(String jdbcUrl, Properties properties, String shownAs) {
            this.connections = new UrlConnections(jdbcUrl, properties, shownAs);
            return this;
        }

        /** A JDBC URL carrying any credentials itself. */
        public Builder url(String jdbcUrl) {
            return url(jdbcUrl, new Properties(), DatabaseUrl.mask(jdbcUrl));
        }

        /** The directory holding {@code versions/}; sets the version locations to {@code <dir>/versions}. */
        public Builder scriptLocation(Path scriptLocation) {
            this.versionLocations = List.of(scriptLocation.resolve("versions"));
            return this;
        }

        /**
         * Compiled Java revisions in a package on the classpath, e.g. {@code com.example.db.revisions}:
         * how an application ships Java revisions without a compiler at run time.
         */
        public Builder classpathPackage(String packageName) {
            this.classpathPackage = packageName;
            return this;
        }

        /**
         * The class loader {@link #classpathLocation} and {@link #classpathPackage} read from;
         * default: the thread's context class loader, else retort's own.
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Directories of revision files; several form one graph. */
        public Builder versionLocations(List<Path> locations) {
            this.versionLocations = List.copyOf(locations);
            return this;
        }

        /** Revisions packaged on the classpath, e.g. {@code db/revisions}. */
        public Builder classpathLocation(String location) {
            this.classpathLocation = location;
            return this;
        }

        /** Paths in messages and in the history table are written relative to this directory. */
        public Builder baseDirectory(Path directory) {
            this.baseDirectory = directory;
            return this;
        }

        public Builder versionTable(String name) {
            this.versionTable = name;
            return this;
        }

        /** Schema of the version and history tables; null or empty = the connection's. */
        public Builder versionTableSchema(String schema) {
            this.versionTableSchema = schema;
            return this;
        }

        public Builder historyTable(String name) {
            this.historyTable = name;
            return this;
        }

        public Builder transactionPerMigration(boolean perMigration) {
            this.transactionPerMigration = perMigration;
            return this;
        }

        /** Values for {@code ${name}} in SQL revisions. */
        public Builder placeholders(Map<String, String> values) {
            this.placeholders = Map.copyOf(values);
            return this;
        }

        public Builder listener(MigrationListener migrationListener) {
            this.listener = Objects.requireNonNull(migrationListener, "listener");
            return this;
        }

        /**
         * Keeps a cache of parsed revision headers in this directory, so that a project of thousands
         * of revisions loads without reading every file (see the command line's use). Off by default:
         * a library should not write outside the places it is given.
         */
        public Builder revisionIndex(Path cacheDirectory) {
            this.revisionIndex = cacheDirectory;
            return this;
        }

        /**
         * Keeps the classes compiled from Java revision files in this directory, keyed by a hash of
         * each file's content (and of retort's version, the class path and the JDK), so that an
         * unchanged file is never compiled again, across runs and processes. Off by default: Java
         * revision files are then compiled in memory, all in one compilation, each time the
         * revisions are loaded. The command line keeps them under its cache directory.
         */
        public Builder javaClassCache(Path directory) {
            this.javaClassCache = directory;
            return this;
        }

        /**
         * Where the compiler of Java revision files comes from; default
         * {@link JavaCompilerProvider#SYSTEM}, the JDK's. Without a compiler (on a JRE), Java
         * revision files are refused: ship them compiled, with {@link #classpathPackage}.
         */
        public Builder javaCompiler(JavaCompilerProvider provider) {
            this.javaCompiler = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Free arguments that Java revisions read with {@code op.arguments()} (the command line's {@code -x}). */
        public Builder arguments(Map<String, String> values) {
            this.arguments = Map.copyOf(values);
            return this;
        }

        /** Forces a dialect (postgresql, mysql, mariadb, sqlite, h2) instead of detecting it. */
        public Builder dialect(String name) {
            this.dialect = name;
            return this;
        }

        /**
         * Whether {@code upgrade} refuses while an applied revision's file changed or vanished
         * (default true; see {@link Retort#validate()}).
         */
        public Builder validateOnUpgrade(boolean validate) {
            this.validateOnUpgrade = validate;
            return this;
        }

        /**
         * How long each statement of a migration may wait for a lock: PostgreSQL {@code lock_timeout}
         * (local to the migration's transaction), MySQL and MariaDB {@code lock_wait_timeout} and
         * {@code innodb_lock_wait_timeout} (whole seconds). Null (the default): the database's own
         * setting. A revision's {@code lock_timeout} header wins.
         */
        public Builder statementLockTimeout(Duration timeout) {
            this.statementLockTimeout = Optional.ofNullable(timeout);
            return this;
        }

        /**
         * How long each statement of a migration may run, on PostgreSQL ({@code statement_timeout}).
         * Null (the default): the database's own setting. A revision's header wins.
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = Optional.ofNullable(timeout);
            return this;
        }

        /**
         * How often a migration that hit the lock timeout is run again, where that is safe (default 3),
         * waiting {@code backoff} before the first retry and twice as long before each next (default 1 s).
         */
        public Builder lockTimeoutRetries(int retries, Duration backoff) {
            this.lockTimeoutRetries = retries;
            this.lockTimeoutBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The environment backup tools are found in ({@code PATH}) and run with; default this
         * process's.
         */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * Loads the revisions and checks the graph.
         *
         * @throws RetortException when a revision file is invalid or the graph is broken; nothing has
         *                         touched a database
         */
        public Retort load() {
            if (versionLocations.isEmpty() && classpathLocation == null && classpathPackage == null) {
                throw new RetortException("No revisions configured: give scriptLocation, versionLocations,"
                        + " classpathLocation or classpathPackage");
            }
            List<MigrationScript> scripts = new ArrayList<>();
            if (!versionLocations.isEmpty()) {
                scripts.addAll(ScriptDirectory.load(versionLocations, baseDirectory, placeholders,
                        Optional.ofNullable(revisionIndex),
                        new JavaCompileOptions(javaCompiler, Optional.ofNullable(javaClassCache))));
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            ClassLoader loader = classLoader != null ? classLoader
                    : context != null ? context : Retort.class.getClassLoader();
            if (classpathLocation != null) {
                scripts.addAll(ScriptDirectory.loadClasspath(loader, classpathLocation, placeholders));
            }
            if (classpathPackage != null) {
                scripts.addAll(ScriptDirectory.loadClasspathPackage(loader, classpathPackage));
            }
            Options options = new Options(versionLocations, Optional.ofNullable(classpathLocation), baseDirectory,
                    versionTable, Optional.ofNullable(versionTableSchema).filter(s -> !s.isEmpty()), historyTable,
                    transactionPerMigration, placeholders, listener, Optional.ofNullable(dialect),
                    validateOnUpgrade, new TimeoutPolicy(statementLockTimeout, statementTimeout, lockTimeoutRetries,
                            lockTimeoutBackoff), environment != null ? environment : System.getenv(), arguments);
            ConnectionSource source = connections != null ? connections : new NoConnections();
            return new Retort(options, source, scripts);
        }
    }

    private static final class DataSourceConnections implements ConnectionSource {
        private final DataSource dataSource;

        DataSourceConnections(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection open() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public String describe() {
            return "the configured DataSource";
        }

    }

    private static final class UrlConnections implements ConnectionSource {
        private final String url;
        private final Properties properties;
        private final String shownAs;

        UrlConnections(String url, Properties properties, String shownAs) {
            this.url = Objects.requireNonNull(url, "url");
            this.properties = withConnectTimeout(url, properties);
            this.shownAs = shownAs;
        }

        /**
         * A connect timeout unless the user set one: MySQL Connector/J waits for the operating system
         * by default (minutes, against a host that drops packets), MariaDB's driver 30 s; ten seconds
         * is plenty to reach a database and short enough to report an unreachable one.
         */
        private static Properties withConnectTimeout(String url, Properties given) {
            Properties properties = (Properties) given.clone();
            String lower = url.toLowerCase(java.util.Locale.ROOT);
            boolean set = lower.contains("connecttimeout=") || properties.stringPropertyNames().stream()
                    .anyMatch(name -> name.equalsIgnoreCase("connectTimeout"));
            if (!set) {
                if (lower.startsWith("jdbc:postgresql:")) {
                    properties.setProperty("connectTimeout", "10");
                } else if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
                    properties.setProperty("connectTimeout", "10000");
                }
            }
            return properties;
        }

        @Override
        public Connection open() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }

        @Override
        public String describe() {
            return shownAs;
        }

        @Override
        public BackupTarget backupTarget(Map<String, String> environment) {
            Optional<DatabaseUrl> parsed = parsedUrl();
            Optional<String> user = Optional.ofNullable(properties.getProperty("user"))
                    .or(() -> parsed.flatMap(DatabaseUrl::user)).filter(u -> !u.isEmpty());
            Optional<String> password = Optional.ofNullable(properties.getProperty("password"))
                    .or(() -> parsed.flatMap(DatabaseUrl::password)).filter(p -> !p.isEmpty());
            return new BackupTarget(Optional.of(url), user, password, environment);
        }

        private Optional<DatabaseUrl> parsedUrl() {
            try {
                return Optional.of(DatabaseUrl.parse(url));
            } catch (RetortException e) {
                return Optional.empty();
            }
        }

    }

    private static final class NoConnections implements ConnectionSource {
        @Override
        public Connection open() throws SQLException {
            throw new SQLException("no database configured (give a URL or a DataSource)");
        }

        @Override
        public String describe() {
            return "(no database)";
        }

    }
}
