package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;

import dev.retort.script.GeneratedScripts.Script;
import dev.retort.testing.Gens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the splitter over generated scripts whose correct split is known by construction,
 * and over arbitrary text. QuickTheories prints the seed of a failing run; rerun it with
 * {@code qt().withFixedSeed(seed)}.
 */
class SqlStatementSplitterPropertyTest {

    /** Bits of SQL that switch the scanner's states, to reach its corners faster than random text does. */
    private static final List<String> TRICKY = List.of("'", "''", "\"", "`", "[", "]", "$$", "$a$", "$1", "E'", "e'",
            "\\", "\\'", "--", "-- ", "#", "//", "/*", "*/", "/*!", ";", ";", ";", "\n", "\r", "\r\n", " ", "(", ")",
            "CREATE", " TRIGGER ", " FUNCTION ", " BEGIN ", " END ", " CASE ", " IF ", " LOOP ", "DELIMITER",
            "-- migrate:statement-begin\n", "-- migrate:statement-end\n", "\n-- migrate:up\n", "-- migrate: x\n", "a",
            "x1", "\uFEFF", "é", "\u0000", "\u2003");

    /** A script and the flavor its fragments were generated for. */
    record FlavoredScript(SqlFlavor flavor, Script script) {
        @Override
        public String toString() {
            return flavor + ": " + script;
        }
    }

    private static Gen<FlavoredScript> scripts() {
        return Gens.of(SqlFlavor.class)
                .flatMap(flavor -> GeneratedScripts.scripts(flavor).map(s -> new FlavoredScript(flavor, s)));
    }

    private static Gen<FlavoredScript> jumbledScripts() {
        return Gens.of(SqlFlavor.class)
                .flatMap(flavor -> GeneratedScripts.jumbledScripts(flavor).map(s -> new FlavoredScript(flavor, s)));
    }

    private static Gen<String> trickyText() {
        return Gens.lists(Gens.oneOf(Gens.of(TRICKY), GeneratedScripts.words()), 0, 40)
                .map(parts -> String.join("", parts));
    }

    @Test
    void splitReturnsExactlyTheGeneratedStatements() {
        AtomicInteger cases = new AtomicInteger();
        AtomicInteger several = new AtomicInteger();
        AtomicInteger semicolonInside = new AtomicInteger();
        AtomicInteger block = new AtomicInteger();
        qt().withExamples(500).forAll(scripts(), Generate.range(1, 500)).checkAssert((generated, firstLine) -> {
            Script script = generated.script();

            List<SqlStatement> statements = SqlStatementSplitter.split(script.sql(), firstLine, generated.flavor());

            assertThat(statements).containsExactlyElementsOf(script.expected().stream()
                    .map(s -> new SqlStatement(s.sql(), s.line() + firstLine - 1, s.index()))
                    .toList());
            cases.incrementAndGet();
            if (script.expected().size() >= 2) {
                several.incrementAndGet();
            }
            if (script.expected().stream().anyMatch(s -> s.sql().contains(";"))) {
                semicolonInside.incrementAndGet();
            }
            if (script.sql().contains("CREATE")) {
                block.incrementAndGet();
            }
        });
        // the generator must reach the hard cases often, not just in theory
        assertThat(percent(several, cases)).as("several statements").isGreaterThan(40);
        assertThat(percent(semicolonInside, cases)).as("a ';' kept inside a statement").isGreaterThan(30);
        assertThat(percent(block, cases)).as("a block statement").isGreaterThan(3);
    }

    @Test
    void splitNeverLosesSignificantCharacters() {
        qt().withExamples(500).forAll(jumbledScripts()).checkAssert(generated -> {
            Script script = generated.script();

            List<SqlStatement> statements = SqlStatementSplitter.split(script.sql(), 1, generated.flavor());

            String joined = withoutWhitespace(String.join("", statements.stream().map(SqlStatement::sql).toList()));
            assertThat(isSubsequence(withoutWhitespace(script.significant()), joined))
                    .as("every significant character is in some statement, in order").isTrue();
            assertThat(isSubsequence(joined, withoutWhitespace(script.sql())))
                    .as("statements hold nothing that is not in the script, in its order").isTrue();
            assertThat(statements).containsExactlyElementsOf(script.expected());
        });
    }

    @Test
    void lineEndingsAndByteOrderMarkChangeNothingButTheLineEndings() {
        qt().withExamples(200).forAll(scripts()).checkAssert(generated -> {
            Script script = generated.script();
            String crlf = "\uFEFF" + script.sql().replace("\n", "\r\n");

            List<SqlStatement> statements = SqlStatementSplitter.split(crlf, 1, generated.flavor());

            assertThat(statements).containsExactlyElementsOf(script.expected().stream()
                    .map(s -> new SqlStatement(s.sql().replace("\n", "\r\n"), s.line(), s.index()))
                    .toList());
        });
    }

    @Test
    void splitTerminatesAndFailsOnlyAsDocumentedOnTrickyText() {
        AtomicInteger cases = new AtomicInteger();
        AtomicInteger unsplittable = new AtomicInteger();
        qt().withExamples(1500).forAll(Gens.of(SqlFlavor.class), trickyText()).checkAssert((flavor, sql) -> {
            cases.incrementAndGet();
            if (!checkSplitOfArbitraryText(sql, flavor)) {
                unsplittable.incrementAndGet();
            }
        });
        assertThat(percent(unsplittable, cases)).as("unsplittable").isBetween(10, 90);
    }

    @Test
    void splitTerminatesAndFailsOnlyAsDocumentedOnAnyText() {
        qt().withExamples(500).forAll(Gens.of(SqlFlavor.class), Gens.anyStrings(0, 60))
                .checkAssert((flavor, sql) -> checkSplitOfArbitraryText(sql, flavor));
    }

    /**
     * The split ends in time and either fails with {@link UnsplittableSqlException} (returns false)
     * or returns statements that are slices of the text, in order, on the lines they claim,
     * numbered 1..n, and that split again to themselves (returns true).
     */
    private static boolean checkSplitOfArbitraryText(String sql, SqlFlavor flavor) {
        List<SqlStatement> statements;
        try {
            statements = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> SqlStatementSplitter.split(sql, 1, flavor));
        } catch (UnsplittableSqlException expected) {
            assertThat(expected.line()).isBetween(1, GeneratedScripts.lineAt(sql, sql.length()));
            return false;
        }
        int from = 0;
        for (SqlStatement statement : statements) {
            assertThat(statement.index()).isEqualTo(statements.indexOf(statement) + 1);
            assertThat(statement.sql()).isNotEmpty();
            assertThat(SqlScanner.isWhitespace(statement.sql().charAt(0))).isFalse();
            assertThat(SqlScanner.isWhitespace(statement.sql().charAt(statement.sql().length() - 1))).isFalse();
            int at = occurrenceOnLine(sql, statement.sql(), from, statement.line());
            assertThat(at).as("statement %s is a slice of the text on line %d", statement.sql(), statement.line())
                    .isNotNegative();
            from = at + statement.sql().length();
            // MySQL reads "--" at the very end of a text as a comment ("a--;" holds the code "a--", which
            // alone reads as "a"): the one case, in SQL invalid anyway, where a statement alone differs
            boolean mysqlTrailingDashes = flavor == SqlFlavor.MYSQL && statement.sql().endsWith("--");
            if (!sql.contains("migrate") && !mysqlTrailingDashes) {
                assertThat(SqlStatementSplitter.split(statement.sql(), statement.line(), flavor))
                        .as("a statement splits to itself")
                        .containsExactly(new SqlStatement(statement.sql(), statement.line(), 1));
            }
        }
        return true;
    }

    private static int percent(AtomicInteger part, AtomicInteger whole) {
        return whole.get() == 0 ? 0 : 100 * part.get() / whole.get();
    }

    private static int occurrenceOnLine(String text, String part, int from, int line) {
        for (int at = text.indexOf(part, from); at >= 0; at = text.indexOf(part, at + 1)) {
            if (GeneratedScripts.lineAt(text, at) == line) {
                return at;
            }
        }
        return -1;
    }

    private static String withoutWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().filter(c -> !SqlScanner.isWhitespace((char) c)).forEach(c -> out.append((char) c));
        return out.toString();
    }

    private static boolean isSubsequence(String part, String whole) {
        int i = 0;
        for (int j = 0; i < part.length() && j < whole.length(); j++) {
            if (part.charAt(i) == whole.charAt(j)) {
                i++;
            }
        }
        return i == part.length();
    }
}
