package dev.retort.runtime;

import dev.retort.revision.MigrationStep;
import dev.retort.revision.RevisionStep;
import dev.retort.runtime.HistoryEntry.Direction;
import dev.retort.script.MigrationBody;
import dev.retort.script.MigrationScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a step runs and the history row it leaves, the same online and offline. */
final class StepScripts {

    private final Map<String, MigrationScript> scripts;
    private final RunIdentity identity;

    StepScripts(Map<String, MigrationScript> scripts, RunIdentity identity) {
        this.scripts = scripts;
        this.identity = identity;
    }

    HistoryEntry entry(MigrationStep step, Instant started, Optional<Instant> finished, boolean success,
                       Optional<Integer> failedStatement, Optional<String> error, String databaseUser) {
        return entry(step, started, finished, success, failedStatement, error, databaseUser, 0);
    }

    HistoryEntry entry(MigrationStep step, Instant started, Optional<Instant> finished, boolean success,
                       Optional<Integer> failedStatement, Optional<String> error, String databaseUser,
                       int statementsDone) {
        Direction direction = step instanceof RevisionStep ? (step.isUpgrade() ? Direction.UPGRADE
                : Direction.DOWNGRADE) : Direction.STAMP;
        MigrationScript script = script(step).orElse(null);
        Optional<Long> duration = finished.map(f -> Duration.between(started, f).toMillis());
        return new HistoryEntry(0, subject(step), step.fromRevisions(), step.toRevisions(), direction, step.doc(),
                script == null ? "" : script.location(), script == null ? null : script.checksum(), started,
                finished, duration, databaseUser, identity.osUser(), identity.hostname(), success, failedStatement,
                error, identity.toolVersion(), statementsDone);
    }

    /** The work a step runs: the revision's upgrade or downgrade; nothing for a stamp. */
    Optional<MigrationBody> body(MigrationStep step) {
        if (!(step instanceof RevisionStep revisionStep)) {
            return Optional.empty();
        }
        MigrationScript script = scripts.get(revisionStep.revision().id());
        if (revisionStep.isUpgrade()) {
            return Optional.of(script.upgrade());
        }
        return Optional.of(script.downgrade().orElseThrow(() -> new IrreversibleRevisionException(
                List.of(script.id() + " (" + script.location() + ")"))));
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
