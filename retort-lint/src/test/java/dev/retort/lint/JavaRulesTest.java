package dev.retort.lint;

import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.lint.sample.IgnoresOnPurpose;
import dev.retort.lint.sample.ReadsTheDatabase;
import dev.retort.ops.IndexOption;
import dev.retort.ops.Operation;
import dev.retort.ops.Operations;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.script.JavaRevisions;
import dev.retort.script.MigrationScript;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Java revisions: one failing and one passing set of operations per rule that applies to operations. */
class JavaRulesTest {

    private static final Dialect PG = Dialects.forName("postgresql");

    record Example(String rule, boolean fails, String name, Consumer<Operations> body) {
        @Override
        public String toString() {
            return rule + (fails ? " fails: " : " passes: ") + name;
        }
    }

    /** Timeouts set first, so that only the rule under test speaks. */
    private static Consumer<Operations> timed(Consumer<Operations> body) {
        return op -> {
            op.execute("SET lock_timeout = '2s'");
            op.execute("SET statement_timeout = '1min'");
            body.accept(op);
        };
    }

    static Stream<Example> cases() {
        return Stream.of(
                new Example("require-concurrent-index-creation", true, "createIndex",
                        timed(op -> op.createIndex("ix", "t", "a"))),
                new Example("require-concurrent-index-creation", false, "createIndex CONCURRENTLY",
                        timed(op -> op.createIndex("t", Index.of("ix", op.name("t"), "a"), IndexOption.CONCURRENTLY))),
                new Example("adding-field-with-default", true, "volatile default",
                        timed(op -> op.addColumn("t", column("c",
                                uuid()).serverDefaultExpression("gen_random_uuid()")))),
                new Example("adding-field-with-default", false, "literal default",
                        timed(op -> op.addColumn("t", column("c", text()).serverDefault("x")))),
                new Example("adding-required-field", true, "notNull",
                        timed(op -> op.addColumn("t", column("c", bigint()).notNull()))),
                new Example("adding-required-field", false, "notNull with default",
                        timed(op -> op.addColumn("t", column("c", bigint()).notNull().serverDefault(0)))),
                new Example("adding-foreign-key-constraint", true, "createForeignKey",
                        timed(op -> op.createForeignKey("fk", "e", "users", List.of("u"), List.of("id")))),
                new Example("adding-foreign-key-constraint", false, "addConstraintNotValid",
                        timed(op -> op.addConstraintNotValid("e", ForeignKey.from(Optional.of("fk"), List.of("u"))
                                .references("users", "id")))),
                new Example("constraint-missing-not-valid", true, "createCheckConstraint",
                        timed(op -> op.createCheckConstraint("pos", "t", "n > 0"))),
                new Example("constraint-missing-not-valid", false, "check NOT VALID",
                        timed(op -> op.addConstraintNotValid("t", CheckConstraint.of("pos", "n > 0")))),
                new Example("adding-not-nullable-field", true, "alterColumn notNull",
                        timed(op -> op.alterColumn("t", "c", c -> c.notNull()))),
                new Example("adding-not-nullable-field", false, "alterColumn comment",
                        timed(op -> op.alterColumn("t", "c", c -> c.comment("x")))),
                new Example("changing-column-type", true, "type to bigint",
                        timed(op -> op.alterColumn("t", "c", c -> c.type(bigint())))),
                new Example("changing-column-type", false, "varchar widened, old type given",
                        timed(op -> op.alterColumn("t", "c", c -> c.type(varchar(50))
                                .existing(column("c", varchar(20)))))),
                new Example("ban-drop-column", true, "dropColumn", timed(op -> op.dropColumn("t", "c"))),
                new Example("ban-drop-column", false, "dropColumn of a new table", timed(op -> {
                    op.createTable("t", column("id", bigint()).primaryKey(), column("c", text()));
                    op.dropColumn("t", "c");
                })),
                new Example("renaming-column", true, "rename", timed(op -> op.alterColumn("t", "a",
                        c -> c.rename("b")))),
                new Example("renaming-table", true, "renameTable", timed(op -> op.renameTable("a", "b"))),
                new Example("renaming-table", false, "createTable", timed(op -> op.createTable("b",
                        column("id", bigint()).primaryKey()))),
                new Example("prefer-timestamptz", true, "timestamp", timed(op -> op.createTable("t",
                        column("at", timestamp())))),
                new Example("prefer-timestamptz", false, "timestampTz", timed(op -> op.createTable("t",
                        column("at", timestampTz())))),
                new Example("prefer-bigint-over-int", true, "integer", timed(op -> op.createTable("t",
                        column("n", integer())))),
                new Example("add-column-auto-incrementing", true, "autoincrement column",
                        timed(op -> op.addColumn("t", column("id", bigint()).autoincrement()))),
                new Example("require-enum-value-ordering", true, "addEnumValue",
                        timed(op -> op.addEnumValue("mood", "meh"))),
                new Example("require-enum-value-ordering", false, "addEnumValueBefore",
                        timed(op -> op.addEnumValueBefore("mood", "meh", "sad"))),
                new Example("execute", true, "unreadable SQL", timed(op -> op.execute("FROBNICATE everything"))),
                new Example("execute", false, "readable SQL", timed(op -> op.execute("UPDATE t SET a = 1"))),
                new Example("ban-concurrent-index-creation-in-transaction", true, "CIC in op.execute",
                        timed(op -> op.execute("CREATE INDEX CONCURRENTLY ix ON t (a)"))),
                new Example("ban-concurrent-index-creation-in-transaction", false, "CIC outside the transaction",
                        timed(op -> op.executeOutsideTransaction("CREATE INDEX CONCURRENTLY ix ON t (a)"))),
                new Example("require-lock-timeout", true, "no SET", op -> op.addColumn("t", column("c", text()))),
                new Example("require-lock-timeout", false, "SET in op.execute",
                        timed(op -> op.addColumn("t", column("c", text())))),
                new Example("ban-drop-table", true, "dropTable", timed(op -> op.dropTable("t"))),
                new Example("ban-drop-schema", true, "dropSchemaCascade", timed(op -> op.dropSchemaCascade("s"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void example(Example example) {
        List<LintFinding> findings = Linter.lint(record(example.body()), LintOptions.forDialect(PG));
        if (example.fails()) {
            assertThat(findings).extracting(LintFinding::code).as(findings.toString()).contains(example.rule());
        } else {
            assertThat(findings).extracting(LintFinding::code).as(findings.toString()).doesNotContain(example.rule());
        }
    }

    @Test
    void javaFindingsNameTheCallLineAndSuggestJava() {
        List<LintFinding> findings = lintClass(IgnoresOnPurpose.class);
        assertThat(findings).extracting(LintFinding::format).containsExactly(
                "IgnoresOnPurpose.java:19: error lint-ignore-without-reason: lint ignore of renaming-table without a"
                        + " reason; the next reader cannot tell why it is safe. Instead: add the reason after the"
                        + " rule id",
                "IgnoresOnPurpose.java:20: warning statement-after-access-exclusive: 'rename table people to"
                        + " persons' runs while this transaction holds ACCESS EXCLUSIVE on accounts; the lock is held"
                        + " until commit: every read and write of accounts waits for this statement too. Instead: run"
                        + " the statement that locks accounts last, or in a revision of its own",
                "IgnoresOnPurpose.java:21: warning unused-lint-ignore: lint ignore of ban-drop-table matches no"
                        + " finding; it would silence a later finding nobody reviewed. Instead: remove it",
                "IgnoresOnPurpose.java:23: error ban-drop-column: drops column accounts.other; running code that"
                        + " still reads or writes other fails. Instead: stop using other in a release first; drop it"
                        + " in a later one with op.lintIgnore(\"ban-drop-column\", \"<why it is unused>\")");
    }

    @Test
    void aRevisionThatReadsTheDatabaseIsLintedUpToThere() {
        List<LintFinding> findings = lintClass(ReadsTheDatabase.class);
        assertThat(findings).extracting(LintFinding::code, LintFinding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("require-concurrent-index-creation", 14),
                org.assertj.core.groups.Tuple.tuple("not-linted", 15));
        assertThat(findings.get(0).alternative()).isEqualTo("op.createIndex(\"accounts\", index(\"ix_accounts_note\","
                + " ...), IndexOption.CONCURRENTLY)");
        assertThat(findings.get(1).severity()).isEqualTo(dev.retort.Problem.Severity.INFO);
    }

    private static List<LintFinding> lintClass(Class<?> type) {
        MigrationScript script = JavaRevisions.script(type, type.getSimpleName() + ".java", "sum");
        return Linter.lint(List.of(script), List.of(), LintOptions.forDialect(PG));
    }

    /** The operations a body applies, recorded. */
    static List<Operation> record(Consumer<Operations> body) {
        List<Operation> ops = new ArrayList<>();
        body.accept(new Operations() {
            @Override
            public void apply(Operation operation) {
                ops.add(operation);
            }

            @Override
            public Optional<String> schema() {
                return Optional.empty();
            }

            @Override
            public Operations inSchema(String schema) {
                return this;
            }

            @Override
            public Connection connection() {
                throw new IllegalStateException("offline");
            }

            @Override
            public boolean isOffline() {
                return true;
            }

            @Override
            public Dialect dialect() {
                return PG;
            }

            @Override
            public Map<String, String> arguments() {
                return Map.of();
            }
        });
        return ops;
    }
}
