package dev.retort.runtime;

import static dev.retort.schema.Types.varchar;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.ops.CreateTable;
import dev.retort.schema.Column;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.revision.Revision;
import dev.retort.revision.VersionChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version table: one row per current head, no row = base, exactly as Alembic's
 * {@code alembic_version} (whose layout it shares, so {@code version_table = "alembic_version"}
 * adopts an Alembic-managed database). The column is {@code VARCHAR(255)} rather than Alembic's 32.
 *
 * <p>Online writes use bind parameters; offline scripts inline escaped literals.
 */
public final class VersionTable {

    static final String COLUMN = "version_num";

    private final Dialect dialect;
    private final QualifiedName name;

    public VersionTable(Dialect dialect, QualifiedName name) {
        this.dialect = dialect;
        this.name = name;
    }

    public QualifiedName name() {
        return name;
    }

    /** The table's definition; built with our own operations, never hand-written DDL. */
    public CreateTable definition() {
        return new CreateTable(Table.of(name, Column.of(COLUMN, varchar(Revision.MAX_ID_LENGTH)).notNull(),
                new PrimaryKey(Optional.of(ConstraintNames.of(name.name(), "_pkc")), List.of(COLUMN))), false);
    }

    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, name);
    }

    /** Creates the table when it is missing. */
    public void ensure(Connection connection) throws SQLException {
        if (!exists(connection)) {
            Sql.executeAll(connection, dialect.render(definition()));
        }
    }

    /** The stored heads, sorted; empty when the table is missing or empty. */
    public List<String> read(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + column() + " FROM " + dialect.table(name));
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        rows.sort(null);
        return rows;
    }

    /**
     * Applies one change, checking that an update or delete touched exactly one row (Alembic's
     * guard against a table changed under our feet).
     */
    public void apply(Connection connection, VersionChange change) throws SQLException {
        if (change instanceof VersionChange.Insert insert) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO " + dialect.table(name) + " (" + column() + ") VALUES (?)")) {
                statement.setString(1, insert.version());
                statement.executeUpdate();
            }
        } else if (change instanceof VersionChange.Delete delete) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM " + dialect.table(name) + " WHERE " + column() + " = ?")) {
                statement.setString(1, delete.version());
                expectOne(statement.executeUpdate(), "deleting '" + delete.version() + "'");
            }
        } else {
            VersionChange.Update update = (VersionChange.Update) change;
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE " + dialect.table(name) + " SET " + column() + " = ? WHERE " + column() + " = ?")) {
                statement.setString(1, update.to());
                statement.setString(2, update.from());
                expectOne(statement.executeUpdate(), "updating '" + update.from() + "' to '" + update.to() + "'");
            }
        }
    }

    /** The change as a statement with literals, for offline scripts. */
    public String render(VersionChange change) {
        if (change instanceof VersionChange.Insert insert) {
            return "INSERT INTO " + dialect.table(name) + " (" + column() + ") VALUES ("
                    + dialect.literal(insert.version()) + ")";
        }
        if (change instanceof VersionChange.Delete delete) {
            return "DELETE FROM " + dialect.table(name) + " WHERE " + column() + " = "
                    + dialect.literal(delete.version());
        }
        VersionChange.Update update = (VersionChange.Update) change;
        return "UPDATE " + dialect.table(name) + " SET " + column() + " = " + dialect.literal(update.to())
                + " WHERE " + column() + " = " + dialect.literal(update.from());
    }

    /** Deletes every row ({@code stamp --purge}). */
    public void purge(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + dialect.table(name))) {
            statement.executeUpdate();
        }
    }

    private String column() {
        return dialect.identifier(COLUMN);
    }

    private void expectOne(int count, String what) {
        if (count != 1) {
            throw new RetortException("Online migration expected to match one row when " + what + " in '" + name
                    + "'; " + count + " found. Another process may be changing the version table at the same time;"
                    + " run 'retort current' to see where the database stands");
        }
    }
}
