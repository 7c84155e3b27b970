package dev.retort.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code check}, {@code revision --autogenerate} and {@code diff} compare the database with, and
 * what they compare (the {@code model*} and {@code autogenerate_*} keys of {@code retort.toml}).
 *
 * @param source        the model: {@code sql:FILE}, {@code java:FILE}, {@code jpa}, {@code db:URL}; paths
 *                      relative to the config file; empty = none configured
 * @param classpath     JPA: the application's compiled classes and jars
 * @param packages      JPA: the packages holding the entities
 * @param naming        JPA: {@code hibernate} (Hibernate's default naming) or {@code spring} (Spring Boot's)
 * @param schemas       schemas compared besides the default one
 * @param includeTables patterns of the tables compared (empty: all)
 * @param excludeTables patterns of tables left out
 */
public record ModelSettings(Optional<String> source, List<Path> classpath, List<String> packages, String naming,
                            List<String> schemas, List<String> includeTables, List<String> excludeTables) {

    /** No model configured; everything compared. */
    public static final ModelSettings NONE = new ModelSettings(Optional.empty(), List.of(), List.of(), "hibernate",
            List.of(), List.of(), List.of());

    public ModelSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(naming, "naming");
        classpath = List.copyOf(classpath);
        packages = List.copyOf(packages);
        schemas = List.copyOf(schemas);
        includeTables = List.copyOf(includeTables);
        excludeTables = List.copyOf(excludeTables);
    }
}
