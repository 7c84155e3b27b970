package dev.retort.lint;

import dev.retort.Problem.Severity;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.ops.Operation;
import dev.retort.revision.Revision;
import dev.retort.script.MigrationBody;
import dev.retort.script.MigrationScript;
import dev.retort.script.RecordedOperations;
import dev.retort.script.SqlFlavor;
import dev.retort.script.SqlSection;
import dev.retort.script.SqlSource;
import dev.retort.script.SqlStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code retort lint}: checks revisions for operations that lock tables, rewrite them or break the
 * running application, and says what to write instead (README, "Linting migrations").
 *
 * <p>SQL revisions are read statement by statement with a SQL parser; Java revisions are called with
 * operations that only record, so no database is needed for either. Revisions are checked in
 * upgrade order, and what earlier revisions created is remembered (a column's type, to judge a later
 * type change), whichever revisions are selected for reporting. Only upgrades are linted.
 *
 * <p>Stateless; each call is independent and thread-safe.
 */
public final class Linter {

    private static final String IGNORE_MARKER = "retort:lint-ignore";

    private Linter() {
    }

    /**
     * Lints the given revisions of a loaded project.
     *
     * @param retort   the project (its revisions; no database is opened)
     * @param selected ids of the revisions to report on; empty = all
     */
    public static List<LintFinding> lint(Retort retort, Collection<String> selected, LintOptions options) {
        List<Revision> newestFirst = retort.history("");
        List<MigrationScript> ordered = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            retort.script(newestFirst.get(i).id()).ifPresent(ordered::add);
        }
        return lint(ordered, selected, options);
    }

    /**
     * Lints revisions given in upgrade order (parents before children).
     *
     * @param selected ids of the revisions to report on; empty = all
     */
    public static List<LintFinding> lint(List<MigrationScript> upgradeOrder, Collection<String> selected,
                                         LintOptions options) {
        Set<LintRule> rules = options.rules();
        Checker.Context context = new Checker.Context(options.lintDialect(), options.dbVersion(), rules,
                new SchemaTracker());
        Set<String> wanted = new HashSet<>(selected);
        List<LintFinding> findings = new ArrayList<>();
        try (SqlReader reader = new SqlReader(options.lintDialect())) {
            SqlFlavor flavor = SqlFlavor.of(options.dialect());
            OperationReader operations = new OperationReader(reader, flavor);
            for (MigrationScript script : upgradeOrder) {
                List<LintFinding> found = lint(script, context, options, reader, operations, flavor);
                if (wanted.isEmpty() || wanted.contains(script.id())) {
                    findings.addAll(found);
                }
            }
        }
        return findings;
    }

    /**
     * Lints operations on their own, as {@code revision --autogenerate} will before it writes them:
     * findings name {@code location} and the operation's position (1-based) as the line.
     */
    public static List<LintFinding> lint(List<Operation> operations, String location, LintOptions options) {
        Checker.Context context = new Checker.Context(options.lintDialect(), options.dbVersion(), options.rules(),
                new SchemaTracker());
        try (SqlReader reader = new SqlReader(options.lintDialect())) {
            OperationReader read = new OperationReader(reader, SqlFlavor.of(options.dialect()));
            List<Unit> units = new ArrayList<>();
            for (int i = 0; i < operations.size(); i++) {
                units.add(unit(read, operations.get(i), i + 1));
            }
            return sorted(new Checker(context, location, "", true, ConfiguredTimeouts.NONE).check(units));
        }
    }

    /** The same, naming the operations {@code (operations)}. */
    public static List<LintFinding> lint(List<Operation> operations, LintOptions options) {
        return lint(operations, "(operations)", options);
    }

    /** One SQL section on its own (tests, tools): findings name {@code file}. */
    static List<LintFinding> lintSql(String file, SqlSection section, LintOptions options) {
        Checker.Context context = new Checker.Context(options.lintDialect(), options.dbVersion(), options.rules(),
                new SchemaTracker());
        try (SqlReader reader = new SqlReader(options.lintDialect())) {
            SqlFlavor flavor = SqlFlavor.of(options.dialect());
            // no revision to ask about: the options' timeouts for a revision that is none (null)
            return sorted(new Checker(context, file, "", section.transactional(), options.timeouts().apply(null))
                    .check(sqlUnits(new SqlSource(section, Map.of()), reader, flavor)));
        }
    }

    /** Whether findings make {@code retort lint} fail: an error, or with {@code strict} a warning. */
    public static boolean failing(List<LintFinding> findings, boolean strict) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR
                || strict && f.severity() == Severity.WARNING);
    }

    // ------------------------------------------------------------------------------------------

    private static List<LintFinding> lint(MigrationScript script, Checker.Context context, LintOptions options,
                                          SqlReader reader, OperationReader operations, SqlFlavor flavor) {
        MigrationBody body = script.upgrade();
        ConfiguredTimeouts timeouts = options.timeouts().apply(script);
        Optional<SqlSource> sql = body.sqlSource();
        if (sql.isPresent()) {
            SqlSection section = sql.get().section();
            List<Unit> units;
            try {
                units = sqlUnits(sql.get(), reader, flavor);
            } catch (RetortException e) {
                return List.of(new LintFinding(LintRule.SYNTAX_ERROR, LintRule.SYNTAX_ERROR.severity(),
                        script.location(), section.firstLine(), script.id(), e.getMessage(), "the section was not"
                        + " checked", "fix the SQL"));
            }
            return sorted(new Checker(context, script.location(), script.id(), section.transactional(), timeouts)
                    .check(units));
        }
        Optional<RecordedOperations> recorded = body.recordOperations(options.dialect(), options.arguments());
        if (recorded.isEmpty()) {
            return List.of();
        }
        List<Unit> units = new ArrayList<>();
        List<Unit.Ignore> pending = new ArrayList<>();
        for (RecordedOperations.Step step : recorded.get().steps()) {
            if (step instanceof RecordedOperations.LintIgnore ignore) {
                pending.add(new Unit.Ignore(ignore.rule(), ignore.reason(), ignore.line()));
            } else if (step instanceof RecordedOperations.Applied applied) {
                Unit unit = unit(operations, applied.operation(), applied.line());
                unit.ignores.addAll(pending);
                pending.clear();
                units.add(unit);
            }
        }
        if (!pending.isEmpty()) {
            Unit orphans = new Unit(pending.get(0).line, "", List.of(), Unit.Style.JAVA, true, false, false);
            orphans.ignores.addAll(pending);
            units.add(orphans);
        }
        List<LintFinding> findings = new ArrayList<>(new Checker(context, script.location(), script.id(), true,
                timeouts).check(units));
        recorded.get().interrupted().ifPresent(stop -> {
            boolean readsData = stop.reason().startsWith("the revision reads the database");
            if (context.enabled().contains(LintRule.NOT_LINTED)) {
                findings.add(new LintFinding(LintRule.NOT_LINTED, readsData ? Severity.INFO : Severity.WARNING,
                        script.location(), stop.line(), script.id(), "operations after this line were not checked: "
                        + stop.reason(), "", readsData ? "skip the data step when op.isOffline() so that lint sees"
                        + " the rest" : "make the revision run without a database"));
            }
        });
        return sorted(findings);
    }

    private static Unit unit(OperationReader operations, Operation operation, int line) {
        OperationReader.Read read = operations.read(operation);
        String text = operation instanceof dev.retort.ops.Execute e ? e.sql() : operation.describe();
        return new Unit(line, text, read.actions(), Unit.Style.JAVA, read.transactional(), read.rawSql(), false);
    }

    /** The statements of a section as units, each with the ignore comments that belong to it. */
    private static List<Unit> sqlUnits(SqlSource source, SqlReader reader, SqlFlavor flavor) {
        SqlSection section = source.section();
        List<SqlStatement> statements = source.statements(flavor);
        List<Unit> units = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (SqlStatement statement : statements) {
            List<SqlTokens.Token> tokens = SqlTokens.of(statement.sql(), flavor == SqlFlavor.MYSQL);
            boolean alterTable = tokens.size() > 1 && tokens.get(0).is("ALTER") && tokens.get(1).is("TABLE");
            units.add(new Unit(statement.line(), statement.sql(), reader.read(statement.sql()), Unit.Style.SQL,
                    section.transactional(), false, alterTable));
            ranges.add(new int[] {statement.line(), statement.line() + (int) statement.sql().chars()
                    .filter(c -> c == '\n').count()});
        }
        List<Unit.Ignore> orphans = new ArrayList<>();
        String[] lines = section.sql().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Unit.Ignore ignore : ignoreComment(lines[i], section.firstLine() + i)) {
                place(ignore, ranges, units, orphans);
            }
        }
        if (!orphans.isEmpty()) {
            Unit unit = new Unit(orphans.get(0).line, "", List.of(), Unit.Style.SQL, section.transactional(), false,
                    false);
            unit.ignores.addAll(orphans);
            units.add(unit);
        }
        return units;
    }

    /** An ignore belongs to the statement on its line, else to the next statement. */
    private static void place(Unit.Ignore ignore, List<int[]> ranges, List<Unit> units, List<Unit.Ignore> orphans) {
        int line = ignore.line;
        int target = -1;
        for (int s = 0; s < ranges.size() && target < 0; s++) {
            if (ranges.get(s)[0] <= line && line <= ranges.get(s)[1] || ranges.get(s)[0] > line) {
                target = s;
            }
        }
        if (target < 0) {
            orphans.add(ignore);
        } else {
            units.get(target).ignores.add(ignore);
        }
    }

    /** {@code -- retort:lint-ignore rule-id[,rule-id] reason}, anywhere on the line. */
    static List<Unit.Ignore> ignoreComment(String line, int number) {
        int marker = line.indexOf(IGNORE_MARKER);
        if (marker < 0) {
            return List.of();
        }
        int comment = line.lastIndexOf("--", marker);
        if (comment < 0 || !line.substring(comment + 2, marker).isBlank()) {
            return List.of();
        }
        String rest = line.substring(marker + IGNORE_MARKER.length()).strip();
        int space = rest.indexOf(' ');
        String ids = space < 0 ? rest : rest.substring(0, space);
        String reason = space < 0 ? "" : rest.substring(space + 1).strip();
        List<Unit.Ignore> ignores = new ArrayList<>();
        for (String id : ids.split(",", -1)) {
            ignores.add(new Unit.Ignore(id.strip(), reason, number));
        }
        return ignores;
    }

    private static List<LintFinding> sorted(List<LintFinding> findings) {
        List<LintFinding> copy = new ArrayList<>(findings);
        copy.sort(Comparator.comparingInt(LintFinding::line));
        return copy;
    }

    /** Counts of findings by severity, for a summary line. */
    public static Map<Severity, Long> count(List<LintFinding> findings) {
        Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, findings.stream().filter(f -> f.severity() == severity).count());
        }
        return counts;
    }
}
