package dev.retort.pbt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.quicktheories.api.Pair;
import org.quicktheories.core.DetatchedRandomnessSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * QuickTheories generators the property tests share.
 *
 * <p>Running a theory: each property is a JUnit test calling {@code qt().withExamples(n)…check(…)}.
 * Its seed is random; a failing theory reports the smallest falsifying value it found and ends with
 * {@code Seed was N}. To replay exactly that run, pass the seed as the {@code QT_SEED} system
 * property, which QuickTheories reads when a theory starts:
 *
 * <pre>
 * mvn -pl retort-core -am test -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='SqlStatementSplitterPropertyTest#splitNeverLosesSignificantCharacters' -DQT_SEED=N
 * </pre>
 *
 * <p>A generator takes its randomness only from the source QuickTheories hands it, so that a seed
 * replays a run and a failure shrinks.
 */
public final class Generators {

    /** How often {@link #retrying} draws before it calls its filter a bug. */
    private static final int MAX_DRAWS = 1_000;

    private Generators() {
    }

    /**
     * Strings of {@code min} to {@code max} characters (lengths uniform), each character picked
     * from {@code chars}.
     */
    public static Gen<String> stringsOf(String chars, int min, int max) {
        String alphabet = chars.chars().distinct()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return Generate.intArrays(Generate.range(min, max), Generate.range(0, alphabet.length() - 1))
                .map(indexes -> {
                    StringBuilder text = new StringBuilder(indexes.length);
                    for (int index : indexes) {
                        text.append(alphabet.charAt(index));
                    }
                    return text.toString();
                });
    }

    /**
     * Any text of {@code min} to {@code max} characters: half of the time characters from the whole
     * Basic Multilingual Plane (lone surrogates included), a quarter ASCII with its control
     * characters, a quarter any code point (supplementary ones as surrogate pairs, the text cut to
     * {@code max} characters); and now and then an edge case: the empty text if allowed, or the
     * shortest text of spaces, NULs, lone surrogates, {@code U+FEFF} or {@code U+FFFF}.
     */
    public static Gen<String> anyStrings(int min, int max) {
        List<String> edges = new ArrayList<>();
        if (min == 0) {
            edges.add("");
        }
        int shortest = Math.max(min, 1);
        if (shortest <= max) {
            for (String c : List.of(" ", "\u0000", "\uD800", "\uDC00", "\uFEFF", "\uFFFF")) {
                edges.add(c.repeat(shortest));
            }
        }
        return Generate.frequency(
                Pair.of(8, SourceDSL.strings().basicMultilingualPlaneAlphabet().ofLengthBetween(min, max)),
                Pair.of(4, SourceDSL.strings().ascii().ofLengthBetween(min, max)),
                Pair.of(4, SourceDSL.strings().allPossible().ofLengthBetween(min, max)),
                Pair.of(1, Generate.pick(edges))).describedAs(Generators::literal);
    }

    /**
     * {@code text} as a Java string literal, everything outside printable ASCII escaped: a falsifying
     * text shows its line breaks, control characters and lone surrogates. For
     * {@link Gen#describedAs}.
     */
    public static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Values of {@code gen} that pass {@code filter}: draws again until one does. Unlike
     * {@link Gen#assuming}, a rejected draw does not count against the theory's generate attempts
     * (ten per example by default, shared by every filter in it); only accepted draws are kept, so
     * a failure shrinks through them. This is what QuickTheories does itself for its code points.
     */
    public static <T> Gen<T> retrying(Gen<T> gen, Predicate<? super T> filter) {
        return in -> {
            for (int draw = 0; draw < MAX_DRAWS; draw++) {
                DetatchedRandomnessSource detached = in.detach();
                T value = gen.generate(detached);
                if (filter.test(value)) {
                    detached.commit();
                    return value;
                }
            }
            throw new IllegalStateException("no value passed the filter in " + MAX_DRAWS + " draws");
        };
    }
}
