package dev.retort.dialect.postgres;

import dev.retort.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** PostgreSQL: transactional DDL, identity columns, {@code timestamptz}. */
public final class PostgresDialect extends Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public boolean supportsConcurrentIndexes() {
        return true;
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        // timestamptz: an OffsetDateTime is stored as the instant, whatever the session time zone
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
}
