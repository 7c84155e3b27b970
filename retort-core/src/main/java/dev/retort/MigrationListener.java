package dev.retort;

import dev.retort.backup.Backup;
import dev.retort.revision.MigrationStep;
import dev.retort.runtime.lock.LockHolder;
import java.time.Duration;
import java.util.Optional;

/**
 * Hears about each step of a run as it happens, e.g. to print progress. Called on the thread that
 * runs the migrations; implementations should return quickly. All methods default to nothing.
 */
public interface MigrationListener {

    /** A listener that ignores everything. */
    MigrationListener NONE = new MigrationListener() {
    };

    /** Before the step's first statement. */
    default void stepStarting(MigrationStep step) {
    }

    /** After the step committed. */
    default void stepFinished(MigrationStep step, Duration duration) {
    }

    /**
     * Another process holds the migration lock and this one waits for it: called when the wait
     * begins, when the holder changes, and every half minute after.
     *
     * @param database the database, as shown in messages
     * @param holder   who holds the lock, if the database says
     * @param waited   how long this process has waited so far
     */
    default void waitingForLock(String database, Optional<LockHolder> holder, Duration waited) {
    }

    /** A backup was taken, before the first step. */
    default void backupTaken(Backup backup) {
    }
}
