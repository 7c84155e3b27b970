package dev.retort.script;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Java revision file to compile.
 *
 * @param file  the file
 * @param shown the file as messages name it (relative to the project)
 * @param text  its content in canonical form (see {@link SourceText}): javac refuses a byte-order
 *              mark, and line numbers are the same either way
 */
record JavaSource(Path file, String shown, String text) {

    JavaSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(text, "text");
    }
}
