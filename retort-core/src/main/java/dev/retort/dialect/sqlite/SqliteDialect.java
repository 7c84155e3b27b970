package dev.retort.dialect.sqlite;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.schema.ColumnType;
import dev.retort.schema.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * SQLite: transactional DDL, no schemas to speak of, and an autoincrement key only as
 * {@code INTEGER PRIMARY KEY} written on the column itself.
 */
public final class SqliteDialect extends Dialect {

    /** The text form SQLite's own {@code CURRENT_TIMESTAMP} uses, plus milliseconds. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.TimestampType) {
            // stored as UTC text (see bindTimestamp); SQLite has no time zone type to name
            return "TIMESTAMP";
        }
        return super.typeName(type);
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new SqliteRenderer(this, context);
    }

    @Override
    protected String schemaForLookup(Connection connection, String schema) {
        return schema;
    }

    @Override
    protected String catalogForLookup(Connection connection, QualifiedName table) {
        return null;
    }

    @Override
    public Optional<Instant> readTimestamp(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            return Optional.empty();
        }
        // ours carry milliseconds; CURRENT_TIMESTAMP (offline scripts) does not
        String text = value.length() == 19 ? value + ".000" : value;
        return Optional.of(Instant.from(TIMESTAMP.parse(text)));
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        // text, readable in the sqlite3 shell (the driver would otherwise store epoch milliseconds)
        statement.setString(index, TIMESTAMP.format(instant));
    }
}
