package dev.retort.lint;

import java.util.Locale;
import java.util.Optional;

/**
 * A table's name as a statement or operation writes it, unquoted. Two names are the same table when
 * their {@link #key()}s are equal: an unquoted name is folded to lower case, as PostgreSQL folds it
 * (and as MySQL compares table names on the systems where it ignores case).
 */
record TableName(Optional<String> schema, String name, boolean quoted) {

    /** From SQL text such as {@code s.t}, {@code "T"} or {@code `s`.`t`}. */
    static TableName parse(String written) {
        String text = written.strip();
        int dot = lastTopLevelDot(text);
        Optional<String> schema = dot < 0 ? Optional.empty() : Optional.of(unquote(text.substring(0, dot)));
        String last = dot < 0 ? text : text.substring(dot + 1);
        return new TableName(schema, unquote(last), isQuoted(last));
    }

    static TableName of(dev.retort.schema.QualifiedName name) {
        return new TableName(name.schema(), name.name(), true);
    }

    String key() {
        return quoted ? name : name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return schema.map(s -> s + ".").orElse("") + name;
    }

    static boolean isQuoted(String part) {
        String p = part.strip();
        return p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("`") && p.endsWith("`")
                || p.startsWith("[") && p.endsWith("]"));
    }

    /** An identifier without its quotes ({@code "a""b"} is {@code a"b}). */
    static String unquote(String part) {
        String p = part.strip();
        if (isQuoted(p)) {
            char q = p.charAt(0);
            String inner = p.substring(1, p.length() - 1);
            return q == '[' ? inner : inner.replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return p;
    }

    /** A column or constraint name compared as {@link #key()} compares tables. */
    static String key(String identifier) {
        return isQuoted(identifier) ? unquote(identifier) : identifier.strip().toLowerCase(Locale.ROOT);
    }

    private static int lastTopLevelDot(String text) {
        char quote = 0;
        int dot = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '.') {
                dot = i;
            }
        }
        return dot;
    }
}
