package dev.retort.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in {@code retort.toml}, on the command line and in revision headers:
 * a whole number and a unit, {@code 500ms}, {@code 5s}, {@code 10min}, {@code 2h}, {@code 1d} (the
 * units PostgreSQL takes for {@code lock_timeout}), or {@code 0} for none.
 *
 * <p>{@code m} alone is refused rather than guessed: PostgreSQL reads it as minutes, most people as
 * either. A number without a unit is refused too: PostgreSQL would take milliseconds, MySQL seconds.
 *
 * <p>Stateless and thread-safe.
 */
public final class Durations {

    /** The longest duration accepted: PostgreSQL's limit for its timeouts, {@code INT_MAX} milliseconds. */
    public static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

    /** What a duration looks like, for messages. */
    public static final String FORMS = "a whole number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none)";

    private static final Pattern DURATION = Pattern.compile("([0-9]+)[ \\t]*([A-Za-z]*)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text} and how to write it;
     *                                  the message starts with the text quoted
     */
    public static Duration parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return read(text.strip());
    }

    /** What is wrong with {@code text} as a duration; empty when it is one. */
    public static Optional<String> problem(String text) {
        String stripped = text.strip();
        Matcher matcher = DURATION.matcher(stripped);
        String quoted = "'" + text + "'";
        if (!matcher.matches()) {
            return Optional.of(quoted + " is not a duration; write " + FORMS);
        }
        String number = matcher.group(1);
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return number.chars().allMatch(c -> c == '0') ? Optional.empty()
                    : Optional.of(quoted + " has no unit; write " + number + "s for seconds or " + number
                    + "ms for milliseconds");
        }
        if (unit.equals("m")) {
            return Optional.of(quoted + " is ambiguous; write " + number + "min for minutes or " + number
                    + "ms for milliseconds");
        }
        if (millisPerUnit(unit) == 0) {
            return Optional.of(quoted + " has an unknown unit '" + matcher.group(2) + "'; write " + FORMS);
        }
        if (number.length() > 10 || read(stripped).compareTo(MAX) > 0) {
            return Optional.of(quoted + " is too long; the longest is " + format(MAX) + " (about 24 days)");
        }
        return Optional.empty();
    }

    /** The duration in the shortest exact form {@link #parse} reads back: {@code 5s}, {@code 1500ms}, {@code 0}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        for (String unit : new String[] {"d", "h", "min", "s"}) {
            long per = millisPerUnit(unit);
            if (millis % per == 0) {
                return millis / per + unit;
            }
        }
        return millis + "ms";
    }

    private static Duration read(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalStateException("checked before: " + text);
        }
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        long count = Long.parseLong(matcher.group(1));
        return unit.isEmpty() ? Duration.ZERO : Duration.ofMillis(Math.multiplyExact(count, millisPerUnit(unit)));
    }

    private static long millisPerUnit(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 0;
        };
    }
}
