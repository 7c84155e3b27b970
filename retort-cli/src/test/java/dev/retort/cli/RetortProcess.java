package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The command line in a JVM of its own ({@code java -cp <this test's classpath> dev.retort.cli.Main …}),
 * as a deployment runs it: a separate operating-system process that can be killed with SIGKILL. Its
 * stdout and stderr are collected line by line, and a test can wait for a line.
 */
final class RetortProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final CompletableFuture<Void> drained;
    private volatile Predicate<String> awaited = line -> false;
    private volatile CountDownLatch seen = new CountDownLatch(1);

    private RetortProcess(Process process) {
        this.process = process;
        CompletableFuture<Void> stdout = CompletableFuture.runAsync(() -> drain(process.getInputStream(), out));
        CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> drain(process.getErrorStream(), err));
        this.drained = CompletableFuture.allOf(stdout, stderr);
    }

    /**
     * Starts {@code retort ARGS…} in {@code workingDirectory}, with the revision-header cache and
     * SQLite's native library in {@code cache} (shared by the processes of a test, as on one host).
     */
    static RetortProcess start(Path workingDirectory, Path cache, String... args) {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath).as("the test classpath, for the child JVM").contains("retort-core");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", classpath,
                // as bin/retort starts it: short-lived, so C1 only and the serial collector
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Xmx256m",
                "dev.retort.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("RETORT_CACHE_DIR", cache.toString());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("RETORT_CONFIG");
        try {
            Files.createDirectories(cache);
            return new RetortProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain(java.io.InputStream stream, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                }
                if (awaited.test(line)) {
                    seen.countDown();
                }
            }
        } catch (IOException e) {
            // the process was killed: its pipes close
        }
    }

    /**
     * Waits until stderr shows a line that {@code line} accepts (only lines printed from now on).
     *
     * @return false if the process ended or the time passed first
     */
    boolean awaitStderr(Predicate<String> line, long seconds) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        seen = latch;
        awaited = line;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (latch.await(10, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return latch.getCount() == 0;
            }
        }
        return false;
    }

    /** SIGKILL: the process gets no chance to clean up, as with kill -9, the OOM killer or a pod eviction. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Kills the process if it still runs, so that a failed test leaves none behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to end and its output to be read; its exit status. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("retort did not finish within " + seconds + " s:\n" + output());
        }
        drained.join();
        return process.exitValue();
    }

    synchronized List<String> stderr() {
        return List.copyOf(err);
    }

    synchronized String output() {
        return "--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
    }
}
