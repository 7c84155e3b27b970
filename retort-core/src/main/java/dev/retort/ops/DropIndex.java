package dev.retort.ops;

import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DROP INDEX}. The name carries the schema on PostgreSQL, where indexes live in schemas;
 * MySQL and MariaDB need the {@code table} ({@code DROP INDEX name ON table}). Invertible when it
 * carries the index's definition.
 */
public record DropIndex(QualifiedName index, Optional<QualifiedName> table, boolean concurrently, boolean ifExists,
                        Optional<Index> existing) implements Operation {

    public DropIndex {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(existing, "existing");
        if (existing.isPresent() && !existing.get().name().equals(index.name())) {
            throw new IllegalArgumentException("drop index " + index + " carries the definition of index "
                    + existing.get().name());
        }
        if (table.isEmpty() && existing.isPresent()) {
            table = Optional.of(existing.get().table());
        }
    }

    @Override
    public String describe() {
        return "drop index " + index + table.map(t -> " on " + t).orElse("");
    }

    @Override
    public Optional<Operation> inverse() {
        return existing.map(i -> new CreateIndex(i, concurrently, false));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
