package dev.retort.dialect.sqlite;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.Operation;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fresh SQLite file and a connection to it, on which operations run as the runner runs them:
 * rendered online (reading the tables they need) inside a transaction, then committed.
 */
final class SqliteHarness implements AutoCloseable {

    final SqliteDialect dialect = new SqliteDialect();
    final FreshDatabase database;
    final Connection connection;

    private SqliteHarness(FreshDatabase database) throws SQLException {
        this.database = database;
        this.connection = database.connect();
    }

    static SqliteHarness fresh() throws SQLException {
        return new SqliteHarness(TestDatabases.fresh(DatabaseKind.SQLITE));
    }

    /** What renderers read while a migration runs: the tables, through this connection. */
    RenderContext online() {
        return new RenderContext() {
            @Override
            public boolean offline() {
                return false;
            }

            @Override
            public Optional<Table> table(QualifiedName name) {
                try {
                    return dialect.readTable(connection, name);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Optional<Connection> connection() {
                return Optional.of(connection);
            }
        };
    }

    List<RenderedStatement> render(Operation operation) {
        return dialect.render(operation, online());
    }

    /** Renders and runs each operation in one transaction, rendering each only after the one before ran. */
    SqliteHarness apply(Operation... operations) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (Operation operation : operations) {
                for (RenderedStatement statement : render(operation)) {
                    run(statement);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return this;
    }

    private void run(RenderedStatement statement) throws SQLException {
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
    }

    /** Runs SQL in autocommit mode. */
    SqliteHarness execute(String... statements) throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            for (String sql : statements) {
                jdbc.execute(sql);
            }
        }
        return this;
    }

    /** The rows of a query, each as its values joined by {@code |}. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement jdbc = connection.createStatement(); ResultSet rs = jdbc.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /** The CREATE statement SQLite keeps for an object. */
    String definition(String name) throws SQLException {
        List<String> sql = rows("SELECT sql FROM sqlite_master WHERE name = '" + name.replace("'", "''") + "'");
        return sql.isEmpty() ? null : sql.get(0);
    }

    SchemaSnapshot snapshot() throws SQLException {
        return SchemaSnapshot.of(connection);
    }

    Table table(String name) throws SQLException {
        return dialect.readTable(connection, QualifiedName.of(name)).orElseThrow();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
