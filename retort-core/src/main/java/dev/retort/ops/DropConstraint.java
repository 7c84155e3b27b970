package dev.retort.ops;

import dev.retort.schema.ConstraintType;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.TableConstraint;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ALTER TABLE ... DROP CONSTRAINT}. MySQL and MariaDB spell each kind differently
 * ({@code DROP FOREIGN KEY}, {@code DROP INDEX}, {@code DROP CHECK}), so there the {@code type} is
 * needed (read from the database when online). Invertible when it carries the constraint.
 */
public record DropConstraint(QualifiedName table, String name, Optional<ConstraintType> type, boolean ifExists,
                             Optional<TableConstraint> existing) implements Operation {

    public DropConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(existing, "existing");
        if (existing.isPresent()) {
            TableConstraint constraint = existing.get();
            if (!constraint.name().filter(name::equals).isPresent()) {
                throw new IllegalArgumentException("drop constraint " + name + " on " + table
                        + " carries the definition of constraint " + constraint.name().orElse("(unnamed)"));
            }
            if (type.isEmpty()) {
                type = Optional.of(constraint.constraintType());
            }
        }
    }

    @Override
    public String describe() {
        return "drop " + type.map(ConstraintType::description).orElse("constraint") + " " + name + " on " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return existing.map(c -> new AddConstraint(table, c, false));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
