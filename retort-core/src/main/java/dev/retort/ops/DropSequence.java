package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/** {@code DROP SEQUENCE [IF EXISTS]}; invertible (from its start, not its last value) with its definition. */
public record DropSequence(QualifiedName name, boolean ifExists, Optional<CreateSequence> definition)
        implements Operation {

    public DropSequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public String describe() {
        return "drop sequence " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return definition.map(Operation.class::cast);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
