package dev.retort;

/**
 * Base of every failure retort reports to its user. The message is one line that says what is
 * wrong and, where there is one, what gets the user out; the command line prints it as
 * {@code FAILED: <message>}. Subclasses name the kind of failure.
 */
public class RetortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetortException(String message) {
        super(message);
    }

    public RetortException(String message, Throwable cause) {
        super(message, cause);
    }
}
