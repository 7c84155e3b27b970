package dev.retort.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a command that writes waits for another process's migration lock: a {@link Durations}
 * duration ({@code 30s}, {@code 10min}, {@code 2h}; {@code 0} = do not wait), or {@code forever}, the
 * default: as long as the holder's database session lives, which is as long as its migrations run (a
 * holder that dies frees the lock by itself, so waiting forever never means waiting for a stale lock).
 *
 * <p>Stateless and thread-safe.
 */
public final class LockTimeout {

    /** The text that means "wait as long as the holder lives". */
    public static final String FOREVER = "forever";

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
        if (text.strip().toLowerCase(Locale.ROOT).equals(FOREVER)) {
            return Optional.empty();
        }
        Optional<String> problem = Durations.problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get() + ", or \"" + FOREVER + "\" to wait as long as the"
                    + " holder lives");
        }
        return Optional.of(Durations.parse(text));
    }

    /** The timeout as {@link #parse} reads it back: {@code forever}, or e.g. {@code 10min}, {@code 250ms}. */
    public static String format(Optional<Duration> timeout) {
        return timeout.map(Durations::format).orElse(FOREVER);
    }
}
