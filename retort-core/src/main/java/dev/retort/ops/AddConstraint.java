package dev.retort.ops;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.TableConstraint;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ALTER TABLE ... ADD CONSTRAINT}: a primary key, unique, check, foreign key or exclusion
 * constraint. {@code notValid} (PostgreSQL, foreign keys and checks only) skips checking existing
 * rows, so the table is not locked while they are read; {@link ValidateConstraint} checks them later.
 */
public record AddConstraint(QualifiedName table, TableConstraint constraint, boolean notValid) implements Operation {

    public AddConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
        if (constraint.name().isEmpty()) {
            throw new IllegalArgumentException("a constraint added to table " + table + " needs a name, so that it"
                    + " can be dropped again");
        }
        if (notValid && !(constraint instanceof ForeignKey) && !(constraint instanceof CheckConstraint)) {
            throw new IllegalArgumentException("only foreign keys and check constraints can be added NOT VALID, not"
                    + " the " + constraint.constraintType().description() + " " + constraint.name().get());
        }
    }

    /** The constraint's name. */
    public String name() {
        return constraint.name().orElseThrow();
    }

    @Override
    public String describe() {
        return "add " + constraint.constraintType().description() + " " + name() + " on " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropConstraint(table, name(), Optional.of(constraint.constraintType()), false,
                Optional.of(constraint)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
