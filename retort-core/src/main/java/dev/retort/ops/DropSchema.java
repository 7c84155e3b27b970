package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/** {@code DROP SCHEMA [IF EXISTS] name [CASCADE]}. */
public record DropSchema(String name, boolean ifExists, boolean cascade) implements Operation {

    public DropSchema {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
        return "drop schema " + name;
    }

    /** Re-creating the schema restores nothing of what CASCADE dropped with it. */
    @Override
    public Optional<Operation> inverse() {
        return cascade ? Optional.empty() : Optional.of(new CreateSchema(name, false));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
