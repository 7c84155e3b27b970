package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement cut into tokens (words, quoted names, strings, numbers, punctuation), comments and
 * whitespace dropped. What {@link SqlFallback} reads when the parser cannot, and how the reader finds
 * the few things the parser's tree leaves out ({@code NOT VALID}, {@code DROP INDEX CONCURRENTLY}).
 * Never throws: an unterminated string or comment simply runs to the end.
 */
final class SqlTokens {

    enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT }

    /** One token and where it is in the statement text. */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isPunct(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        /** The token as an upper-case keyword (words only; others as written). */
        String upper() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        boolean name() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String sql, boolean mysql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || mysql && c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                int end = stringEnd(sql, i, '\'', mysql);
                tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if (c == '"' || c == '`') {
                int end = stringEnd(sql, i, c, mysql && c == '"');
                tokens.add(new Token(mysql && c == '"' ? Kind.STRING : Kind.QUOTED, sql.substring(i, end), i, end));
                i = end;
            } else if (c == '$' && !mysql && dollarTag(sql, i) > 0) {
                int tagEnd = dollarTag(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                int end = close < 0 ? n : close + tag.length();
                tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), i, end));
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                tokens.add(new Token(Kind.PUNCT, "::", i, i + 2));
                i += 2;
            } else {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    /** The tokens split at commas outside parentheses. */
    static List<List<Token>> splitTopLevel(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : tokens) {
            if (token.isPunct("(") || token.isPunct("[")) {
                depth++;
            } else if (token.isPunct(")") || token.isPunct("]")) {
                depth--;
            } else if (depth == 0 && token.isPunct(",")) {
                parts.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** Index of the parenthesis closing the one at {@code open}; the last token when unbalanced. */
    static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct("(")) {
                depth++;
            } else if (tokens.get(i).isPunct(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return tokens.size() - 1;
    }

    /** The statement text the tokens span (from the first token's start to the last one's end). */
    static String text(String sql, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return "";
        }
        return sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
    }

    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int stringEnd(String sql, int start, char quote, boolean backslash) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** End of a {@code $tag$} opening at {@code start}, or -1 when it is not one. */
    private static int dollarTag(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(sql.charAt(i))) {
                return -1;
            }
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }
}
