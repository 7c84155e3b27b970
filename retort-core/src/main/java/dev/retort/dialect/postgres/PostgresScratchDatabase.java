package dev.retort.dialect.postgres;

import dev.retort.introspect.ScratchDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A scratch schema on the target's own server, inside a transaction that is always rolled back:
 * PostgreSQL's DDL is transactional, so nothing is left behind, not even when the process is killed,
 * and the model is read by the very server version it will run on.
 */
final class PostgresScratchDatabase implements ScratchDatabase {

    private final Connection connection;
    private final boolean autoCommit;
    private final String searchPath;

    PostgresScratchDatabase(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SHOW search_path")) {
            rs.next();
            this.searchPath = rs.getString(1);
        }
        connection.setAutoCommit(false);
        String schema = "retort_scratch_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            // the model's unqualified names land in the scratch schema; public stays reachable for
            // the extensions installed there (their types and operator classes)
            statement.execute("SET LOCAL search_path TO " + schema + ", public");
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(autoCommit);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT set_config('search_path', '" + searchPath.replace("'", "''") + "', false)");
            }
        }
    }
}
