package dev.retort.script;

import java.util.Objects;

/**
 * SQL that {@link SqlStatementSplitter} cannot cut into statements: an unterminated string, quoted
 * identifier, comment, dollar quote or {@code -- migrate:statement-begin} block, a {@code BEGIN}
 * without its {@code END}, an unclosed parenthesis, or a misplaced statement marker. It knows the
 * line but not the file; {@link SqlSection#statements(SqlFlavor)} turns it into an
 * {@link InvalidRevisionFileException} that names both.
 */
public final class UnsplittableSqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    /**
     * @param line    1-based line where the faulty construct starts
     * @param problem what is wrong and how to fix it, without the location
     */
    public UnsplittableSqlException(int line, String problem) {
        super("line " + line + ": " + Objects.requireNonNull(problem, "problem"));
        this.line = line;
        this.problem = problem;
    }

    /** The 1-based line where the faulty construct starts. */
    public int line() {
        return line;
    }

    /** The message without the {@code line N: } prefix. */
    public String problem() {
        return problem;
    }
}
