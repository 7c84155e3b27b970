package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.retort.script.GeneratedScripts.Script;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class SqlStatementSplitterPropertyTest {

    /** Bits of SQL that switch the scanner's states, to reach its corners faster than random text does. */
    private static final List<String> TRICKY = List.of("'", "''", "\"", "`", "[", "]", "$$", "$a$", "$1", "E'", "e'",
            "\\", "\\'", "--", "-- ", "#", "//", "/*", "*/", "/*!", ";", ";", ";", "\n", "\r", "\r\n", " ", "(", ")",
            "CREATE", " TRIGGER ", " FUNCTION ", " BEGIN ", " END ", " CASE ", " IF ", " LOOP ", "DELIMITER",
            "-- migrate:statement-begin\n", "-- migrate:statement-end\n", "\n-- migrate:up\n", "-- migrate: x\n", "a",
            "x1", "\uFEFF", "é", "\u0000", "\u2003");

    /** A script and the flavor its fragments were generated for. */
    record FlavoredScript(SqlFlavor flavor, Script script) {
    }

    @Property(tries = 500)
    void splitReturnsExactlyTheGeneratedStatements(@ForAll("scripts") FlavoredScript generated,
            @ForAll @IntRange(min = 1, max = 500) int firstLine) {
        Script script = generated.script();

        List<SqlStatement> statements = SqlStatementSplitter.split(script.sql(), firstLine, generated.flavor());

        assertThat(statements).containsExactlyElementsOf(script.expected().stream()
                .map(s -> new SqlStatement(s.sql(), s.line() + firstLine - 1, s.index()))
                .toList());
        // the generator must reach the hard cases often, not just in theory
        Statistics.label("several statements").collect(script.expected().size() >= 2)
                .coverage(c -> c.check(true).percentage(p -> p > 40));
        Statistics.label("a ';' kept inside a statement").collect(script.expected().stream()
                        .anyMatch(s -> s.sql().contains(";")))
                .coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("a block statement").collect(script.sql().contains("CREATE"))
                .coverage(c -> c.check(true).percentage(p -> p > 3));
    }

    @Property(tries = 500)
    void splitNeverLosesSignificantCharacters(@ForAll("jumbledScripts") FlavoredScript generated) {
        Script script = generated.script();

        List<SqlStatement> statements = SqlStatementSplitter.split(script.sql(), 1, generated.flavor());

        String joined = withoutWhitespace(String.join("", statements.stream().map(SqlStatement::sql).toList()));
        assertThat(isSubsequence(withoutWhitespace(script.significant()), joined))
                .as("every significant character is in some statement, in order").isTrue();
        assertThat(isSubsequence(joined, withoutWhitespace(script.sql())))
                .as("statements hold nothing that is not in the script, in its order").isTrue();
        assertThat(statements).containsExactlyElementsOf(script.expected());
    }

    @Property(tries = 200)
    void lineEndingsAndByteOrderMarkChangeNothingButTheLineEndings(@ForAll("scripts") FlavoredScript generated) {
        Script script = generated.script();
        String crlf = "\uFEFF" + script.sql().replace("\n", "\r\n");

        List<SqlStatement> statements = SqlStatementSplitter.split(crlf, 1, generated.flavor());

        assertThat(statements).containsExactlyElementsOf(script.expected().stream()
                .map(s -> new SqlStatement(s.sql().replace("\n", "\r\n"), s.line(), s.index()))
                .toList());
    }

    @Property(tries = 1500)
    void splitTerminatesAndFailsOnlyAsDocumentedOnTrickyText(@ForAll SqlFlavor flavor,
            @ForAll("trickyText") String sql) {
        checkSplitOfArbitraryText(sql, flavor);
        Statistics.label("outcome").coverage(c -> {
            c.check("split").percentage(p -> p > 10);
            c.check("unsplittable").percentage(p -> p > 10);
        });
    }

    @Property(tries = 500)
    void splitTerminatesAndFailsOnlyAsDocumentedOnAnyText(@ForAll SqlFlavor flavor, @ForAll String sql) {
        checkSplitOfArbitraryText(sql, flavor);
    }

    /**
     * The split ends in time and either fails with {@link UnsplittableSqlException} or returns
     * statements that are slices of the text, in order, on the lines they claim, numbered 1..n, and
     * that split again to themselves.
     */
    private static void checkSplitOfArbitraryText(String sql, SqlFlavor flavor) {
        List<SqlStatement> statements;
        try {
            statements = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> SqlStatementSplitter.split(sql, 1, flavor));
        } catch (UnsplittableSqlException expected) {
            assertThat(expected.line()).isBetween(1, GeneratedScripts.lineAt(sql, sql.length()));
            Statistics.label("outcome").collect("unsplittable");
            return;
        }
        Statistics.label("outcome").collect("split");
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
    }

    private static int occurrenceOnLine(String text, String part, int from, int line) {
        for (int at = text.indexOf(part, from); at >= 0; at = text.indexOf(part, at + 1)) {
            if (GeneratedScripts.lineAt(text, at) == line) {
                return at;
            }
        }
        return -1;
    }

    @Provide
    Arbitrary<FlavoredScript> scripts() {
        return Arbitraries.of(SqlFlavor.class)
                .flatMap(flavor -> GeneratedScripts.scripts(flavor).map(s -> new FlavoredScript(flavor, s)));
    }

    @Provide
    Arbitrary<FlavoredScript> jumbledScripts() {
        return Arbitraries.of(SqlFlavor.class)
                .flatMap(flavor -> GeneratedScripts.jumbledScripts(flavor).map(s -> new FlavoredScript(flavor, s)));
    }

    @Provide
    Arbitrary<String> trickyText() {
        return Arbitraries.oneOf(Arbitraries.of(TRICKY), GeneratedScripts.words())
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
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
