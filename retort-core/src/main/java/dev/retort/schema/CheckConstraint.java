package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A check constraint: a condition every row must meet, as SQL. */
public record CheckConstraint(Optional<String> name, String condition) implements TableConstraint {

    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        if (condition.isBlank()) {
            throw new IllegalArgumentException(Names.describe("check constraint", name) + " needs a condition");
        }
    }

    public static CheckConstraint of(String name, String condition) {
        return new CheckConstraint(Optional.of(name), condition);
    }

    @Override
    public ConstraintType constraintType() {
        return ConstraintType.CHECK;
    }

    @Override
    public CheckConstraint named(String newName) {
        return new CheckConstraint(Optional.of(newName), condition);
    }

    @Override
    public List<String> columns() {
        return List.of();
    }
}
