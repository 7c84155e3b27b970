package dev.retort.dialect.sqlite;

/** SQL that retort's reader of SQLite's stored definitions could not follow, with where it stopped. */
final class SqliteParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SqliteParseException(String problem, String sql, int offset) {
        super(problem + " at offset " + offset + " of: " + abbreviate(sql));
    }

    private static String abbreviate(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
