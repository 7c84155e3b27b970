package dev.retort;

/**
 * Something wrong that retort found before running anything, as a value: a broken revision graph
 * ({@link dev.retort.revision.GraphProblem}), an unsafe migration ({@code retort-lint}'s findings).
 * Checks return every problem at once in a list, empty when all is well, instead of throwing at the
 * first (STYLE.md: "problems are values; lint reuses the same problem type"). Each kind of check
 * adds what it knows on top of these three (the revisions involved; a rule's lock and safe
 * alternative).
 *
 * <p>Implementations are immutable.
 */
public interface Problem {

    /** How much a problem matters to whoever decides whether to go on. */
    enum Severity {
        /** Must be fixed (or, for lint, knowingly ignored); commands and CI fail on it. */
        ERROR,
        /** Worth a look; fails CI only when asked to ({@code retort lint --strict}). */
        WARNING,
        /** Said for completeness; never fails anything. */
        INFO
    }

    /** A stable, kebab-case name of the kind of problem: {@code missing-parent}, {@code ban-drop-column}. */
    String code();

    Severity severity();

    /** One line saying what is wrong, naming the objects and files involved. */
    String message();
}
