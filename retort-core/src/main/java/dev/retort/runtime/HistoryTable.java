package dev.retort.runtime;

import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.varchar;

import dev.retort.dialect.Dialect;
import dev.retort.ops.CreateTable;
import dev.retort.schema.Column;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.runtime.HistoryEntry.Direction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The history table: one row per step that ran, succeeded or failed (Alembic has none; Flyway's
 * {@code flyway_schema_history} is the model). It is how retort can say what an unknown revision
 * in the version table was, and where a failed migration stopped.
 */
public final class HistoryTable {

    private static final List<String> COLUMNS = List.of("revision", "from_revisions", "to_revisions", "direction",
            "message", "script", "checksum", "started_at", "finished_at", "duration_ms", "db_user", "os_user",
            "hostname", "success", "failed_statement", "error", "tool_version");
    private static final int ERROR_LIMIT = 4000;

    private final Dialect dialect;
    private final QualifiedName name;

    public HistoryTable(Dialect dialect, QualifiedName name) {
        this.dialect = dialect;
        this.name = name;
    }

    public QualifiedName name() {
        return name;
    }

    /** The table's definition, built with our own operations. */
    public CreateTable definition(boolean ifNotExists) {
        return new CreateTable(Table.of(name,
                Column.of("id", bigint()).autoincrement(),
                Column.of("revision", varchar(255)).notNull(),
                Column.of("from_revisions", text()),
                Column.of("to_revisions", text()),
                Column.of("direction", varchar(16)).notNull(),
                Column.of("message", text()),
                Column.of("script", varchar(1000)),
                Column.of("checksum", varchar(64)),
                Column.of("started_at", timestampTz()).notNull(),
                Column.of("finished_at", timestampTz()),
                Column.of("duration_ms", bigint()),
                Column.of("db_user", varchar(255)),
                Column.of("os_user", varchar(255)),
                Column.of("hostname", varchar(255)),
                Column.of("success", bool()).notNull(),
                Column.of("failed_statement", integer()),
                Column.of("error", text()),
                Column.of("tool_version", varchar(64)),
                new PrimaryKey(Optional.of(ConstraintNames.of(name.name(), "_pk")), List.of("id"))), ifNotExists);
    }

    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, name);
    }

    public void ensure(Connection connection) throws SQLException {
        if (!exists(connection)) {
            Sql.executeAll(connection, dialect.render(definition(false)));
        }
    }

    /** Appends one row (the id is generated). */
    public void record(Connection connection, HistoryEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertSql())) {
            int i = 1;
            statement.setString(i++, entry.revision());
            statement.setString(i++, String.join(",", entry.fromRevisions()));
            statement.setString(i++, String.join(",", entry.toRevisions()));
            statement.setString(i++, entry.direction().label());
            statement.setString(i++, entry.message());
            statement.setString(i++, entry.script());
            statement.setString(i++, entry.checksum());
            dialect.bindTimestamp(statement, i++, entry.startedAt());
            if (entry.finishedAt().isPresent()) {
                dialect.bindTimestamp(statement, i++, entry.finishedAt().get());
            } else {
                statement.setNull(i++, Types.TIMESTAMP);
            }
            if (entry.durationMillis().isPresent()) {
                statement.setLong(i++, entry.durationMillis().get());
            } else {
                statement.setNull(i++, Types.BIGINT);
            }
            statement.setString(i++, entry.databaseUser());
            statement.setString(i++, entry.osUser());
            statement.setString(i++, entry.hostname());
            statement.setBoolean(i++, entry.success());
            if (entry.failedStatement().isPresent()) {
                statement.setInt(i++, entry.failedStatement().get());
            } else {
                statement.setNull(i++, Types.INTEGER);
            }
            statement.setString(i++, entry.error().map(HistoryTable::truncate).orElse(null));
            statement.setString(i, entry.toolVersion());
            statement.executeUpdate();
        }
    }

    /**
     * The row as an INSERT with literals, for offline scripts. Times are the database's clock
     * when the script runs; the database user is left empty (who runs the script is not known
     * when it is written).
     */
    public String render(HistoryEntry entry) {
        List<String> values = Arrays.asList(
                dialect.literal(entry.revision()),
                dialect.literal(String.join(",", entry.fromRevisions())),
                dialect.literal(String.join(",", entry.toRevisions())),
                dialect.literal(entry.direction().label()),
                dialect.literal(entry.message()),
                dialect.literal(entry.script()),
                entry.checksum() == null ? "NULL" : dialect.literal(entry.checksum()),
                dialect.currentTimestampSql(),
                dialect.currentTimestampSql(),
                "NULL",
                "NULL",
                dialect.literal(entry.osUser()),
                dialect.literal(entry.hostname()),
                dialect.literal(true),
                "NULL",
                "NULL",
                dialect.literal(entry.toolVersion()));
        return "INSERT INTO " + dialect.table(name) + " (" + columnList() + ") VALUES (" + String.join(", ", values)
                + ")";
    }

    /** All rows, oldest first; empty when the table does not exist. */
    public List<HistoryEntry> read(Connection connection) throws SQLException {
        return select(connection, "", null);
    }

    /** The newest row about this revision, if any. */
    public Optional<HistoryEntry> latestFor(Connection connection, String revision) throws SQLException {
        List<HistoryEntry> rows = select(connection, " WHERE " + dialect.identifier("revision") + " = ?", revision);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
    }

    private List<HistoryEntry> select(Connection connection, String where, String parameter) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        String sql = "SELECT " + dialect.identifier("id") + ", " + columnList() + " FROM " + dialect.table(name)
                + where + " ORDER BY " + dialect.identifier("id");
        List<HistoryEntry> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(entry(rs));
                }
            }
        }
        return rows;
    }

    private HistoryEntry entry(ResultSet rs) throws SQLException {
        long duration = rs.getLong("duration_ms");
        Optional<Long> durationMillis = rs.wasNull() ? Optional.empty() : Optional.of(duration);
        int failed = rs.getInt("failed_statement");
        Optional<Integer> failedStatement = rs.wasNull() ? Optional.empty() : Optional.of(failed);
        return new HistoryEntry(
                rs.getLong("id"),
                rs.getString("revision"),
                split(rs.getString("from_revisions")),
                split(rs.getString("to_revisions")),
                Direction.parse(rs.getString("direction")),
                nullToEmpty(rs.getString("message")),
                nullToEmpty(rs.getString("script")),
                rs.getString("checksum"),
                dialect.readTimestamp(rs, "started_at").orElse(Instant.EPOCH),
                dialect.readTimestamp(rs, "finished_at"),
                durationMillis,
                nullToEmpty(rs.getString("db_user")),
                nullToEmpty(rs.getString("os_user")),
                nullToEmpty(rs.getString("hostname")),
                rs.getBoolean("success"),
                failedStatement,
                Optional.ofNullable(rs.getString("error")),
                nullToEmpty(rs.getString("tool_version")));
    }

    private String insertSql() {
        return "INSERT INTO " + dialect.table(name) + " (" + columnList() + ") VALUES ("
                + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ")";
    }

    private String columnList() {
        return String.join(", ", COLUMNS.stream().map(dialect::identifier).toList());
    }

    private static List<String> split(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return List.of(value.split(","));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String truncate(String error) {
        return error.length() <= ERROR_LIMIT ? error : error.substring(0, ERROR_LIMIT) + "…";
    }
}
