package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A primary key over one or more columns. */
public record PrimaryKey(Optional<String> name, List<String> columns) implements TableConstraint {

    public PrimaryKey {
        Objects.requireNonNull(name, "name");
        columns = Names.columns(Names.describe("primary key", name), columns);
    }

    public static PrimaryKey of(String... columns) {
        return new PrimaryKey(Optional.empty(), List.of(columns));
    }

    @Override
    public ConstraintType constraintType() {
        return ConstraintType.PRIMARY_KEY;
    }

    @Override
    public PrimaryKey named(String newName) {
        return new PrimaryKey(Optional.of(newName), columns);
    }
}
