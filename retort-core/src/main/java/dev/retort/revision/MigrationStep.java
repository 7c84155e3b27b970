package dev.retort.revision;

import java.util.List;

/**
 * One step of a plan: running a revision up or down, or moving the version table without running
 * anything (a stamp). Steps are computed by {@link RevisionPlanner}; the runner executes them and
 * {@link VersionHeads} turns each into version-table changes.
 */
public sealed interface MigrationStep permits RevisionStep, StampStep {

    boolean isUpgrade();

    /** Where the step starts, without dependencies (as Alembic logs it). */
    List<String> fromRevisions();

    /** Where the step ends, without dependencies. */
    List<String> toRevisions();

    /** {@code upgrade}, {@code downgrade} or {@code stamp_revision}, as in Alembic's log lines. */
    String name();

    /** The revision's message, empty for stamps. */
    String doc();

    /** {@code upgrade A -> B}: Alembic's short form, used for the {@code -- Running} comments of offline SQL. */
    default String shortLog() {
        return name() + " " + String.join(", ", fromRevisions()) + " -> " + String.join(", ", toRevisions());
    }

    /** {@code upgrade A -> B, message}: the text of the {@code Running ...} log line. */
    default String describe() {
        return doc().isEmpty() ? shortLog() : shortLog() + ", " + doc();
    }
}
