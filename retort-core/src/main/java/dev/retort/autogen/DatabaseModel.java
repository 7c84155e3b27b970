package dev.retort.autogen;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Another database as the model ({@code retort diff --from URL --to URL}): read directly, no scratch
 * database needed. It must be of the target's kind, so that both are read the same way.
 */
public final class DatabaseModel implements ModelSource {

    private final String jdbcUrl;
    private final Properties properties;
    private final String shown;

    /**
     * @param jdbcUrl    the model database's JDBC URL
     * @param properties driver properties (credentials)
     * @param shown      how messages name it, without a password
     */
    public DatabaseModel(String jdbcUrl, Properties properties, String shown) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.properties = (Properties) properties.clone();
        this.shown = Objects.requireNonNull(shown, "shown");
    }

    @Override
    public DatabaseSchema read(Dialect dialect, Connection target, IntrospectionFilter filter) throws SQLException {
        return read(dialect, filter);
    }

    /** Reads the model database, checking that it is of the target's kind. */
    public DatabaseSchema read(Dialect dialect, IntrospectionFilter filter) throws SQLException {
        try (Connection connection = connect()) {
            Dialect its = Dialects.forMetaData(connection.getMetaData());
            if (!its.name().equals(dialect.name())) {
                throw new RetortException(shown + " is a " + its.displayName() + " database and the target a "
                        + dialect.displayName() + " one; compare databases of one kind");
            }
            return dialect.introspector().read(connection, filter);
        }
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw new RetortException("Cannot connect to " + shown + ": " + String.valueOf(e.getMessage()).strip()
                    .replaceAll("\\s*\\R\\s*", " "), e);
        }
    }

    @Override
    public String describe() {
        return shown;
    }
}
