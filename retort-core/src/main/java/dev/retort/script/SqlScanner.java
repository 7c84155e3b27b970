package dev.retort.script;

import java.util.Optional;

/**
 * Cuts SQL text into lexical tokens under one {@link SqlFlavor}'s rules, keeping count of lines. A
 * token is a word, a quoted construct (string, quoted identifier, dollar quote, MySQL executable
 * comment), a comment, a run of whitespace, a parenthesis, a {@code ;} or any other single
 * character. Only what decides where statements end is recognised; operators, numbers and the like
 * are words or single characters and need no more.
 *
 * <p>Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}. Not thread-safe: one scanner
 * reads one text once.
 */
final class SqlScanner {

    enum Kind { WORD, QUOTED, COMMENT, WHITESPACE, OPEN_PAREN, CLOSE_PAREN, SEMICOLON, OTHER }

    /**
     * @param start offset of the first character
     * @param end   offset just past the last character
     * @param line  1-based line of the first character
     */
    record Token(Kind kind, int start, int end, int line) {
    }

    private final String sql;
    private final SqlFlavor flavor;
    private int pos;
    private int line;

    SqlScanner(String sql, int firstLine, SqlFlavor flavor) {
        this.sql = sql;
        this.flavor = flavor;
        this.line = firstLine;
    }

    boolean atEnd() {
        return pos >= sql.length();
    }

    int line() {
        return line;
    }

    int position() {
        return pos;
    }

    /** Whether the next character is the first of a line (and not the {@code \n} of a {@code \r\n}). */
    boolean atLineStart() {
        if (pos == 0) {
            return true;
        }
        char previous = sql.charAt(pos - 1);
        return previous == '\n' || previous == '\r' && sql.charAt(pos) != '\n';
    }

    /** The text from here to the end of the line, without the line break. */
    String restOfLine() {
        int end = pos;
        while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
            end++;
        }
        return sql.substring(pos, end);
    }

    /** Moves past the rest of the line and its line break. */
    void skipLine() {
        while (!atEnd() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            advance();
        }
        if (!atEnd()) {
            advance();
        }
    }

    /**
     * Reads the next token.
     *
     * @throws UnsplittableSqlException when a string, quoted identifier, comment or dollar quote
     *                                  is not closed before the end of the text
     */
    Token next() {
        int start = pos;
        int startLine = line;
        return new Token(scan(), start, pos, startLine);
    }

    private Kind scan() {
        char c = sql.charAt(pos);
        if (isWhitespace(c)) {
            skipWhitespaceToLineEnd();
            return Kind.WHITESPACE;
        }
        if (startsLineComment(c)) {
            while (!atEnd() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                advance();
            }
            return Kind.COMMENT;
        }
        if (c == '/' && peek(1) == '*') {
            boolean executable = flavor.executableComments() && peek(2) == '!';
            skipBlockComment();
            return executable ? Kind.QUOTED : Kind.COMMENT;
        }
        if (c == '\'') {
            boolean backslash = flavor.backslashEscapesInStrings()
                    || flavor.escapeStringPrefix() && followsEscapePrefix();
            skipQuoted('\'', backslash, "string literal", backslash ? "'' or \\'" : "''");
            return Kind.QUOTED;
        }
        if (c == '"') {
            if (flavor.doubleQuotesDelimitStrings()) {
                skipQuoted('"', true, "string literal", "\"\" or \\\"");
            } else {
                skipQuoted('"', false, "quoted identifier", "\"\"");
            }
            return Kind.QUOTED;
        }
        if (c == '`' && flavor.backtickIdentifiers()) {
            skipQuoted('`', false, "quoted identifier", "``");
            return Kind.QUOTED;
        }
        if (c == '[' && flavor.bracketIdentifiers()) {
            skipBracketed();
            return Kind.QUOTED;
        }
        if (c == '$') {
            Optional<String> tag = dollarQuoteTag();
            if (tag.isPresent()) {
                skipDollarQuoted(tag.get());
                return Kind.QUOTED;
            }
        }
        if (isWordChar(c) && c != '$') {
            while (!atEnd() && isWordChar(sql.charAt(pos))) {
                advance();
            }
            return Kind.WORD;
        }
        advance();
        return switch (c) {
            case '(' -> Kind.OPEN_PAREN;
            case ')' -> Kind.CLOSE_PAREN;
            case ';' -> Kind.SEMICOLON;
            default -> Kind.OTHER;
        };
    }

    /** Stops after a line break, so that the next line's start is seen (markers live there). */
    private void skipWhitespaceToLineEnd() {
        while (!atEnd() && isWhitespace(sql.charAt(pos))) {
            int before = line;
            advance();
            if (line != before) {
                return;
            }
        }
    }

    private boolean startsLineComment(char c) {
        if (c == '-' && peek(1) == '-') {
            // MySQL reads "1--1" as 1 - (-1); a comment needs whitespace or a control character after "--"
            return !flavor.dashCommentNeedsSpace() || pos + 2 >= sql.length() || peek(2) <= ' ' || peek(2) == '\u007F';
        }
        return c == '#' && flavor.hashLineComments() || c == '/' && peek(1) == '/' && flavor.slashSlashLineComments();
    }

    private void skipBlockComment() {
        int openLine = line;
        advance();
        advance();
        int depth = 1;
        while (!atEnd()) {
            char c = sql.charAt(pos);
            if (c == '*' && peek(1) == '/') {
                advance();
                advance();
                if (--depth == 0) {
                    return;
                }
            } else if (c == '/' && peek(1) == '*' && flavor.nestedBlockComments()) {
                advance();
                advance();
                depth++;
            } else {
                advance();
            }
        }
        throw new UnsplittableSqlException(openLine, "unterminated block comment starting here; close it with */"
                + (flavor.nestedBlockComments() ? " (block comments nest: each /* inside it needs its own */)" : ""));
    }

    /** PostgreSQL {@code E'…'}: the quote directly follows a lone {@code E} or {@code e}. */
    private boolean followsEscapePrefix() {
        return pos >= 1 && (sql.charAt(pos - 1) == 'E' || sql.charAt(pos - 1) == 'e')
                && (pos == 1 || !isWordChar(sql.charAt(pos - 2)));
    }

    private void skipQuoted(char quote, boolean backslashEscapes, String what, String escapedQuote) {
        int openLine = line;
        advance();
        while (!atEnd()) {
            char c = sql.charAt(pos);
            if (c == '\\' && backslashEscapes) {
                advance();
                if (!atEnd()) {
                    advance();
                }
            } else if (c == quote && peek(1) == quote) {
                advance();
                advance();
            } else if (c == quote) {
                advance();
                return;
            } else {
                advance();
            }
        }
        throw new UnsplittableSqlException(openLine, "unterminated " + what + " starting here; close it with " + quote
                + " (write a " + quote + " inside it as " + escapedQuote + ")");
    }

    /** SQLite's {@code [name]}: no escape, the first {@code ]} closes it. */
    private void skipBracketed() {
        int openLine = line;
        advance();
        while (!atEnd()) {
            if (sql.charAt(pos) == ']') {
                advance();
                return;
            }
            advance();
        }
        throw new UnsplittableSqlException(openLine, "unterminated quoted identifier starting here; close it with ]");
    }

    /**
     * The delimiter of a dollar quote starting here ({@code $$} or {@code $tag$}), if one does. A
     * {@code $} before a digit (the parameter {@code $1}) starts none, and neither does one inside a
     * word ({@code a$b}): words absorb their {@code $}s, so that one never reaches this point.
     */
    private Optional<String> dollarQuoteTag() {
        if (!flavor.dollarQuotes()) {
            return Optional.empty();
        }
        if (peek(1) == '$') {
            return Optional.of("$$");
        }
        if (!flavor.taggedDollarQuotes() || !isTagStart(peek(1))) {
            return Optional.empty();
        }
        int end = pos + 2;
        while (end < sql.length() && isWordChar(sql.charAt(end)) && sql.charAt(end) != '$') {
            end++;
        }
        boolean closed = end < sql.length() && sql.charAt(end) == '$';
        return closed ? Optional.of(sql.substring(pos, end + 1)) : Optional.empty();
    }

    private void skipDollarQuoted(String tag) {
        int openLine = line;
        int close = sql.indexOf(tag, pos + tag.length());
        if (close < 0) {
            throw new UnsplittableSqlException(openLine,
                    "unterminated dollar-quoted string starting here; close it with " + tag);
        }
        while (pos < close + tag.length()) {
            advance();
        }
    }

    private void advance() {
        char c = sql.charAt(pos++);
        if (c == '\n' || c == '\r' && (atEnd() || sql.charAt(pos) != '\n')) {
            line++;
        }
    }

    private char peek(int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }

    /**
     * Whitespace as SQL knows it, ASCII only (a no-break space is a syntax error to a database), plus
     * the byte-order mark, so that one at the start of a file never reaches the database.
     */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || c == '\uFEFF';
    }

    /** A character that continues an unquoted identifier or keyword: letters, digits, _, $, non-ASCII. */
    private static boolean isWordChar(char c) {
        return isTagStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    /** PostgreSQL: a dollar-quote tag starts like an identifier, never with a digit. */
    private static boolean isTagStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && !isWhitespace(c);
    }
}
