package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inserts rows: online as one batched prepared statement, offline as one {@code INSERT} per row
 * with literal values. Values are Strings, numbers, Booleans, UUIDs, {@code java.time} dates and
 * times, byte arrays or null. Its inverse is unknown (the rows may have existed before).
 */
public record BulkInsert(QualifiedName table, List<String> columns, List<List<Object>> rows) implements Operation {

    public BulkInsert {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("bulk insert into " + table + ": a row has " + row.size()
                        + " values for " + columns.size() + " columns " + columns);
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("bulk insert into " + table + " names no columns");
        }
    }

    @Override
    public String describe() {
        return "insert " + rows.size() + (rows.size() == 1 ? " row" : " rows") + " into " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.empty();
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
