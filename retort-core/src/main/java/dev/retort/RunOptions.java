package dev.retort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@code upgrade} or {@code downgrade} runs, beyond what the instance was configured with:
 * a backup first, skipping the validation of applied revisions once, other timeouts.
 *
 * <pre>{@code
 * retort.upgrade("head", RunOptions.defaults().withBackup(Path.of("backups"))
 *         .withStatementLockTimeout(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with…} returns a new instance.
 *
 * @param backupDirectory      where to take a backup before the first step; empty = no backup.
 *                             Nothing is backed up when there is nothing to run
 * @param validate             false skips the check of applied revisions' checksums for this run
 *                             (it runs only when {@code validateOnUpgrade} is also on)
 * @param statementLockTimeout replaces the configured {@code statement_lock_timeout}; revisions
 *                             that give their own still win
 * @param statementTimeout     replaces the configured {@code statement_timeout}, likewise
 */
public record RunOptions(Optional<Path> backupDirectory, boolean validate, Optional<Duration> statementLockTimeout,
                         Optional<Duration> statementTimeout) {

    private static final RunOptions DEFAULTS = new RunOptions(Optional.empty(), true, Optional.empty(),
            Optional.empty());

    public RunOptions {
        Objects.requireNonNull(backupDirectory, "backupDirectory");
        Objects.requireNonNull(statementLockTimeout, "statementLockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    /** No backup, validation as configured, the configured timeouts. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /** Takes a backup into {@code directory} before the first step (not when nothing would run). */
    public RunOptions withBackup(Path directory) {
        return new RunOptions(Optional.of(directory), validate, statementLockTimeout, statementTimeout);
    }

    /** Skips the validation of applied revisions for this run. */
    public RunOptions withoutValidation() {
        return new RunOptions(backupDirectory, false, statementLockTimeout, statementTimeout);
    }

    /** Each statement waits at most this long for a lock ({@link Duration#ZERO}: no limit). */
    public RunOptions withStatementLockTimeout(Duration timeout) {
        return new RunOptions(backupDirectory, validate, Optional.of(timeout), statementTimeout);
    }

    /** Each statement runs at most this long, on PostgreSQL ({@link Duration#ZERO}: no limit). */
    public RunOptions withStatementTimeout(Duration timeout) {
        return new RunOptions(backupDirectory, validate, statementLockTimeout, Optional.of(timeout));
    }
}
