package dev.retort.dialect.sqlite;

import dev.retort.introspect.ScratchDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A private in-memory SQLite database ({@code jdbc:sqlite::memory:}, which no other connection can
 * reach), made through the same driver as the target and so by the same SQLite library: what the
 * model's DDL means there is what it means on the target. It vanishes when closed.
 *
 * <p>Of the target's settings only {@code legacy_alter_table} is copied, as the one that changes what
 * DDL does: it decides whether {@code ALTER TABLE ... RENAME} rewrites the views and triggers that
 * name the table. The others change what data does, not the schema DDL leaves behind:
 * {@code foreign_keys} (SQLite checks no reference when a table is created, only when rows are
 * written), {@code recursive_triggers}, {@code case_sensitive_like}; and {@code encoding} and the
 * page settings change only how the file is stored.
 *
 * <p>Not thread-safe; one per comparison.
 */
final class SqliteScratchDatabase implements ScratchDatabase {

    private final Connection connection;

    SqliteScratchDatabase(Connection target) throws SQLException {
        boolean legacyAlterTable = flag(target, "PRAGMA legacy_alter_table");
        this.connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA legacy_alter_table = " + (legacyAlterTable ? "ON" : "OFF"));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean flag(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(pragma)) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
