package dev.retort.dialect.postgres;

import dev.retort.RetortException;

/**
 * Something PostgreSQL cannot do, found while writing one part of a statement (a name, a foreign
 * key's {@code MATCH}). {@link PostgresRenderer#render} turns it into the
 * {@link dev.retort.dialect.OperationNotSupportedException} that names the operation; outside a
 * rendering (the version table's name) its own message says what is wrong and what to do.
 */
final class PostgresRefusal extends RetortException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String wayOut;

    PostgresRefusal(String reason, String wayOut) {
        super(Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ". " + wayOut);
        this.reason = reason;
        this.wayOut = wayOut;
    }

    String reason() {
        return reason;
    }

    String wayOut() {
        return wayOut;
    }
}
