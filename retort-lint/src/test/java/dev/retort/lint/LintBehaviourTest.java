package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.Types;
import dev.retort.script.MigrationScript;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.SqlRevisionParser;
import dev.retort.script.SqlSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ignores, versions, the fallback, revisions read in order, and lint never crashing. */
class LintBehaviourTest {

    private static final String PG_TIMEOUTS = "SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n";
    private static final Dialect PG = Dialects.forName("postgresql");

    @TempDir
    Path dir;

    private static List<LintFinding> pg(String sql, LintOptions options) {
        return Linter.lintSql("r.sql", new SqlSection(sql, 10, true, "r.sql"), options);
    }

    private static List<LintFinding> pg(String sql) {
        return pg(sql, LintOptions.forDialect(PG));
    }

    @Test
    void anIgnoreWithAReasonSilencesItsStatementOnly() {
        List<LintFinding> findings = pg(PG_TIMEOUTS
                + "-- retort:lint-ignore ban-drop-column the app stopped reading it in 4.2\n"
                + "ALTER TABLE a DROP COLUMN b;\n"
                + "ALTER TABLE c DROP COLUMN d; -- retort:lint-ignore ban-drop-column,renaming-column gone since 4.1\n"
                + "ALTER TABLE e DROP COLUMN f;\n", LintOptions.forDialect(PG)
                .withDisabled("statement-after-access-exclusive"));
        assertThat(findings).extracting(LintFinding::format).containsExactly(
                "r.sql:14: warning unused-lint-ignore: lint ignore of renaming-column matches no finding; it would"
                        + " silence a later finding nobody reviewed. Instead: remove it",
                "r.sql:15: error ban-drop-column: drops column e.f; running code that still reads or writes f fails."
                        + " Instead: stop using f in a release first; drop it in a later one with"
                        + " '-- retort:lint-ignore ban-drop-column <why it is unused>'");
    }

    @Test
    void ignoresWithoutAReasonOrRuleAndUnusedOnesAreFindings() {
        List<LintFinding> findings = pg(PG_TIMEOUTS
                + "-- retort:lint-ignore ban-drop-table\n"
                + "DROP TABLE a;\n"
                + "-- retort:lint-ignore ban-drop-tabel typo\n"
                + "SELECT 1;\n"
                + "-- retort:lint-ignore prefer-identity at the end, matching nothing\n");
        assertThat(findings).extracting(LintFinding::code, LintFinding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lint-ignore-without-reason", 12),
                org.assertj.core.groups.Tuple.tuple("unknown-lint-rule", 14),
                org.assertj.core.groups.Tuple.tuple("unused-lint-ignore", 16));
        assertThat(findings.get(0).message()).isEqualTo("lint ignore of ban-drop-table without a reason; the next"
                + " reader cannot tell why it is safe. Instead: add the reason after the rule id");
    }

    @Test
    void timeoutRulesAreSatisfiedBySqlOrByConfiguration() {
        String sql = "ALTER TABLE a ADD COLUMN b text;";
        assertThat(pg(sql)).extracting(LintFinding::code).containsExactly("require-lock-timeout",
                "require-statement-timeout");
        assertThat(pg(sql, LintOptions.forDialect(PG).withConfiguredTimeouts(new ConfiguredTimeouts(true, true))))
                .isEmpty();
        assertThat(pg("-- retort:lint-ignore require-lock-timeout the connection sets it\n"
                + "SET statement_timeout = 0;\nSET statement_timeout = '1s';\n" + sql)).isEmpty();
    }

    @Test
    void versionDependentRules() {
        String constantDefault = PG_TIMEOUTS + "ALTER TABLE a ADD COLUMN b int8 DEFAULT 0;";
        assertThat(pg(constantDefault)).isEmpty();
        assertThat(pg(constantDefault, LintOptions.forDialect(PG).withDbVersion(DbVersion.parse("10"))))
                .extracting(LintFinding::code).containsExactly("adding-field-with-default");

        String checkedNotNull = PG_TIMEOUTS + "ALTER TABLE a ADD CONSTRAINT b_nn CHECK (b IS NOT NULL);\n"
                + "ALTER TABLE a ALTER COLUMN b SET NOT NULL;";
        List<String> pg12 = codes(pg(checkedNotNull, LintOptions.forDialect(PG).withDbVersion(DbVersion.parse("12"))));
        List<String> pg11 = codes(pg(checkedNotNull,
                LintOptions.forDialect(PG).withDbVersion(DbVersion.parse("11.9"))));
        assertThat(pg12).doesNotContain("adding-not-nullable-field");
        assertThat(pg11).contains("adding-not-nullable-field");

        assertThat(codes(pg(PG_TIMEOUTS + "REINDEX TABLE a;", LintOptions.forDialect(PG)
                .withDbVersion(DbVersion.parse("11"))))).doesNotContain("require-concurrent-reindex");
        assertThat(DbVersion.parse("10.11.6-MariaDB")).isEqualTo(new DbVersion(10, 11));
    }

    @Test
    void theFallbackReadsWhatTheParserCannot() {
        SqlReader reader = new SqlReader(LintDialect.POSTGRES);
        try (reader) {
            assertThat(reader.read("ALTER TABLE ONLY a ADD CONSTRAINT c CHECK (x > 0) NOT VALID"))
                    .singleElement().isInstanceOfSatisfying(Action.AddConstraint.class,
                            a -> assertThat(a.constraint().notValid()).isTrue());
            assertThat(reader.read("ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id) NOT VALID"))
                    .singleElement().isInstanceOfSatisfying(Action.AddConstraint.class, a -> {
                        assertThat(a.constraint().notValid()).isTrue();
                        assertThat(a.constraint().referenced()).contains(TableName.parse("users"));
                    });
            assertThat(reader.read("ALTER TABLE a ALTER COLUMN c SET DATA TYPE text USING c::text")).singleElement()
                    .isInstanceOf(Action.AlterColumnType.class);
            assertThat(reader.read("ALTER TABLE a ADD CONSTRAINT pk PRIMARY KEY USING INDEX ix")).singleElement()
                    .isInstanceOfSatisfying(Action.AddConstraint.class, a -> assertThat(a.constraint().usingIndex())
                            .isTrue());
            assertThat(reader.read("BEGIN")).containsExactly(new Action.Transaction(Action.Transaction.Kind.BEGIN));
            assertThat(reader.read("START TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
                    .containsExactly(new Action.Transaction(Action.Transaction.Kind.BEGIN));
            assertThat(reader.read("SET lock_timeout TO '1s'")).containsExactly(new Action.SetParameter(
                    "lock_timeout", "'1s'"));
            assertThat(reader.read("CREATE INDEX CONCURRENTLY ix ON a USING gin (title gin_trgm_ops) INCLUDE (b)"))
                    .singleElement().isInstanceOfSatisfying(Action.CreateIndex.class, i -> {
                        assertThat(i.concurrently()).isTrue();
                        assertThat(i.table().name()).isEqualTo("a");
                    });
            assertThat(reader.read("REINDEX INDEX CONCURRENTLY ix")).containsExactly(new Action.Reindex(
                    "INDEX CONCURRENTLY ix", true));
            assertThat(reader.read("DO $$ BEGIN PERFORM 1; END $$")).singleElement().isInstanceOf(Action.Other.class);
            assertThat(reader.read("VACUUM FULL a")).singleElement().isInstanceOf(Action.Other.class);
            assertThat(reader.read("FROBNICATE a")).singleElement().isInstanceOf(Action.Unreadable.class);
        }
    }

    @Test
    void neverCrashesOnJunk() {
        Random random = new Random(42);
        String alphabet = "ALTER TABLE CREATE INDEX ( ) , ; ' \" ` $$ -- /* */ NOT VALID ADD COLUMN x 1 DEFAULT now()";
        String[] words = alphabet.split(" ");
        try (SqlReader pg = new SqlReader(LintDialect.POSTGRES); SqlReader my = new SqlReader(LintDialect.MYSQL)) {
            for (int i = 0; i < 300; i++) {
                StringBuilder sql = new StringBuilder();
                int n = 1 + random.nextInt(12);
                for (int w = 0; w < n; w++) {
                    sql.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
                }
                assertThat(pg.read(sql.toString())).isNotNull();
                assertThat(my.read(sql.toString())).isNotNull();
            }
        }
    }

    @Test
    void typesFromEarlierRevisionsJudgeLaterChanges() throws IOException {
        Path versions = Files.createDirectories(dir.resolve("versions"));
        write(versions, "r1", "", "CREATE TABLE a (id bigint, name varchar(20), n int8);");
        write(versions, "r2", "r1", PG_TIMEOUTS + "ALTER TABLE a ALTER COLUMN name TYPE varchar(50);\n"
                + "ALTER TABLE a ALTER COLUMN n TYPE numeric;");
        List<MigrationScript> scripts = ScriptDirectory.load(List.of(versions), dir, Map.of());
        List<LintFinding> findings = Linter.lint(scripts, List.of("r2"), LintOptions.forDialect(PG));
        assertThat(findings).extracting(LintFinding::code, LintFinding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("changing-column-type", 9),
                org.assertj.core.groups.Tuple.tuple("multiple-alter-table", 9));
        assertThat(findings.get(0).what()).isEqualTo("changes the type of a.n from int8 to numeric");
    }

    /**
     * Every SQL revision file of this repository's tests, on every dialect: read, never crashing. Files
     * without section markers are models' DDL for autogenerate (one database's dialect each), not
     * revisions.
     */
    @Test
    void lintsEveryFixtureOfTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".sql") && !p.toString().contains("/target/")
                    && !p.toString().contains("/.git/")).toList();
        }
        int revisions = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            if (!text.contains("-- migrate:")) {
                continue;
            }
            revisions++;
            var parsed = SqlRevisionParser.parse(file, text);
            for (String dialect : List.of("postgresql", "mysql", "mariadb", "sqlite", "h2")) {
                List<LintFinding> findings = Linter.lintSql(file.toString(), parsed.up(),
                        LintOptions.forDialect(Dialects.forName(dialect)));
                assertThat(findings).filteredOn(f -> f.code().equals("syntax-error")).extracting(LintFinding::line)
                        .as(file + " " + dialect + ": " + findings.stream().filter(f -> f.code().equals("syntax-error"))
                                .map(LintFinding::message).toList())
                        .isEmpty();
            }
        }
        assertThat(revisions).as("SQL revision files found under " + root).isPositive();
    }

    /** What retort's own renderers write for PostgreSQL and MySQL, the linter reads. */
    @Test
    void readsTheSqlRetortRenders() {
        QualifiedName books = QualifiedName.of("books");
        List<Operation> operations = List.of(
                new CreateTable(Table.of(books, Types.column("id", Types.bigint()).autoincrement().primaryKey(),
                        Types.column("title", Types.varchar(200)).notNull()), false),
                new AddColumn(books, Column.of("pages", Types.integer()).serverDefault(0), false, Optional.empty()),
                // MySQL restates the column: offline it must be told what the column is now
                AlterColumn.of(books, "pages").type(Types.bigint())
                        .existing(Column.of("pages", Types.integer()).serverDefault(0)),
                new CreateIndex(Index.of("ix_title", books, "title"), true, false),
                new DropIndex(QualifiedName.of("ix_title"), Optional.of(books), true, false, Optional.empty()),
                new AddConstraint(books, CheckConstraint.of("pos", "pages > 0"), false));
        for (String name : List.of("postgresql", "mysql")) {
            Dialect dialect = Dialects.forName(name);
            try (SqlReader reader = new SqlReader(LintDialect.of(dialect))) {
                for (Operation operation : operations) {
                    dialect.render(operation).forEach(statement -> assertThat(reader.read(statement.sql()))
                            .as(name + ": " + statement.sql()).noneMatch(Action.Unreadable.class::isInstance));
                }
            }
        }
    }

    private static void write(Path versions, String id, String down, String up) throws IOException {
        Files.writeString(versions.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + down
                + "\n-- message: " + id + "\n\n-- migrate:up\n" + up + "\n");
    }

    private static List<String> codes(List<LintFinding> findings) {
        return findings.stream().map(LintFinding::code).toList();
    }
}
