package dev.retort.ops;

import dev.retort.schema.ColumnType;
import java.util.Objects;

/**
 * A column of a table being created.
 *
 * @param name     column name
 * @param type     portable type
 * @param nullable whether NULL is allowed
 * @param identity whether the database generates its values (identity / autoincrement)
 */
public record ColumnDef(String name, ColumnType type, boolean nullable, boolean identity) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static ColumnDef nullable(String name, ColumnType type) {
        return new ColumnDef(name, type, true, false);
    }

    public static ColumnDef notNull(String name, ColumnType type) {
        return new ColumnDef(name, type, false, false);
    }

    public static ColumnDef identity(String name, ColumnType type) {
        return new ColumnDef(name, type, false, true);
    }
}
