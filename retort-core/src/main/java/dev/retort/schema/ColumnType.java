package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A column type, portable across dialects; each dialect spells it its own way or refuses it with a
 * reason (an array on MySQL, say). Build them with {@link Types}. {@link RawType} passes any other
 * spelling through untouched.
 */
public sealed interface ColumnType {

    /** Integers of 2, 4 or 8 bytes. */
    record IntegerType(int bytes) implements ColumnType {
        public IntegerType {
            if (bytes != 2 && bytes != 4 && bytes != 8) {
                throw new IllegalArgumentException("integer size must be 2, 4 or 8 bytes, got " + bytes);
            }
        }
    }

    record BooleanType() implements ColumnType {
    }

    /** Variable-length text with a maximum length in characters. */
    record VarcharType(int length) implements ColumnType {
        public VarcharType {
            if (length <= 0) {
                throw new IllegalArgumentException("varchar length must be positive, got " + length);
            }
        }
    }

    /** Fixed-length, blank-padded text ({@code CHAR(n)}). */
    record CharType(int length) implements ColumnType {
        public CharType {
            if (length <= 0) {
                throw new IllegalArgumentException("char length must be positive, got " + length);
            }
        }
    }

    /** Text of unbounded length. */
    record TextType() implements ColumnType {
    }

    /** Exact decimal numbers; without precision the database's widest. */
    record NumericType(OptionalInt precision, OptionalInt scale) implements ColumnType {
        public NumericType {
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(scale, "scale");
            if (scale.isPresent() && precision.isEmpty()) {
                throw new IllegalArgumentException("a numeric scale needs a precision");
            }
            if (precision.isPresent() && precision.getAsInt() <= 0) {
                throw new IllegalArgumentException("numeric precision must be positive, got " + precision.getAsInt());
            }
            if (scale.isPresent() && (scale.getAsInt() < 0 || scale.getAsInt() > precision.getAsInt())) {
                throw new IllegalArgumentException("numeric scale must lie between 0 and the precision, got "
                        + scale.getAsInt());
            }
        }
    }

    /** Binary floating point of 4 ({@code REAL}) or 8 ({@code DOUBLE PRECISION}) bytes. */
    record FloatType(int bytes) implements ColumnType {
        public FloatType {
            if (bytes != 4 && bytes != 8) {
                throw new IllegalArgumentException("floating-point size must be 4 or 8 bytes, got " + bytes);
            }
        }
    }

    record DateType() implements ColumnType {
    }

    /** A time of day; {@code withTimeZone} keeps an offset with it. */
    record TimeType(boolean withTimeZone) implements ColumnType {
    }

    /** A point in time; {@code withTimeZone} stores an instant rather than a wall-clock reading. */
    record TimestampType(boolean withTimeZone) implements ColumnType {
    }

    record UuidType() implements ColumnType {
    }

    /** JSON; {@code binary} is PostgreSQL's {@code jsonb} (plain JSON elsewhere). */
    record JsonType(boolean binary) implements ColumnType {
    }

    /** Bytes, with a maximum length or unbounded. */
    record BinaryType(OptionalInt length) implements ColumnType {
        public BinaryType {
            Objects.requireNonNull(length, "length");
            if (length.isPresent() && length.getAsInt() <= 0) {
                throw new IllegalArgumentException("binary length must be positive, got " + length.getAsInt());
            }
        }
    }

    /**
     * An enumeration. On PostgreSQL a named type that must exist ({@code op.createEnumType}); on
     * MySQL, MariaDB and H2 an inline {@code ENUM(...)}; on SQLite text limited by a check.
     *
     * @param name   the type's name (PostgreSQL)
     * @param values the values, in order
     * @param schema the PostgreSQL schema the type lives in; empty: the default one (the type is then
     *               found on the search path). A table in one schema may use another schema's type,
     *               so the type names its own schema rather than following the table's.
     */
    record EnumType(String name, List<String> values, Optional<String> schema) implements ColumnType {
        public EnumType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
            schema = schema.filter(s -> !s.isEmpty());
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("enum " + name + " needs at least one value");
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("enum " + name + " has duplicate values: " + values);
            }
        }

        /** An enum type of the default schema. */
        public EnumType(String name, List<String> values) {
            this(name, values, Optional.empty());
        }

        /** The type's name with its schema, as {@code op.createEnumType} names it. */
        public QualifiedName qualifiedName() {
            return QualifiedName.of(schema, name);
        }
    }

    /** A PostgreSQL (and H2) array of another type. */
    record ArrayType(ColumnType element) implements ColumnType {
        public ArrayType {
            Objects.requireNonNull(element, "element");
            if (element instanceof ArrayType) {
                throw new IllegalArgumentException("write a multi-dimensional array as a raw type");
            }
        }
    }

    /** pgvector's {@code vector(n)}: an embedding of {@code dimensions} floats. */
    record VectorType(int dimensions) implements ColumnType {
        public VectorType {
            if (dimensions <= 0) {
                throw new IllegalArgumentException("vector dimensions must be positive, got " + dimensions);
            }
        }
    }

    /** Any other type, written exactly as given ({@code "citext"}, {@code "MEDIUMTEXT"}, {@code "inet"}). */
    record RawType(String sql) implements ColumnType {
        public RawType {
            Objects.requireNonNull(sql, "sql");
            if (sql.isBlank()) {
                throw new IllegalArgumentException("a raw type needs its SQL spelling");
            }
        }
    }
}
