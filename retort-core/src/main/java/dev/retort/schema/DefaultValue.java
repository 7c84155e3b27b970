package dev.retort.schema;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A column's server default: a literal value, rendered as each dialect writes literals, or a SQL
 * expression, rendered as given ({@code now()}, {@code gen_random_uuid()}, {@code CURRENT_TIMESTAMP}).
 */
public sealed interface DefaultValue {

    /** A string, number or boolean, quoted or not as its kind requires. */
    record Literal(Object value) implements DefaultValue {
        public Literal {
            Objects.requireNonNull(value, "value (write a NULL default as expression(\"NULL\"))");
            if (!(value instanceof String || value instanceof Boolean || value instanceof Long
                    || value instanceof Integer || value instanceof Double || value instanceof BigDecimal)) {
                throw new IllegalArgumentException("a literal default is a String, Boolean, Integer, Long, Double"
                        + " or BigDecimal, got " + value.getClass().getName() + "; use an expression for others");
            }
        }
    }

    /** SQL evaluated by the database for each new row. */
    record Expression(String sql) implements DefaultValue {
        public Expression {
            Objects.requireNonNull(sql, "sql");
            if (sql.isBlank()) {
                throw new IllegalArgumentException("a default expression needs its SQL");
            }
        }
    }

    static DefaultValue literal(Object value) {
        return new Literal(value);
    }

    static DefaultValue expression(String sql) {
        return new Expression(sql);
    }

    /** The time of the insert, on every database. */
    static DefaultValue currentTimestamp() {
        return new Expression("CURRENT_TIMESTAMP");
    }
}
