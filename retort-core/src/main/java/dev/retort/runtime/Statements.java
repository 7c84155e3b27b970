package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.script.ExecutionContext;
import dev.retort.script.MigrationBody;
import dev.retort.script.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The statements a migration body sends, in order, found by running it offline. Stateless. */
public final class Statements {

    private Statements() {
    }

    /**
     * The statements {@code body} sends to a database of {@code dialect}, rendered as for an offline
     * script; empty when the body cannot run offline (a Java migration that reads the database).
     */
    public static List<SqlStatement> of(MigrationBody body, Dialect dialect, Map<String, String> arguments) {
        List<SqlStatement> statements = new ArrayList<>();
        try {
            body.run(new ExecutionContext() {
                @Override
                public Dialect dialect() {
                    return dialect;
                }

                @Override
                public boolean isOffline() {
                    return true;
                }

                @Override
                public void execute(SqlStatement statement, boolean transactional, List<List<Object>> bindings) {
                    statements.add(statement);
                }

                @Override
                public RenderContext renderContext() {
                    return RenderContext.OFFLINE;
                }

                @Override
                public Map<String, String> arguments() {
                    return arguments;
                }

                @Override
                public Connection connection() {
                    throw new IllegalStateException("listing statements");
                }
            });
        } catch (SQLException | RuntimeException e) {
            return List.of();
        }
        return statements;
    }
}
