package dev.retort.config;

/**
 * The database family a URL names. Only a hint: the dialect in use is settled from the live
 * connection (product name and version); the hint serves where there is no connection, such as
 * offline {@code --sql} output.
 */
public enum DialectHint {
    SQLITE,
    POSTGRESQL,
    MYSQL,
    MARIADB,
    H2
}
