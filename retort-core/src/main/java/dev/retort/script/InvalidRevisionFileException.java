package dev.retort.script;

import dev.retort.RetortException;

import java.util.Objects;

/**
 * A revision file that cannot be read as one: a bad header, a misplaced or misspelt marker, SQL
 * that cannot be split into statements. {@link #getMessage()} is the whole one-line report,
 * {@code file:line: what is wrong; how to fix it}, ready to show without a stack trace.
 */
public final class InvalidRevisionFileException extends RetortException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final int line;
    private final String problem;

    /**
     * @param origin  the file as the user named it
     * @param line    1-based line the problem is on (or starts on)
     * @param problem what is wrong and how to fix it, without the location
     */
    public InvalidRevisionFileException(String origin, int line, String problem) {
        super(Objects.requireNonNull(origin, "origin") + ":" + line + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.origin = origin;
        this.line = line;
        this.problem = problem;
    }

    /** The file as the user named it. */
    public String origin() {
        return origin;
    }

    /** The 1-based line the problem is on, or where the faulty construct starts. */
    public int line() {
        return line;
    }

    /** The message without the {@code file:line: } prefix. */
    public String problem() {
        return problem;
    }
}
