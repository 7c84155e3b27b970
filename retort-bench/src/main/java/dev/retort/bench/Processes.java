package dev.retort.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a command as a whole process and times it, from start to exit, as a user waits for it. */
final class Processes {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private Processes() {
    }

    /** What one run printed and how long it took. */
    record Run(long nanos, String stdout, String stderr) {
    }

    /**
     * Runs {@code command} in {@code directory} with the environment changed by {@code environment}
     * (a null value removes the variable). Fails unless it exits with status 0. The output is kept in
     * files, so that writing it costs the process what writing to a file costs.
     */
    static Run run(List<String> command, Path directory, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile(directory, ".bench-out", ".txt");
            Path err = Files.createTempFile(directory, ".bench-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                Map<String, String> env = builder.environment();
                environment.forEach((name, value) -> {
                    if (value == null) {
                        env.remove(name);
                    } else {
                        env.put(name, value);
                    }
                });
                long start = System.nanoTime();
                Process process = builder.start();
                int status = process.waitFor();
                long elapsed = System.nanoTime() - start;
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                if (status != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " in " + directory + " exited with "
                            + status + ": " + tail(stderr));
                }
                return new Run(elapsed, stdout, stderr);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The peak resident memory of one run in MiB, from GNU time's {@code %M}, or -1 where
     * {@code /usr/bin/time} is missing. Not timed.
     */
    static long peakRssMib(List<String> command, Path directory, Map<String, String> environment) {
        if (!Files.isExecutable(GNU_TIME)) {
            return -1;
        }
        List<String> wrapped = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "rss-kib=%M"));
        wrapped.addAll(command);
        Run run = run(wrapped, directory, environment);
        String[] lines = run.stderr().strip().split("\n");
        String last = lines[lines.length - 1];
        if (!last.startsWith("rss-kib=")) {
            return -1;
        }
        return Long.parseLong(last.substring("rss-kib=".length()).trim()) / 1024;
    }

    private static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= 2000 ? stripped : "…" + stripped.substring(stripped.length() - 2000);
    }
}
