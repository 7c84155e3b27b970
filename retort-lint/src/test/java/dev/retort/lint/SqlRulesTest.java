package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialects;
import dev.retort.script.SqlSection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One failing and one passing SQL example per rule, per dialect the rule applies to. Each example is
 * a revision's up section; "fails" means the rule reports it, "passes" that the rule does not
 * (other rules may). Every SQL statement here must be read by the parser or the fallback.
 */
class SqlRulesTest {

    /** Sets the timeouts, so that the timeout rules stay out of the other examples. */
    private static final String PG = "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\n";
    private static final String MY = "SET SESSION lock_wait_timeout = 2;\n";

    record Example(String rule, String dialect, boolean fails, String sql, boolean transactional) {
        @Override
        public String toString() {
            return rule + " " + dialect + (fails ? " fails: " : " passes: ") + sql.replace("\n", " ").strip()
                    + (transactional ? "" : " [transaction:false]");
        }
    }

    private static Example fails(String rule, String dialect, String sql) {
        return new Example(rule, dialect, true, sql, true);
    }

    private static Example passes(String rule, String dialect, String sql) {
        return new Example(rule, dialect, false, sql, true);
    }

    private static Example failsOutside(String rule, String dialect, String sql) {
        return new Example(rule, dialect, true, sql, false);
    }

    private static Example passesOutside(String rule, String dialect, String sql) {
        return new Example(rule, dialect, false, sql, false);
    }

    static List<Example> examples() {
        return List.of(
                fails("adding-field-with-default", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN c uuid DEFAULT gen_random_uuid();"),
                fails("adding-field-with-default", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN c int DEFAULT my_func();"),
                passes("adding-field-with-default", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN c timestamptz DEFAULT now();"),
                passes("adding-field-with-default", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN c jsonb DEFAULT '{}'::jsonb;"),
                fails("adding-field-with-default", "mysql", MY
                        + "ALTER TABLE a ADD COLUMN c varchar(36) DEFAULT (uuid());"),
                passes("adding-field-with-default", "mysql", MY + "ALTER TABLE a ADD COLUMN c int DEFAULT 0;"),

                fails("adding-foreign-key-constraint", "postgresql", PG
                        + "ALTER TABLE e ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES users (id);"),
                fails("adding-foreign-key-constraint", "postgresql", PG
                        + "ALTER TABLE e ADD COLUMN u bigint REFERENCES users (id);"),
                passes("adding-foreign-key-constraint", "postgresql", PG
                        + "ALTER TABLE e ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES users (id) NOT VALID;"),
                passes("adding-foreign-key-constraint", "postgresql", PG
                        + "CREATE TABLE e (id bigint, u bigint);\nALTER TABLE e ADD CONSTRAINT fk_u FOREIGN KEY (u)"
                        + " REFERENCES users (id);"),
                fails("adding-foreign-key-constraint", "mysql", MY
                        + "ALTER TABLE e ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES users (id);"),
                passes("adding-foreign-key-constraint", "mysql", MY + "SET foreign_key_checks = 0;\n"
                        + "ALTER TABLE e ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES users (id);"),

                fails("adding-not-nullable-field", "postgresql", PG + "ALTER TABLE a ALTER COLUMN c SET NOT NULL;"),
                passes("adding-not-nullable-field", "postgresql", PG
                        + "ALTER TABLE a ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;\n"
                        + "ALTER TABLE a VALIDATE CONSTRAINT c_nn;\nALTER TABLE a ALTER COLUMN c SET NOT NULL;"),

                fails("adding-required-field", "postgresql", PG + "ALTER TABLE a ADD COLUMN c int NOT NULL;"),
                passes("adding-required-field", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN c int NOT NULL DEFAULT 0;"),
                fails("adding-required-field", "mysql", MY + "ALTER TABLE a ADD COLUMN c INT NOT NULL;"),
                passes("adding-required-field", "mysql", MY + "ALTER TABLE a ADD COLUMN c INT NULL;"),

                fails("adding-serial-primary-key-field", "postgresql", PG + "ALTER TABLE a ADD PRIMARY KEY (id);"),
                passes("adding-serial-primary-key-field", "postgresql", PG
                        + "ALTER TABLE a ADD CONSTRAINT a_pkey PRIMARY KEY USING INDEX a_id_idx;"),

                fails("ban-char-field", "postgresql", PG + "CREATE TABLE a (code char(3));"),
                passes("ban-char-field", "postgresql", PG + "CREATE TABLE a (code text);"),

                fails("ban-concurrent-index-creation-in-transaction", "postgresql", PG
                        + "CREATE INDEX CONCURRENTLY ix ON a (c);"),
                passesOutside("ban-concurrent-index-creation-in-transaction", "postgresql", PG
                        + "CREATE INDEX CONCURRENTLY ix ON a (c);"),
                failsOutside("ban-concurrent-index-creation-in-transaction", "postgresql", PG
                        + "BEGIN;\nDROP INDEX CONCURRENTLY ix;\nCOMMIT;"),

                fails("ban-drop-column", "postgresql", PG + "ALTER TABLE a DROP COLUMN c;"),
                passes("ban-drop-column", "postgresql", PG
                        + "CREATE TABLE a (b int, c int);\nALTER TABLE a DROP COLUMN c;"),
                fails("ban-drop-column", "mysql", MY + "ALTER TABLE a DROP COLUMN c;"),
                passes("ban-drop-column", "mysql", MY + "ALTER TABLE a ADD COLUMN c INT NULL;"),
                fails("ban-drop-column", "sqlite", "ALTER TABLE a DROP COLUMN c;"),

                fails("ban-drop-table", "postgresql", PG + "DROP TABLE a;"),
                passes("ban-drop-table", "postgresql", PG + "CREATE TABLE tmp (a int);\nDROP TABLE tmp;"),
                fails("ban-drop-table", "mysql", MY + "DROP TABLE IF EXISTS a;"),
                passes("ban-drop-table", "mysql", MY + "DROP VIEW v;"),

                fails("ban-drop-database", "postgresql", PG + "DROP DATABASE d;"),
                passes("ban-drop-database", "postgresql", PG + "CREATE DATABASE d;"),
                fails("ban-drop-schema", "postgresql", PG + "DROP SCHEMA s CASCADE;"),
                passes("ban-drop-schema", "postgresql", PG + "CREATE SCHEMA s;"),

                fails("ban-drop-not-null", "postgresql", PG + "ALTER TABLE a ALTER COLUMN c DROP NOT NULL;"),
                passes("ban-drop-not-null", "postgresql", PG + "ALTER TABLE a ALTER COLUMN c SET DEFAULT 0;"),

                fails("ban-truncate-cascade", "postgresql", PG + "TRUNCATE a CASCADE;"),
                passes("ban-truncate-cascade", "postgresql", PG + "TRUNCATE a, b;"),

                failsOutside("ban-uncommitted-transaction", "postgresql", PG
                        + "BEGIN;\nALTER TABLE a ADD COLUMN c int;"),
                passesOutside("ban-uncommitted-transaction", "postgresql", PG
                        + "BEGIN;\nALTER TABLE a ADD COLUMN c int;\nCOMMIT;"),
                failsOutside("ban-uncommitted-transaction", "mysql", MY + "START TRANSACTION;\nUPDATE a SET c = 1;"),

                fails("changing-column-type", "postgresql", PG + "ALTER TABLE a ALTER COLUMN c TYPE bigint;"),
                passes("changing-column-type", "postgresql", PG + "ALTER TABLE a ALTER COLUMN c SET DEFAULT 'x';"),
                fails("changing-column-type", "mysql", MY + "ALTER TABLE a MODIFY COLUMN c BIGINT NOT NULL;"),
                passes("changing-column-type", "mysql", MY + "ALTER TABLE a ALTER COLUMN c SET DEFAULT 1;"),

                fails("constraint-missing-not-valid", "postgresql", PG
                        + "ALTER TABLE a ADD CONSTRAINT pos CHECK (balance >= 0);"),
                fails("constraint-missing-not-valid", "postgresql", PG
                        + "ALTER TABLE a ADD CONSTRAINT pos CHECK (balance >= 0) NOT VALID;\n"
                        + "ALTER TABLE a VALIDATE CONSTRAINT pos;"),
                passes("constraint-missing-not-valid", "postgresql", PG
                        + "ALTER TABLE a ADD CONSTRAINT pos CHECK (balance >= 0) NOT VALID;"),

                fails("disallowed-unique-constraint", "postgresql", PG + "ALTER TABLE a ADD CONSTRAINT uq UNIQUE (c);"),
                passes("disallowed-unique-constraint", "postgresql", PG
                        + "ALTER TABLE a ADD CONSTRAINT uq UNIQUE USING INDEX uq_idx;"),

                fails("identifier-too-long", "postgresql", PG + "CREATE TABLE " + "t".repeat(64) + " (id bigint);"),
                passes("identifier-too-long", "postgresql", PG + "CREATE TABLE " + "t".repeat(63) + " (id bigint);"),
                fails("identifier-too-long", "mysql", MY + "CREATE TABLE " + "t".repeat(65) + " (id BIGINT);"),
                passes("identifier-too-long", "mysql", MY + "CREATE TABLE " + "t".repeat(64) + " (id BIGINT);"),

                fails("prefer-bigint-over-int", "postgresql", PG + "CREATE TABLE a (n integer);"),
                passes("prefer-bigint-over-int", "postgresql", PG + "CREATE TABLE a (n bigint);"),
                fails("prefer-bigint-over-int", "mysql", MY + "CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY);"),
                passes("prefer-bigint-over-int", "mysql", MY + "CREATE TABLE a (n INT);"),
                fails("prefer-bigint-over-smallint", "postgresql", PG + "CREATE TABLE a (n smallint);"),
                passes("prefer-bigint-over-smallint", "postgresql", PG + "CREATE TABLE a (n int8);"),
                fails("prefer-bigint-over-smallint", "mysql", MY
                        + "CREATE TABLE a (id SMALLINT AUTO_INCREMENT PRIMARY KEY);"),
                passes("prefer-bigint-over-smallint", "mysql", MY + "CREATE TABLE a (n TINYINT);"),

                fails("prefer-identity", "postgresql", PG + "CREATE TABLE a (id bigserial PRIMARY KEY);"),
                passes("prefer-identity", "postgresql", PG
                        + "CREATE TABLE a (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);"),

                fails("prefer-timestamptz", "postgresql", PG + "CREATE TABLE a (at timestamp);"),
                passes("prefer-timestamptz", "postgresql", PG + "CREATE TABLE a (at timestamp with time zone);"),

                fails("renaming-column", "postgresql", PG + "ALTER TABLE a RENAME COLUMN b TO c;"),
                passes("renaming-column", "postgresql", PG + "ALTER TABLE a RENAME CONSTRAINT b TO c;"),
                fails("renaming-column", "mysql", MY + "ALTER TABLE a CHANGE COLUMN b c BIGINT;"),
                passes("renaming-column", "mysql", MY + "ALTER TABLE a MODIFY COLUMN b BIGINT;"),
                fails("renaming-table", "postgresql", PG + "ALTER TABLE a RENAME TO b;"),
                passes("renaming-table", "postgresql", PG + "CREATE TABLE a (id bigint);\nALTER TABLE a RENAME TO b;"),
                fails("renaming-table", "mysql", MY + "RENAME TABLE a TO b;"),
                passes("renaming-table", "mysql", MY + "CREATE TABLE b (id BIGINT);"),

                fails("require-concurrent-index-creation", "postgresql", PG + "CREATE INDEX ix ON a (c);"),
                passesOutside("require-concurrent-index-creation", "postgresql", PG
                        + "CREATE INDEX CONCURRENTLY ix ON a (c);"),
                passes("require-concurrent-index-creation", "postgresql", PG
                        + "CREATE TABLE a (c bigint);\nCREATE INDEX ix ON a (c);"),

                fails("require-concurrent-index-deletion", "postgresql", PG + "DROP INDEX ix;"),
                passesOutside("require-concurrent-index-deletion", "postgresql", PG + "DROP INDEX CONCURRENTLY ix;"),

                fails("require-concurrent-reindex", "postgresql", PG + "REINDEX INDEX ix;"),
                passesOutside("require-concurrent-reindex", "postgresql", PG + "REINDEX INDEX CONCURRENTLY ix;"),

                fails("require-enum-value-ordering", "postgresql", PG + "ALTER TYPE mood ADD VALUE 'meh';"),
                passes("require-enum-value-ordering", "postgresql", PG
                        + "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';"),

                fails("require-lock-timeout", "postgresql", "ALTER TABLE a ADD COLUMN c text;"),
                passes("require-lock-timeout", "postgresql",
                        "SET lock_timeout TO '2s';\nALTER TABLE a ADD COLUMN c text;"),
                passes("require-lock-timeout", "postgresql", "CREATE TABLE a (c text);"),
                fails("require-lock-timeout", "mysql", "ALTER TABLE a ADD COLUMN c TEXT;"),
                passes("require-lock-timeout", "mysql", "SET lock_wait_timeout = 5;\nALTER TABLE a ADD COLUMN c TEXT;"),
                fails("require-statement-timeout", "postgresql",
                        "SET lock_timeout = '1s';\nDROP INDEX CONCURRENTLY ix;"),
                passes("require-statement-timeout", "postgresql", "SET LOCAL statement_timeout = 5000;\n"
                        + "ALTER TABLE a ADD COLUMN c text;"),

                fails("transaction-nesting", "postgresql", PG + "BEGIN;\nALTER TABLE a ADD COLUMN c text;\nCOMMIT;"),
                passesOutside("transaction-nesting", "postgresql", PG + "BEGIN;\nALTER TABLE a ADD COLUMN c text;\n"
                        + "COMMIT;"),
                fails("transaction-nesting", "mysql", MY + "COMMIT;"),

                fails("add-column-json", "postgresql", PG + "ALTER TABLE a ADD COLUMN c json;"),
                passes("add-column-json", "postgresql", PG + "ALTER TABLE a ADD COLUMN c jsonb;"),

                fails("add-check-constraint", "mysql", MY + "ALTER TABLE a ADD CONSTRAINT pos CHECK (n > 0);"),
                passes("add-check-constraint", "mysql", MY + "CREATE TABLE a (n INT, CONSTRAINT pos CHECK (n > 0));"),

                fails("add-column-auto-incrementing", "postgresql", PG + "ALTER TABLE a ADD COLUMN id bigserial;"),
                fails("add-column-auto-incrementing", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;"),
                passes("add-column-auto-incrementing", "postgresql", PG + "ALTER TABLE a ADD COLUMN id bigint;"),
                fails("add-column-auto-incrementing", "mysql", MY + "ALTER TABLE a ADD COLUMN id BIGINT AUTO_INCREMENT"
                        + " PRIMARY KEY;"),
                passes("add-column-auto-incrementing", "mysql", MY + "ALTER TABLE a ADD COLUMN id BIGINT NULL;"),

                fails("add-column-generated-stored", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN t numeric GENERATED ALWAYS AS (p * q) STORED;"),
                passes("add-column-generated-stored", "postgresql", PG
                        + "CREATE TABLE a (p numeric, t numeric GENERATED ALWAYS AS (p * 2) STORED);"),
                fails("add-column-generated-stored", "mysql", MY + "ALTER TABLE a ADD COLUMN t INT AS (p + 1) STORED;"),
                passes("add-column-generated-stored", "mysql", MY
                        + "ALTER TABLE a ADD COLUMN t INT AS (p + 1) VIRTUAL;"),

                fails("add-index-columns", "postgresql", PG + "CREATE TABLE a (p int8, q int8, r int8, s int8);\n"
                        + "CREATE INDEX ix ON a (p, q, r, s);"),
                passes("add-index-columns", "postgresql", PG + "CREATE TABLE a (p int8, q int8, r int8, s int8);\n"
                        + "CREATE UNIQUE INDEX ix ON a (p, q, r, s);"),
                fails("add-index-columns", "mysql", MY + "ALTER TABLE a ADD INDEX ix (p, q, r, s);"),
                passes("add-index-columns", "mysql", MY + "ALTER TABLE a ADD INDEX ix (p, q, r);"),

                fails("copy-algorithm", "mysql", MY + "ALTER TABLE a ADD COLUMN c INT NULL, ALGORITHM=COPY;"),
                passes("copy-algorithm", "mysql", MY + "ALTER TABLE a ADD COLUMN c INT NULL, ALGORITHM=INPLACE;"),
                fails("lock-option", "mysql", MY + "CREATE INDEX ix ON a (c) LOCK=SHARED;"),
                passes("lock-option", "mysql", MY + "ALTER TABLE a ADD COLUMN c INT NULL, LOCK=NONE;"),

                fails("multiple-alter-table", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN b text;\nALTER TABLE a ADD COLUMN c text;"),
                passes("multiple-alter-table", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN b text, ADD COLUMN c text;"),
                fails("multiple-alter-table", "mysql", MY + "ALTER TABLE a ADD COLUMN b TEXT;\n"
                        + "ALTER TABLE a ADD COLUMN c TEXT;"),
                passes("multiple-alter-table", "mysql", MY + "ALTER TABLE a ADD COLUMN b TEXT;\n"
                        + "ALTER TABLE b ADD COLUMN c TEXT;"),

                fails("statement-after-access-exclusive", "postgresql", PG
                        + "ALTER TABLE a ADD COLUMN b text;\nUPDATE a SET b = 'x';"),
                passes("statement-after-access-exclusive", "postgresql", PG
                        + "UPDATE a SET b = 'x';\nALTER TABLE a ADD COLUMN c text;"),

                fails("syntax-error", "postgresql", PG + "ALTER TABLE a FROBNICATE c;"),
                passes("syntax-error", "postgresql", PG + "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN RETURN NEW; END $$;"));
    }

    static Stream<Example> cases() {
        return examples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void example(Example example) {
        List<LintFinding> findings = lint(example.sql(), example.dialect(), example.transactional());
        List<String> rules = findings.stream().map(LintFinding::code).toList();
        if (example.fails()) {
            assertThat(rules).as(findings.toString()).contains(example.rule());
        } else {
            assertThat(rules).as(findings.toString()).doesNotContain(example.rule());
        }
    }

    /** Every rule with a SQL form has at least one failing and one passing example. */
    @Test
    void everySqlRuleHasAFailingAndAPassingExample() {
        Set<LintRule> sqlRules = EnumSet.allOf(LintRule.class);
        sqlRules.removeAll(List.of(LintRule.EXECUTE, LintRule.NOT_LINTED, LintRule.PREFER_TEXT_FIELD,
                LintRule.UNUSED_LINT_IGNORE, LintRule.LINT_IGNORE_WITHOUT_REASON, LintRule.UNKNOWN_LINT_RULE));
        List<String> missing = new ArrayList<>();
        for (LintRule rule : sqlRules) {
            boolean failing = examples().stream().anyMatch(e -> e.rule().equals(rule.id()) && e.fails());
            boolean passing = examples().stream().anyMatch(e -> e.rule().equals(rule.id()) && !e.fails());
            if (!failing || !passing) {
                missing.add(rule.id());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(examples().stream().map(Example::rule).filter(id -> LintRule.byId(id).isEmpty()).toList())
                .isEmpty();
    }

    @Test
    void preferTextFieldIsOptIn() {
        String sql = PG + "CREATE TABLE a (name varchar(50));";
        assertThat(lint(sql, "postgresql", true)).extracting(LintFinding::code).doesNotContain("prefer-text-field");
        List<LintFinding> enabled = Linter.lintSql("r.sql", new SqlSection(sql, 1, true, "r.sql"),
                LintOptions.forDialect(Dialects.forName("postgresql")).withEnabled("prefer-text-field"));
        assertThat(enabled).extracting(LintFinding::code).contains("prefer-text-field");
        assertThat(lint(PG + "CREATE TABLE a (name text);", "postgresql", true)).isEmpty();
    }

    static List<LintFinding> lint(String sql, String dialect, boolean transactional) {
        return Linter.lintSql("r.sql", new SqlSection(sql, 1, transactional, "r.sql"),
                LintOptions.forDialect(Dialects.forName(dialect)));
    }

    static List<String> codes(List<LintFinding> findings) {
        return Arrays.asList(findings.stream().map(LintFinding::code).toArray(String[]::new));
    }
}
