package dev.retort.dialect;

import dev.retort.RetortException;

/**
 * A column type the database does not have. The renderer turns it into an
 * {@link OperationNotSupportedException} naming the operation.
 */
public class UnsupportedTypeException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String wayOut;

    public UnsupportedTypeException(String reason, String wayOut) {
        super(reason + "; " + wayOut);
        this.reason = reason;
        this.wayOut = wayOut;
    }

    public String reason() {
        return reason;
    }

    public String wayOut() {
        return wayOut;
    }
}
