package dev.retort.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the words of one statement to tell whether a {@code ;} belongs to a
 * {@code BEGIN … END} body instead of ending the statement.
 *
 * <p>Only a <em>block statement</em> has such a body: one that creates a trigger, function,
 * procedure or event ({@code CREATE [OR REPLACE] [TEMP|TEMPORARY] [CONSTRAINT] [AGGREGATE]
 * [DEFINER = user] TRIGGER|FUNCTION|PROCEDURE|EVENT}). Restricting the rule to them is what keeps
 * {@code BEGIN;} (a transaction) and {@code END;} plain statements. Inside a block statement
 * {@code BEGIN} and {@code CASE} open a level and {@code END} closes one; {@code END IF},
 * {@code END LOOP}, {@code END WHILE}, {@code END REPEAT} and {@code END FOR} close control
 * structures that were never counted (their openers are too ambiguous: {@code IF(a, b, c)} is also
 * a MySQL function), so they leave the level alone, and {@code END CASE} closes the {@code CASE}.
 * This is the rule psql applies to PostgreSQL's {@code BEGIN ATOMIC} bodies, extended to the SQLite,
 * MySQL and H2 compound statements.
 *
 * <p>Not thread-safe: one tracker per statement.
 */
final class BlockTracker {

    /** Enough for {@code CREATE OR REPLACE DEFINER = 'user'@'host' TRIGGER}. */
    private static final int LEADING_TOKENS = 16;
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "CONSTRAINT",
            "AGGREGATE");
    private static final Set<String> BLOCK_OBJECTS = Set.of("TRIGGER", "FUNCTION", "PROCEDURE", "EVENT");
    private static final Set<String> UNCOUNTED_BLOCKS = Set.of("IF", "LOOP", "WHILE", "REPEAT", "FOR");
    private static final String QUOTED = "'";

    /** The first tokens, words upper-cased, quoted constructs as {@link #QUOTED}, other tokens as is. */
    private final List<String> leading = new ArrayList<>();
    private int depth;
    private boolean afterEnd;
    private boolean endClosedALevel;

    void word(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        remember(upper);
        if (afterEnd) {
            afterEnd = false;
            if (UNCOUNTED_BLOCKS.contains(upper)) {
                if (endClosedALevel) {
                    depth++;
                }
                return;
            }
            if (upper.equals("CASE")) {
                return;
            }
        }
        if (upper.equals("BEGIN") || upper.equals("CASE")) {
            depth++;
        } else if (upper.equals("END")) {
            endClosedALevel = depth > 0;
            if (endClosedALevel) {
                depth--;
            }
            afterEnd = true;
        }
    }

    void quoted() {
        remember(QUOTED);
        afterEnd = false;
    }

    void symbol(String symbol) {
        remember(symbol);
        afterEnd = false;
    }

    /** Whether the statement is a block statement now inside a {@code BEGIN … END} or {@code CASE … END}. */
    boolean insideBody() {
        return depth > 0 && blockObject().isPresent();
    }

    /** The kind of object a block statement creates ({@code TRIGGER}, …); empty for other statements. */
    Optional<String> blockObject() {
        if (leading.isEmpty() || !leading.get(0).equals("CREATE")) {
            return Optional.empty();
        }
        int i = 1;
        while (i < leading.size()) {
            String token = leading.get(i);
            if (CREATE_MODIFIERS.contains(token)) {
                i++;
            } else if (token.equals("DEFINER")) {
                i = afterDefiner(i + 1);
            } else {
                return BLOCK_OBJECTS.contains(token) ? Optional.of(token) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Skips MySQL's {@code = user}: {@code CURRENT_USER[()]}, or a name with an optional {@code @host}. */
    private int afterDefiner(int i) {
        int next = is(i, "=") ? i + 1 : i;
        if (is(next, "CURRENT_USER")) {
            return is(next + 1, "(") && is(next + 2, ")") ? next + 3 : next + 1;
        }
        next++;
        return is(next, "@") ? next + 2 : next;
    }

    private boolean is(int index, String token) {
        return index < leading.size() && leading.get(index).equals(token);
    }

    private void remember(String token) {
        if (leading.size() < LEADING_TOKENS) {
            leading.add(token);
        }
    }
}
