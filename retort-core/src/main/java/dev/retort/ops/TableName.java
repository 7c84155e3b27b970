package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/** A table name with an optional schema. */
public record TableName(Optional<String> schema, String name) {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static TableName of(String name) {
        return new TableName(Optional.empty(), name);
    }

    public static TableName of(Optional<String> schema, String name) {
        return new TableName(schema.filter(s -> !s.isEmpty()), name);
    }

    @Override
    public String toString() {
        return schema.map(s -> s + "." + name).orElse(name);
    }
}
