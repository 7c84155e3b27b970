package dev.retort.dialect;

/**
 * How a database lets one migrating process keep the others out: the strongest means each offers
 * whose lock dies with its holder, so that a killed process never leaves a stale lock behind
 * (shared/reference/peers.md §2: Liquibase's lock row outlives a killed pod; Flyway's transactional
 * PostgreSQL lock deadlocks {@code CREATE INDEX CONCURRENTLY}).
 */
public enum MigrationLockMethod {
    /**
     * PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock}) taken on a dedicated
     * connection and held outside any transaction; the server frees it when that session ends.
     */
    ADVISORY_LOCK,
    /**
     * MySQL and MariaDB: a named lock ({@code GET_LOCK}) on a dedicated connection; freed when that
     * session ends, and untouched by the implicit commits of DDL.
     */
    NAMED_LOCK,
    /**
     * SQLite: an exclusive transaction on a small lock file next to the database, on a dedicated
     * connection; the operating system frees the file lock when the process ends. (Any lock on the
     * database file itself would also lock out the connection that runs the migrations.)
     */
    LOCK_FILE,
    /**
     * H2: a row lock on a one-row table, held by an open transaction on a dedicated connection; freed
     * when that session ends (and, in embedded mode, with the process that opened the database).
     */
    ROW_LOCK
}
