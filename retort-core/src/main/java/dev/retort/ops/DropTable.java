package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DROP TABLE}. With the table's {@code definition} (as autogenerate writes it) the drop can
 * be undone; the data cannot.
 */
public record DropTable(QualifiedName table, boolean ifExists, boolean cascade, Optional<Table> definition)
        implements Operation {

    public DropTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(definition, "definition");
        if (definition.isPresent() && !definition.get().name().equals(table)) {
            throw new IllegalArgumentException("drop table " + table + " carries the definition of "
                    + definition.get().name());
        }
    }

    @Override
    public String describe() {
        return "drop table " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return definition.map(t -> new CreateTable(t, false));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
