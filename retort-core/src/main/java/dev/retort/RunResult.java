package dev.retort;

import dev.retort.backup.Backup;
import dev.retort.revision.MigrationStep;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command that moves the database did.
 *
 * @param steps       the steps that ran, in order (empty when there was nothing to do)
 * @param headsBefore version rows before
 * @param headsAfter  version rows after
 * @param backup      the backup taken before the first step, when one was asked for and there
 *                    was something to run
 */
public record RunResult(List<MigrationStep> steps, List<String> headsBefore, List<String> headsAfter,
                        Optional<Backup> backup) {

    public RunResult {
        steps = List.copyOf(steps);
        headsBefore = List.copyOf(headsBefore);
        headsAfter = List.copyOf(headsAfter);
        Objects.requireNonNull(backup, "backup");
    }

    /** A run without a backup. */
    public RunResult(List<MigrationStep> steps, List<String> headsBefore, List<String> headsAfter) {
        this(steps, headsBefore, headsAfter, Optional.empty());
    }
}
