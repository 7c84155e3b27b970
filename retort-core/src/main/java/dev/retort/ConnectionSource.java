package dev.retort;

import java.sql.Connection;
import java.sql.SQLException;

/** Where connections come from: an application's DataSource, or a URL with credentials. */
interface ConnectionSource {

    Connection open() throws SQLException;

    /**
     * A further connection, to hold the migration lock while {@link #open()}'s runs the migrations.
     * Where the driver takes a name when connecting, the connection takes {@code applicationName}.
     */
    default Connection openDedicated(String applicationName) throws SQLException {
        return open();
    }

    /** The database as shown in messages, never with a password. */
    String describe();
}
