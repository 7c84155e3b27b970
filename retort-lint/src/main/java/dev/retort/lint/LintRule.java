package dev.retort.lint;

import dev.retort.Problem.Severity;
import java.util.Arrays;
import java.util.Optional;

/**
 * The rules of {@code retort lint}. Names are squawk's where squawk has the rule, strong_migrations'
 * check keys in kebab case where only strong_migrations has it (shared/reference/peers.md §3), and
 * each problem is reported by one rule only: a foreign key without {@code NOT VALID} is
 * {@link #ADDING_FOREIGN_KEY_CONSTRAINT}, not also {@link #CONSTRAINT_MISSING_NOT_VALID} as in squawk.
 *
 * <p>{@link #scope} says on which databases a rule applies: PostgreSQL and MySQL/MariaDB have their
 * own sets; the rules about breaking running code, transactions and ignores apply everywhere.
 */
public enum LintRule {

    ADDING_FIELD_WITH_DEFAULT("adding-field-with-default", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "ADD COLUMN with a volatile DEFAULT (any DEFAULT before PostgreSQL 11); MySQL: an expression DEFAULT (...)",
            "the table is rewritten under ACCESS EXCLUSIVE (MySQL: copied, writes blocked)",
            "add the column without a default, then SET DEFAULT, then backfill in batches"),
    ADDING_FOREIGN_KEY_CONSTRAINT("adding-foreign-key-constraint", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "a foreign key added to an existing table without NOT VALID (also ADD COLUMN ... REFERENCES)",
            "SHARE ROW EXCLUSIVE on both tables while every row is checked: writes to both wait"
                    + " (MySQL: the table is copied unless foreign_key_checks = 0)",
            "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a later revision"
                    + " (MySQL: SET foreign_key_checks = 0 first, when the data is known to match)"),
    ADDING_NOT_NULLABLE_FIELD("adding-not-nullable-field", Scope.POSTGRES, Severity.ERROR,
            "ALTER COLUMN ... SET NOT NULL on an existing table",
            "ACCESS EXCLUSIVE while every row is scanned; old code may still write NULL",
            "CHECK (c IS NOT NULL) NOT VALID, VALIDATE it in a later revision, then SET NOT NULL (PostgreSQL 12+"
                    + " skips the scan) and drop the check"),
    ADDING_REQUIRED_FIELD("adding-required-field", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "ADD COLUMN ... NOT NULL without a DEFAULT",
            "fails on a table with rows (PostgreSQL) and breaks INSERTs of the running code that do not name it",
            "add it nullable (or with a constant DEFAULT), backfill, then make it NOT NULL"),
    ADDING_SERIAL_PRIMARY_KEY_FIELD("adding-serial-primary-key-field", Scope.POSTGRES, Severity.ERROR,
            "ADD PRIMARY KEY to an existing table",
            "ACCESS EXCLUSIVE while the unique index builds: reads and writes wait",
            "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX"),
    BAN_CHAR_FIELD("ban-char-field", Scope.POSTGRES, Severity.WARNING,
            "a char(n) column",
            "blank-padded, no faster than text, and comparisons surprise",
            "text or varchar(n)"),
    BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION("ban-concurrent-index-creation-in-transaction", Scope.POSTGRES,
            Severity.ERROR,
            "CREATE/DROP INDEX CONCURRENTLY (or REINDEX CONCURRENTLY) inside a transaction",
            "the statement fails: it cannot run in a transaction block",
            "put it in a section marked '-- migrate:up transaction:false' (Java: op.createIndex(...,"
                    + " IndexOption.CONCURRENTLY), which retort runs outside the transaction)"),
    BAN_DROP_COLUMN("ban-drop-column", Scope.ALL, Severity.ERROR,
            "DROP COLUMN",
            "running code that still reads or writes the column fails",
            "stop using the column in a release first, then drop it in a later one (and say so in an ignore)"),
    BAN_DROP_TABLE("ban-drop-table", Scope.ALL, Severity.ERROR,
            "DROP TABLE of a table this revision did not create",
            "running code that still uses the table fails; the data is gone",
            "stop using the table in a release first, then drop it in a later one"),
    BAN_DROP_DATABASE("ban-drop-database", Scope.ALL, Severity.ERROR,
            "DROP DATABASE",
            "everything in it is gone",
            "do not drop databases in migrations"),
    BAN_DROP_SCHEMA("ban-drop-schema", Scope.ALL, Severity.ERROR,
            "DROP SCHEMA",
            "every object in it goes too (with CASCADE) and running code fails",
            "stop using the schema first, then drop it in a later release"),
    BAN_DROP_NOT_NULL("ban-drop-not-null", Scope.POSTGRES, Severity.WARNING,
            "ALTER COLUMN ... DROP NOT NULL",
            "running code that assumes a value gets NULLs",
            "make the code handle NULL first"),
    BAN_TRUNCATE_CASCADE("ban-truncate-cascade", Scope.POSTGRES, Severity.ERROR,
            "TRUNCATE ... CASCADE",
            "silently empties every table with a foreign key to it, under ACCESS EXCLUSIVE",
            "name every table to truncate"),
    BAN_UNCOMMITTED_TRANSACTION("ban-uncommitted-transaction", Scope.ALL, Severity.ERROR,
            "BEGIN without a matching COMMIT",
            "the migration 'succeeds' and its work is rolled back when the connection closes",
            "add the COMMIT"),
    CHANGING_COLUMN_TYPE("changing-column-type", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "ALTER COLUMN ... TYPE (MySQL: MODIFY/CHANGE) other than a binary-coercible widening"
                    + " (varchar(n) to text or a longer varchar, numeric(p,s) to a larger p)",
            "ACCESS EXCLUSIVE while the table and its indexes are rewritten (MySQL: copied, writes blocked)",
            "add a new column, write both, backfill, switch reads, then drop the old one"),
    CONSTRAINT_MISSING_NOT_VALID("constraint-missing-not-valid", Scope.POSTGRES, Severity.ERROR,
            "ADD CONSTRAINT ... CHECK on an existing table without NOT VALID, or NOT VALID and VALIDATE in one"
                    + " transaction",
            "ACCESS EXCLUSIVE while every row is checked: reads and writes wait",
            "ADD CONSTRAINT ... NOT VALID now, VALIDATE CONSTRAINT in a later revision"),
    DISALLOWED_UNIQUE_CONSTRAINT("disallowed-unique-constraint", Scope.POSTGRES, Severity.ERROR,
            "ADD CONSTRAINT ... UNIQUE on an existing table",
            "ACCESS EXCLUSIVE while the unique index builds: reads and writes wait",
            "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX"),
    IDENTIFIER_TOO_LONG("identifier-too-long", Scope.POSTGRES_AND_MYSQL, Severity.WARNING,
            "a name longer than 63 bytes (PostgreSQL) or 64 characters (MySQL/MariaDB)",
            "PostgreSQL silently truncates it (two names may become one); MySQL refuses the statement",
            "a shorter name"),
    PREFER_BIGINT_OVER_INT("prefer-bigint-over-int", Scope.POSTGRES_AND_MYSQL, Severity.WARNING,
            "an integer/serial column (MySQL: an INT AUTO_INCREMENT id)",
            "32 bits overflow at 2.1 billion, and widening later rewrites the table",
            "bigint (bigserial, BIGINT AUTO_INCREMENT)"),
    PREFER_BIGINT_OVER_SMALLINT("prefer-bigint-over-smallint", Scope.POSTGRES_AND_MYSQL, Severity.WARNING,
            "a smallint/smallserial column (MySQL: a SMALLINT/TINYINT/MEDIUMINT AUTO_INCREMENT id)",
            "16 bits overflow at 32,767, and widening later rewrites the table",
            "bigint"),
    PREFER_IDENTITY("prefer-identity", Scope.POSTGRES, Severity.WARNING,
            "a serial/bigserial column",
            "the sequence has its own owner and permissions, and copying the table or its grants goes wrong",
            "bigint GENERATED BY DEFAULT AS IDENTITY (Java: .autoincrement())"),
    PREFER_TEXT_FIELD("prefer-text-field", Scope.POSTGRES, Severity.WARNING, true,
            "a varchar(n) column (opt-in: --enable prefer-text-field)",
            "shortening n later rewrites the table under ACCESS EXCLUSIVE",
            "text with CHECK (length(c) <= n)"),
    PREFER_TIMESTAMPTZ("prefer-timestamptz", Scope.POSTGRES, Severity.WARNING,
            "a timestamp column without time zone",
            "the offset is lost: values mean different instants to clients in different zones",
            "timestamptz"),
    RENAMING_COLUMN("renaming-column", Scope.ALL, Severity.ERROR,
            "RENAME COLUMN (MySQL: CHANGE old new)",
            "running code that uses the old name fails",
            "keep the name and map it in code; or add a column, write both, backfill, switch, drop"),
    RENAMING_TABLE("renaming-table", Scope.ALL, Severity.ERROR,
            "RENAME TABLE / ALTER TABLE ... RENAME TO",
            "running code that uses the old name fails",
            "keep the name and map it in code; or a view under the old name while code moves"),
    REQUIRE_CONCURRENT_INDEX_CREATION("require-concurrent-index-creation", Scope.POSTGRES, Severity.ERROR,
            "CREATE INDEX without CONCURRENTLY on a table this revision did not create",
            "SHARE lock while the index builds: every write to the table waits",
            "CREATE INDEX CONCURRENTLY in a '-- migrate:up transaction:false' section (Java:"
                    + " IndexOption.CONCURRENTLY)"),
    REQUIRE_CONCURRENT_INDEX_DELETION("require-concurrent-index-deletion", Scope.POSTGRES, Severity.ERROR,
            "DROP INDEX without CONCURRENTLY",
            "ACCESS EXCLUSIVE on the table: reads and writes wait",
            "DROP INDEX CONCURRENTLY in a '-- migrate:up transaction:false' section"),
    REQUIRE_CONCURRENT_REINDEX("require-concurrent-reindex", Scope.POSTGRES, Severity.ERROR,
            "REINDEX without CONCURRENTLY (PostgreSQL 12+)",
            "ACCESS EXCLUSIVE on the index, SHARE on its table: writes wait, reads through it wait",
            "REINDEX ... CONCURRENTLY outside a transaction"),
    REQUIRE_ENUM_VALUE_ORDERING("require-enum-value-ordering", Scope.POSTGRES, Severity.WARNING,
            "ALTER TYPE ... ADD VALUE without BEFORE or AFTER",
            "the value goes last, which changes what ORDER BY and < mean for the type if that was not intended",
            "ADD VALUE 'v' BEFORE 'w' / AFTER 'w'"),
    REQUIRE_LOCK_TIMEOUT("require-lock-timeout", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "DDL on an existing table with no lock timeout set (SET lock_timeout; MySQL: lock_wait_timeout)",
            "a statement waiting for its lock queues every later query on the table behind it: the site stops",
            "SET lock_timeout = '2s' at the top of the section (MySQL: SET SESSION lock_wait_timeout = 2), or"
                    + " configure retort's statement_lock_timeout, and retry on timeout"),
    REQUIRE_STATEMENT_TIMEOUT("require-statement-timeout", Scope.POSTGRES, Severity.WARNING,
            "DDL on an existing table with no statement_timeout set",
            "a runaway statement holds its locks for as long as it runs",
            "SET statement_timeout = '5min' at the top of the section, or configure retort's statement_timeout"),
    TRANSACTION_NESTING("transaction-nesting", Scope.ALL, Severity.ERROR,
            "BEGIN / COMMIT / ROLLBACK in a section retort runs in a transaction",
            "it ends retort's transaction early: the version row and the schema change no longer commit together",
            "remove them, or mark the section '-- migrate:up transaction:false' and manage the transaction"),
    ADD_COLUMN_JSON("add-column-json", Scope.POSTGRES, Severity.WARNING,
            "a json column",
            "json has no equality operator: SELECT DISTINCT, UNION and GROUP BY on the table fail",
            "jsonb"),
    ADD_CHECK_CONSTRAINT("add-check-constraint", Scope.MYSQL, Severity.ERROR,
            "ADD CHECK on an existing MySQL/MariaDB table",
            "the table is copied while every row is checked: writes wait",
            "no online way: run it in a maintenance window, or check in the application"),
    ADD_COLUMN_AUTO_INCREMENTING("add-column-auto-incrementing", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "ADD COLUMN of a serial, identity or AUTO_INCREMENT column to an existing table",
            "every row gets a value: the table is rewritten (MySQL: copied, and replicas may number rows"
                    + " differently)",
            "create a new table with the column and copy the rows over"),
    ADD_COLUMN_GENERATED_STORED("add-column-generated-stored", Scope.POSTGRES_AND_MYSQL, Severity.ERROR,
            "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED to an existing table",
            "the table is rewritten under ACCESS EXCLUSIVE (MySQL: copied)",
            "a plain column filled by a trigger, or (MySQL) a VIRTUAL column"),
    EXECUTE("execute", Scope.ALL, Severity.INFO,
            "op.execute SQL that retort cannot read",
            "its locks and effects cannot be checked",
            "review it by hand, then op.lintIgnore(\"execute\", why)"),
    ADD_INDEX_COLUMNS("add-index-columns", Scope.ALL, Severity.WARNING,
            "a non-unique index of more than 3 columns",
            "rarely used beyond its first columns, and every write pays for it",
            "a narrower index"),
    COPY_ALGORITHM("copy-algorithm", Scope.MYSQL, Severity.ERROR,
            "ALGORITHM=COPY",
            "the table is copied and writes wait until it is done",
            "leave the algorithm out (MySQL picks INSTANT or INPLACE), or ALGORITHM=INPLACE"),
    LOCK_OPTION("lock-option", Scope.MYSQL, Severity.ERROR,
            "LOCK=SHARED or LOCK=EXCLUSIVE",
            "SHARED blocks writes, EXCLUSIVE reads and writes, for the whole ALTER",
            "leave LOCK out, or LOCK=NONE"),
    MULTIPLE_ALTER_TABLE("multiple-alter-table", Scope.POSTGRES_AND_MYSQL, Severity.WARNING,
            "several ALTER TABLE statements on one table in a revision",
            "each waits for the table's lock again (MySQL: may rebuild the table again)",
            "one ALTER TABLE with the changes separated by commas"),
    STATEMENT_AFTER_ACCESS_EXCLUSIVE("statement-after-access-exclusive", Scope.POSTGRES, Severity.WARNING,
            "more statements in the transaction after one took ACCESS EXCLUSIVE on a table (eugene E4)",
            "the lock is held until the transaction commits: every later statement blocks the table longer",
            "put the locking statement last, or in a revision of its own"),
    SYNTAX_ERROR("syntax-error", Scope.ALL, Severity.WARNING,
            "a statement neither the SQL parser nor the fallback recogniser reads",
            "it cannot be checked",
            "check the SQL; if it is right, ignore with the reason"),
    NOT_LINTED("not-linted", Scope.ALL, Severity.WARNING,
            "a Java revision whose operations could not all be recorded (it failed, or reads the database)",
            "what follows is not checked",
            "make the revision skip its data step when op.isOffline()"),
    UNUSED_LINT_IGNORE("unused-lint-ignore", Scope.ALL, Severity.WARNING,
            "a lint ignore that matches no finding",
            "it would silence a future finding nobody reviewed",
            "remove it"),
    LINT_IGNORE_WITHOUT_REASON("lint-ignore-without-reason", Scope.ALL, Severity.ERROR,
            "a lint ignore without a reason",
            "the next reader cannot tell why the unsafe statement is fine",
            "-- retort:lint-ignore rule-id the reason (Java: op.lintIgnore(\"rule-id\", \"the reason\"))"),
    UNKNOWN_LINT_RULE("unknown-lint-rule", Scope.ALL, Severity.WARNING,
            "a lint ignore naming no rule",
            "it ignores nothing (a typo?)",
            "use a rule id of the README's rule table");

    /** Where a rule applies. */
    public enum Scope {
        POSTGRES, MYSQL, POSTGRES_AND_MYSQL, ALL;

        boolean includes(LintDialect dialect) {
            return switch (this) {
                case ALL -> true;
                case POSTGRES -> dialect == LintDialect.POSTGRES;
                case MYSQL -> dialect == LintDialect.MYSQL;
                case POSTGRES_AND_MYSQL -> dialect == LintDialect.POSTGRES || dialect == LintDialect.MYSQL;
            };
        }
    }

    private final String id;
    private final Scope scope;
    private final Severity severity;
    private final boolean optIn;
    private final String flags;
    private final String why;
    private final String instead;

    LintRule(String id, Scope scope, Severity severity, String flags, String why, String instead) {
        this(id, scope, severity, false, flags, why, instead);
    }

    LintRule(String id, Scope scope, Severity severity, boolean optIn, String flags, String why, String instead) {
        this.id = id;
        this.scope = scope;
        this.severity = severity;
        this.optIn = optIn;
        this.flags = flags;
        this.why = why;
        this.instead = instead;
    }

    /** The rule's name in ignores, {@code --enable}/{@code --disable} and output. */
    public String id() {
        return id;
    }

    public Scope scope() {
        return scope;
    }

    /** How much a finding of this rule matters by default. */
    public Severity severity() {
        return severity;
    }

    /** Off unless enabled ({@code --enable}). */
    public boolean optIn() {
        return optIn;
    }

    /** What the rule flags. */
    public String flags() {
        return flags;
    }

    /** The lock it takes or the breakage it causes. */
    public String why() {
        return why;
    }

    /** The safe alternative, in general terms (findings name the statements). */
    public String instead() {
        return instead;
    }

    /** The rule of that id. */
    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
