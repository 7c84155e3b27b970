package dev.retort;

import dev.retort.backup.Backup;
import dev.retort.revision.MigrationStep;
import java.time.Duration;

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

    /** A backup was taken, before the first step. */
    default void backupTaken(Backup backup) {
    }
}
