package dev.retort.ops;

import dev.retort.schema.Table;
import java.util.Objects;
import java.util.Optional;

/** {@code CREATE TABLE}, then the table's indexes and comments. Inverse: drop it. */
public record CreateTable(Table table, boolean ifNotExists) implements Operation {

    public CreateTable {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String describe() {
        return "create table " + table.name();
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropTable(table.name(), false, false, Optional.of(table)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
