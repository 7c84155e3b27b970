package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/** PostgreSQL {@code CREATE EXTENSION IF NOT EXISTS name [SCHEMA s] [VERSION v]}. */
public record CreateExtension(String name, boolean ifNotExists, Optional<String> schema, Optional<String> version)
        implements Operation {

    public CreateExtension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String describe() {
        return "create extension " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropExtension(name, ifNotExists, false));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
