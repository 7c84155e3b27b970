package dev.retort.ops;

import java.util.Objects;
import java.util.Optional;

/**
 * A new value for an attribute that may also be removed (a column's default or comment):
 * {@link #to} sets it, {@link #removed} drops it. An attribute left alone has no {@code Change}.
 */
public record Change<T>(Optional<T> value) {

    public Change {
        Objects.requireNonNull(value, "value");
    }

    public static <T> Change<T> to(T value) {
        return new Change<>(Optional.of(value));
    }

    public static <T> Change<T> removed() {
        return new Change<>(Optional.empty());
    }
}
