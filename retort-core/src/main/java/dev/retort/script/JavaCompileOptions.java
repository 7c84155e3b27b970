package dev.retort.script;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How Java revision files are compiled and where their classes are kept.
 *
 * @param compiler   where the compiler comes from ({@link JavaCompilerProvider#SYSTEM}: the JDK's)
 * @param classCache a directory for compiled classes, keyed by the sources' content, so that an
 *                   unchanged file is never compiled again; empty: compile in memory, once per load
 */
public record JavaCompileOptions(JavaCompilerProvider compiler, Optional<Path> classCache) {

    /** The JDK's compiler, no class cache: what a library gets unless it asks for more. */
    public static final JavaCompileOptions DEFAULT = new JavaCompileOptions(JavaCompilerProvider.SYSTEM,
            Optional.empty());

    public JavaCompileOptions {
        Objects.requireNonNull(compiler, "compiler");
        Objects.requireNonNull(classCache, "classCache");
    }
}
