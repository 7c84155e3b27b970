package dev.retort.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a command that writes waits for another process's migration lock: a duration such as
 * {@code 30s}, {@code 10m} or {@code 1h30m} ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d};
 * {@code 0} = do not wait), or {@code forever}, the default: as long as the holder's database
 * session lives, which is as long as its migrations run (a holder that dies frees the lock by
 * itself, so waiting forever never means waiting for a stale lock).
 *
 * <p>Immutable and thread-safe.
 */
public final class LockTimeout {

    /** The text that means "wait as long as the holder lives". */
    public static final String FOREVER = "forever";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private LockTimeout() {
    }

    /**
     * Parses a lock timeout.
     *
     * @return the longest wait, or empty for {@code forever}
     * @throws IllegalArgumentException with a message that shows the expected form
     */
    public static Optional<Duration> parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals(FOREVER)) {
            return Optional.empty();
        }
        if (value.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(value);
        int at = 0;
        while (at < value.length() && m.find(at) && m.start() == at) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            at = m.end();
        }
        if (at == 0 || at != value.length()) {
            throw invalid(text);
        }
        return Optional.of(total);
    }

    /** The timeout as {@link #parse} reads it back: {@code forever}, or e.g. {@code 1h30m}, {@code 250ms}. */
    public static String format(Optional<Duration> timeout) {
        if (timeout.isEmpty()) {
            return FOREVER;
        }
        Duration d = timeout.get();
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = d.toDays();
        if (days > 0) text.append(days).append('d');
        if (d.toHoursPart() > 0) text.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) text.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) text.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) text.append(d.toMillisPart()).append("ms");
        return text.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("must be a duration such as \"30s\", \"10m\" or \"1h30m\" (units ms, s, m,"
                + " h, d), or \"" + FOREVER + "\" to wait as long as the holder lives; got \"" + text + "\"");
    }
}
