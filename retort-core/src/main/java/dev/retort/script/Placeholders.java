package dev.retort.script;

import java.util.Map;
import java.util.Objects;

/**
 * Expansion of {@code ${name}} placeholders in SQL (SPEC §3.1: only when values are configured).
 *
 * <p>Stateless and thread-safe.
 */
public final class Placeholders {

    private Placeholders() {
    }

    /**
     * Replaces each {@code ${name}} whose {@code name} is a key of {@code values} with its value,
     * everywhere in {@code sql}, string literals and comments included: the rule is textual so that
     * it is predictable. A {@code ${name}} with no configured value is left as written, so
     * {@code ${…}} in a function body that is not meant as a placeholder survives as long as its name
     * is not configured. Names are compared exactly (case-sensitive). Replacement is a single pass:
     * a value containing {@code ${other}} is inserted as is, not expanded again.
     *
     * <p>Apply it to each {@link SqlStatement} after splitting, so that a value can never change
     * where statements end.
     *
     * @return {@code sql} itself when {@code values} is empty
     */
    public static String expand(String sql, Map<String, String> values) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(values, "values");
        if (values.isEmpty() || !sql.contains("${")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int from = 0;
        int open = sql.indexOf("${");
        while (open >= 0) {
            int close = sql.indexOf('}', open + 2);
            if (close < 0) {
                break;
            }
            String value = values.get(sql.substring(open + 2, close));
            if (value == null) {
                // not configured: keep "$" and look for the next "${" after it, which may be nested
                open = sql.indexOf("${", open + 1);
                continue;
            }
            out.append(sql, from, open).append(value);
            from = close + 1;
            open = sql.indexOf("${", from);
        }
        return out.append(sql, from, sql.length()).toString();
    }
}
