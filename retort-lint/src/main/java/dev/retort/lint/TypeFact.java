package dev.retort.lint;

import dev.retort.schema.ColumnType;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A column type as far as the rules care: its family and length, from SQL text
 * ({@code character varying(20)}) or from a {@link ColumnType} of a Java revision.
 *
 * @param kind    the family
 * @param length  varchar/char length, numeric precision
 * @param scale   numeric scale
 * @param written the type as written, for messages
 */
record TypeFact(Kind kind, OptionalInt length, OptionalInt scale, String written) {

    enum Kind {
        SMALLINT, INTEGER, BIGINT, SMALLSERIAL, SERIAL, BIGSERIAL, CHAR, VARCHAR, TEXT, TIMESTAMP, TIMESTAMPTZ,
        JSON, JSONB, NUMERIC, OTHER
    }

    boolean serial() {
        return kind == Kind.SMALLSERIAL || kind == Kind.SERIAL || kind == Kind.BIGSERIAL;
    }

    boolean int32() {
        return kind == Kind.INTEGER || kind == Kind.SERIAL;
    }

    boolean int16() {
        return kind == Kind.SMALLINT || kind == Kind.SMALLSERIAL;
    }

    /** From SQL: {@code int4}, {@code timestamp with time zone}, {@code varchar (20)}, {@code numeric(10, 2)}. */
    static TypeFact parse(String written) {
        // the parser writes "char (10)"; show it as the user does
        String sql = written.strip().replaceAll("\\s+\\(", "(");
        String text = sql.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String base = text;
        OptionalInt length = OptionalInt.empty();
        OptionalInt scale = OptionalInt.empty();
        int open = text.indexOf('(');
        if (open >= 0) {
            int close = text.indexOf(')', open);
            if (close > open) {
                String[] args = text.substring(open + 1, close).split(",");
                length = number(args[0]);
                if (args.length > 1) {
                    scale = number(args[1]);
                }
                base = (text.substring(0, open) + " " + text.substring(close + 1)).strip().replaceAll("\\s+", " ");
            }
        }
        base = base.replace(" unsigned", "").replace(" signed", "").strip();
        if (base.endsWith("[]")) {
            return new TypeFact(Kind.OTHER, length, scale, sql.strip());
        }
        Kind kind = switch (base) {
            case "smallint", "int2", "tinyint", "mediumint" -> Kind.SMALLINT;
            case "int", "integer", "int4" -> Kind.INTEGER;
            case "bigint", "int8" -> Kind.BIGINT;
            case "smallserial", "serial2" -> Kind.SMALLSERIAL;
            case "serial", "serial4" -> Kind.SERIAL;
            case "bigserial", "serial8" -> Kind.BIGSERIAL;
            case "char", "character", "bpchar", "nchar", "national character" -> Kind.CHAR;
            case "varchar", "character varying", "nvarchar", "national character varying" -> Kind.VARCHAR;
            case "text", "tinytext", "mediumtext", "longtext" -> Kind.TEXT;
            case "timestamp", "timestamp without time zone" -> Kind.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> Kind.TIMESTAMPTZ;
            case "json" -> Kind.JSON;
            case "jsonb" -> Kind.JSONB;
            case "numeric", "decimal" -> Kind.NUMERIC;
            default -> Kind.OTHER;
        };
        if (kind == Kind.CHAR && length.isEmpty()) {
            length = OptionalInt.of(1);
        }
        return new TypeFact(kind, length, scale, sql.strip());
    }

    /** From a Java revision's type. */
    static TypeFact of(ColumnType type) {
        if (type instanceof ColumnType.IntegerType t) {
            Kind kind = t.bytes() == 2 ? Kind.SMALLINT : t.bytes() == 4 ? Kind.INTEGER : Kind.BIGINT;
            return new TypeFact(kind, OptionalInt.empty(), OptionalInt.empty(), t.bytes() == 2 ? "smallint()"
                    : t.bytes() == 4 ? "integer()" : "bigint()");
        }
        if (type instanceof ColumnType.VarcharType t) {
            return new TypeFact(Kind.VARCHAR, OptionalInt.of(t.length()), OptionalInt.empty(),
                    "varchar(" + t.length() + ")");
        }
        if (type instanceof ColumnType.CharType t) {
            return new TypeFact(Kind.CHAR, OptionalInt.of(t.length()), OptionalInt.empty(),
                    "character(" + t.length() + ")");
        }
        if (type instanceof ColumnType.TextType) {
            return new TypeFact(Kind.TEXT, OptionalInt.empty(), OptionalInt.empty(), "text()");
        }
        if (type instanceof ColumnType.TimestampType t) {
            return new TypeFact(t.withTimeZone() ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP, OptionalInt.empty(),
                    OptionalInt.empty(), t.withTimeZone() ? "timestampTz()" : "timestamp()");
        }
        if (type instanceof ColumnType.JsonType t) {
            return new TypeFact(t.binary() ? Kind.JSONB : Kind.JSON, OptionalInt.empty(), OptionalInt.empty(),
                    t.binary() ? "jsonb()" : "json()");
        }
        if (type instanceof ColumnType.NumericType t) {
            return new TypeFact(Kind.NUMERIC, t.precision(), t.scale(), "numeric()");
        }
        if (type instanceof ColumnType.RawType t) {
            return parse(t.sql());
        }
        return new TypeFact(Kind.OTHER, OptionalInt.empty(), OptionalInt.empty(),
                type.getClass().getSimpleName());
    }

    private static OptionalInt number(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
