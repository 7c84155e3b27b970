package dev.retort.ops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE TABLE}.
 *
 * @param table          the table, optionally schema-qualified
 * @param columns        columns in order
 * @param primaryKey     primary-key columns, empty for none
 * @param primaryKeyName name of the primary-key constraint, empty to let the database choose
 * @param ifNotExists    render {@code IF NOT EXISTS}
 */
public record CreateTable(TableName table, List<ColumnDef> columns, List<String> primaryKey,
                          Optional<String> primaryKeyName, boolean ifNotExists) implements Operation {

    public CreateTable {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        Objects.requireNonNull(primaryKeyName, "primaryKeyName");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column: " + table);
        }
    }
}
