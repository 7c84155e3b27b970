package dev.retort.ops;

import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE [UNIQUE] INDEX}. {@code concurrently} (PostgreSQL) builds it without blocking writes;
 * such a statement cannot run in a transaction, and retort runs it outside one by itself. Elsewhere
 * {@code concurrently} is ignored (MySQL's InnoDB builds most indexes online anyway).
 */
public record CreateIndex(Index index, boolean concurrently, boolean ifNotExists) implements Operation {

    public CreateIndex {
        Objects.requireNonNull(index, "index");
        index.checked();
    }

    @Override
    public String describe() {
        return "create index " + index.name() + " on " + index.table();
    }

    @Override
    public Optional<Operation> inverse() {
        QualifiedName name = index.table().withName(index.name());
        return Optional.of(new DropIndex(name, Optional.of(index.table()), concurrently, false, Optional.of(index)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
