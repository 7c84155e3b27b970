package dev.retort.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the history table: a step that ran (or failed) against the database.
 *
 * @param id              row id, increasing
 * @param revision        the revision the step is about (for a stamp: the revisions written)
 * @param fromRevisions   version rows the step started from
 * @param toRevisions     version rows the step ended at
 * @param direction       upgrade, downgrade, stamp, or rehash (a checksum accepted by hand)
 * @param message         the revision's message
 * @param script          the file it came from
 * @param checksum        checksum of the file when it ran
 * @param startedAt       start time
 * @param finishedAt      end time
 * @param durationMillis  how long it ran
 * @param databaseUser    the database user
 * @param osUser          the operating-system user
 * @param hostname        the host the tool ran on
 * @param success         whether the step completed
 * @param failedStatement for a failure, the 1-based number of the statement that failed
 * @param error           for a failure, the database's message
 * @param toolVersion     the retort version that ran it
 * @param statementsDone  how many of the step's statements ran and stay applied when it did not
 *                        succeed: where a failed step rolled back, 0; where statements commit by
 *                        themselves (MySQL, MariaDB and H2 DDL, {@code transaction:false} sections)
 *                        the number that committed. While such a step runs its row is written first
 *                        and kept up to date, so a killed run leaves a row without {@code finishedAt}
 *                        that says how far it got
 */
public record HistoryEntry(long id, String revision, List<String> fromRevisions, List<String> toRevisions,
                           Direction direction, String message, String script, String checksum,
                           Instant startedAt, Optional<Instant> finishedAt, Optional<Long> durationMillis,
                           String databaseUser, String osUser, String hostname, boolean success,
                           Optional<Integer> failedStatement, Optional<String> error, String toolVersion,
                           int statementsDone) {

    public HistoryEntry {
        Objects.requireNonNull(revision, "revision");
        fromRevisions = List.copyOf(fromRevisions);
        toRevisions = List.copyOf(toRevisions);
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * A step that did not finish and left part of its work in the database: it failed after some of
     * its statements committed, or its process died while it ran. Such a step must be repaired
     * ({@code retort repair REV --resume} or {@code --mark-rolled-back}) before anything else runs,
     * unless a later row about the same revision supersedes it.
     */
    public boolean unfinished() {
        return !success && (direction == Direction.UPGRADE || direction == Direction.DOWNGRADE)
                && (statementsDone > 0 || finishedAt.isEmpty());
    }

    /** The same row with another id (the one the database generated). */
    public HistoryEntry withId(long newId) {
        return new HistoryEntry(newId, revision, fromRevisions, toRevisions, direction, message, script, checksum,
                startedAt, finishedAt, durationMillis, databaseUser, osUser, hostname, success, failedStatement, error,
                toolVersion, statementsDone);
    }

    /**
     * The kind of row: a step that ran ({@code upgrade}, {@code downgrade}, {@code stamp}), or
     * {@code rehash}, written by {@code retort rehash} to accept the edited file of an applied
     * revision (its checksum is the file's at that moment; none when the file was removed on purpose),
     * or {@code repair}, written by {@code retort repair REV --mark-rolled-back}: the unfinished step
     * of that revision was undone by hand.
     */
    public enum Direction {
        UPGRADE, DOWNGRADE, STAMP, REHASH, REPAIR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Direction parse(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
