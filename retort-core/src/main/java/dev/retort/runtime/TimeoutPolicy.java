package dev.retort.runtime;

import dev.retort.config.Durations;
import dev.retort.script.RevisionTimeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The guards of one run: the timeouts every migration's statements get unless the revision asks
 * for its own ({@link RevisionTimeouts}), and how a migration that hit the lock timeout is retried.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lockTimeout      longest wait of a statement for a lock; empty = the database's setting
 * @param statementTimeout longest run of a statement (PostgreSQL); empty = the database's setting
 * @param retries          how often a retryable migration is run again after a lock timeout
 * @param backoff          wait before the first retry; it doubles for each further one
 */
public record TimeoutPolicy(Optional<Duration> lockTimeout, Optional<Duration> statementTimeout, int retries,
                            Duration backoff) {

    /** No timeouts; three retries, one second apart at first (the config's defaults). */
    public static final TimeoutPolicy DEFAULT = new TimeoutPolicy(Optional.empty(), Optional.empty(), 3,
            Duration.ofSeconds(1));

    public TimeoutPolicy {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(backoff, "backoff");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be at least 0: " + retries);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
    }

    /** The timeouts of one revision: its own where it gives them, else the run's. */
    public RevisionTimeouts effective(RevisionTimeouts revision) {
        return new RevisionTimeouts(revision.lockTimeout().or(() -> lockTimeout),
                revision.statementTimeout().or(() -> statementTimeout));
    }

    /** The wait before retry number {@code retry} (1-based): the backoff, doubled for each retry before. */
    public Duration backoffBefore(int retry) {
        Duration wait = backoff;
        for (int i = 1; i < retry && wait.compareTo(Duration.ofHours(1)) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait;
    }

    @Override
    public String toString() {
        return "TimeoutPolicy[lockTimeout=" + lockTimeout.map(Durations::format).orElse("-")
                + ", statementTimeout=" + statementTimeout.map(Durations::format).orElse("-") + ", retries=" + retries
                + ", backoff=" + Durations.format(backoff) + "]";
    }
}
