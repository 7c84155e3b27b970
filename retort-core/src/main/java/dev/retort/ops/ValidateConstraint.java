package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL's {@code ALTER TABLE ... VALIDATE CONSTRAINT}: checks the rows a {@code NOT VALID}
 * constraint skipped, holding only a lock that lets reads and writes go on.
 */
public record ValidateConstraint(QualifiedName table, String name) implements Operation {

    public ValidateConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
        return "validate constraint " + name + " on " + table;
    }

    /** Validating changes no schema, so there is nothing to undo: a downgrade leaves it out. */
    @Override
    public Optional<Operation> inverse() {
        return Optional.empty();
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
