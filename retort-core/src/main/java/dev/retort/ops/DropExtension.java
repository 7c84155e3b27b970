package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/** PostgreSQL {@code DROP EXTENSION [IF EXISTS] name [CASCADE]}. */
public record DropExtension(String name, boolean ifExists, boolean cascade) implements Operation {

    public DropExtension {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
        return "drop extension " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return cascade ? Optional.empty() : Optional.of(new CreateExtension(name, true, Optional.empty(),
                Optional.empty()));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
