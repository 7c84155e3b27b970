package dev.retort.introspect;

import dev.retort.RetortException;

/**
 * The database holds something that retort cannot read into its schema model (a definition its
 * reader does not follow, a view with a column list), or the filter asks for what the database does
 * not have. The message names the object and how to leave it out of the comparison.
 */
public class CannotReadSchemaException extends RetortException {
    private static final long serialVersionUID = 1L;

    public CannotReadSchemaException(String message) {
        super(message);
    }

    public CannotReadSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
