package dev.retort.schema;

import java.util.Objects;
import java.util.Optional;

/** A PostgreSQL extension installed in the database ({@code pg_trgm}, {@code vector}). */
public record Extension(String name, Optional<String> schema, Optional<String> version) {

    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(version, "version");
    }

    public static Extension of(String name) {
        return new Extension(name, Optional.empty(), Optional.empty());
    }
}
