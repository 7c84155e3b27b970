package dev.retort.dialect.sqlite;

import dev.retort.schema.ColumnType;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's declared type, as SQLite keeps it, back as one of retort's portable types. SQLite
 * keeps the declaration as written and stores values by the affinity the declaration names, so two
 * spellings are the same type exactly when they are the same words: {@code varchar(20)} and
 * {@code VARCHAR( 20 )} are, {@code INT} and {@code INTEGER} are not (only a column declared
 * {@code INTEGER PRIMARY KEY} is the rowid). So only the declarations {@link SqliteDialect#typeName}
 * writes are mapped, in any letter case and spacing; every other one stays a
 * {@link ColumnType.RawType} in the declared spelling, which renders back unchanged.
 *
 * <p>Where SQLite writes several portable types the same way the reading is the plainest:
 * {@code TEXT} is text (not a UUID, JSON or an enum without its check), {@code TIMESTAMP} and
 * {@code TIME} are without time zone, {@code BLOB} is unbounded binary. Since both sides of a
 * comparison are read here, a model's {@code uuid()} and the database's {@code TEXT} compare equal,
 * as they are the same column to SQLite.
 *
 * <p>Stateless and thread-safe.
 */
final class SqliteDeclaredTypes {

    private static final Map<String, ColumnType> WORDS = Map.ofEntries(
            Map.entry("SMALLINT", new ColumnType.IntegerType(2)),
            Map.entry("INTEGER", new ColumnType.IntegerType(4)),
            Map.entry("BIGINT", new ColumnType.IntegerType(8)),
            Map.entry("BOOLEAN", new ColumnType.BooleanType()),
            Map.entry("TEXT", new ColumnType.TextType()),
            Map.entry("NUMERIC", new ColumnType.NumericType(OptionalInt.empty(), OptionalInt.empty())),
            Map.entry("REAL", new ColumnType.FloatType(4)),
            Map.entry("DOUBLE PRECISION", new ColumnType.FloatType(8)),
            Map.entry("DATE", new ColumnType.DateType()),
            Map.entry("TIME", new ColumnType.TimeType(false)),
            Map.entry("TIMESTAMP", new ColumnType.TimestampType(false)),
            Map.entry("BLOB", new ColumnType.BinaryType(OptionalInt.empty())));

    private static final Pattern SIZED = Pattern.compile("(VARCHAR|CHAR|NUMERIC)\\s*\\(\\s*(\\d{1,9})\\s*"
            + "(?:,\\s*(\\d{1,9})\\s*)?\\)");

    private SqliteDeclaredTypes() {
    }

    /** The portable type the declaration is, or the declaration itself as a raw type. */
    static ColumnType of(String declared) {
        String words = declared.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        ColumnType plain = WORDS.get(words);
        if (plain != null) {
            return plain;
        }
        Matcher sized = SIZED.matcher(words);
        if (sized.matches()) {
            int size = Integer.parseInt(sized.group(2));
            String scale = sized.group(3);
            try {
                switch (sized.group(1)) {
                    case "VARCHAR" -> {
                        if (scale == null) {
                            return new ColumnType.VarcharType(size);
                        }
                    }
                    case "CHAR" -> {
                        if (scale == null) {
                            return new ColumnType.CharType(size);
                        }
                    }
                    default -> {
                        return new ColumnType.NumericType(OptionalInt.of(size), scale == null ? OptionalInt.empty()
                                : OptionalInt.of(Integer.parseInt(scale)));
                    }
                }
            } catch (IllegalArgumentException e) {
                // VARCHAR(0), NUMERIC(2, 5): SQLite takes them, retort's types do not; kept as written
            }
        }
        return new ColumnType.RawType(declared);
    }
}
