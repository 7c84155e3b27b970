package dev.retort.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process, in a given working directory, capturing what it prints. */
final class Cli {

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();

    Cli(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        // keep the revision index of these runs inside the test's directory, not in the user's home
        environment.put("RETORT_CACHE_DIR", workingDirectory.resolve(".retort-cache").toString());
    }

    Cli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(arguments, outStream, errStream, environment, workingDirectory);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What one command printed and returned. */
    record Result(int status, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
