package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']}. The new value
 * cannot be used in the transaction that adds it, so retort runs it outside one, committing what
 * came before. PostgreSQL cannot remove an enum value: there is no inverse.
 */
public record AddEnumValue(QualifiedName type, String value, Optional<String> before, Optional<String> after,
                           boolean ifNotExists) implements Operation {

    public AddEnumValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.isPresent() && after.isPresent()) {
            throw new IllegalArgumentException("add value " + value + " to enum " + type
                    + ": give BEFORE or AFTER, not both");
        }
    }

    @Override
    public String describe() {
        return "add value '" + value + "' to enum type " + type;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.empty();
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
