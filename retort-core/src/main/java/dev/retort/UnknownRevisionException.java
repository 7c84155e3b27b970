package dev.retort;

import java.util.List;

/**
 * The version table names revisions that no revision file defines: the database is ahead of this
 * code (or was stamped by hand). Commands that write refuse; the message tells what the history
 * table knows of those revisions.
 */
public final class UnknownRevisionException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final List<String> revisions;

    UnknownRevisionException(String message, List<String> revisions) {
        super(message);
        this.revisions = List.copyOf(revisions);
    }

    public List<String> revisions() {
        return revisions;
    }
}
