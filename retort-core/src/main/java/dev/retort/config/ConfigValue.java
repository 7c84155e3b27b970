package dev.retort.config;

import java.util.Objects;

/**
 * A value for a {@link ConfigKey} as some source gave it, before defaults and checks, with where
 * it came from so that problems can point at it.
 *
 * <p>Immutable when its value is (the strings, lists and maps sources give).
 *
 * @param value  the value, of the Java type of the key's {@link ConfigKey.ValueType} when the
 *               source is right ({@link SettingsResolver} reports it when not); for TOML: a
 *               {@code String}, {@code Boolean}, {@code Long}, {@code List} or {@code Map}
 * @param origin where the value was written, e.g. {@code retort.toml:4}; empty when unknown
 */
public record ConfigValue(Object value, String origin) {
    public ConfigValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** A value with no known origin, e.g. set from code. */
    public static ConfigValue of(Object value) {
        return new ConfigValue(value, "");
    }
}
