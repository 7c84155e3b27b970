package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.retort.pbt.Coverage;
import dev.retort.pbt.Generators;
import dev.retort.script.GeneratedScripts.Script;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@link SqlStatementSplitter} over generated scripts and arbitrary text, checked with
 * QuickTheories. To replay a failure, see {@link Generators} (the {@code QT_SEED} property).
 */
class SqlStatementSplitterPropertyTest {

    /** Shrink cycles after a failure: enough to reach a small script, few enough to end in seconds. */
    private static final int SHRINK_CYCLES = 5_000;

    /** Bits of SQL that switch the scanner's states, to reach its corners faster than random text does. */
    private static final List<String> TRICKY = List.of("'", "''", "\"", "`", "[", "]", "$$", "$a$", "$1", "E'", "e'",
            "\\", "\\'", "--", "-- ", "#", "//", "/*", "*/", "/*!", ";", ";", ";", "\n", "\r", "\r\n", " ", "(", ")",
            "CREATE", " TRIGGER ", " FUNCTION ", " BEGIN ", " END ", " CASE ", " IF ", " LOOP ", "DELIMITER",
            "-- migrate:statement-begin\n", "-- migrate:statement-end\n", "\n-- migrate:up\n", "-- migrate: x\n", "a",
            "x1", "\uFEFF", "é", "\u0000", "\u2003");

    private static final Gen<SqlFlavor> FLAVORS = Generate.enumValues(SqlFlavor.class);

    /** How long a split of arbitrary text may take before its case fails as one that never ends. */
    private static final long SPLIT_TIMEOUT_SECONDS = 5;

    /**
     * Each split that does not end leaves its thread spinning until the JVM exits; after this many
     * the theory stops shrinking and reports the smallest case found so far.
     */
    private static final int MAX_HUNG_SPLITS = 3;

    /**
     * Splits arbitrary text, one case after the other, so that a split that never ends fails its
     * case and the theory goes on shrinking. One thread for all cases of a test: a new thread per
     * case would cost ten times what the splits cost.
     */
    private ExecutorService splitter = newSplitter();
    /** Splits in this test that did not end in time. */
    private int hungSplits;

    /** A script and the flavor its fragments were generated for. */
    record FlavoredScript(SqlFlavor flavor, Script script) {
    }

    @Test
    void splitReturnsExactlyTheGeneratedStatements() {
        Coverage coverage = new Coverage();
        qt().withExamples(500).withShrinkCycles(SHRINK_CYCLES)
                .forAll(scripts(), integers().between(1, 500))
                .checkAssert((generated, firstLine) -> {
                    Script script = generated.script();

                    List<SqlStatement> statements = SqlStatementSplitter.split(script.sql(), firstLine,
                            generated.flavor());

                    assertThat(statements).containsExactlyElementsOf(script.expected().stream()
                            .map(s -> new SqlStatement(s.sql(), s.line() + firstLine - 1, s.index()))
                            .toList());
                    coverage.count("several statements", script.expected().size() >= 2);
                    coverage.count("a ';' kept inside a statement",
                            script.expected().stream().anyMatch(s -> s.sql().contains(";")));
                    coverage.count("a block statement", script.sql().contains("CREATE"));
                });
        // the generator must reach the hard cases often, not just in theory
        coverage.assertAbove("several statements", 40);
        coverage.assertAbove("a ';' kept inside a statement", 30);
        coverage.assertAbove("a block statement", 3);
    }

    @Test
    void splitNeverLosesSignificantCharacters() {
        qt().withExamples(500).withShrinkCycles(SHRINK_CYCLES)
                .forAll(jumbledScripts())
                .checkAssert(generated -> {
                    Script script = generated.script();

                    List<SqlStatement> statements = SqlStatementSplitter.split(script.sql(), 1, generated.flavor());

                    String joined = withoutWhitespace(
                            String.join("", statements.stream().map(SqlStatement::sql).toList()));
                    assertThat(isSubsequence(withoutWhitespace(script.significant()), joined))
                            .as("every significant character is in some statement, in order").isTrue();
                    assertThat(isSubsequence(joined, withoutWhitespace(script.sql())))
                            .as("statements hold nothing that is not in the script, in its order").isTrue();
                    assertThat(statements).containsExactlyElementsOf(script.expected());
                });
    }

    @Test
    void lineEndingsAndByteOrderMarkChangeNothingButTheLineEndings() {
        qt().withExamples(200).withShrinkCycles(SHRINK_CYCLES)
                .forAll(scripts())
                .checkAssert(generated -> {
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
        Coverage coverage = new Coverage();
        qt().withExamples(1500).withShrinkCycles(SHRINK_CYCLES)
                .forAll(FLAVORS, untilTooManyHangs(trickyText()))
                .checkAssert((flavor, sql) -> {
                    boolean split = checkSplitOfArbitraryText(sql, flavor);
                    coverage.count("split", split);
                    coverage.count("unsplittable", !split);
                });
        coverage.assertAbove("split", 10);
        coverage.assertAbove("unsplittable", 10);
    }

    @Test
    void splitTerminatesAndFailsOnlyAsDocumentedOnAnyText() {
        qt().withExamples(500).withShrinkCycles(SHRINK_CYCLES)
                .forAll(FLAVORS, untilTooManyHangs(Generators.anyStrings(0, 255)))
                .checkAssert((flavor, sql) -> checkSplitOfArbitraryText(sql, flavor));
    }

    /**
     * The split ends in time and either fails with {@link UnsplittableSqlException} or returns
     * statements that are slices of the text, in order, on the lines they claim, numbered 1..n, and
     * that split again to themselves.
     *
     * @return whether the text was split; {@code false} if it was unsplittable
     */
    private boolean checkSplitOfArbitraryText(String sql, SqlFlavor flavor) {
        List<SqlStatement> statements;
        try {
            statements = splitWithinTimeout(sql, flavor);
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

    private List<SqlStatement> splitWithinTimeout(String sql, SqlFlavor flavor) {
        Future<List<SqlStatement>> split = splitter.submit(() -> SqlStatementSplitter.split(sql, 1, flavor));
        try {
            return split.get(SPLIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // the stuck thread is a daemon and may stay stuck; the next cases get a thread of their own
            hungSplits++;
            splitter.shutdownNow();
            splitter = newSplitter();
            throw new AssertionError("the split did not end within " + SPLIT_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code gen}'s values until {@link #MAX_HUNG_SPLITS} splits have hung; then it ends the run:
     * it fails every generate attempt, and once they are used up QuickTheories stops shrinking and
     * reports the smallest falsifying case found so far (only a falsified theory gets here).
     */
    private <T> Gen<T> untilTooManyHangs(Gen<T> gen) {
        Gen<T> stopping = in -> {
            if (hungSplits >= MAX_HUNG_SPLITS) {
                for (int attempt = 0; attempt < Integer.MAX_VALUE; attempt++) {
                    in.registerFailedAssumption(); // throws once the theory's generate attempts are used up
                }
                throw new IllegalStateException("QuickTheories did not stop after failed generate attempts");
            }
            return gen.generate(in);
        };
        return stopping.describedAs(gen::asString);
    }

    private static ExecutorService newSplitter() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "split under test");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stopSplitter() {
        splitter.shutdownNow();
    }

    private static int occurrenceOnLine(String text, String part, int from, int line) {
        for (int at = text.indexOf(part, from); at >= 0; at = text.indexOf(part, at + 1)) {
            if (GeneratedScripts.lineAt(text, at) == line) {
                return at;
            }
        }
        return -1;
    }

    private static Gen<FlavoredScript> scripts() {
        return flavored(GeneratedScripts::scripts);
    }

    private static Gen<FlavoredScript> jumbledScripts() {
        return flavored(GeneratedScripts::jumbledScripts);
    }

    /** A flavor, then a script generated for it. */
    private static Gen<FlavoredScript> flavored(Function<SqlFlavor, Gen<Script>> generator) {
        Map<SqlFlavor, Gen<FlavoredScript>> byFlavor = new EnumMap<>(SqlFlavor.class);
        for (SqlFlavor flavor : SqlFlavor.values()) {
            byFlavor.put(flavor, generator.apply(flavor).map(s -> new FlavoredScript(flavor, s)));
        }
        return FLAVORS.flatMap(byFlavor::get);
    }

    private static Gen<String> trickyText() {
        return lists().of(Generate.oneOf(Generate.pick(TRICKY), GeneratedScripts.words())).ofSizeBetween(0, 40)
                .map(parts -> String.join("", parts)).describedAs(Generators::literal);
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
