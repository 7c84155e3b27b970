package dev.retort.runtime;

import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.varchar;

import dev.retort.RetortException;
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
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The history table: one row per step that ran, succeeded or failed (Alembic has none; Flyway's
 * {@code flyway_schema_history} is the model). It is how retort can say what an unknown revision
 * in the version table was, and where a failed migration stopped.
 */
public final class HistoryTable {

    private static final List<String> COLUMNS = List.of("revision", "from_revisions", "to_revisions", "direction",
            "message", "script", "checksum", "started_at", "finished_at", "duration_ms", "db_user", "os_user",
            "hostname", "success", "failed_statement", "error", "tool_version", "statements_done");
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
                Column.of("statements_done", integer()),
                new PrimaryKey(Optional.of(ConstraintNames.of(name.name(), "_pk")), List.of("id"))), ifNotExists);
    }

    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, name);
    }

    public void ensure(Connection connection) throws SQLException {
        if (!exists(connection)) {
            Sql.executeAll(connection, dialect.render(definition(false)));
        } else {
            requireProgressColumn(connection);
        }
    }

    /**
     * History tables made before retort recorded progress lack {@code statements_done}; say how to add
     * it rather than fail on an INSERT. (No release made such a table, so there is no automatic upgrade.)
     */
    private void requireProgressColumn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT " + dialect.identifier("statements_done") + " FROM " + dialect.table(name)
                    + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw new RetortException("The history table " + name + " was made by an older retort and lacks the"
                    + " column statements_done; add it with: ALTER TABLE " + dialect.table(name) + " ADD "
                    + dialect.identifier("statements_done") + " INTEGER", e);
        }
    }

    /** A query of the table failed: say so plainly if it is for want of {@code statements_done}. */
    private SQLException explained(Connection connection, SQLException e) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        requireProgressColumn(connection);
        return e;
    }

    /** Appends one row (the id is generated). */
    public void record(Connection connection, HistoryEntry entry) throws SQLException {
        insert(connection, entry, false);
    }

    /**
     * Appends one row and returns the id the database gave it, for a row that {@link #finish} will
     * complete: the record of a step whose statements commit as they run.
     */
    public long start(Connection connection, HistoryEntry entry) throws SQLException {
        return insert(connection, entry, true);
    }

    private long insert(Connection connection, HistoryEntry entry, boolean returnId) throws SQLException {
        try (PreparedStatement statement = returnId
                ? connection.prepareStatement(insertSql(), Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(insertSql())) {
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
            statement.setString(i++, entry.toolVersion());
            statement.setInt(i, entry.statementsDone());
            statement.executeUpdate();
            if (!returnId) {
                return 0;
            }
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new row of " + name);
                }
                // PostgreSQL returns the whole row (id first), the others the generated key alone
                return keys.getLong(1);
            }
        }
    }

    /** Records that the statements of a started step up to {@code statementsDone} ran. */
    public void progress(Connection connection, long id, int statementsDone) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + dialect.table(name) + " SET "
                + dialect.identifier("statements_done") + " = ? WHERE " + dialect.identifier("id") + " = ?")) {
            statement.setInt(1, statementsDone);
            statement.setLong(2, id);
            statement.executeUpdate();
        }
    }

    /** Completes the row {@link #start} wrote with how the step ended. */
    public void finish(Connection connection, long id, HistoryEntry entry) throws SQLException {
        String sql = "UPDATE " + dialect.table(name) + " SET " + String.join(", ", Stream.of("finished_at",
                "duration_ms", "success", "failed_statement", "error", "statements_done")
                .map(c -> dialect.identifier(c) + " = ?").toList()) + " WHERE " + dialect.identifier("id") + " = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
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
            statement.setBoolean(i++, entry.success());
            if (entry.failedStatement().isPresent()) {
                statement.setInt(i++, entry.failedStatement().get());
            } else {
                statement.setNull(i++, Types.INTEGER);
            }
            statement.setString(i++, entry.error().map(HistoryTable::truncate).orElse(null));
            statement.setInt(i++, entry.statementsDone());
            statement.setLong(i, id);
            if (statement.executeUpdate() != 1) {
                throw new SQLException("row " + id + " of " + name + " is gone");
            }
        }
    }

    /**
     * The steps that did not finish and left part of their work behind ({@link HistoryEntry#unfinished}),
     * oldest first, leaving out those that a later row about the same revision supersedes (a repair,
     * or a run that got further). Empty when the table does not exist.
     */
    public List<HistoryEntry> unfinished(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        String sql = "SELECT " + dialect.identifier("id") + ", " + columnList() + " FROM " + dialect.table(name)
                + " WHERE " + dialect.identifier("success") + " = ? AND (" + dialect.identifier("statements_done")
                + " > 0 OR " + dialect.identifier("finished_at") + " IS NULL) ORDER BY " + dialect.identifier("id");
        List<HistoryEntry> candidates = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBoolean(1, false);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    HistoryEntry entry = entry(rs);
                    if (entry.unfinished()) {
                        candidates.add(entry);
                    }
                }
            }
        } catch (SQLException e) {
            throw explained(connection, e);
        }
        List<HistoryEntry> open = new ArrayList<>();
        // only a later step of the same revision, or its repair, supersedes it (a rehash does not)
        String latest = "SELECT MAX(" + dialect.identifier("id") + ") FROM " + dialect.table(name) + " WHERE "
                + dialect.identifier("revision") + " = ? AND " + dialect.identifier("direction") + " IN ('"
                + Direction.UPGRADE.label() + "', '" + Direction.DOWNGRADE.label() + "', '" + Direction.REPAIR.label()
                + "')";
        for (HistoryEntry candidate : candidates) {
            try (PreparedStatement statement = connection.prepareStatement(latest)) {
                statement.setString(1, candidate.revision());
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getLong(1) == candidate.id()) {
                        open.add(candidate);
                    }
                }
            }
        }
        return open;
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
                dialect.literal(entry.toolVersion()),
                "0");
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
        } catch (SQLException e) {
            throw explained(connection, e);
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
                nullToEmpty(rs.getString("tool_version")),
                rs.getInt("statements_done"));
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
