package dev.retort.dialect.mysql;

import dev.retort.schema.ColumnType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as MySQL and MariaDB restate it in {@code MODIFY COLUMN}, with the attributes that
 * a restatement loses unless it repeats them: a character set and collation other than the table's,
 * a virtual generation expression, {@code ON UPDATE CURRENT_TIMESTAMP}, invisibility, and MariaDB's
 * column-level {@code CHECK}, which belongs to the column definition there and goes with it.
 *
 * <p>The table reader writes it into a {@link ColumnType.RawType} ({@link #toSql}); the renderer
 * reads it back ({@link #parse}) to put the check at the end of the definition, and to carry the
 * attributes over when a revision changes the column's type.
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
