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

    private static final String MARK = "bench-time:";

    /**
     * What one run printed, how long it took from start to exit (wall clock, as a user waits), the
     * CPU time it used (user + system, from GNU time; -1 where /usr/bin/time is missing) and its
     * peak resident memory in KiB (likewise), and the share of all CPUs that other processes kept busy
     * meanwhile (the machine's busy time minus the run's own CPU time; NaN without GNU time).
     */
    record Run(long nanos, long cpuNanos, long peakRssKib, double othersBusy, String stdout, String stderr) {

        /** True when other processes used under 15% of the CPUs during the run. */
        boolean undisturbed() {
            return othersBusy < 0.15;
        }
    }

    /**
     * Runs {@code command} in {@code directory} with the environment changed by {@code environment}
     * (a null value removes the variable), under GNU time when it is there (which adds a fork and
     * an exec, about a millisecond). Fails unless it exits with status 0. The output goes to files,
     * so that writing it costs the process what writing to a file costs.
     */
    static Run run(List<String> command, Path directory, Map<String, String> environment) {
        boolean timed = Files.isExecutable(GNU_TIME);
        List<String> full = new ArrayList<>();
        if (timed) {
            full.addAll(List.of(GNU_TIME.toString(), "-f", MARK + " %U %S %M"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile(directory, ".bench-out", ".txt");
            Path err = Files.createTempFile(directory, ".bench-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(full).directory(directory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                Map<String, String> env = builder.environment();
                environment.forEach((name, value) -> {
                    if (value == null) {
                        env.remove(name);
                    } else {
                        env.put(name, value);
                    }
                });
                Machine.CpuTimes machineBefore = Machine.CpuTimes.now();
                long start = System.nanoTime();
                Process process = builder.start();
                int status = process.waitFor();
                long elapsed = System.nanoTime() - start;
                long machineBusy = Machine.CpuTimes.now().busyNanosSince(machineBefore);
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                long cpu = -1;
                long rss = -1;
                int mark = timed ? stderr.lastIndexOf(MARK) : -1;
                if (mark >= 0) {
                    String[] fields = stderr.substring(mark + MARK.length()).trim().split("\\s+");
                    cpu = Math.round((Double.parseDouble(fields[0]) + Double.parseDouble(fields[1])) * 1e9);
                    rss = Long.parseLong(fields[2]);
                    stderr = stderr.substring(0, mark);
                }
                if (status != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " in " + directory + " exited with "
                            + status + ": " + tail(stderr));
                }
                double others = cpu < 0 ? Double.NaN : Math.max(0, machineBusy - cpu)
                        / ((double) elapsed * Runtime.getRuntime().availableProcessors());
                return new Run(elapsed, cpu, rss, others, stdout, stderr);
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

    private static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= 2000 ? stripped : "…" + stripped.substring(stripped.length() - 2000);
    }
}
