package dev.retort.dialect;

import dev.retort.RetortException;

/**
 * An operation that a database cannot perform, refused before anything runs. The message names the
 * operation, the database, why, and the way out.
 */
public class OperationNotSupportedException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String database;

    public OperationNotSupportedException(String operation, String database, String reason, String wayOut) {
        super(database + " cannot " + operation + ": " + reason + (wayOut.isEmpty() ? "" : ". " + wayOut));
        this.operation = operation;
        this.database = database;
    }

    /** The refused operation, as {@link dev.retort.ops.Operation#describe()} says it. */
    public String operation() {
        return operation;
    }

    /** The database's display name. */
    public String database() {
        return database;
    }
}
