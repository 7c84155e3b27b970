package dev.retort;

import dev.retort.revision.MigrationStep;
import java.util.List;

/**
 * What a command that moves the database did.
 *
 * @param steps       the steps that ran, in order (empty when there was nothing to do)
 * @param headsBefore version rows before
 * @param headsAfter  version rows after
 */
public record RunResult(List<MigrationStep> steps, List<String> headsBefore, List<String> headsAfter) {

    public RunResult {
        steps = List.copyOf(steps);
        headsBefore = List.copyOf(headsBefore);
        headsAfter = List.copyOf(headsAfter);
    }
}
