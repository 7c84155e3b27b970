package dev.retort;

import dev.retort.backup.BackupTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

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

    /**
     * How external backup tools reach the database: by default (a DataSource) nothing is known but
     * what the connection's metadata tells, and tools find passwords where they usually do.
     */
    default BackupTarget backupTarget(Map<String, String> environment) {
        return new BackupTarget(Optional.empty(), Optional.empty(), Optional.empty(), environment);
    }
}
