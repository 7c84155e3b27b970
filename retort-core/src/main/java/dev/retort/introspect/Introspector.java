package dev.retort.introspect;

import dev.retort.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads a live database into the schema model, with a number of queries that does not grow with
 * the number of tables. One implementation per dialect, next to its renderer.
 *
 * <p>Implementations are stateless and thread-safe; the connection is the caller's.
 */
public interface Introspector {

    /**
     * Reads what the filter lets through. The filter is applied to names before the details of a
     * table are read, so excluded tables cost nothing.
     */
    DatabaseSchema read(Connection connection, IntrospectionFilter filter) throws SQLException;
}
