package dev.retort.runtime.lock;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration lock and who holds it now.
 *
 * @param lock   what the lock is: {@code PostgreSQL advisory lock 1919251570/… for retort_version}
 * @param holder who holds it; empty when it is free
 */
public record LockState(String lock, Optional<LockHolder> holder) {

    public LockState {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(holder, "holder");
    }
}
