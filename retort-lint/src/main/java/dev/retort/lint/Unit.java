package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing a revision runs, ready for the rules: a SQL statement or a Java operation, what it does,
 * where it is, and the lint ignores that apply to it.
 */
final class Unit {

    /** Whether alternatives are written as SQL or as Java {@code op.*} calls. */
    enum Style { SQL, JAVA }

    /** One {@code -- retort:lint-ignore} comment or {@code op.lintIgnore} call. */
    static final class Ignore {
        final String rule;
        final String reason;
        final int line;
        boolean used;

        Ignore(String rule, String reason, int line) {
            this.rule = rule;
            this.reason = reason;
            this.line = line;
        }
    }

    final int line;
    final String text;
    final List<Action> actions;
    final Style style;
    /** The runner runs it inside the migration's transaction (with what came before it). */
    final boolean transactional;
    /** SQL from {@code op.execute}: an unreadable statement is {@code execute}, not {@code syntax-error}. */
    final boolean rawSql;
    /** An {@code ALTER TABLE} statement (for {@code multiple-alter-table}). */
    final boolean alterTable;
    final List<Ignore> ignores = new ArrayList<>();

    Unit(int line, String text, List<Action> actions, Style style, boolean transactional, boolean rawSql,
         boolean alterTable) {
        this.line = line;
        this.text = text;
        this.actions = List.copyOf(actions);
        this.style = style;
        this.transactional = transactional;
        this.rawSql = rawSql;
        this.alterTable = alterTable;
    }

    /** The SQL alternative or the Java one, as the unit is written. */
    String alternative(String sql, String java) {
        return style == Style.JAVA && !rawSql ? java : sql;
    }
}
