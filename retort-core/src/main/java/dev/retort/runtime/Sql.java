package dev.retort.runtime;

import dev.retort.dialect.RenderedStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Executes rendered statements; no parameters, no results. */
final class Sql {
    private Sql() {
    }

    static void executeAll(Connection connection, List<RenderedStatement> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (RenderedStatement sql : statements) {
                statement.execute(sql.sql());
            }
        }
    }
}
