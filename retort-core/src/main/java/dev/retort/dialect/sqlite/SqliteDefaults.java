package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.SqliteLexer.Kind;
import dev.retort.dialect.sqlite.SqliteLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How SQLite takes a column default written as SQL. Its grammar allows after {@code DEFAULT} a
 * literal, a signed number, {@code CURRENT_TIME}/{@code CURRENT_DATE}/{@code CURRENT_TIMESTAMP}, or
 * an expression in parentheses; and {@code ALTER TABLE ... ADD COLUMN} takes only constants there
 * (SQLite evaluates the default once for the rows the table already has).
 *
 * <p>Stateless and thread-safe.
 */
final class SqliteDefaults {

    private static final Set<String> KEYWORD_VALUES = Set.of("NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE",
            "CURRENT_TIMESTAMP");
    private static final Set<String> CONSTANT_WORDS = Set.of("NULL", "TRUE", "FALSE");

    private SqliteDefaults() {
    }

    /** Whether the word is one SQLite reads as a value after DEFAULT, rather than as a string. */
    static boolean isKeywordValue(String word) {
        return KEYWORD_VALUES.contains(word.toUpperCase(Locale.ROOT));
    }

    /** The expression as it follows {@code DEFAULT}: bare where SQLite's grammar takes it so, else in parentheses. */
    static String render(String expression) {
        String sql = expression.strip();
        if (isLiteral(sql) || isCurrentTime(sql) || isParenthesized(sql)) {
            return sql;
        }
        return "(" + sql + ")";
    }

    /**
     * Whether {@code ADD COLUMN} accepts the expression as a default on a table with rows: a literal,
     * possibly signed and in parentheses. {@code CURRENT_TIMESTAMP} and function calls are not.
     */
    static boolean isConstant(String expression) {
        String sql = expression.strip();
        while (isParenthesized(sql)) {
            sql = sql.substring(1, sql.length() - 1).strip();
        }
        return isLiteral(sql);
    }

    /** Whether the expression is {@code CURRENT_TIME}, {@code CURRENT_DATE} or {@code CURRENT_TIMESTAMP}. */
    static boolean isCurrentTime(String expression) {
        String word = expression.strip().toUpperCase(Locale.ROOT);
        return word.equals("CURRENT_TIME") || word.equals("CURRENT_DATE") || word.equals("CURRENT_TIMESTAMP");
    }

    private static boolean isLiteral(String sql) {
        List<Token> tokens;
        try {
            tokens = SqliteLexer.tokenize(sql);
        } catch (SqliteParseException e) {
            return false;
        }
        if (tokens.size() == 2 && (tokens.get(0).isSymbol("-") || tokens.get(0).isSymbol("+"))) {
            return tokens.get(1).kind() == Kind.NUMBER;
        }
        if (tokens.size() != 1) {
            return false;
        }
        Token token = tokens.get(0);
        return token.kind() == Kind.STRING || token.kind() == Kind.NUMBER || token.kind() == Kind.BLOB
                || token.kind() == Kind.WORD && CONSTANT_WORDS.contains(token.upper());
    }

    /** Whether the whole expression is one parenthesized group: {@code (a + b)}, not {@code (a) + (b)}. */
    static boolean isParenthesized(String sql) {
        List<Token> tokens;
        try {
            tokens = SqliteLexer.tokenize(sql);
        } catch (SqliteParseException e) {
            return false;
        }
        if (tokens.size() < 2 || !tokens.get(0).isSymbol("(") || !tokens.get(tokens.size() - 1).isSymbol(")")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")")) {
                depth--;
                if (depth == 0 && i < tokens.size() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }
}
