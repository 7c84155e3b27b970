package dev.retort.script;

import dev.retort.config.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The timeouts one revision asks for, overriding the run's ({@code statement_lock_timeout},
 * {@code statement_timeout}) for its own statements, in both directions. A SQL revision declares
 * them in its header ({@code -- lock_timeout: 5s}, {@code -- statement_timeout: 10min}); a Java
 * revision will through its annotation. {@link Duration#ZERO} means "no timeout for this revision",
 * which is not the same as empty ("as the run says").
 *
 * <p>Immutable and thread-safe.
 *
 * @param lockTimeout      longest wait of each statement for a lock; empty = the run's setting
 * @param statementTimeout longest run of each statement; empty = the run's setting
 */
public record RevisionTimeouts(Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {

    /** No override: the run's settings apply. */
    public static final RevisionTimeouts NONE = new RevisionTimeouts(Optional.empty(), Optional.empty());

    public RevisionTimeouts {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    /** Whether the revision overrides nothing. */
    public boolean isEmpty() {
        return lockTimeout.isEmpty() && statementTimeout.isEmpty();
    }

    @Override
    public String toString() {
        return "RevisionTimeouts[lockTimeout=" + lockTimeout.map(Durations::format).orElse("-")
                + ", statementTimeout=" + statementTimeout.map(Durations::format).orElse("-") + "]";
    }
}
