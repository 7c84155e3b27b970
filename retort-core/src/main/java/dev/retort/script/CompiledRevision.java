package dev.retort.script;

import java.util.Map;
import java.util.Objects;

/**
 * What compiling one Java revision file gave.
 *
 * @param className the binary name of the file's one top-level class
 * @param line      the line that class is declared on, for messages about it
 * @param classes   every class file the source produced (the top-level class, nested, local and
 *                  anonymous classes), by binary name
 */
record CompiledRevision(String className, int line, Map<String, byte[]> classes) {

    CompiledRevision {
        Objects.requireNonNull(className, "className");
        classes = Map.copyOf(classes);
        if (!classes.containsKey(className)) {
            throw new IllegalArgumentException("no class file for " + className);
        }
    }
}
