package dev.retort.dialect.h2;

import dev.retort.dialect.Dialect;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** H2 2.x: DDL commits implicitly, unquoted names are stored in upper case. */
public final class H2Dialect extends Dialect {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("value", "row", "rownum", "year", "month", "day", "hour",
            "minute", "second", "interval", "qualify", "top", "minus", "regexp", "array");

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    protected boolean reserved(String lowerCaseName) {
        return RESERVED.contains(lowerCaseName);
    }

    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.TextType) {
            // unbounded VARCHAR (up to 1,000,000 characters), comparable unlike CLOB
            return "CHARACTER VARYING";
        }
        return super.typeName(type);
    }

    @Override
    public String catalogName(String name) {
        return PLAIN.matcher(name).matches() && identifier(name).equals(name) ? name.toUpperCase(Locale.ROOT) : name;
    }

    @Override
    public dev.retort.introspect.Introspector introspector() {
        return new H2Introspector();
    }

    /** A new in-memory H2 database with the target's mode and name folding (see {@link H2ScratchDatabase}). */
    @Override
    public ScratchDatabase scratchDatabase(Connection connection) throws SQLException {
        return H2ScratchDatabase.besides(connection);
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
}
