package dev.retort;

/** The database could not be reached or refused the login. */
public final class CannotConnectException extends RetortException {
    private static final long serialVersionUID = 1L;

    public CannotConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
