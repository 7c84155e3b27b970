package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL {@code CREATE TYPE name AS ENUM (...)}. MySQL, MariaDB, H2 and SQLite keep enums inline
 * in the column ({@code Types.enumType}), so there it does nothing.
 */
public record CreateEnumType(QualifiedName name, List<String> values) implements Operation {

    public CreateEnumType {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("enum type " + name + " needs at least one value");
        }
    }

    @Override
    public String describe() {
        return "create enum type " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropEnumType(name, false, Optional.of(values)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
