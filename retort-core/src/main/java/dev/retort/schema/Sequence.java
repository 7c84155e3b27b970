package dev.retort.schema;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A sequence not owned by a column (identity and serial columns' sequences belong to their
 * column). The options are those of {@code CREATE SEQUENCE}; a database's defaults read back as
 * empty.
 */
public record Sequence(QualifiedName name, OptionalLong start, OptionalLong increment, OptionalLong minValue,
                       OptionalLong maxValue, boolean cycle, OptionalLong cache) {

    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(increment, "increment");
        Objects.requireNonNull(minValue, "minValue");
        Objects.requireNonNull(maxValue, "maxValue");
        Objects.requireNonNull(cache, "cache");
    }

    public static Sequence of(QualifiedName name) {
        return new Sequence(name, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), false, OptionalLong.empty());
    }
}
