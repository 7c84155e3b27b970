package dev.retort.hibernate;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The database Hibernate is told it creates the schema for, since it never connects: the server's
 * product name and version as its JDBC driver reports them. Hibernate picks its dialect from these
 * exactly as it does from a live connection (so the model gets the dialect the application gets),
 * and its dialects consult the version for what the server supports. Immutable.
 *
 * @param productName    {@link DatabaseMetaData#getDatabaseProductName()}: {@code PostgreSQL}, {@code H2}
 * @param productVersion {@link DatabaseMetaData#getDatabaseProductVersion()}
 * @param majorVersion   {@link DatabaseMetaData#getDatabaseMajorVersion()}
 * @param minorVersion   {@link DatabaseMetaData#getDatabaseMinorVersion()}
 */
public record TargetDatabase(String productName, String productVersion, int majorVersion, int minorVersion) {

    public TargetDatabase {
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(productVersion, "productVersion");
    }

    /** The server {@code metadata} describes. */
    public static TargetDatabase of(DatabaseMetaData metadata) throws SQLException {
        return new TargetDatabase(metadata.getDatabaseProductName(), metadata.getDatabaseProductVersion(),
                metadata.getDatabaseMajorVersion(), metadata.getDatabaseMinorVersion());
    }
}
