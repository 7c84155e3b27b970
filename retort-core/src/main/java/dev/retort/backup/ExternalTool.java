package dev.retort.backup;

import dev.retort.config.Secrets;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A program found on the {@code PATH} of a given environment, and run with extra environment
 * variables (never with secrets among its arguments: any user may read a process's arguments).
 *
 * <p>Stateless and thread-safe.
 */
final class ExternalTool {

    private ExternalTool() {
    }

    /** The first executable file called {@code name} in the directories of {@code PATH}. */
    static Optional<Path> find(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // a PATH entry that is no path names no tool
            }
        }
        return Optional.empty();
    }

    /** What a run printed and how it ended. */
    record Result(int exitCode, String output) {
        /** The last non-blank lines of the output, joined into one line, for a message. */
        String lastLines(int count) {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
            return last.isEmpty() ? "(no output)" : String.join(" / ", last);
        }
    }

    /**
     * Runs the command to its end, its output (stdout and stderr together) captured with every
     * secret masked.
     *
     * @param extraEnvironment variables added to this process's environment for the child
     * @param environment      the environment the tool was found in; its {@code PATH} is passed on
     */
    static Result run(List<String> command, Map<String, String> extraEnvironment, Map<String, String> environment,
                      Secrets secrets) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (environment.containsKey("PATH")) {
            builder.environment().put("PATH", environment.get("PATH"));
        }
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            int exit = process.waitFor();
            return new Result(exit, secrets.mask(output));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " ran", e);
        }
    }
}
