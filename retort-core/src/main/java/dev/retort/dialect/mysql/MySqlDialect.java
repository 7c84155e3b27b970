package dev.retort.dialect.mysql;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * MySQL and MariaDB, which retort treats alike for now: DDL commits implicitly, names are quoted
 * with backticks, and a "schema" is a database, reached through JDBC's catalog.
 */
public final class MySqlDialect extends Dialect {

    private static final Set<String> RESERVED = Set.of("interval", "range", "rank", "row", "rows", "system",
            "window", "groups", "function", "keys", "lock", "read", "write", "match", "div", "mod");

    private final boolean mariadb;

    public MySqlDialect(boolean mariadb) {
        this.mariadb = mariadb;
    }

    @Override
    public String name() {
        return mariadb ? "mariadb" : "mysql";
    }

    @Override
    public String displayName() {
        return mariadb ? "MariaDB" : "MySQL";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public String beginTransactionSql() {
        return "START TRANSACTION";
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    protected boolean reserved(String lowerCaseName) {
        return RESERVED.contains(lowerCaseName);
    }

    @Override
    public String literal(String value) {
        // backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.TimestampType) {
            // DATETIME, not TIMESTAMP: no 2038 limit and no implicit ON UPDATE; retort stores UTC
            return "DATETIME(6)";
        }
        return super.typeName(type);
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new MySqlRenderer(this, context);
    }

    @Override
    protected String catalogForLookup(Connection connection, QualifiedName table) throws SQLException {
        return table.schema().orElse(connection.getCatalog());
    }

    @Override
    protected String schemaForLookup(Connection connection, String schema) {
        return null;
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Optional<Instant> readTimestamp(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return Optional.ofNullable(value).map(v -> v.toInstant(ZoneOffset.UTC));
    }

    @Override
    public String currentTimestampSql() {
        return "UTC_TIMESTAMP(6)";
    }
}
