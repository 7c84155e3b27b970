package dev.retort.ops;

import dev.retort.schema.View;
import java.util.Objects;
import java.util.Optional;

/** {@code CREATE VIEW name AS query}. Inverse: drop it (carrying its definition). */
public record CreateView(View view) implements Operation {

    public CreateView {
        Objects.requireNonNull(view, "view");
    }

    @Override
    public String describe() {
        return "create view " + view.name();
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropView(view.name(), false, Optional.of(view)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
