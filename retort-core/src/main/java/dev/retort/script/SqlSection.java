package dev.retort.script;

import java.util.List;
import java.util.Objects;

/**
 * The SQL of one section of a revision file ({@code -- migrate:up} or {@code -- migrate:down}),
 * kept unsplit because how to split it depends on the database, known only at run time.
 *
 * <p>Immutable and thread-safe. {@link #statements(SqlFlavor)} splits anew on each call; call it for
 * every section of a plan before running anything, so that a script that cannot be split fails the
 * run before the first statement.
 *
 * @param sql           the section's text, from the line after its marker to the line before the
 *                      next marker (or the end of the file); line endings are {@code \n}
 * @param firstLine     1-based line of the file on which {@code sql} starts
 * @param transactional false when the marker says {@code transaction:false}: the runner must run the
 *                      section outside a transaction
 * @param origin        the file the section comes from, named in errors
 */
public record SqlSection(String sql, int firstLine, boolean transactional, String origin) {

    public SqlSection {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(origin, "origin");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine is 1-based: " + firstLine);
        }
    }

    /**
     * The section's statements for the given database family, in order; empty when the section
     * holds only comments and blank lines.
     *
     * @throws InvalidRevisionFileException naming the file and line when the SQL cannot be split
     *                                      (an unterminated string, comment, dollar quote, block…)
     */
    public List<SqlStatement> statements(SqlFlavor flavor) {
        try {
            return SqlStatementSplitter.split(sql, firstLine, flavor);
        } catch (UnsplittableSqlException e) {
            throw new InvalidRevisionFileException(origin, e.line(), e.problem());
        }
    }
}
