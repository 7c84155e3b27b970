package dev.retort.runtime.lock;

import dev.retort.RetortException;
import dev.retort.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Another process held the migration lock for longer than the lock timeout allowed. The message
 * names the holder, as far as the database tells, and the setting that decides how long to wait.
 */
public final class UnableToAcquireLockException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<LockHolder> holder;

    public UnableToAcquireLockException(String message, Optional<LockHolder> holder) {
        super(message);
        this.holder = holder;
    }

    public UnableToAcquireLockException(String message, Throwable cause) {
        super(message, cause);
        this.holder = Optional.empty();
    }

    /** Who held the lock when the wait ended, if the database said. */
    public Optional<LockHolder> holder() {
        return holder;
    }

    static String timedOut(String database, String lock, Optional<LockHolder> holder, Duration waited,
                           Duration timeout) {
        return "Timed out after " + LockWait.format(waited) + " waiting for the migration lock on " + database + " ("
                + lock + "): it is held by " + holder.map(LockHolder::describe).orElse("another session, which the"
                + " database does not name") + ". Another migration is probably running: let it finish, or wait"
                + " longer with lock_timeout in retort.toml or --lock-timeout (now " + Durations.format(timeout)
                + "; \"forever\" waits as long as the holder's session lives)";
    }
}
