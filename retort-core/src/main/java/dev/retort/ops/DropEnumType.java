package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** PostgreSQL {@code DROP TYPE [IF EXISTS] name}; invertible when it carries the values. */
public record DropEnumType(QualifiedName name, boolean ifExists, Optional<List<String>> values) implements Operation {

    public DropEnumType {
        Objects.requireNonNull(name, "name");
        values = Objects.requireNonNull(values, "values").map(List::copyOf);
    }

    @Override
    public String describe() {
        return "drop enum type " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return values.map(v -> new CreateEnumType(name, v));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
