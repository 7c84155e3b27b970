package dev.retort.dialect.mysql;

import dev.retort.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as MySQL and MariaDB restate it in {@code MODIFY COLUMN}, with the attributes that
 * a restatement loses unless it repeats them: a character set and collation other than the table's,
 * a virtual generation expression, {@code ON UPDATE CURRENT_TIMESTAMP}, invisibility, and MariaDB's
 * column-level {@code CHECK}, which belongs to the column definition there and goes with it.
 *
 * <p>The introspector reads a column as one ({@link #toColumnType}): retort's own type where the
 * server's spelling is exactly what {@link MySqlDialect#typeName} writes for it and nothing else is
 * attached, a {@link ColumnType.RawType} of the whole spelling ({@link #toSql}) otherwise. The
 * renderer reads that back ({@link #parse}) to put the check at the end of the definition, and to
 * carry the attributes over when a revision changes the column's type.
 *
 * @param base      the type, as {@code information_schema.COLUMNS.COLUMN_TYPE} spells it
 * @param collation {@code CHARACTER SET cs COLLATE co}, when not the table's default
 * @param virtual   a virtual generated column's expression (stored ones are {@code Column.generated})
 * @param onUpdate  the {@code ON UPDATE} expression
 * @param invisible {@code INVISIBLE} (MySQL 8.0.23+, MariaDB 10.3+)
 * @param check     MariaDB's column-level check condition
 */
record MySqlColumnType(String base, Optional<String> collation, Optional<String> virtual, Optional<String> onUpdate,
                       boolean invisible, Optional<String> check) {

    private static final Pattern CHECK = Pattern.compile("(?s)(.*) CHECK \\((.*)\\)");
    private static final Pattern INVISIBLE = Pattern.compile("(?s)(.*) INVISIBLE");
    private static final Pattern ON_UPDATE = Pattern.compile("(?s)(.*) ON UPDATE (\\S+)");
    private static final Pattern VIRTUAL = Pattern.compile("(?s)(.*) GENERATED ALWAYS AS \\((.*)\\) VIRTUAL");
    private static final Pattern COLLATION = Pattern.compile("(?s)(.*) (CHARACTER SET \\w+ COLLATE \\w+)");
    /** An integer type, with the display width MariaDB (and MySQL before 8.0.19) shows. */
    private static final Pattern INTEGER = Pattern.compile("(smallint|int|bigint)(\\(\\d+\\))?");
    private static final Pattern LENGTH = Pattern.compile("(varchar|char|varbinary)\\((\\d+)\\)");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
    private static final Pattern ENUM = Pattern.compile("(?s)enum\\((.*)\\)");

    /** The widest DECIMAL, which {@link MySqlDialect#typeName} writes for {@code numeric()} without precision. */
    private static final ColumnType.NumericType WIDEST = new ColumnType.NumericType(OptionalInt.empty(),
            OptionalInt.empty());

    /** The whole spelling, check last. */
    String toSql() {
        return typeSql() + check.map(c -> " CHECK (" + c + ")").orElse("");
    }

    /** Everything but the check, which goes after the column's other attributes. */
    String typeSql() {
        return base + collation.map(c -> " " + c).orElse("")
                + virtual.map(e -> " GENERATED ALWAYS AS (" + e + ") VIRTUAL").orElse("")
                + onUpdate.map(e -> " ON UPDATE " + e).orElse("")
                + (invisible ? " INVISIBLE" : "");
    }

    /**
     * The column's type as the model holds it: retort's own type when nothing but the base type is
     * there and {@link #portable} knows it, else the whole spelling as a raw type, so that a column
     * restated from it (and a table made from it) keeps everything.
     */
    ColumnType toColumnType() {
        boolean plain = collation.isEmpty() && virtual.isEmpty() && onUpdate.isEmpty() && !invisible
                && check.isEmpty();
        Optional<ColumnType> portable = plain ? portable(base) : Optional.empty();
        return portable.orElseGet(() -> new ColumnType.RawType(toSql()));
    }

    /**
     * Retort's type for a {@code COLUMN_TYPE} that {@link MySqlDialect#typeName} writes for it and
     * the server spells back alike: {@code tinyint(1)} (BOOLEAN), {@code longtext} (text),
     * {@code decimal(65,30)} (numeric without precision), {@code datetime(6)} (timestamp; MySQL has
     * no zone in a column, so never {@code timestampTz}), {@code char(36)} stays a char (it may hold a
     * UUID or anything else; nothing on the server says which)... Empty for every other spelling
     * ({@code text}, {@code int unsigned}, {@code datetime}, {@code tinyint(4)}), which is kept raw:
     * mapped, a restatement would change the column.
     */
    static Optional<ColumnType> portable(String columnType) {
        String type = columnType.strip();
        switch (type.toLowerCase(Locale.ROOT)) {
            case "tinyint(1)": return Optional.of(new ColumnType.BooleanType());
            case "longtext": return Optional.of(new ColumnType.TextType());
            case "float": return Optional.of(new ColumnType.FloatType(4));
            case "double": return Optional.of(new ColumnType.FloatType(8));
            case "date": return Optional.of(new ColumnType.DateType());
            case "time(6)": return Optional.of(new ColumnType.TimeType(false));
            case "datetime(6)": return Optional.of(new ColumnType.TimestampType(false));
            case "json": return Optional.of(new ColumnType.JsonType(false));
            case "longblob": return Optional.of(new ColumnType.BinaryType(OptionalInt.empty()));
            case "decimal(65,30)": return Optional.of(WIDEST);
            default: break;
        }
        Matcher m = INTEGER.matcher(type);
        if (m.matches()) {
            return Optional.of(new ColumnType.IntegerType(switch (m.group(1)) {
                case "smallint" -> 2;
                case "int" -> 4;
                default -> 8;
            }));
        }
        m = LENGTH.matcher(type);
        if (m.matches()) {
            int length = Integer.parseInt(m.group(2));
            if (length == 0) {
                return Optional.empty(); // CHAR(0) is legal here and nowhere in the model
            }
            return Optional.of(switch (m.group(1)) {
                case "varchar" -> new ColumnType.VarcharType(length);
                case "char" -> new ColumnType.CharType(length);
                default -> new ColumnType.BinaryType(OptionalInt.of(length));
            });
        }
        m = DECIMAL.matcher(type);
        if (m.matches() && Integer.parseInt(m.group(1)) > 0) {
            return Optional.of(new ColumnType.NumericType(OptionalInt.of(Integer.parseInt(m.group(1))),
                    OptionalInt.of(Integer.parseInt(m.group(2)))));
        }
        m = ENUM.matcher(type);
        if (m.matches()) {
            // inline here, so without a name of its own: one name for all, as H2's
            return enumValues(m.group(1)).map(values -> new ColumnType.EnumType("enum", values));
        }
        return Optional.empty();
    }

    /**
     * {@code 'a','it''s','x\\y'} as the server lists an enum's values (quotes doubled, backslashes
     * escaped, as {@link MySqlDialect#literal(String)} writes them); empty when it is not such a list
     * or repeats a value.
     */
    static Optional<List<String>> enumValues(String list) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            if (list.charAt(i) != '\'') {
                return Optional.empty();
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= list.length()) {
                    return Optional.empty();
                }
                char c = list.charAt(i);
                if (c == '\\' && i + 1 < list.length()) {
                    value.append(list.charAt(i + 1));
                    i += 2;
                } else if (c == '\'' && i + 1 < list.length() && list.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else {
                    value.append(c);
                    i++;
                }
            }
            values.add(value.toString());
            if (i < list.length() && list.charAt(i) != ',') {
                return Optional.empty();
            }
            i++;
        }
        return values.isEmpty() || values.stream().distinct().count() != values.size() ? Optional.empty()
                : Optional.of(values);
    }

    /** The parts of a raw type written by {@link #toSql} (or by hand the same way). */
    static MySqlColumnType parse(ColumnType.RawType raw) {
        String rest = raw.sql();
        Optional<String> check = Optional.empty();
        Matcher m = CHECK.matcher(rest);
        if (m.matches()) {
            check = Optional.of(m.group(2));
            rest = m.group(1);
        }
        boolean invisible = false;
        m = INVISIBLE.matcher(rest);
        if (m.matches()) {
            invisible = true;
            rest = m.group(1);
        }
        Optional<String> onUpdate = Optional.empty();
        m = ON_UPDATE.matcher(rest);
        if (m.matches()) {
            onUpdate = Optional.of(m.group(2));
            rest = m.group(1);
        }
        Optional<String> virtual = Optional.empty();
        m = VIRTUAL.matcher(rest);
        if (m.matches()) {
            virtual = Optional.of(m.group(2));
            rest = m.group(1);
        }
        Optional<String> collation = Optional.empty();
        m = COLLATION.matcher(rest);
        if (m.matches()) {
            collation = Optional.of(m.group(2));
            rest = m.group(1);
        }
        return new MySqlColumnType(rest, collation, virtual, onUpdate, invisible, check);
    }

    /**
     * This column's attributes on the type {@code newType}, spelled {@code newTypeSql}: the collation
     * only for text, {@code ON UPDATE} only for timestamps, the rest always.
     */
    MySqlColumnType retyped(ColumnType newType, String newTypeSql) {
        boolean text = newType instanceof ColumnType.VarcharType || newType instanceof ColumnType.CharType
                || newType instanceof ColumnType.TextType || newType instanceof ColumnType.EnumType;
        boolean timestamp = newType instanceof ColumnType.TimestampType;
        // retort's timestamps are DATETIME(6), and MySQL wants the same precision in ON UPDATE
        return new MySqlColumnType(newTypeSql, collation.filter(c -> text), virtual,
                onUpdate.filter(e -> timestamp).map(e -> "CURRENT_TIMESTAMP(6)"), invisible, check);
    }

    /** The same, with a renamed column's name changed in its check (which MariaDB keeps quoted). */
    MySqlColumnType renamed(String quotedOld, String quotedNew) {
        return new MySqlColumnType(base, collation, virtual, onUpdate, invisible,
                check.map(c -> c.replace(quotedOld, quotedNew)));
    }
}
