package dev.retort.ops;

import dev.retort.schema.Column;
import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/** {@code ALTER TABLE ... DROP COLUMN}; invertible (without the data) when it carries the column's definition. */
public record DropColumn(QualifiedName table, String column, boolean ifExists, Optional<Column> existing)
        implements Operation {

    public DropColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(existing, "existing");
        if (existing.isPresent() && !existing.get().name().equals(column)) {
            throw new IllegalArgumentException("drop column " + table + "." + column + " carries the definition of"
                    + " column " + existing.get().name());
        }
    }

    @Override
    public String describe() {
        return "drop column " + table + "." + column;
    }

    @Override
    public Optional<Operation> inverse() {
        return existing.map(c -> new AddColumn(table, c, false, Optional.empty()));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
