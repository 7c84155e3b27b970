package dev.retort.hibernate;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Java sources compiled by the test itself into a directory of its own, for models that must not
 * be on the test class path (a class whose dependency is missing, javax.persistence entities).
 */
final class CompiledSources {

    private CompiledSources() {
    }

    /**
     * Compiles {@code sources} (path under the source root, e.g. {@code com/x/A.java}, to its text)
     * into {@code output}, with the test class path plus {@code extraClassPath}.
     */
    static Path compile(Path root, Map<String, String> sources, Path output, Path... extraClassPath)
            throws IOException {
        Path sourceRoot = Files.createDirectories(root.resolve("src-" + output.getFileName()));
        List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-proc:none", "-classpath",
                System.getProperty("java.class.path") + extraClassPath(extraClassPath)));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test sources do not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
        return output;
    }

    private static String extraClassPath(Path... entries) {
        StringBuilder path = new StringBuilder();
        for (Path entry : entries) {
            path.append(java.io.File.pathSeparator).append(entry);
        }
        return path.toString();
    }
}
