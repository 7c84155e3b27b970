package dev.retort.script;

import java.util.Objects;

/**
 * One statement of a section, ready to send to the database: its text as written, without the
 * terminating {@code ;} and without the comments and blank lines before and after it (comments
 * inside it are kept). A statement wrapped in {@code -- migrate:statement-begin} /
 * {@code -- migrate:statement-end} is the text between the markers exactly as written, trimmed of
 * surrounding whitespace only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sql   the statement text; never empty, and neither starts nor ends with whitespace
 * @param line  1-based line in the file where the statement starts
 * @param index 1-based position of the statement within its section
 */
public record SqlStatement(String sql, int line, int index) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("a statement must not be empty");
        }
        if (line < 1 || index < 1) {
            throw new IllegalArgumentException("line and index are 1-based: line " + line + ", index " + index);
        }
    }

    /** The first non-blank line of the statement, stripped, to name the statement in messages. */
    public String firstLine() {
        return sql.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse(sql);
    }
}
