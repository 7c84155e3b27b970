package dev.retort.runtime.lock;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration lock and who holds it now.
 *
 * @param lock      what the lock is: {@code PostgreSQL advisory lock 1919251570/… for retort_version}
 * @param holder    who holds it; empty when it is free
 * @param lingering the migration session of a holder that died, which the server still runs (its last
 *                  statement has not ended yet; see {@link MigrationLocks#sessionLock}); the next
 *                  migrator waits for it too
 */
public record LockState(String lock, Optional<LockHolder> holder, Optional<LockHolder> lingering) {

    public LockState {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(lingering, "lingering");
    }

    /** Whether a migrator would start at once. */
    public boolean free() {
        return holder.isEmpty() && lingering.isEmpty();
    }
}
