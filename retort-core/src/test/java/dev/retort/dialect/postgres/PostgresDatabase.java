package dev.retort.dialect.postgres;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.ops.SetTableComment;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.testing.PostgresCatalogSnapshot;
import dev.retort.testing.SchemaSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs rendered operations on a live PostgreSQL connection, as the runner does, and reads the schema back. */
final class PostgresDatabase {

    /** Online rendering, which on PostgreSQL never reads a table. */
    static final RenderContext ONLINE = new RenderContext() {
        @Override
        public boolean offline() {
            return false;
        }

        @Override
        public Optional<Table> table(QualifiedName name) {
            throw new AssertionError("PostgreSQL renders without reading tables, asked for " + name);
        }
    };

    /** Schemas that cases create and look into besides their own. */
    static final List<String> OTHER_SCHEMAS = List.of("library", "archive", "stock", "spare", "catalog",
            "reporting", "scratch", "old_data", "extensions", "Bücher \"Archiv\"");

    /** Everything the tests compare: JDBC metadata and the catalog. */
    record Snapshot(SchemaSnapshot jdbc, PostgresCatalogSnapshot catalog) {
    }

    private PostgresDatabase() {
    }

    /** Renders the operation online and runs it, each statement committed at once (autocommit). */
    static void apply(Connection connection, Operation operation) throws SQLException {
        run(connection, PostgresCases.DIALECT.render(operation, ONLINE));
    }

    /** Runs the operation as the offline script has it (literals instead of parameters). */
    static void applyOffline(Connection connection, Operation operation) throws SQLException {
        run(connection, PostgresCases.DIALECT.render(operation, RenderContext.OFFLINE));
    }

    static void run(Connection connection, List<RenderedStatement> statements) throws SQLException {
        Dialect dialect = PostgresCases.DIALECT;
        connection.setAutoCommit(true);
        for (RenderedStatement statement : statements) {
            if (statement.bindings().isEmpty()) {
                execute(connection, statement.sql());
                continue;
            }
            try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                for (List<Object> row : statement.bindings()) {
                    for (int i = 0; i < row.size(); i++) {
                        dialect.bind(prepared, i + 1, row.get(i));
                    }
                    prepared.addBatch();
                }
                prepared.executeBatch();
            }
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        execute(connection, List.of(statements));
    }

    static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    jdbc.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + "\n  in: " + sql, e.getSQLState(), e);
                }
            }
        }
    }

    /** Creates the schema and makes it the connection's own (then {@code public}, for shared extensions). */
    static void enterSchema(Connection connection, String schema) throws SQLException {
        String quoted = PostgresCases.DIALECT.identifier(schema);
        execute(connection, "CREATE SCHEMA " + quoted, "SET search_path TO " + quoted + ", public");
    }

    static Snapshot snapshot(Connection connection, String schema) throws SQLException {
        return new Snapshot(SchemaSnapshot.of(connection), PostgresCatalogSnapshot.of(connection, schema,
                OTHER_SCHEMAS));
    }

    /**
     * As {@link #snapshot(Connection, String)}, with JDBC metadata only of the tables the operation
     * names (all of them where it names none): reading it takes a while per table. The catalog
     * snapshot still covers every table.
     */
    static Snapshot snapshot(Connection connection, String schema, Operation operation) throws SQLException {
        Set<String> tables = tables(operation);
        return new Snapshot(SchemaSnapshot.of(connection, t -> tables.isEmpty() || tables.contains(t)),
                PostgresCatalogSnapshot.of(connection, schema, OTHER_SCHEMAS));
    }

    /** The (unqualified names of the) tables an operation changes; empty when it changes none or cannot say. */
    static Set<String> tables(Operation op) {
        Set<String> tables = new HashSet<>();
        if (op instanceof CreateTable create) {
            tables.add(create.table().name().name());
        } else if (op instanceof DropTable drop) {
            tables.add(drop.table().name());
        } else if (op instanceof RenameTable rename) {
            tables.add(rename.table().name());
            tables.add(rename.newName());
        } else if (op instanceof SetTableComment comment) {
            tables.add(comment.table().name());
        } else if (op instanceof AddColumn add) {
            tables.add(add.table().name());
        } else if (op instanceof DropColumn drop) {
            tables.add(drop.table().name());
        } else if (op instanceof AlterColumn alter) {
            tables.add(alter.table().name());
        } else if (op instanceof CreateIndex create) {
            tables.add(create.index().table().name());
        } else if (op instanceof DropIndex drop && drop.table().isPresent()) {
            tables.add(drop.table().get().name());
        } else if (op instanceof AddConstraint add) {
            tables.add(add.table().name());
            if (add.constraint() instanceof ForeignKey foreignKey) {
                tables.add(foreignKey.referencedTable().name());
            }
        } else if (op instanceof DropConstraint drop) {
            tables.add(drop.table().name());
        } else if (op instanceof SetStorageParameters set) {
            tables.add(set.table().name());
        } else if (op instanceof ResetStorageParameters reset) {
            tables.add(reset.table().name());
        } else if (op instanceof BatchAlterTable batch) {
            tables.add(batch.table().name());
        }
        return tables;
    }
}
