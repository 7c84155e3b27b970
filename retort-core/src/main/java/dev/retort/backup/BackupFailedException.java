package dev.retort.backup;

import dev.retort.RetortException;

/**
 * A backup could not be taken (or a tool it needs is missing or unsuitable); the message says why,
 * how to fix it, and that nothing ran.
 */
public final class BackupFailedException extends RetortException {
    private static final long serialVersionUID = 1L;

    public BackupFailedException(String message) {
        super(message);
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
