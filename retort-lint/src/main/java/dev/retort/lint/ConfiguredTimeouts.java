package dev.retort.lint;

/**
 * Whether retort itself sets a lock timeout and a statement timeout for a revision (from its
 * configuration or the revision's own header/annotation), which satisfies
 * {@code require-lock-timeout} and {@code require-statement-timeout} as a {@code SET} in the SQL does.
 *
 * @param lockTimeout      retort sets {@code lock_timeout} (MySQL: {@code lock_wait_timeout})
 * @param statementTimeout retort sets {@code statement_timeout}
 */
public record ConfiguredTimeouts(boolean lockTimeout, boolean statementTimeout) {

    /** Nothing configured: the revision must set its own. */
    public static final ConfiguredTimeouts NONE = new ConfiguredTimeouts(false, false);
}
