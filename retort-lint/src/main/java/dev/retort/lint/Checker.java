package dev.retort.lint;

import dev.retort.Problem.Severity;
import dev.retort.lint.Action.ColumnFact;
import dev.retort.lint.Action.ConstraintFact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the rules over the units of one revision's upgrade, in order, keeping what the rules need to
 * know about what came before in the revision: the tables it created (new tables are empty, so
 * building an index or checking a constraint on them locks nothing anyone waits for), the open
 * explicit transaction, the timeouts set, the constraints added {@code NOT VALID}, the tables already
 * altered or locked.
 *
 * <p>One instance per revision; not thread-safe.
 */
final class Checker {

    /** What a whole lint run shares. */
    record Context(LintDialect dialect, Optional<DbVersion> version, Set<LintRule> enabled, SchemaTracker tracker) {
    }

    private final Context context;
    private final String file;
    private final String revision;
    /** The section runs inside a transaction retort opens (SQL without transaction:false; Java). */
    private final boolean wrapped;
    private final ConfiguredTimeouts configured;
    private final List<LintFinding> findings = new ArrayList<>();

    private final Set<String> created = new HashSet<>();
    private int explicitDepth;
    private int explicitBeginLine;
    private boolean lockTimeoutSet;
    private boolean statementTimeoutSet;
    private boolean foreignKeyChecksOff;
    private boolean lockTimeoutReported;
    private boolean statementTimeoutReported;
    private final Set<String> notValidInTransaction = new HashSet<>();
    private final Map<String, Integer> alterTables = new HashMap<>();
    private final Set<String> alterTablesReported = new HashSet<>();
    private final Map<String, String> accessExclusive = new HashMap<>();
    private final Set<String> accessExclusiveReported = new HashSet<>();

    Checker(Context context, String file, String revision, boolean wrapped, ConfiguredTimeouts configured) {
        this.context = context;
        this.file = file;
        this.revision = revision;
        this.wrapped = wrapped;
        this.configured = configured;
    }

    /** The findings of the units, ignores applied, ignore problems added. */
    List<LintFinding> check(List<Unit> units) {
        List<Unit.Ignore> all = new ArrayList<>();
        units.forEach(u -> all.addAll(u.ignores));
        for (Unit unit : units) {
            List<LintFinding> before = new ArrayList<>(findings);
            findings.clear();
            check(unit);
            List<LintFinding> mine = new ArrayList<>(findings);
            findings.clear();
            findings.addAll(before);
            for (LintFinding finding : mine) {
                if (!ignored(finding, unit.ignores, all)) {
                    findings.add(finding);
                }
            }
        }
        if (explicitDepth > 0) {
            LintFinding finding = finding(LintRule.BAN_UNCOMMITTED_TRANSACTION, explicitBeginLine,
                    "BEGIN without a COMMIT before the end of the section",
                    "the migration seems to succeed and its work is rolled back when the connection closes", "COMMIT;");
            if (context.enabled().contains(finding.rule()) && !ignored(finding, List.of(), all)) {
                findings.add(finding);
            }
        }
        for (Unit.Ignore ignore : all) {
            ignoreProblems(ignore);
        }
        return findings;
    }

    private boolean ignored(LintFinding finding, List<Unit.Ignore> own, List<Unit.Ignore> all) {
        boolean revisionWide = finding.rule() == LintRule.REQUIRE_LOCK_TIMEOUT
                || finding.rule() == LintRule.REQUIRE_STATEMENT_TIMEOUT
                || finding.rule() == LintRule.BAN_UNCOMMITTED_TRANSACTION;
        for (Unit.Ignore ignore : revisionWide ? all : own) {
            if (ignore.rule.equals(finding.rule().id())) {
                ignore.used = true;
                return true;
            }
        }
        return false;
    }

    private void ignoreProblems(Unit.Ignore ignore) {
        Optional<LintRule> rule = LintRule.byId(ignore.rule);
        if (rule.isEmpty()) {
            findings.add(finding(LintRule.UNKNOWN_LINT_RULE, ignore.line, "lint ignore of '" + ignore.rule
                    + "', which is no rule", "it ignores nothing", "use a rule id from the README's rule table"));
            return;
        }
        if (ignore.reason.isBlank()) {
            findings.add(finding(LintRule.LINT_IGNORE_WITHOUT_REASON, ignore.line, "lint ignore of " + ignore.rule
                    + " without a reason", "the next reader cannot tell why it is safe",
                    "add the reason after the rule id"));
        }
        if (!ignore.used && context.enabled().contains(rule.get())) {
            findings.add(finding(LintRule.UNUSED_LINT_IGNORE, ignore.line, "lint ignore of " + ignore.rule
                    + " matches no finding", "it would silence a later finding nobody reviewed", "remove it"));
        }
    }

    // ------------------------------------------------------------------------------------------

    private void check(Unit unit) {
        boolean inTransaction = unit.transactional && wrapped || explicitDepth > 0;
        if (!unit.transactional && unit.style == Unit.Style.JAVA) {
            // retort commits what came before and runs it alone
            notValidInTransaction.clear();
            accessExclusive.clear();
        }
        Set<String> locksBefore = new HashSet<>(accessExclusive.keySet());
        boolean takesLocks = false;
        boolean alterOfOneTable = unit.alterTable;
        Set<String> tablesTouched = new HashSet<>();
        for (Action action : unit.actions) {
            Optional<TableName> table = table(action);
            if (lockTaking(action) && table.map(this::existing).orElse(!(action instanceof Action.CreateTable))) {
                takesLocks = true;
            }
            table.ifPresent(t -> tablesTouched.add(t.key()));
            check(unit, action, inTransaction);
        }
        if (takesLocks) {
            timeouts(unit);
        }
        if (alterOfOneTable && tablesTouched.size() == 1 && context.dialect() != LintDialect.OTHER) {
            multipleAlter(unit, tablesTouched.iterator().next());
        }
        if (inTransaction && context.dialect() == LintDialect.POSTGRES) {
            statementAfterLock(unit, locksBefore, tablesTouched);
        }
        for (Action action : unit.actions) {
            if (accessExclusiveLock(action) && table(action).map(this::existing).orElse(false)
                    && (inTransaction)) {
                TableName t = table(action).get();
                accessExclusive.putIfAbsent(t.key(), t.toString());
            }
            context.tracker().apply(action);
            if (action instanceof Action.CreateTable create) {
                created.add(create.table().key());
            }
        }
    }

    private void check(Unit unit, Action action, boolean inTransaction) {
        LintDialect dialect = context.dialect();
        boolean pg = dialect == LintDialect.POSTGRES;
        boolean my = dialect == LintDialect.MYSQL;
        if (action instanceof Action.CreateTable a) {
            identifier(unit, a.table().name(), "table");
            for (ColumnFact column : a.columns()) {
                identifier(unit, column.name(), "column");
                types(unit, a.table(), column);
            }
        } else if (action instanceof Action.AddColumn a) {
            addColumn(unit, a.table(), a.column());
        } else if (action instanceof Action.AlterColumnType a) {
            if (existing(a.table()) && dialect != LintDialect.OTHER) {
                Optional<TypeFact> before = a.before().isPresent() ? a.before()
                        : context.tracker().type(a.table(), a.column());
                typeChange(unit, a.table(), a.column(), before, a.type());
            }
        } else if (action instanceof Action.ModifyColumn a) {
            if (existing(a.table())) {
                if (!TableName.key(a.oldName()).equals(TableName.key(a.column().name()))) {
                    report(unit, LintRule.RENAMING_COLUMN, "CHANGE renames column " + a.table() + "." + a.oldName()
                            + " to " + a.column().name(), "running code that uses " + a.oldName() + " fails",
                            "keep the name " + a.oldName() + " and map it in the application");
                }
                if (my) {
                    Optional<TypeFact> before = context.tracker().type(a.table(), a.oldName());
                    if (before.isEmpty() || !same(before.get(), a.column().type())) {
                        typeChange(unit, a.table(), a.oldName(), before, a.column().type());
                    }
                }
            }
        } else if (action instanceof Action.SetNotNull a) {
            if (pg && existing(a.table())) {
                setNotNull(unit, a);
            }
        } else if (action instanceof Action.DropNotNull a) {
            if (pg && existing(a.table())) {
                report(unit, LintRule.BAN_DROP_NOT_NULL, "DROP NOT NULL on " + a.table() + "." + a.column(),
                        "running code that assumes a value will read NULLs",
                        "make the code handle NULL in " + a.column() + " before allowing it");
            }
        } else if (action instanceof Action.RenameColumn a) {
            identifier(unit, a.to(), "column");
            if (existing(a.table())) {
                report(unit, LintRule.RENAMING_COLUMN, "renames column " + a.table() + "." + a.from() + " to "
                        + a.to(), "running code that uses " + a.from() + " fails until it is deployed again",
                        "keep the name " + a.from() + " and map it in the application, or add " + a.to()
                                + ", write both, backfill, switch reads, then drop " + a.from());
            }
        } else if (action instanceof Action.RenameTable a) {
            identifier(unit, a.to(), "table");
            if (existing(a.table())) {
                report(unit, LintRule.RENAMING_TABLE, "renames table " + a.table() + " to " + a.to(),
                        "running code that uses " + a.table().name() + " fails until it is deployed again",
                        "keep the name " + a.table().name() + " and map it in the application, or create a view "
                                + a.table().name() + " while the code moves");
            }
        } else if (action instanceof Action.DropColumn a) {
            if (existing(a.table())) {
                report(unit, LintRule.BAN_DROP_COLUMN, "drops column " + a.table() + "." + a.column(),
                        "running code that still reads or writes " + a.column() + " fails",
                        "stop using " + a.column() + " in a release first; drop it in a later one with"
                                + unit.alternative(" '-- retort:lint-ignore ban-drop-column <why it is unused>'",
                                " op.lintIgnore(\"ban-drop-column\", \"<why it is unused>\")"));
            }
        } else if (action instanceof Action.DropTable a) {
            if (existing(a.table())) {
                report(unit, LintRule.BAN_DROP_TABLE, "drops table " + a.table(),
                        "running code that still uses it fails, and its rows are gone",
                        "stop using " + a.table() + " in a release first; drop it in a later one with a"
                                + " lint ignore saying why");
            }
        } else if (action instanceof Action.DropSchema a) {
            report(unit, LintRule.BAN_DROP_SCHEMA, "drops schema " + a.name(),
                    "every object in it goes (with CASCADE), and running code that uses them fails",
                    "stop using schema " + a.name() + " first; drop it in a later release with a lint ignore");
        } else if (action instanceof Action.DropDatabase a) {
            report(unit, LintRule.BAN_DROP_DATABASE, "drops database " + a.name(), "everything in it is gone",
                    "drop databases by hand, not in a migration");
        } else if (action instanceof Action.AddConstraint a) {
            addConstraint(unit, a, inTransaction);
        } else if (action instanceof Action.ValidateConstraint a) {
            if (pg && inTransaction && notValidInTransaction.contains(constraintKey(a.table(), a.name()))) {
                report(unit, LintRule.CONSTRAINT_MISSING_NOT_VALID, "VALIDATE CONSTRAINT " + a.name()
                        + " in the same transaction that added it NOT VALID",
                        "the ACCESS EXCLUSIVE lock of the ADD is still held while every row of " + a.table()
                                + " is checked: reads and writes wait",
                        unit.alternative("move 'ALTER TABLE " + a.table() + " VALIDATE CONSTRAINT " + a.name()
                                + "' to a later revision", "move op.validateConstraint(\"" + a.table() + "\", \""
                                + a.name() + "\") to a later revision"));
            }
        } else if (action instanceof Action.CreateIndex a) {
            createIndex(unit, a, inTransaction);
        } else if (action instanceof Action.DropIndex a) {
            if (pg) {
                if (a.concurrently() && inTransaction) {
                    concurrentInTransaction(unit, "DROP INDEX CONCURRENTLY " + a.name());
                } else if (!a.concurrently()) {
                    report(unit, LintRule.REQUIRE_CONCURRENT_INDEX_DELETION, "DROP INDEX " + a.name()
                            + " without CONCURRENTLY", "ACCESS EXCLUSIVE on its table: reads and writes wait",
                            unit.alternative("DROP INDEX CONCURRENTLY " + a.name()
                                    + " in a section marked '-- migrate:up transaction:false'",
                                    "op.dropIndex(\"" + a.name() + "\", null, IndexOption.CONCURRENTLY)"));
                }
            }
        } else if (action instanceof Action.Reindex a) {
            if (pg) {
                if (a.concurrently() && inTransaction) {
                    concurrentInTransaction(unit, "REINDEX CONCURRENTLY");
                } else if (!a.concurrently() && atLeast(12, 0)) {
                    report(unit, LintRule.REQUIRE_CONCURRENT_REINDEX, "REINDEX " + a.target() + " without CONCURRENTLY",
                            "ACCESS EXCLUSIVE on the index and SHARE on its table: writes wait",
                            "REINDEX ... CONCURRENTLY in a section marked '-- migrate:up transaction:false'");
                }
            }
        } else if (action instanceof Action.Truncate a) {
            if (pg && a.cascade()) {
                report(unit, LintRule.BAN_TRUNCATE_CASCADE, "TRUNCATE " + names(a.tables()) + " CASCADE",
                        "also empties every table with a foreign key to " + names(a.tables())
                                + ", whatever they are, under ACCESS EXCLUSIVE",
                        "TRUNCATE the tables by name: TRUNCATE " + names(a.tables()) + ", <the referencing tables>");
            }
        } else if (action instanceof Action.Transaction a) {
            transaction(unit, a);
        } else if (action instanceof Action.SetParameter a) {
            String value = a.value().replace("'", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
            boolean off = value.equals("0") || value.equals("off") || value.equals("default");
            switch (a.name()) {
                case "lock_timeout" -> lockTimeoutSet = pg && !off || lockTimeoutSet;
                case "lock_wait_timeout" -> lockTimeoutSet = my && !off || lockTimeoutSet;
                case "statement_timeout" -> statementTimeoutSet = !off || statementTimeoutSet;
                case "foreign_key_checks" -> foreignKeyChecksOff = value.equals("0") || value.equals("off");
                default -> {
                }
            }
        } else if (action instanceof Action.AddEnumValue a) {
            if (pg && !a.positioned()) {
                report(unit, LintRule.REQUIRE_ENUM_VALUE_ORDERING, "ADD VALUE '" + a.value() + "' to enum type "
                        + a.type() + " without BEFORE or AFTER",
                        "the value sorts last, which changes what ORDER BY and comparisons on " + a.type() + " mean",
                        unit.alternative("ALTER TYPE " + a.type() + " ADD VALUE '" + a.value()
                                + "' BEFORE '<value>' (or AFTER), or ignore if last is meant",
                                "op.addEnumValueBefore(\"" + a.type() + "\", \"" + a.value()
                                        + "\", \"<value>\") (or addEnumValueAfter)"));
            }
        } else if (action instanceof Action.AlterTableOptions a) {
            if (my) {
                a.algorithm().filter("COPY"::equals).ifPresent(x -> report(unit, LintRule.COPY_ALGORITHM,
                        "ALGORITHM=COPY on " + a.table(), "the table is copied and every write waits until it is done",
                        "leave ALGORITHM out (MySQL picks INSTANT or INPLACE), or ALGORITHM=INPLACE, LOCK=NONE"));
                a.lock().filter(l -> l.equals("SHARED") || l.equals("EXCLUSIVE")).ifPresent(l -> report(unit,
                        LintRule.LOCK_OPTION, "LOCK=" + l + " on " + a.table(), l.equals("SHARED")
                                ? "writes to " + a.table() + " wait for the whole ALTER"
                                : "reads and writes of " + a.table() + " wait for the whole ALTER",
                        "leave LOCK out, or LOCK=NONE"));
            }
        } else if (action instanceof Action.Unreadable a) {
            if (unit.rawSql) {
                report(unit, LintRule.EXECUTE, "op.execute(\"" + shorten(unit.text) + "\"): " + a.problem(),
                        "its locks and effects cannot be checked",
                        "review it by hand, then op.lintIgnore(\"execute\", \"<what you checked>\") before it");
            } else {
                report(unit, LintRule.SYNTAX_ERROR, "'" + shorten(unit.text) + "': " + a.problem(),
                        "it was not checked", "check the SQL; if it is right, add"
                                + " '-- retort:lint-ignore syntax-error <why it is fine>' before it");
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // the rules with more to them

    private void addColumn(Unit unit, TableName table, ColumnFact column) {
        identifier(unit, column.name(), "column");
        types(unit, table, column);
        if (!existing(table) || context.dialect() == LintDialect.OTHER) {
            return;
        }
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        String name = table + "." + column.name();
        if (column.generatedStored()) {
            report(unit, LintRule.ADD_COLUMN_GENERATED_STORED, "adds stored generated column " + name,
                    pg ? "every row is computed: " + table + " is rewritten under ACCESS EXCLUSIVE, reads and"
                            + " writes wait" : table + " is copied: writes wait",
                    pg ? "add a plain column and fill it with a trigger (and a batched backfill)"
                            : "a VIRTUAL generated column, or a plain column filled by a trigger");
        } else if (column.autoIncrement()) {
            report(unit, LintRule.ADD_COLUMN_AUTO_INCREMENTING, "adds auto-incrementing column " + name,
                    pg ? "every row gets a value: " + table + " is rewritten under ACCESS EXCLUSIVE, reads and writes"
                            + " wait" : table + " is copied (writes wait), and replicas may number the rows"
                            + " differently",
                    "create a new table with the column, copy the rows over in batches, then swap");
        } else if (column.defaultValue().isPresent()) {
            Action.DefaultFact value = column.defaultValue().get();
            Optional<String> why = Optional.empty();
            if (pg && context.version().isPresent() && !atLeast(11, 0)) {
                why = Optional.of("before PostgreSQL 11 any DEFAULT on ADD COLUMN rewrites the table");
            } else if (pg && !value.literal()) {
                why = Volatility.volatileCall(value.sql()).map(f -> Volatility.knownVolatile(f)
                        ? f + "() is volatile, so every row gets its own value"
                        : "retort does not know whether " + f + "() is volatile (ignore with the reason if it is"
                                + " IMMUTABLE or STABLE)");
            } else if (!pg && !value.literal() && value.sql().strip().startsWith("(")) {
                why = Optional.of("an expression default cannot be added in place");
            }
            why.ifPresent(w -> report(unit, LintRule.ADDING_FIELD_WITH_DEFAULT, "adds " + name + " with DEFAULT "
                            + value.sql() + ": " + w,
                    pg ? table + " is rewritten under ACCESS EXCLUSIVE: reads and writes wait"
                            : table + " is copied: writes wait",
                    unit.alternative("ALTER TABLE " + table + " ADD COLUMN " + column.name() + " "
                                    + column.type().written() + "; ALTER TABLE " + table + " ALTER COLUMN "
                                    + column.name() + " SET DEFAULT " + value.sql() + "; then backfill in batches",
                            "op.addColumn(\"" + table + "\", column(\"" + column.name() + "\", ...)) without the"
                                    + " default, then op.alterColumn(\"" + table + "\", \"" + column.name()
                                    + "\", c -> c.serverDefaultExpression(\"" + value.sql()
                                    + "\")), then backfill in batches")));
        }
        if (column.notNull() && column.defaultValue().isEmpty() && !column.autoIncrement()
                && !column.generatedStored()) {
            report(unit, LintRule.ADDING_REQUIRED_FIELD, "adds NOT NULL column " + name + " without a DEFAULT",
                    pg ? "fails on a table with rows, and INSERTs of the running code that do not name "
                            + column.name() + " fail" : "INSERTs of the running code that do not name " + column.name()
                            + " fail (strict mode)",
                    unit.alternative("add it nullable (or with a constant DEFAULT), backfill, then SET NOT NULL",
                            "add it without .notNull() (or with .serverDefault(...)), backfill, then"
                                    + " op.alterColumn(..., c -> c.notNull())"));
        }
        if (column.references().isPresent()) {
            foreignKey(unit, table, column.references().get(), "column " + column.name(), false);
        }
    }

    private void types(Unit unit, TableName table, ColumnFact column) {
        LintDialect dialect = context.dialect();
        TypeFact type = column.type();
        String name = table + "." + column.name();
        if (dialect == LintDialect.POSTGRES) {
            switch (type.kind()) {
                case CHAR -> report(unit, LintRule.BAN_CHAR_FIELD, name + " is " + type.written(),
                        "char(n) pads with blanks, is no faster than text, and compares surprisingly",
                        unit.alternative(column.name() + " text (or varchar(n))",
                                "column(\"" + column.name() + "\", text()) (or varchar(n))"));
                case VARCHAR -> {
                    if (type.length().isPresent()) {
                        report(unit, LintRule.PREFER_TEXT_FIELD, name + " is " + type.written(),
                                "shortening the limit later rewrites the table under ACCESS EXCLUSIVE",
                                unit.alternative(column.name() + " text CHECK (length(" + column.name() + ") <= "
                                        + type.length().getAsInt() + ")", "column(\"" + column.name()
                                        + "\", text()) and a check constraint on its length"));
                    }
                }
                case TIMESTAMP -> report(unit, LintRule.PREFER_TIMESTAMPTZ, name + " is timestamp without time zone",
                        "the offset is lost: the same value means different instants to clients in different zones",
                        unit.alternative(column.name() + " timestamptz", "column(\"" + column.name()
                                + "\", timestampTz())"));
                case JSON -> report(unit, LintRule.ADD_COLUMN_JSON, name + " is json",
                        "json has no equality operator: SELECT DISTINCT, UNION and GROUP BY over the table fail",
                        unit.alternative(column.name() + " jsonb", "column(\"" + column.name() + "\", jsonb())"));
                default -> {
                }
            }
            if (type.serial() && (context.version().isEmpty() || atLeast(10, 0))) {
                report(unit, LintRule.PREFER_IDENTITY, name + " is " + type.written(),
                        "the sequence it creates has its own owner and grants, which copying or dumping the table"
                                + " gets wrong",
                        unit.alternative(column.name() + " bigint GENERATED BY DEFAULT AS IDENTITY",
                                "column(\"" + column.name() + "\", bigint()).autoincrement()"));
            }
        }
        boolean mysqlId = dialect == LintDialect.MYSQL && column.autoIncrement();
        if (dialect == LintDialect.POSTGRES || mysqlId) {
            if (type.int32()) {
                report(unit, LintRule.PREFER_BIGINT_OVER_INT, name + " is " + type.written() + " (32 bits)",
                        "it overflows at 2,147,483,647, and widening it later rewrites the table",
                        unit.alternative(column.name() + (type.serial() ? " bigserial" : " bigint"),
                                "column(\"" + column.name() + "\", bigint())"));
            } else if (type.int16()) {
                report(unit, LintRule.PREFER_BIGINT_OVER_SMALLINT, name + " is " + type.written() + " (16 bits or"
                                + " fewer)", "it overflows at 32,767 or sooner, and widening it later rewrites the"
                                + " table",
                        unit.alternative(column.name() + " bigint", "column(\"" + column.name() + "\", bigint())"));
            }
        }
    }

    private void typeChange(Unit unit, TableName table, String column, Optional<TypeFact> before, TypeFact after) {
        if (before.isPresent() && safeChange(before.get(), after)) {
            return;
        }
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        String what = "changes the type of " + table + "." + column + before.map(b -> " from " + b.written())
                .orElse("") + " to " + after.written();
        if (before.isEmpty()) {
            what += " (no earlier revision says what it was: if it only widens a varchar, or turns one into text,"
                    + " it is safe; ignore with that reason)";
        }
        if (!context.enabled().contains(LintRule.CHANGING_COLUMN_TYPE)) {
            return;
        }
        LintFinding f = finding(LintRule.CHANGING_COLUMN_TYPE, unit.line, what, pg
                ? "ACCESS EXCLUSIVE while " + table + " and its indexes are rewritten: reads and writes wait"
                : table + " is copied: writes wait",
                "add a new column of the new type, write both, backfill in batches, switch reads, drop the old one");
        if (before.isEmpty() && context.dialect() == LintDialect.MYSQL) {
            f = new LintFinding(f.rule(), Severity.WARNING, f.file(), f.line(), f.revision(), f.what(), f.lock(),
                    f.alternative());
        }
        findings.add(f);
    }

    /** Whether a type change keeps the bytes (PostgreSQL: binary coercible; MySQL: in place). */
    private boolean safeChange(TypeFact before, TypeFact after) {
        if (same(before, after)) {
            return true;
        }
        TypeFact.Kind b = before.kind();
        TypeFact.Kind a = after.kind();
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        if (b == TypeFact.Kind.VARCHAR && a == TypeFact.Kind.VARCHAR) {
            if (after.length().isEmpty()) {
                return pg;
            }
            if (before.length().isEmpty() || after.length().getAsInt() < before.length().getAsInt()) {
                return false;
            }
            // MySQL keeps the length prefix's size: 1 byte up to 255 bytes (63 utf8mb4 characters), else 2
            return pg || before.length().getAsInt() * 4 > 255 || after.length().getAsInt() * 4 <= 255;
        }
        if (pg && b == TypeFact.Kind.VARCHAR && a == TypeFact.Kind.TEXT) {
            return true;
        }
        if (pg && b == TypeFact.Kind.NUMERIC && a == TypeFact.Kind.NUMERIC) {
            if (after.length().isEmpty()) {
                return true;
            }
            return before.length().isPresent() && after.length().getAsInt() >= before.length().getAsInt()
                    && before.scale().orElse(0) == after.scale().orElse(0);
        }
        return false;
    }

    private static boolean same(TypeFact before, TypeFact after) {
        return before.kind() == after.kind() && before.length().equals(after.length())
                && before.scale().equals(after.scale())
                && (before.kind() != TypeFact.Kind.OTHER || before.written().equalsIgnoreCase(after.written()));
    }

    private void setNotNull(Unit unit, Action.SetNotNull a) {
        if (atLeast(12, 0) && context.tracker().validatedNotNull(a.table(), a.column())) {
            return; // PostgreSQL 12+ uses the validated check instead of scanning
        }
        String check = "chk_" + a.column() + "_not_null";
        report(unit, LintRule.ADDING_NOT_NULLABLE_FIELD, "SET NOT NULL on " + a.table() + "." + a.column(),
                "ACCESS EXCLUSIVE while every row of " + a.table() + " is scanned: reads and writes wait",
                unit.alternative("ALTER TABLE " + a.table() + " ADD CONSTRAINT " + check + " CHECK (" + a.column()
                                + " IS NOT NULL) NOT VALID; in a later revision ALTER TABLE " + a.table()
                                + " VALIDATE CONSTRAINT " + check + "; then SET NOT NULL (PostgreSQL 12+ skips the"
                                + " scan)"
                                + " and DROP CONSTRAINT " + check,
                        "op.addConstraintNotValid(\"" + a.table() + "\", CheckConstraint.of(\"" + check + "\", \""
                                + a.column() + " IS NOT NULL\")); in a later revision op.validateConstraint(\""
                                + a.table() + "\", \"" + check + "\"); then op.alterColumn(..., c -> c.notNull())"
                                + " and op.dropConstraint(\"" + check + "\", \"" + a.table() + "\")"));
    }

    private void addConstraint(Unit unit, Action.AddConstraint a, boolean inTransaction) {
        ConstraintFact c = a.constraint();
        c.name().ifPresent(n -> identifier(unit, n, "constraint"));
        if (c.kind() == ConstraintFact.Kind.CHECK) {
            c.name().filter(n -> c.notValid()).ifPresent(n -> notValidInTransaction.add(constraintKey(a.table(), n)));
        }
        if (!existing(a.table())) {
            return;
        }
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        boolean my = context.dialect() == LintDialect.MYSQL;
        String name = c.displayName();
        switch (c.kind()) {
            case FOREIGN_KEY -> {
                if (c.notValid() && pg) {
                    notValidInTransaction.add(constraintKey(a.table(), name));
                } else if (pg || my) {
                    foreignKey(unit, a.table(), c.referenced().orElse(new TableName(Optional.empty(), "?", true)),
                            "constraint " + name, true);
                }
            }
            case CHECK -> {
                if (pg && !c.notValid()) {
                    report(unit, LintRule.CONSTRAINT_MISSING_NOT_VALID, "adds check constraint " + name + " to "
                                    + a.table() + " without NOT VALID",
                            "ACCESS EXCLUSIVE while every row of " + a.table() + " is checked: reads and writes wait",
                            unit.alternative("ALTER TABLE " + a.table() + " ADD CONSTRAINT " + name + " CHECK ("
                                            + c.condition() + ") NOT VALID; in a later revision ALTER TABLE "
                                            + a.table() + " VALIDATE CONSTRAINT " + name,
                                    "op.addConstraintNotValid(\"" + a.table() + "\", CheckConstraint.of(\"" + name
                                            + "\", ...)); in a later revision op.validateConstraint(\"" + a.table()
                                            + "\", \"" + name + "\")"));
                } else if (my) {
                    report(unit, LintRule.ADD_CHECK_CONSTRAINT, "adds check constraint " + name + " to " + a.table(),
                            a.table() + " is copied while every row is checked: writes wait",
                            "there is no online way on MySQL/MariaDB: run it in a maintenance window, or check in the"
                                    + " application");
                }
            }
            case UNIQUE -> {
                if (pg && !c.usingIndex()) {
                    String index = name.equals("(unnamed)") ? "ux_" + a.table().name() : name;
                    report(unit, LintRule.DISALLOWED_UNIQUE_CONSTRAINT, "adds unique constraint " + name + " to "
                                    + a.table(), "ACCESS EXCLUSIVE while the unique index builds: reads and writes"
                                    + " wait",
                            "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + a.table() + " (" + String.join(", ",
                                    c.columns()) + ") in a '-- migrate:up transaction:false' section, then ALTER TABLE "
                                    + a.table() + " ADD CONSTRAINT " + index + " UNIQUE USING INDEX " + index);
                }
            }
            case PRIMARY_KEY -> {
                if (pg && !c.usingIndex()) {
                    String index = name.equals("(unnamed)") ? a.table().name() + "_pkey" : name;
                    report(unit, LintRule.ADDING_SERIAL_PRIMARY_KEY_FIELD, "adds primary key " + name + " to "
                                    + a.table(), "ACCESS EXCLUSIVE while the unique index builds: reads and writes"
                                    + " wait",
                            "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + a.table() + " (" + String.join(", ",
                                    c.columns()) + ") in a '-- migrate:up transaction:false' section, then ALTER TABLE "
                                    + a.table() + " ADD CONSTRAINT " + index + " PRIMARY KEY USING INDEX " + index);
                }
            }
            default -> {
            }
        }
    }

    private void foreignKey(Unit unit, TableName table, TableName referenced, String what, boolean named) {
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        if (!pg && foreignKeyChecksOff) {
            return;
        }
        report(unit, LintRule.ADDING_FOREIGN_KEY_CONSTRAINT, "adds foreign key " + what + " from " + table + " to "
                        + referenced + " while checking every row",
                pg ? "SHARE ROW EXCLUSIVE on " + table + " and " + referenced + " while " + table
                        + " is scanned: writes to both wait" : table + " is copied while every row is checked: writes"
                        + " wait",
                pg ? unit.alternative((named ? "add it with NOT VALID" : "add the column, then ALTER TABLE " + table
                                + " ADD CONSTRAINT ... FOREIGN KEY (...) REFERENCES " + referenced + " NOT VALID")
                                + "; in a later revision ALTER TABLE " + table + " VALIDATE CONSTRAINT <name>",
                        "op.addConstraintNotValid(\"" + table + "\", foreignKey(...).references(\"" + referenced
                                + "\", ...)); in a later revision op.validateConstraint(\"" + table + "\", \"<name>\")")
                        : "SET foreign_key_checks = 0 before it, when the data is known to match (then = 1)");
    }

    private void createIndex(Unit unit, Action.CreateIndex a, boolean inTransaction) {
        identifier(unit, a.name(), "index");
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        if (pg && a.concurrently() && inTransaction) {
            concurrentInTransaction(unit, "CREATE INDEX CONCURRENTLY " + a.name());
        } else if (pg && !a.concurrently() && existing(a.table())) {
            report(unit, LintRule.REQUIRE_CONCURRENT_INDEX_CREATION, "CREATE " + (a.unique() ? "UNIQUE " : "")
                            + "INDEX " + a.name() + " on " + a.table() + " without CONCURRENTLY",
                    "SHARE lock on " + a.table() + " while the index builds: every write waits",
                    unit.alternative("CREATE " + (a.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + a.name()
                                    + " ON " + a.table() + " (...) in a section marked '-- migrate:up"
                                    + " transaction:false'",
                            "op.createIndex(\"" + a.table() + "\", index(\"" + a.name() + "\", ...),"
                                    + " IndexOption.CONCURRENTLY)"));
        }
        if (!a.unique() && a.keys() > 3) {
            report(unit, LintRule.ADD_INDEX_COLUMNS, "index " + a.name() + " on " + a.table() + " has " + a.keys()
                    + " columns", "an index this wide rarely helps beyond its first columns, and every write pays for"
                    + " it", "index the first 3 columns or fewer");
        }
    }

    private void concurrentInTransaction(Unit unit, String what) {
        report(unit, LintRule.BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION, what + " inside a transaction",
                "the statement fails: it cannot run in a transaction block",
                unit.alternative("mark the section '-- migrate:up transaction:false' (and no BEGIN around it)",
                        "op.executeOutsideTransaction(...), or op.createIndex(..., IndexOption.CONCURRENTLY) which"
                                + " retort runs outside the transaction"));
    }

    private void transaction(Unit unit, Action.Transaction a) {
        if (wrapped && unit.transactional) {
            report(unit, LintRule.TRANSACTION_NESTING, a.kind() + " in a section retort runs in a transaction",
                    "it ends retort's transaction early: the version row and the schema change no longer commit"
                            + " together", unit.alternative("remove it, or mark the section '-- migrate:up"
                            + " transaction:false' and manage the transaction yourself", "remove it"));
        }
        if (a.kind() == Action.Transaction.Kind.BEGIN) {
            if (explicitDepth == 0) {
                explicitBeginLine = unit.line;
            }
            explicitDepth++;
        } else {
            explicitDepth = 0;
            notValidInTransaction.clear();
            accessExclusive.clear();
        }
    }

    private void timeouts(Unit unit) {
        boolean pg = context.dialect() == LintDialect.POSTGRES;
        boolean my = context.dialect() == LintDialect.MYSQL;
        if ((pg || my) && !lockTimeoutSet && !configured.lockTimeout() && !lockTimeoutReported) {
            lockTimeoutReported = true;
            report(unit, LintRule.REQUIRE_LOCK_TIMEOUT, "'" + shorten(unit.text) + "' runs with no lock timeout",
                    "while it waits for its lock every later query on the table queues behind it: the application"
                            + " stops",
                    pg ? "SET lock_timeout = '2s' at the top of the section (or configure retort's"
                            + " statement_lock_timeout), and retry on timeout" : "SET SESSION lock_wait_timeout = 2"
                            + " at the top of the section (or configure retort's statement_lock_timeout), and retry on"
                            + " timeout");
        }
        if (pg && !statementTimeoutSet && !configured.statementTimeout() && !statementTimeoutReported) {
            statementTimeoutReported = true;
            report(unit, LintRule.REQUIRE_STATEMENT_TIMEOUT, "'" + shorten(unit.text)
                            + "' runs with no statement timeout", "a runaway statement holds its locks for as long"
                            + " as it"
                            + " runs", "SET statement_timeout = '5min' at the top of the section (or configure"
                            + " retort's statement_timeout)");
        }
    }

    private void multipleAlter(Unit unit, String table) {
        boolean renames = unit.actions.stream().anyMatch(a -> a instanceof Action.RenameColumn
                || a instanceof Action.RenameTable || a instanceof Action.ValidateConstraint);
        if (renames || created.contains(table)) {
            return;
        }
        int count = alterTables.merge(table, 1, Integer::sum);
        if (count == 2 && alterTablesReported.add(table)) {
            report(unit, LintRule.MULTIPLE_ALTER_TABLE, "another ALTER TABLE of " + table + " in this revision",
                    "each statement waits for the table's lock again"
                            + (context.dialect() == LintDialect.MYSQL ? " and may rebuild the table again" : ""),
                    "one ALTER TABLE " + table + " with the changes separated by commas");
        }
    }

    private void statementAfterLock(Unit unit, Set<String> locked, Set<String> touched) {
        if (locked.isEmpty()) {
            return;
        }
        boolean worksOnData = unit.actions.stream().anyMatch(a -> a instanceof Action.Other o && !o.ddl()
                && o.table().isPresent() || a instanceof Action.CreateIndex ci && existing(ci.table()));
        boolean otherTable = unit.actions.stream().anyMatch(a -> lockTaking(a)
                && table(a).filter(this::existing).map(t -> !locked.contains(t.key())).orElse(false));
        if (!worksOnData && !otherTable) {
            return;
        }
        for (String table : locked) {
            if (accessExclusiveReported.add(table)) {
                report(unit, LintRule.STATEMENT_AFTER_ACCESS_EXCLUSIVE, "'" + shorten(unit.text) + "' runs while"
                                + " this transaction holds ACCESS EXCLUSIVE on " + accessExclusive.get(table),
                        "the lock is held until commit: every read and write of " + accessExclusive.get(table)
                                + " waits for this statement too",
                        "run the statement that locks " + accessExclusive.get(table) + " last, or in a revision of"
                                + " its own");
                return;
            }
        }
    }

    private void identifier(Unit unit, String name, String what) {
        if (context.dialect() == LintDialect.POSTGRES && name.getBytes(StandardCharsets.UTF_8).length > 63) {
            report(unit, LintRule.IDENTIFIER_TOO_LONG, what + " name " + name + " is "
                            + name.getBytes(StandardCharsets.UTF_8).length + " bytes long",
                    "PostgreSQL silently cuts it to 63 bytes, so two names can become one",
                    "a name of at most 63 bytes");
        } else if (context.dialect() == LintDialect.MYSQL && name.codePointCount(0, name.length()) > 64) {
            LintFinding f = finding(LintRule.IDENTIFIER_TOO_LONG, unit.line, what + " name " + name + " is "
                    + name.codePointCount(0, name.length()) + " characters long", "MySQL and MariaDB refuse the"
                    + " statement", "a name of at most 64 characters");
            if (context.enabled().contains(LintRule.IDENTIFIER_TOO_LONG)) {
                findings.add(new LintFinding(f.rule(), Severity.ERROR, f.file(), f.line(), f.revision(), f.what(),
                        f.lock(), f.alternative()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    private boolean existing(TableName table) {
        return !created.contains(table.key());
    }

    private boolean atLeast(int major, int minor) {
        return context.version().map(v -> v.atLeast(major, minor)).orElse(true);
    }

    private static Optional<TableName> table(Action action) {
        if (action instanceof Action.CreateTable a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.AddColumn a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.AlterColumnType a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.SetNotNull a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.DropNotNull a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.ModifyColumn a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.RenameColumn a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.RenameTable a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.DropColumn a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.DropTable a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.AddConstraint a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.ValidateConstraint a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.CreateIndex a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.AlterTableOptions a) {
            return Optional.of(a.table());
        } else if (action instanceof Action.Truncate a) {
            return a.tables().stream().findFirst();
        } else if (action instanceof Action.Other a) {
            return a.table();
        }
        return Optional.empty();
    }

    /** Whether the action waits for a lock on an existing object (what a lock timeout is for). */
    private static boolean lockTaking(Action action) {
        if (action instanceof Action.CreateTable a) {
            return a.constraints().stream().anyMatch(c -> c.kind() == ConstraintFact.Kind.FOREIGN_KEY)
                    || a.columns().stream().anyMatch(c -> c.references().isPresent());
        }
        if (action instanceof Action.Other a) {
            return a.ddl();
        }
        return !(action instanceof Action.Transaction || action instanceof Action.SetParameter
                || action instanceof Action.Unreadable || action instanceof Action.DropDatabase);
    }

    /** Whether PostgreSQL takes ACCESS EXCLUSIVE on the action's table. */
    private static boolean accessExclusiveLock(Action action) {
        return action instanceof Action.AddColumn || action instanceof Action.AlterColumnType
                || action instanceof Action.SetNotNull || action instanceof Action.DropNotNull
                || action instanceof Action.DropColumn || action instanceof Action.RenameColumn
                || action instanceof Action.RenameTable || action instanceof Action.DropTable
                || action instanceof Action.Truncate
                || action instanceof Action.AddConstraint a && a.constraint().kind() != ConstraintFact.Kind.FOREIGN_KEY;
    }

    private static String constraintKey(TableName table, String name) {
        return table.key() + "." + TableName.key(name);
    }

    private static String names(List<TableName> tables) {
        return String.join(", ", tables.stream().map(TableName::toString).toList());
    }

    private static String shorten(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse(text).strip();
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }

    private void report(Unit unit, LintRule rule, String what, String lock, String alternative) {
        if (context.enabled().contains(rule)) {
            findings.add(finding(rule, unit.line, what, lock, alternative));
        }
    }

    private LintFinding finding(LintRule rule, int line, String what, String lock, String alternative) {
        return new LintFinding(rule, rule.severity(), file, line, revision, what, lock, alternative);
    }
}
