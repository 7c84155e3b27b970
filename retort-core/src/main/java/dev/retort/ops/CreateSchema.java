package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/** {@code CREATE SCHEMA [IF NOT EXISTS]} (PostgreSQL, H2; a database on MySQL and MariaDB). */
public record CreateSchema(String name, boolean ifNotExists) implements Operation {

    public CreateSchema {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
        return "create schema " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropSchema(name, false, false));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
