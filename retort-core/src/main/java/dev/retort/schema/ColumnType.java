package dev.retort.schema;

/**
 * A column type, portable across dialects; each dialect renders it in its own spelling. Build them
 * with {@link Types}.
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

    /** Variable-length text with a maximum length in characters. */
    record VarcharType(int length) implements ColumnType {
        public VarcharType {
            if (length <= 0) {
                throw new IllegalArgumentException("varchar length must be positive, got " + length);
            }
        }
    }

    /** Text of unbounded length. */
    record TextType() implements ColumnType {
    }

    record BooleanType() implements ColumnType {
    }

    /** A point in time; {@code withTimeZone} stores an instant rather than a wall-clock reading. */
    record TimestampType(boolean withTimeZone) implements ColumnType {
    }
}
