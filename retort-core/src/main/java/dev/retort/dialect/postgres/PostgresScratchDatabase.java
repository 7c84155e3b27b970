package dev.retort.dialect.postgres;

import dev.retort.introspect.ScratchDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A scratch schema on the target's own server, inside a transaction that is always rolled back:
 * PostgreSQL's DDL is transactional, so nothing is left behind, not even when the process is killed,
 * and the model is read by the very server version it will run on.
 *
 * <p>The model's unqualified names land in the scratch schema; but a model that has tables in other
 * schemas ({@code billing.invoices}) creates them under their own names, in the target's database,
 * where the target's {@code billing} already is. So the schemas compared besides the default one are
 * renamed out of the way first, in the same transaction: the model then creates its own, and the
 * rollback gives the target's back their names. Other sessions go on seeing the committed names
 * meanwhile. Renaming a schema takes its owner (or a superuser), as creating it did.
 */
final class PostgresScratchDatabase implements ScratchDatabase {

    private final Connection connection;
    private final boolean autoCommit;
    private final String searchPath;

    PostgresScratchDatabase(Connection connection, List<String> schemas) throws SQLException {
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
            hide(statement, present(schemas), schema);
            // the model's unqualified names land in the scratch schema; public stays reachable for
            // the extensions installed there (their types and operator classes)
            statement.execute("SET LOCAL search_path TO " + schema + ", public");
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Which of the schemas the target has (the default one never counts: the model's goes to the scratch). */
    private List<String> present(List<String> schemas) throws SQLException {
        List<String> present = new ArrayList<>();
        if (schemas.isEmpty()) {
            return present;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nspname FROM pg_namespace WHERE nspname = ANY(?) AND nspname <> current_schema()"
                        + " ORDER BY nspname")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        return present;
    }

    private static void hide(Statement statement, List<String> schemas, String scratch) throws SQLException {
        PostgresDialect dialect = new PostgresDialect();
        int n = 0;
        for (String name : schemas) {
            try {
                statement.execute("ALTER SCHEMA " + dialect.identifier(name) + " RENAME TO " + scratch + "_" + ++n);
            } catch (SQLException e) {
                throw new SQLException("Cannot compare schema " + name + " with the model: the model is made in a"
                        + " scratch transaction on the target's database, where " + name + " must be renamed out of"
                        + " the model's way until it rolls back, and PostgreSQL refused: "
                        + String.valueOf(e.getMessage()).strip() + ". Compare as the schema's owner, or leave " + name
                        + " out of autogenerate_schemas", e.getSQLState(), e);
            }
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
