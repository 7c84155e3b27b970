package dev.retort.revision;

import dev.retort.RetortException;

/**
 * A revision identifier or a requested movement through the graph that cannot be honoured:
 * unknown or ambiguous ids, several heads where one was meant, walks past the end of a branch.
 */
public class RevisionException extends RetortException {
    private static final long serialVersionUID = 1L;

    public RevisionException(String message) {
        super(message);
    }
}
