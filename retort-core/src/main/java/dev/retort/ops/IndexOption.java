package dev.retort.ops;

/** How {@code op.createIndex} and {@code op.dropIndex} go about it. */
public enum IndexOption {
    /** PostgreSQL {@code CONCURRENTLY}: no write lock; retort runs it outside a transaction. Ignored elsewhere. */
    CONCURRENTLY,
    /** {@code CREATE INDEX IF NOT EXISTS}. */
    IF_NOT_EXISTS,
    /** {@code DROP INDEX IF EXISTS}. */
    IF_EXISTS
}
