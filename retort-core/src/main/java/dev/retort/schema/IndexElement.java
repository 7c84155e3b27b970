package dev.retort.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * One key of an index: a column, or an expression such as {@code lower(email)}, with an optional
 * operator class ({@code gin_trgm_ops}, {@code vector_cosine_ops}), sort order and NULLs placement.
 *
 * @param text          the column name, or the expression's SQL
 * @param expression    whether {@code text} is an expression (rendered in parentheses) rather than a column
 * @param operatorClass PostgreSQL operator class
 * @param descending    {@code DESC}
 * @param nulls         {@code NULLS FIRST} / {@code NULLS LAST}; empty = the database's default
 */
public record IndexElement(String text, boolean expression, Optional<String> operatorClass, boolean descending,
                           Optional<Nulls> nulls) {

    /** Where NULLs sort. */
    public enum Nulls {
        FIRST,
        LAST
    }

    public IndexElement {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(operatorClass, "operatorClass");
        Objects.requireNonNull(nulls, "nulls");
        if (text.isBlank()) {
            throw new IllegalArgumentException("an index key needs a column or an expression");
        }
    }

    public static IndexElement column(String name) {
        return new IndexElement(name, false, Optional.empty(), false, Optional.empty());
    }

    public static IndexElement expression(String sql) {
        return new IndexElement(sql, true, Optional.empty(), false, Optional.empty());
    }

    public IndexElement operatorClass(String name) {
        return new IndexElement(text, expression, Optional.of(name), descending, nulls);
    }

    public IndexElement desc() {
        return new IndexElement(text, expression, operatorClass, true, nulls);
    }

    public IndexElement nullsFirst() {
        return new IndexElement(text, expression, operatorClass, descending, Optional.of(Nulls.FIRST));
    }

    public IndexElement nullsLast() {
        return new IndexElement(text, expression, operatorClass, descending, Optional.of(Nulls.LAST));
    }
}
