package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import dev.retort.schema.View;
import java.util.Objects;
import java.util.Optional;

/** {@code DROP VIEW [IF EXISTS] name}; invertible when it carries the view's definition. */
public record DropView(QualifiedName name, boolean ifExists, Optional<View> definition) implements Operation {

    public DropView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public String describe() {
        return "drop view " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return definition.map(CreateView::new);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
