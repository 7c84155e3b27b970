package dev.retort.schema;

import java.util.List;
import java.util.Objects;

/** A PostgreSQL enum type: its name and its values, in order. */
public record EnumDefinition(QualifiedName name, List<String> values) {

    public EnumDefinition {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("enum type " + name + " needs at least one value");
        }
    }
}
