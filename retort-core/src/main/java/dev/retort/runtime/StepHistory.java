package dev.retort.runtime;

import dev.retort.revision.MigrationStep;
import dev.retort.revision.RevisionStep;
import dev.retort.runtime.HistoryEntry.Direction;
import dev.retort.script.MigrationScript;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Builds the history row of a step, online or offline. */
final class StepHistory {

    private final Map<String, MigrationScript> scripts;
    private final RunIdentity identity;

    StepHistory(Map<String, MigrationScript> scripts, RunIdentity identity) {
        this.scripts = scripts;
        this.identity = identity;
    }

    HistoryEntry entry(MigrationStep step, Instant started, Optional<Instant> finished, boolean success,
                       Optional<Integer> failedStatement, Optional<String> error, String databaseUser) {
        Direction direction = step instanceof RevisionStep ? (step.isUpgrade() ? Direction.UPGRADE
                : Direction.DOWNGRADE) : Direction.STAMP;
        MigrationScript script = script(step).orElse(null);
        Optional<Long> duration = finished.map(f -> Duration.between(started, f).toMillis());
        return new HistoryEntry(0, subject(step), step.fromRevisions(), step.toRevisions(), direction, step.doc(),
                script == null ? "" : script.location(), script == null ? null : script.checksum(), started,
                finished, duration, databaseUser, identity.osUser(), identity.hostname(), success, failedStatement,
                error, identity.toolVersion());
    }

    Optional<MigrationScript> script(MigrationStep step) {
        if (step instanceof RevisionStep revisionStep) {
            return Optional.of(scripts.get(revisionStep.revision().id()));
        }
        return Optional.empty();
    }

    /** The revision a step is about: the one run, or for a stamp the rows written (or removed). */
    static String subject(MigrationStep step) {
        if (step instanceof RevisionStep revisionStep) {
            return revisionStep.revision().id();
        }
        return String.join(",", step.toRevisions().isEmpty() ? step.fromRevisions() : step.toRevisions());
    }
}
