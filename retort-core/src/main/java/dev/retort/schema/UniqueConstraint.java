package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A unique constraint over one or more columns. */
public record UniqueConstraint(Optional<String> name, List<String> columns, Optional<Deferrable> deferrable)
        implements TableConstraint {

    public UniqueConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deferrable, "deferrable");
        columns = Names.columns(Names.describe("unique constraint", name), columns);
    }

    public static UniqueConstraint of(String name, String... columns) {
        return new UniqueConstraint(Optional.of(name), List.of(columns), Optional.empty());
    }

    public UniqueConstraint deferrable(Deferrable when) {
        return new UniqueConstraint(name, columns, Optional.of(when));
    }

    @Override
    public ConstraintType constraintType() {
        return ConstraintType.UNIQUE;
    }

    @Override
    public UniqueConstraint named(String newName) {
        return new UniqueConstraint(Optional.of(newName), columns, deferrable);
    }
}
