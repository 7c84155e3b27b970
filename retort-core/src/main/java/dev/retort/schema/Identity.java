package dev.retort.schema;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A column whose values the database generates: {@code GENERATED ... AS IDENTITY} on PostgreSQL
 * and H2, {@code AUTO_INCREMENT} on MySQL and MariaDB, {@code INTEGER PRIMARY KEY AUTOINCREMENT}
 * on SQLite.
 *
 * @param always    {@code GENERATED ALWAYS} (explicit values refused) rather than {@code BY DEFAULT};
 *                  only PostgreSQL and H2 tell the two apart
 * @param start     first value, when not 1
 * @param increment step, when not 1
 */
public record Identity(boolean always, OptionalLong start, OptionalLong increment) {

    public Identity {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(increment, "increment");
        if (increment.isPresent() && increment.getAsLong() == 0) {
            throw new IllegalArgumentException("an identity increment cannot be 0");
        }
    }

    public static Identity byDefault() {
        return new Identity(false, OptionalLong.empty(), OptionalLong.empty());
    }

    public static Identity generatedAlways() {
        return new Identity(true, OptionalLong.empty(), OptionalLong.empty());
    }

    public Identity startWith(long value) {
        return new Identity(always, OptionalLong.of(value), increment);
    }

    public Identity incrementBy(long value) {
        return new Identity(always, start, OptionalLong.of(value));
    }
}
