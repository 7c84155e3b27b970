package dev.retort.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * The name of a table (or of another object that lives in a schema: a type, a sequence) with an
 * optional schema; without one, the connection's default schema is meant.
 */
public record QualifiedName(Optional<String> schema, String name) {

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        schema = schema.filter(s -> !s.isEmpty());
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a name cannot be empty");
        }
    }

    public static QualifiedName of(String name) {
        return new QualifiedName(Optional.empty(), name);
    }

    public static QualifiedName of(Optional<String> schema, String name) {
        return new QualifiedName(schema, name);
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(Optional.ofNullable(schema), name);
    }

    /** The same name in another schema (empty: the default one). */
    public QualifiedName inSchema(Optional<String> newSchema) {
        return new QualifiedName(newSchema, name);
    }

    /** Another name in the same schema. */
    public QualifiedName withName(String newName) {
        return new QualifiedName(schema, newName);
    }

    @Override
    public String toString() {
        return schema.map(s -> s + "." + name).orElse(name);
    }
}
