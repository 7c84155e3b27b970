package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.script.ExecutionContext;
import dev.retort.script.MigrationBody;
import dev.retort.script.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The statements a migration body sends, in order, found by running it offline. Stateless. */
public final class Statements {

    private Statements() {
    }

    /**
     * The statements {@code body} sends to a database of {@code dialect}; empty when the body cannot
     * run offline (a Java migration that reads the database).
     */
    public static List<SqlStatement> of(MigrationBody body, Dialect dialect) {
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
                public void execute(SqlStatement statement, boolean transactional) {
                    statements.add(statement);
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
