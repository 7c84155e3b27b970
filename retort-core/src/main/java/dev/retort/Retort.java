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
import dev.retort.runtime.Statements;
import dev.retort.runtime.TimeoutPolicy;
import dev.retort.runtime.ValidationResult;
import dev.retort.runtime.VersionTable;
import dev.retort.runtime.lock.H2DatabaseFile;
import dev.retort.runtime.lock.LockHolder;
import dev.retort.runtime.lock.LockState;
import dev.retort.runtime.lock.LockWait;
import dev.retort.runtime.lock.MigrationLock;
import dev.retort.runtime.lock.MigrationLocks;
import dev.retort.script.JavaCompileOptions;
import dev.retort.script.JavaCompilerProvider;
import dev.retort.script.MigrationBody;
import dev.retort.script.MigrationScript;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.SqlStatement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(Retort.class);

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

    /**
     * This instance with another lock timeout (see {@link Builder#lockTimeout}); empty = as long as
     * the holder lives. The revisions are shared, not loaded again.
     */
    public Retort withLockTimeout(Optional<Duration> timeout) {
        Options o = options;
        return new Retort(new Options(o.versionLocations(), o.classpathLocation(), o.baseDirectory(), o.versionTable(),
                o.versionTableSchema(), o.historyTable(), o.transactionPerMigration(), o.placeholders(), o.listener(),
                o.dialect(), o.validateOnUpgrade(), o.timeouts(), o.environment(), o.arguments(), timeout), connections,
                scripts);
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

    /**
     * Upgrades to {@code target} ({@code head}, {@code heads}, an id, {@code label@head}, {@code +2}…).
     * Takes the migration lock first (waiting up to the lock timeout while another process holds
     * it), then reads the version table and plans, so that processes started together apply each
     * revision once.
     *
     * @throws UnfinishedMigrationException when a step stopped partway and must be repaired first
     */
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
        return writing(
                (connection, dialect) -> planner.upgrade(target, knownRows(connection, dialect)),
                (connection, dialect) -> {
                    List<String> rows = knownRows(connection, dialect);
                    requireNothingUnfinished(connection, dialect, rows);
                    if (runOptions.validate() && options.validateOnUpgrade()) {
                        requireValid(connection, dialect, rows);
                    }
                    List<MigrationStep> steps = planner.upgrade(target, rows);
                    return run(connection, dialect, steps, rows, runOptions);
                });
    }

    /**
     * Downgrades to {@code target} ({@code base}, an id, {@code -1}, {@code label@base}…), under the
     * lock as {@link #upgrade}.
     */
    public RunResult downgrade(String target) {
        return downgrade(target, RunOptions.defaults());
    }

    /** Downgrades to {@code target} with a backup first or other timeouts (downgrades are not validated). */
    public RunResult downgrade(String target, RunOptions runOptions) {
        rejectRange(target);
        return writing(
                (connection, dialect) -> requireReversible(planner.downgrade(target, knownRows(connection, dialect))),
                (connection, dialect) -> {
                    List<String> rows = knownRows(connection, dialect);
                    requireNothingUnfinished(connection, dialect, rows);
                    List<MigrationStep> steps = planner.downgrade(target, rows);
                    requireReversible(steps);
                    return run(connection, dialect, steps, rows, runOptions);
                });
    }

    /**
     * Writes the version table to the given revisions without running migrations, under the lock as
     * {@link #upgrade}. With {@code purge}, every row is deleted first (which also gets past rows no
     * file defines).
     */
    public RunResult stamp(List<String> revisions, boolean purge) {
        return writing(
                (connection, dialect) -> planner.stamp(revisions, purge ? List.of() : knownRows(connection, dialect)),
                (connection, dialect) -> {
                    List<String> rows;
                    if (purge) {
                        requireNothingUnfinished(connection, dialect, versionTable(dialect).read(connection));
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
                        requireNothingUnfinished(connection, dialect, rows);
                    }
                    List<MigrationStep> steps = planner.stamp(revisions, rows);
                    return run(connection, dialect, steps, rows);
                });
    }

    /**
     * Gets past a step that stopped partway (see {@link UnfinishedMigrationException}): with
     * {@link RepairAction#RESUME}, runs its statements after those that ran and then its version
     * change; with {@link RepairAction#MARK_ROLLED_BACK}, records that what ran was undone by hand,
     * so that the step counts as not run. Under the lock as {@link #upgrade}.
     *
     * @param revision the revision of the unfinished step: an id, a unique prefix, or anything else
     *                 that names one revision
     * @throws RetortException when the revision is unknown, has no unfinished step, or (to resume)
     *                         has no revision file or no longer fits the version table
     */
    public RunResult repair(String revision, RepairAction action) {
        Objects.requireNonNull(action, "action");
        return writing(
                (connection, dialect) -> unfinishedStepOf(revision, historyTable(dialect).unfinished(connection)),
                (connection, dialect) -> {
                    List<String> rows = knownRows(connection, dialect);
                    HistoryEntry unfinished = unfinishedStepOf(revision, historyTable(dialect).unfinished(connection));
                    return action == RepairAction.RESUME ? resume(connection, dialect, unfinished, rows)
                            : markRolledBack(connection, dialect, unfinished, rows);
                });
    }

    /** The unfinished step of the revision {@code identifier} names, or a message saying why there is none. */
    private HistoryEntry unfinishedStepOf(String identifier, List<HistoryEntry> unfinished) {
        String id = unfinished.stream().map(HistoryEntry::revision).filter(identifier::equals).findFirst()
                .orElseGet(() -> graph.resolveOne(identifier).map(Revision::id).orElseThrow(() ->
                        new RetortException("Nothing to repair at base: name the revision of the unfinished step")));
        for (int i = unfinished.size() - 1; i >= 0; i--) {
            if (unfinished.get(i).revision().equals(id)) {
                return unfinished.get(i);
            }
        }
        StringBuilder message = new StringBuilder("Nothing to repair: ").append(historyTableName())
                .append(" records no unfinished step of ").append(id);
        if (!unfinished.isEmpty()) {
            String other = unfinished.get(0).revision();
            message.append("; ").append(other).append(" has one: run 'retort repair ").append(other)
                    .append(" --resume' or 'retort repair ").append(other).append(" --mark-rolled-back'");
        }
        throw new RetortException(message.toString());
    }

    private RunResult resume(Connection connection, Dialect dialect, HistoryEntry unfinished, List<String> rows)
            throws SQLException {
        String id = unfinished.revision();
        String step = unfinished.direction().label() + " " + id;
        MigrationScript script = byId.get(id);
        if (script == null) {
            throw new RetortException("Cannot resume " + step + ": no revision file here defines " + id + "; undo "
                    + statementsPhrase(unfinished.statementsDone()) + " by hand and run 'retort repair " + id
                    + " --mark-rolled-back'");
        }
        boolean upgrade = unfinished.direction() == HistoryEntry.Direction.UPGRADE;
        if (upgrade == rows.contains(id)) {
            throw new RetortException("Cannot resume " + step + ": the version table (" + describeRows(rows) + ") "
                    + (upgrade ? "already lists " : "no longer lists ") + id + ", so it was changed since the step"
                    + " stopped; check the database and run 'retort repair " + id + " --mark-rolled-back'");
        }
        if (!unfinished.checksum().equals(script.checksum())) {
            LOG.warn("{} changed since {} stopped; its first {} statements are taken to be the ones that ran",
                    script.location(), step, unfinished.statementsDone());
        }
        MigrationStep migrationStep = new RevisionStep(script.revision(), upgrade, graph.normalizedDownRevisions(id));
        List<MigrationStep> steps = List.of(migrationStep);
        if (!upgrade) {
            requireReversible(steps);
        }
        checkBodies(steps, dialect, false);
        versionTable(dialect).ensure(connection);
        historyTable(dialect).ensure(connection);
        MigrationRunner runner = new MigrationRunner(graph, byId, dialect, versionTable(dialect), historyTable(dialect),
                options.transactionPerMigration(), options.listener(), RunIdentity.current(), options.timeouts(),
                options.arguments());
        List<String> after = runner.run(connection, steps, rows, unfinished.statementsDone());
        return new RunResult(steps, rows, after, Optional.empty());
    }

    private RunResult markRolledBack(Connection connection, Dialect dialect, HistoryEntry unfinished,
                                     List<String> rows) throws SQLException {
        HistoryTable historyTable = historyTable(dialect);
        historyTable.ensure(connection);
        RunIdentity identity = RunIdentity.current();
        Instant now = Instant.now();
        String user = connection.getMetaData().getUserName();
        HistoryEntry repair = new HistoryEntry(0, unfinished.revision(), rows, rows, HistoryEntry.Direction.REPAIR,
                unfinished.direction().label() + " " + unfinished.revision() + " marked rolled back: "
                        + statementsPhrase(unfinished.statementsDone()) + " undone by hand",
                unfinished.script(), unfinished.checksum(), now, Optional.of(now), Optional.of(0L),
                user == null ? "" : user, identity.osUser(), identity.hostname(), true, Optional.empty(),
                Optional.empty(), identity.toolVersion(), unfinished.statementsDone());
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(false);
            historyTable.record(connection, repair);
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        LOG.info("Marked {} {} rolled back", unfinished.direction().label(), unfinished.revision());
        return new RunResult(List.of(), rows, rows, Optional.empty());
    }

    /** Refuses to run anything while a step that stopped partway awaits repair. */
    private void requireNothingUnfinished(Connection connection, Dialect dialect, List<String> rows)
            throws SQLException {
        List<HistoryEntry> unfinished = historyTable(dialect).unfinished(connection);
        if (unfinished.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(describeUnfinished(unfinished.get(0), dialect, rows));
        if (unfinished.size() > 1) {
            message.append(" (").append(unfinished.size() - 1).append(" more unfinished: ")
                    .append(String.join(", ", unfinished.subList(1, unfinished.size()).stream()
                            .map(HistoryEntry::revision).toList())).append(')');
        }
        throw new UnfinishedMigrationException(message.toString(), unfinished);
    }

    /**
     * The story of an unfinished step, in one line: what stopped, where, what stays applied, and the
     * two ways out.
     */
    private String describeUnfinished(HistoryEntry entry, Dialect dialect, List<String> rows) {
        String id = entry.revision();
        Optional<MigrationScript> script = script(id);
        List<SqlStatement> statements = script.flatMap(s -> entry.direction() == HistoryEntry.Direction.UPGRADE
                        ? Optional.of(s.upgrade()) : s.downgrade())
                .map(body -> Statements.of(body, dialect, options.arguments())).orElse(List.of());
        int done = entry.statementsDone();
        String of = statements.isEmpty() ? "" : " of " + statements.size();
        StringBuilder text = new StringBuilder();
        text.append(entry.direction().label()).append(' ').append(id);
        if (!entry.script().isEmpty()) {
            text.append(" (").append(entry.script()).append(')');
        }
        text.append(" did not finish: ");
        String who = entry.osUser().isEmpty() ? "" : " by " + entry.osUser()
                + (entry.hostname().isEmpty() ? "" : "@" + entry.hostname());
        String started = entry.startedAt().truncatedTo(ChronoUnit.SECONDS).toString();
        if (entry.finishedAt().isPresent()) {
            text.append("it failed");
            entry.failedStatement().ifPresent(n -> text.append(" at statement ").append(n)
                    .append(statement(statements, n)));
            entry.error().ifPresent(e -> text.append(": ").append(e));
            text.append(" (run started ").append(started).append(who).append("). ");
        } else {
            text.append("the run started ").append(started).append(who).append(" stopped without recording an end"
                    + " (the process was killed or lost its connection) while statement ").append(done + 1).append(of)
                    .append(statement(statements, done + 1)).append(" ran or was about to. ");
        }
        if (done > 0) {
            text.append(capitalize(statementsPhrase(done))).append(of).append(done == 1 ? " ran and stays" : " ran and"
                    + " stay").append(" applied");
        } else {
            text.append("No statement of it is known to have completed");
        }
        text.append(dialect.transactionalDdl() ? " (outside a transaction)" : " (" + dialect.displayName()
                + " cannot roll back DDL)").append(", and the version table says ").append(describeRows(rows))
                .append(". ");
        if (entry.finishedAt().isEmpty()) {
            text.append("Statement ").append(done + 1).append(" may have taken effect as the process died: check it."
                    + " ");
        }
        text.append("Run 'retort repair ").append(id).append(" --resume' to run ")
                .append(statements.isEmpty() || done + 1 < statements.size() ? "statement " + (done + 1) + " onwards"
                        : "statement " + (done + 1))
                .append(" and finish the ").append(entry.direction().label()).append(", or undo ")
                .append(done == 0 ? "whatever it did" : done == 1 ? "that statement" : "those statements")
                .append(" by hand and run 'retort repair ").append(id).append(" --mark-rolled-back'");
        return text.toString();
    }

    private static String statement(List<SqlStatement> statements, int number) {
        if (number < 1 || number > statements.size()) {
            return "";
        }
        SqlStatement s = statements.get(number - 1);
        String first = s.firstLine();
        return " (line " + s.line() + ": " + (first.length() <= 60 ? first : first.substring(0, 57) + "...") + ")";
    }

    private static String statementsPhrase(int done) {
        return done == 0 ? "nothing" : done == 1 ? "statement 1" : "statements 1-" + done;
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String describeRows(List<String> rows) {
        return rows.isEmpty() ? "base" : String.join(", ", rows);
    }

    // ------------------------------------------------------------------------------------------
    // commands that read the database

    /** Where the database stands. Never creates tables; never fails on unknown revisions. */
    public DatabaseState current() {
        return withConnection(this::state);
    }

    /** Current heads, pending revisions, unfinished steps, up to date or not. */
    public MigrationStatus status() {
        return withConnection((connection, dialect) -> {
            DatabaseState state = state(connection, dialect);
            List<HistoryEntry> unfinished = historyTable(dialect).unfinished(connection);
            if (!state.unknown().isEmpty()) {
                return new MigrationStatus(state, List.of(), unfinished);
            }
            List<Revision> pending = planner.upgrade("heads", state.versionRows()).stream()
                    .map(step -> ((RevisionStep) step).revision()).toList();
            return new MigrationStatus(state, pending, unfinished);
        });
    }

    /**
     * Who holds the migration lock now (another process running {@code upgrade}, say); empty when
     * nobody does. Takes nothing and waits for nothing.
     */
    public Optional<LockHolder> lockHolder() {
        return withConnection((connection, dialect) -> lock(connection, dialect).holder());
    }

    /**
     * The migration lock of this database and who holds it, as {@code retort lock} shows. For an
     * embedded H2 database that another process has open, that process holds it.
     */
    public LockState lockState() {
        try {
            return withConnection(this::lockState);
        } catch (CannotConnectException e) {
            if (e.getCause() instanceof SQLException refusal && H2DatabaseFile.inUse(refusal)) {
                H2DatabaseFile file = new H2DatabaseFile(connections::open, refusal);
                return new LockState(file.describe(), file.holder(), Optional.empty());
            }
            throw e;
        }
    }

    private LockState lockState(Connection connection, Dialect dialect) throws SQLException {
        MigrationLock lock = lock(connection, dialect);
        Optional<LockHolder> holder = lock.holder();
        // while the holder lives, its own migration session holds the second lock: not news
        Optional<LockHolder> lingering = holder.isPresent() ? Optional.empty()
                : MigrationLocks.sessionLock(dialect, versionTableName(), connection).holder();
        return new LockState(lock.describe(), holder, lingering);
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
            DatabaseState state = current();
            List<String> rows = state.versionRows();
            if (!state.unknown().isEmpty()) {
                String ids = String.join(", ", state.unknown().stream().map(UnknownRevision::id).toList());
                throw new UnknownRevisionException("The database is at " + ids + ", which no revision file here"
                        + " defines, so 'current' cannot be placed in this history; run history without it, or with"
                        + " the code that has " + ids, state.unknown().stream().map(UnknownRevision::id).toList());
            }
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
                filter, dialect)));
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
            IntrospectionFilter own = ownTablesLeftOut(filter, dialect);
            DatabaseSchema database = dialect.introspector().read(connection, own);
            DatabaseSchema wanted = model.read(dialect, connection, own);
            SchemaDiff diff = SpellingSettler.settle(SchemaComparator.compare(database, wanted, renames), database,
                    wanted, renames, dialect, connection);
            return SchemaComparator.shapedFor(diff, database, dialect);
        });
    }

    private IntrospectionFilter ownTablesLeftOut(IntrospectionFilter filter, Dialect dialect) {
        java.util.Set<String> excluded = new java.util.HashSet<>(filter.alwaysExcluded());
        excluded.add(options.versionTable());
        excluded.add(options.historyTable());
        MigrationLocks.ownTables(dialect, versionTableName()).forEach(table -> excluded.add(table.name()));
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
        // it writes the history table, so it takes the migration lock as upgrade does: a rehash
        // beside a running upgrade would otherwise judge files against a history still being written
        return writing(
                (connection, dialect) -> rehashPlan(connection, dialect, revisions),
                (connection, dialect) -> {
                    List<ChecksumValidation.Rehash> plan = rehashPlan(connection, dialect, revisions);
                    HistoryTable historyTable = historyTable(dialect);
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

    /** What {@link #rehash} would write; refuses unknown revisions. */
    private List<ChecksumValidation.Rehash> rehashPlan(Connection connection, Dialect dialect, List<String> revisions)
            throws SQLException {
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
        return ChecksumValidation.rehash(graph, byId, rows, historyTable.read(connection), ids,
                new ChecksumValidation.RowTemplate(RunIdentity.current(), connection.getMetaData().getUserName(),
                        java.time.Instant.now(), historyTableName().toString()));
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

    /** What a command that writes checks before it waits for the lock, so that a mistake fails at once. */
    @FunctionalInterface
    private interface Precheck {
        void check(Connection connection, Dialect dialect) throws SQLException;
    }

    /**
     * Runs a command that writes: the precheck, then {@code work} while holding the migration lock.
     * The lock is taken before {@code work} reads anything, so what it plans from is what the last
     * holder left. Before waiting, the migration connection is taken out of any transaction: on
     * PostgreSQL an open snapshot of a waiter is something the holder's {@code CREATE INDEX
     * CONCURRENTLY} would wait for, while the waiter waits for the holder.
     */
    private <T> T writing(Precheck precheck, DatabaseWork<T> work) {
        return withConnection(true, (connection, dialect) -> {
            precheck.check(connection, dialect);
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            try (LockWait.HeldLock held = LockWait.acquire(lock(connection, dialect), options.lockTimeout(),
                    connections.describe(), options.listener());
                 LockWait.HeldLock session = LockWait.acquire(MigrationLocks.sessionLock(dialect, versionTableName(),
                         connection), options.lockTimeout(), connections.describe(), options.listener())) {
                LOG.debug("Holding the {} and {}", held.describe(), session.describe());
                return work.apply(connection, dialect);
            }
        });
    }

    private MigrationLock lock(Connection connection, Dialect dialect) throws SQLException {
        return MigrationLocks.create(dialect, versionTableName(), connection, connections::openDedicated,
                lockApplicationName());
    }

    /** How a lock connection names itself to the server: enough for an operator to find the process. */
    private static String lockApplicationName() {
        RunIdentity identity = RunIdentity.current();
        return "retort lock pid " + ProcessHandle.current().pid()
                + (identity.hostname().isEmpty() ? "" : " on " + identity.hostname().replaceAll("[,:]", "_"));
    }

    private List<MigrationStep> requireReversible(List<MigrationStep> steps) {
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
        return steps;
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
        List<String> unknownRows = new ArrayList<>();
        for (String row : rows) {
            (graph.contains(row) ? known : unknownRows).add(row);
        }
        List<UnknownRevision> unknown = new ArrayList<>();
        if (!unknownRows.isEmpty()) {
            // rare, and the story may need several rows: read the history once
            List<HistoryEntry> history = historyTable(dialect).read(connection);
            for (String row : unknownRows) {
                unknown.add(unknownRevision(row, history));
            }
        }
        return new DatabaseState(rows, graph.currentRevisions(known), unknown);
    }

    /**
     * What the history says of a revision the files lack: its newest record of being applied or
     * stamped, and, following where each step moved from, the nearest revision the files know.
     */
    private UnknownRevision unknownRevision(String id, List<HistoryEntry> history) {
        Optional<HistoryEntry> applied = arrival(id, history);
        List<String> through = new ArrayList<>();
        Optional<String> knownAncestor = Optional.empty();
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(id));
        Optional<HistoryEntry> step = applied;
        while (step.isPresent() && knownAncestor.isEmpty()) {
            Optional<String> next = Optional.empty();
            for (String from : step.get().fromRevisions()) {
                if (graph.contains(from)) {
                    knownAncestor = Optional.of(from);
                    break;
                }
                if (seen.add(from) && next.isEmpty()) {
                    next = Optional.of(from);
                }
            }
            if (knownAncestor.isPresent() || next.isEmpty()) {
                break;
            }
            through.add(next.get());
            step = arrival(next.get(), history);
        }
        return new UnknownRevision(id, applied, through, knownAncestor);
    }

    /** The newest successful upgrade or stamp that put {@code id} into the version table. */
    private static Optional<HistoryEntry> arrival(String id, List<HistoryEntry> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            boolean arrives = entry.direction() == HistoryEntry.Direction.UPGRADE && entry.revision().equals(id)
                    || entry.direction() == HistoryEntry.Direction.STAMP && entry.toRevisions().contains(id);
            if (entry.success() && arrives) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
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

    /**
     * What the history table knows of an unknown revision, in one sentence: when, by whom and from
     * which file it was applied, and which revision known here it came from.
     */
    public String describeUnknown(UnknownRevision revision) {
        if (revision.applied().isEmpty()) {
            return historyTableName() + " has no record of " + revision.id() + " being applied (Alembic or a"
                    + " hand-written stamp may have put it there).";
        }
        HistoryEntry entry = revision.applied().get();
        StringBuilder text = new StringBuilder(historyTableName().toString()).append(" says ").append(revision.id());
        if (!entry.message().isEmpty() && entry.direction() != HistoryEntry.Direction.STAMP) {
            text.append(" (\"").append(entry.message()).append("\")");
        }
        text.append(" was ").append(entry.direction() == HistoryEntry.Direction.STAMP ? "stamped" : "applied")
                .append(" at ").append(entry.startedAt().truncatedTo(ChronoUnit.SECONDS));
        if (!entry.osUser().isEmpty()) {
            text.append(" by ").append(entry.osUser());
            if (!entry.hostname().isEmpty()) {
                text.append('@').append(entry.hostname());
            }
        }
        if (!entry.databaseUser().isEmpty()) {
            text.append(" (database user ").append(entry.databaseUser()).append(')');
        }
        if (!entry.toolVersion().isEmpty()) {
            text.append(" with retort ").append(entry.toolVersion());
        }
        if (!entry.script().isEmpty()) {
            text.append(" from ").append(entry.script());
        }
        if (entry.fromRevisions().isEmpty()) {
            text.append(", starting from base");
        } else {
            text.append(", moving from ").append(String.join(", ", entry.fromRevisions()));
            List<String> knownFrom = entry.fromRevisions().stream().filter(graph::contains).toList();
            if (!knownFrom.isEmpty()) {
                text.append(knownFrom.size() == entry.fromRevisions().size() ? " (known here)"
                        : " (" + String.join(", ", knownFrom) + " known here)");
            } else if (revision.knownAncestor().isPresent()) {
                text.append(", which came from ").append(revision.knownAncestor().get()).append(" (known here)");
                if (revision.through().size() > 1) {
                    text.append(" through ").append(String.join(", ",
                            revision.through().subList(1, revision.through().size())));
                }
            } else {
                text.append(" (not known here either)");
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
        return withConnection(false, work);
    }

    /**
     * Runs {@code work} on a new connection. For a command that writes ({@code waitForFile}), an H2
     * database file that another process has open (H2's embedded mode admits one process) counts as
     * locked: the command waits for it as for the migration lock.
     */
    private <T> T withConnection(boolean waitForFile, DatabaseWork<T> work) {
        Connection connection = open(waitForFile);
        try (connection) {
            Dialect dialect = options.dialect().map(Dialects::forName)
                    .orElse(Dialects.forMetaData(connection.getMetaData()));
            return work.apply(connection, dialect);
        } catch (SQLException e) {
            throw new RetortException("Database error on " + connections.describe() + ": " + oneLine(e.getMessage()),
                    e);
        }
    }

    private Connection open(boolean waitForFile) {
        try {
            return connections.open();
        } catch (SQLException e) {
            if (!(waitForFile && H2DatabaseFile.inUse(e))) {
                throw new CannotConnectException("Cannot connect to " + connections.describe() + ": "
                        + oneLine(e.getMessage()), e);
            }
            H2DatabaseFile file = new H2DatabaseFile(connections::open, e);
            try {
                LockWait.acquire(file, options.lockTimeout(), connections.describe(), options.listener());
            } catch (SQLException again) {
                throw new CannotConnectException("Cannot connect to " + connections.describe() + ": "
                        + oneLine(again.getMessage()), again);
            }
            return file.connection();
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
                           Map<String, String> arguments, Optional<Duration> lockTimeout) {
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
        private Duration lockTimeout;

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
         * How long a command that writes waits for the migration lock while another process holds it,
         * before it fails naming the holder. Default: as long as the holder's session lives, i.e. until
         * the other process is done (a holder that dies frees the lock by itself).
         */
        public Builder lockTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("lock timeout must not be negative: " + timeout);
            }
            this.lockTimeout = timeout;
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
                            lockTimeoutBackoff), environment != null ? environment : System.getenv(), arguments,
                    Optional.ofNullable(lockTimeout));
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
            this.properties = withApplicationName(url, withConnectTimeout(url, properties), "retort");
            this.shownAs = shownAs;
        }

        /**
         * The name the server shows for our sessions ({@code pg_stat_activity.application_name}, MySQL's
         * {@code program_name} connection attribute), unless the user gave one, so that an operator
         * looking at the server can tell retort's sessions, and whose lock is whose.
         */
        private static Properties withApplicationName(String url, Properties given, String name) {
            Properties properties = (Properties) given.clone();
            String lower = url.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("jdbc:postgresql:")) {
                if (!lower.contains("applicationname=") && !has(given, "ApplicationName")) {
                    properties.setProperty("ApplicationName", name);
                }
            } else if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
                if (!lower.contains("connectionattributes=") && !has(given, "connectionAttributes")) {
                    // key:value pairs separated by commas, so the name must have neither
                    properties.setProperty("connectionAttributes", "program_name:" + name.replaceAll("[,:]", "_"));
                }
            }
            return properties;
        }

        private static boolean has(Properties properties, String name) {
            return properties.stringPropertyNames().stream().anyMatch(n -> n.equalsIgnoreCase(name));
        }

        @Override
        public Connection openDedicated(String applicationName) throws SQLException {
            Properties named = (Properties) properties.clone();
            named.remove("ApplicationName");
            named.remove("connectionAttributes");
            return DriverManager.getConnection(url, withApplicationName(url, named, applicationName));
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
