package dev.retort.testkit;

/**
 * A test database could not be had: its server did not start, the server an environment variable
 * names could not be reached, or it refused to create a fresh database. The message says which
 * database, what was tried and how to fix it or point the tests at another server.
 *
 * <p>Tests must let it fail the test: a database that cannot start is never a reason to skip.
 * Immutable once thrown, like any exception here.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code failure} and its causes in one line, for a message: the libraries wrap the telling
     * cause ("Nothing found at classpath*:…") in generic ones ("Error unpacking embedded DB").
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
