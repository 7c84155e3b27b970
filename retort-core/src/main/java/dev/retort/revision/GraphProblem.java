package dev.retort.revision;

import dev.retort.Problem;
import java.util.List;
import java.util.Locale;

/**
 * One reason a set of revisions does not form a usable graph. Problems are values ({@link Problem}): {@link
 * RevisionGraph#problems} returns them all at once, so a user fixes every broken file in one go.
 *
 * @param kind      what is wrong
 * @param message   one line naming the revisions and the files involved
 * @param revisions the ids involved
 */
public record GraphProblem(Kind kind, String message, List<String> revisions) implements Problem {

    public GraphProblem {
        revisions = List.copyOf(revisions);
    }

    /** The kind in kebab case: {@code missing-parent}, {@code dependency-cycle}. */
    @Override
    public String code() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A broken graph stops every command that loads it. */
    @Override
    public Severity severity() {
        return Severity.ERROR;
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
