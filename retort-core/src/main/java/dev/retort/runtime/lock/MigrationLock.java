package dev.retort.runtime.lock;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The lock that keeps a second process from migrating the same database at the same time: one per
 * version table, taken by every command that writes ({@code upgrade}, {@code downgrade},
 * {@code stamp}, {@code repair}) before it reads the version table, and held until it is done.
 * Each implementation uses a lock that the database (or the operating system) frees when its
 * holder dies, so that there is never a stale lock to clear by hand.
 *
 * <p>Not thread-safe: one instance serves one command.
 */
public interface MigrationLock {

    /** What is locked, for messages: {@code PostgreSQL advisory lock 1919251570/2948172 (retort_version)}. */
    String describe();

    /** Tries once, without waiting; true when this instance now holds the lock. */
    boolean tryAcquire() throws SQLException;

    /** Who holds the lock now; empty when nobody does (or, while this instance holds it, this one). */
    Optional<LockHolder> holder() throws SQLException;

    /**
     * Releases the lock if this instance holds it and closes what it opened. Never throws: a lock
     * that cannot be released explicitly goes with its session, which this closes.
     */
    void release();
}
