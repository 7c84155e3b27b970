package dev.retort.config;

/**
 * A database URL that cannot be used: malformed, of an unknown scheme, or with a query parameter
 * that has no JDBC equivalent. The message is one line, shows the URL with its password masked,
 * and says how to write it instead.
 */
public class InvalidDatabaseUrlException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** @param message one line, already free of secrets */
    public InvalidDatabaseUrlException(String message) {
        super(message);
    }
}
