package dev.retort.introspect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An empty database of the target's kind, for reading a model back the way the target is read: the
 * model's DDL is applied here and introspected, so that defaults, checks and index expressions come
 * back in the server's own spelling on both sides. What it is depends on the database: a schema in
 * a transaction that is rolled back (PostgreSQL), an in-memory database (SQLite, H2), a database
 * dropped afterwards (MySQL, MariaDB). Closing it removes everything it held.
 *
 * <p>Not thread-safe; one per comparison.
 */
public interface ScratchDatabase extends AutoCloseable {

    /** The connection to apply the model to and to introspect; its default schema is the scratch one. */
    Connection connection();

    @Override
    void close() throws SQLException;
}
