package dev.retort.revision;

/**
 * The two ends of a requested range are not on one line of descent: an upgrade "to" a revision the
 * database is already past, a downgrade to a revision that is not below the current heads.
 */
public final class RangeNotAncestorException extends RevisionException {
    private static final long serialVersionUID = 1L;

    RangeNotAncestorException(String message) {
        super(message);
    }
}
