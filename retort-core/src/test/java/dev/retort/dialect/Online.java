package dev.retort.dialect;

import dev.retort.ops.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Renders operations for a live connection (reading tables through the dialect, as the runner does)
 * and executes them, for tests that run operations on real databases without a revision around them.
 */
public final class Online {
    private Online() {
    }

    /** The connection's dialect, as the runner finds it. */
    public static Dialect dialect(Connection connection) throws SQLException {
        return Dialects.forMetaData(connection.getMetaData());
    }

    /** What renderers may read of this connection's database. */
    public static RenderContext context(Connection connection, Dialect dialect) {
        return new RenderContext() {
            @Override
            public boolean offline() {
                return false;
            }

            @Override
            public Optional<dev.retort.schema.Table> table(dev.retort.schema.QualifiedName name) {
                try {
                    return dialect.readTable(connection, name);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** The statements of an operation, rendered online. */
    public static List<RenderedStatement> render(Connection connection, Operation operation) throws SQLException {
        Dialect dialect = dialect(connection);
        return dialect.render(operation, context(connection, dialect));
    }

    /** Renders each operation online and runs its statements, one operation after the other. */
    public static void apply(Connection connection, List<Operation> operations) throws SQLException {
        Dialect dialect = dialect(connection);
        for (Operation operation : operations) {
            for (RenderedStatement statement : dialect.render(operation, context(connection, dialect))) {
                execute(connection, dialect, statement);
            }
        }
    }

    public static void apply(Connection connection, Operation... operations) throws SQLException {
        apply(connection, List.of(operations));
    }

    private static void execute(Connection connection, Dialect dialect, RenderedStatement statement)
            throws SQLException {
        try {
            if (statement.bindings().isEmpty()) {
                try (Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                }
                return;
            }
            try (PreparedStatement jdbc = connection.prepareStatement(statement.sql())) {
                for (List<Object> row : statement.bindings()) {
                    for (int i = 0; i < row.size(); i++) {
                        dialect.bind(jdbc, i + 1, row.get(i));
                    }
                    jdbc.addBatch();
                }
                jdbc.executeBatch();
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in: " + statement.sql(), e.getSQLState(), e.getErrorCode(), e);
        }
    }
}
