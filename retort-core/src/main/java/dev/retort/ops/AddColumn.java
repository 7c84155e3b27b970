package dev.retort.ops;

import dev.retort.schema.Column;
import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/** {@code ALTER TABLE ... ADD COLUMN}. Inverse: drop it (carrying its definition, so that is invertible too). */
public record AddColumn(QualifiedName table, Column column, boolean ifNotExists, Optional<ColumnPosition> position)
        implements Operation {

    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(position, "position");
        if (column.markedPrimaryKey()) {
            throw new IllegalArgumentException("add column " + table + "." + column.name()
                    + ": a column added to an existing table cannot join its primary key this way; add the column,"
                    + " then op.createPrimaryKey");
        }
    }

    @Override
    public String describe() {
        return "add column " + table + "." + column.name();
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropColumn(table, column.name(), false, Optional.of(column)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
