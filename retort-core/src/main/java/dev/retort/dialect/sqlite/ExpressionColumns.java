package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.SqliteLexer.Kind;
import dev.retort.dialect.sqlite.SqliteLexer.Token;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The column names inside an expression of one table (a CHECK condition, an index key or predicate,
 * a generated column): which it mentions, and the expression with some renamed. A name is a bare or
 * quoted name token, compared as SQLite compares names (ASCII case folded); a word directly followed
 * by {@code (} is a function, and text inside strings is not looked at. This is exact for the
 * expressions of one table, whose names can only be its columns (or, after a dot, a column of it).
 *
 * <p>Stateless and thread-safe.
 */
final class ExpressionColumns {

    private ExpressionColumns() {
    }

    /** Whether {@code expression} names {@code column}. */
    static boolean mentions(String expression, String column) {
        List<Token> tokens = SqliteLexer.tokenize(expression);
        for (int i = 0; i < tokens.size(); i++) {
            if (isColumn(tokens, i) && fold(tokens.get(i).value()).equals(fold(column))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The expression with the columns of {@code renames} (old name to new, any case) written under
     * their new names, through {@code quote}; everything else as written.
     */
    static String rename(String expression, Map<String, String> renames, UnaryOperator<String> quote) {
        if (renames.isEmpty()) {
            return expression;
        }
        Map<String, String> folded = new TreeMap<>();
        renames.forEach((from, to) -> folded.put(fold(from), to));
        List<Token> tokens = SqliteLexer.tokenize(expression);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String to = isColumn(tokens, i) ? folded.get(fold(token.value())) : null;
            if (to != null) {
                out.append(expression, copied, token.start()).append(quote.apply(to));
                copied = token.end();
            }
        }
        return out.append(expression.substring(copied)).toString();
    }

    private static boolean isColumn(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        if (token.kind() != Kind.WORD && token.kind() != Kind.QUOTED_NAME) {
            return false;
        }
        boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
        // "x.y": x names a table (or a schema), y the column
        boolean qualifier = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(".");
        return !call && !qualifier;
    }

    /** SQLite folds ASCII letters only when it compares names. */
    static String fold(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(c < 0x80 ? Character.toLowerCase(c) : c);
        }
        return out.toString();
    }
}
