package dev.retort.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clean-up run when the JVM exits, newest first, from one shutdown hook.
 *
 * <p>One hook rather than one per server because the JVM runs hooks concurrently and in no order,
 * and a directory must be deleted only after the server that writes into it has stopped. Whatever
 * is registered first (the directory) is run last. Thread-safe.
 */
final class AtJvmExit {

    /** Clean-up that may fail; a failure is logged and the next action still runs. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AtJvmExit.class);
    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();
    /** A clean-up slower than this is logged, to tell which one holds up the JVM's exit. */
    private static final long SLOW_MILLIS = 10_000;
    private static boolean hookInstalled;

    private AtJvmExit() {
    }

    /** Runs {@code action} at JVM exit, before everything registered earlier. */
    static synchronized void register(String description, Action action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(AtJvmExit::runAll, "retort-testkit-cleanup"));
            hookInstalled = true;
        }
        ACTIONS.push(() -> {
            long startedAt = System.nanoTime();
            try {
                action.run();
                long millis = (System.nanoTime() - startedAt) / 1_000_000;
                if (millis > SLOW_MILLIS) {
                    LOG.warn("It took {} ms to {} at JVM exit", millis, description);
                }
            } catch (Exception e) {
                // One line: this runs while the JVM exits, often after the test report is written.
                LOG.warn("Could not {} at JVM exit: {}", description, DatabaseUnavailableException.describe(e));
            }
        });
    }

    private static void runAll() {
        List<Runnable> actions;
        synchronized (AtJvmExit.class) {
            actions = new ArrayList<>(ACTIONS);
            ACTIONS.clear();
        }
        actions.forEach(Runnable::run);
    }
}
