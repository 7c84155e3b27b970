package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.dialect.h2.H2Dialect;
import dev.retort.dialect.mysql.MySqlDialect;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.dialect.sqlite.SqliteDialect;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Finds the dialect of a database, from its name, a JDBC URL or a live connection. */
public final class Dialects {

    /** The names {@link #forName} accepts, for messages. */
    public static final List<String> NAMES = List.of("postgresql", "mysql", "mariadb", "sqlite", "h2");

    private Dialects() {
    }

    /** By name, as given to {@code --dialect}: postgresql (or postgres, pg), mysql, mariadb, sqlite, h2. */
    public static Dialect forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pg" -> new PostgresDialect();
            case "mysql" -> new MySqlDialect(false);
            case "mariadb" -> new MySqlDialect(true);
            case "sqlite" -> new SqliteDialect();
            case "h2" -> new H2Dialect();
            default -> throw new RetortException("Unknown dialect '" + name + "'; use one of "
                    + String.join(", ", NAMES));
        };
    }

    /** By JDBC URL prefix, for offline scripts that never connect. */
    public static Dialect forJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:mysql:")) {
            return new MySqlDialect(false);
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return new MySqlDialect(true);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        throw new RetortException("No dialect for JDBC URL '" + jdbcUrl.replaceAll("[?;].*", "")
                + "'; retort supports PostgreSQL, MySQL, MariaDB, SQLite and H2 (give --dialect for offline SQL)");
    }

    /** From a live connection's metadata. MariaDB reached through MySQL's driver still counts as MariaDB. */
    public static Dialect forMetaData(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = String.valueOf(meta.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (product.contains("mariadb") || product.contains("mysql") && version.contains("mariadb")) {
            return new MySqlDialect(true);
        }
        if (product.contains("mysql")) {
            return new MySqlDialect(false);
        }
        if (product.contains("sqlite")) {
            return new SqliteDialect();
        }
        if (product.equals("h2")) {
            return new H2Dialect();
        }
        throw new RetortException("Unsupported database '" + meta.getDatabaseProductName()
                + "'; retort supports PostgreSQL, MySQL, MariaDB, SQLite and H2");
    }
}
