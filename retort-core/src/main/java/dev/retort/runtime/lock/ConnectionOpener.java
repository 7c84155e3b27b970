package dev.retort.runtime.lock;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens the dedicated connection a lock is held on. */
@FunctionalInterface
public interface ConnectionOpener {

    /**
     * A new connection to the database being migrated.
     *
     * @param applicationName how the connection should name itself to the server where the driver
     *                        takes a name when connecting (MySQL's {@code program_name})
     */
    Connection open(String applicationName) throws SQLException;

    /** {@link #open}, with a failure that says what the connection was for. */
    static Connection openForLock(ConnectionOpener opener, String applicationName) throws SQLException {
        try {
            return opener.open(applicationName);
        } catch (SQLException e) {
            throw new SQLException("cannot open the connection that holds the migration lock (a command that writes"
                    + " uses two: one runs the migrations, one holds the lock): " + e.getMessage(), e.getSQLState(),
                    e.getErrorCode(), e);
        }
    }
}
