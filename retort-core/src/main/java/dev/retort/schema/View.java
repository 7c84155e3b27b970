package dev.retort.schema;

import java.util.Objects;

/**
 * A view: its name and its defining query, as the database prints it (so that two readings of an
 * unchanged view compare equal).
 */
public record View(QualifiedName name, String definition) {

    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        if (definition.isBlank()) {
            throw new IllegalArgumentException("view " + name + " needs its defining query");
        }
    }
}
