package dev.retort;

/**
 * The two ways out of a step that stopped partway ({@link Retort#repair}).
 */
public enum RepairAction {
    /**
     * Run the rest of the step: its statements after those that ran, then its version change. For
     * when the cause of a failure is fixed, or the process was killed.
     */
    RESUME,
    /**
     * Record that the statements that ran were undone by hand: the step counts as not run (an
     * upgrade's revision as not applied, a downgrade's as still applied), and the next command runs it
     * from the start if asked to.
     */
    MARK_ROLLED_BACK
}
