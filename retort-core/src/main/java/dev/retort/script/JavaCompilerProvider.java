package dev.retort.script;

import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Where retort gets the compiler for Java revision files. {@link #SYSTEM}, the default, is the
 * JDK's own ({@link ToolProvider#getSystemJavaCompiler()}); a runtime without one (a JRE, a
 * jlink image without {@code jdk.compiler}) gives none, and then Java revision files are refused
 * with a message that says how to ship them precompiled. Tests use the seam to simulate that.
 *
 * <p>retort drives the compiler through {@code com.sun.source.util.JavacTask}, so a provider must
 * give javac (the JDK's compiler, possibly wrapped).
 */
@FunctionalInterface
public interface JavaCompilerProvider {

    /** The JDK's compiler, when this runtime has one. */
    JavaCompilerProvider SYSTEM = () -> {
        try {
            return Optional.ofNullable(ToolProvider.getSystemJavaCompiler());
        } catch (LinkageError e) {
            // a runtime image without the java.compiler module
            return Optional.empty();
        }
    };

    /** The compiler; empty when there is none. */
    Optional<JavaCompiler> compiler();
}
