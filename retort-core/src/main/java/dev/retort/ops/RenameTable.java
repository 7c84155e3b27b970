package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/** {@code ALTER TABLE ... RENAME TO}; the table stays in its schema. */
public record RenameTable(QualifiedName table, String newName) implements Operation {

    public RenameTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(newName, "newName");
        if (newName.isEmpty()) {
            throw new IllegalArgumentException("rename table " + table + ": the new name is empty");
        }
    }

    @Override
    public String describe() {
        return "rename table " + table + " to " + newName;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new RenameTable(table.withName(newName), table.name()));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
