package dev.retort.dialect.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQLite SQL into tokens, as SQLite's own tokenizer does for the statements retort reads back
 * from {@code sqlite_master}: names bare or quoted in any of SQLite's four ways ({@code "a"},
 * {@code [a]}, {@code `a`}, and {@code 'a'} where a name is expected), string and blob literals,
 * numbers, parameters, operators and punctuation. Comments and white space separate tokens and are
 * dropped, but every token keeps its offsets, so that a caller can cut the original text of an
 * expression (a CHECK condition exactly as written) out of the statement.
 *
 * <p>Stateless and thread-safe.
 */
final class SqliteLexer {

    /** What a token is. */
    enum Kind {
        /** A bare word: a keyword or a name; {@link Token#value()} is the word as written. */
        WORD,
        /** A name in double quotes, brackets or backquotes; {@link Token#value()} is the name unquoted. */
        QUOTED_NAME,
        /** A string literal; {@link Token#value()} is its text with {@code ''} unescaped. */
        STRING,
        /** {@code X'00ff'}. */
        BLOB,
        NUMBER,
        /** {@code ?}, {@code ?1}, {@code :name}, {@code @name}, {@code $name}. */
        PARAMETER,
        /** One of {@code ( ) , ; .} or an operator ({@code ||}, {@code <=}, {@code ->>}...). */
        SYMBOL
    }

    /**
     * One token.
     *
     * @param kind  what it is
     * @param value its meaning: the word, the unquoted name or string, or the text as written
     * @param start offset of its first character in the statement
     * @param end   offset just after its last character
     */
    record Token(Kind kind, String value, int start, int end) {

        /** Whether it is the bare word {@code word}, in any case. */
        boolean isWord(String word) {
            return kind == Kind.WORD && value.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && value.equals(symbol);
        }

        /** Whether it can stand for a name: a bare word, a quoted name, or a string where a name goes. */
        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME || kind == Kind.STRING;
        }

        String upper() {
            return value.toUpperCase(Locale.ROOT);
        }
    }

    private static final String[] OPERATORS = {"->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"};

    private SqliteLexer() {
    }

    /**
     * The tokens of {@code sql}.
     *
     * @throws SqliteParseException at an unterminated string, name or comment, or a character SQLite
     *                              would not accept
     */
    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                // SQLite accepts a block comment left open at the end of the input
                i = close < 0 ? n : close + 2;
            } else if (c == '\'') {
                int end = closeQuote(sql, i, '\'', "string");
                tokens.add(new Token(Kind.STRING, sql.substring(i + 1, end - 1).replace("''", "'"), i, end));
                i = end;
            } else if (c == '"' || c == '`') {
                int end = closeQuote(sql, i, c, "quoted name");
                String doubled = String.valueOf(c) + c;
                String name = sql.substring(i + 1, end - 1).replace(doubled, String.valueOf(c));
                tokens.add(new Token(Kind.QUOTED_NAME, name, i, end));
                i = end;
            } else if (c == '[') {
                int close = sql.indexOf(']', i + 1);
                if (close < 0) {
                    throw new SqliteParseException("a name in brackets is not closed", sql, i);
                }
                tokens.add(new Token(Kind.QUOTED_NAME, sql.substring(i + 1, close), i, close + 1));
                i = close + 1;
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = closeQuote(sql, i + 1, '\'', "blob literal");
                tokens.add(new Token(Kind.BLOB, sql.substring(i, end), i, end));
                i = end;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int end = number(sql, i);
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), i, end));
                i = end;
            } else if (isWordStart(c)) {
                int end = i + 1;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end));
                i = end;
            } else if (c == '?' || c == ':' || c == '@' || c == '$') {
                int end = i + 1;
                while (end < n && (isWordPart(sql.charAt(end)))) {
                    end++;
                }
                tokens.add(new Token(Kind.PARAMETER, sql.substring(i, end), i, end));
                i = end;
            } else {
                String operator = operatorAt(sql, i);
                if (operator == null) {
                    if ("(),;.+-*/%<>=&|~!".indexOf(c) < 0) {
                        throw new SqliteParseException("unexpected character '" + c + "'", sql, i);
                    }
                    operator = String.valueOf(c);
                }
                tokens.add(new Token(Kind.SYMBOL, operator, i, i + operator.length()));
                i += operator.length();
            }
        }
        return tokens;
    }

    /** The offset just after the quote that closes the one at {@code open}; a doubled quote is part of the text. */
    private static int closeQuote(String sql, int open, char quote, String what) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new SqliteParseException("a " + what + " is not closed", sql, open);
    }

    private static int number(String sql, int start) {
        int n = sql.length();
        int i = start;
        if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
            i += 2;
            while (i < n && (Character.digit(sql.charAt(i), 16) >= 0 || sql.charAt(i) == '_')) {
                i++;
            }
            return i;
        }
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '.')) {
            i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < n && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < n && Character.isDigit(sql.charAt(exponent))) {
                i = exponent;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static String operatorAt(String sql, int i) {
        for (String operator : OPERATORS) {
            if (sql.startsWith(operator, i)) {
                return operator;
            }
        }
        return null;
    }

    /** SQLite takes every character above ASCII as part of a name, as it does letters, digits, '_' and '$'. */
    private static boolean isWordStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 0x7f;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c >= '0' && c <= '9' || c == '$';
    }
}
