package dev.retort.revision;

import java.util.List;

/**
 * One reason a set of revisions does not form a usable graph. Problems are values: {@link
 * RevisionGraph#problems} returns them all at once, so a user fixes every broken file in one go.
 *
 * @param kind      what is wrong
 * @param message   one line naming the revisions and the files involved
 * @param revisions the ids involved
 */
public record GraphProblem(Kind kind, String message, List<String> revisions) {

    public GraphProblem {
        revisions = List.copyOf(revisions);
    }

    /** The kinds of broken graph. */
    public enum Kind {
        INVALID_ID,
        INVALID_LABEL,
        DUPLICATE_ID,
        DUPLICATE_LABEL,
        LABEL_EQUALS_ID,
        MISSING_PARENT,
        MISSING_DEPENDENCY,
        SELF_LOOP,
        DEPENDENCY_SELF_LOOP,
        CYCLE,
        DEPENDENCY_CYCLE
    }
}
