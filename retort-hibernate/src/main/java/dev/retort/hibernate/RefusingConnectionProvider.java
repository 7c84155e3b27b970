package dev.retort.hibernate;

import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * The model's connection provider: there is no connection. Without one, Hibernate looks for a
 * provider in the settings, finds none, and warns on every boot that the application must supply
 * connections; with this one it knows, and a code path that would connect after all fails loudly.
 */
final class RefusingConnectionProvider implements ConnectionProvider {

    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLException("retort's JPA model never connects: Hibernate is given the database version instead");
    }

    @Override
    public void closeConnection(Connection connection) {
        // never opened one
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (!type.isInstance(this)) {
            throw new IllegalArgumentException("not a " + type.getName());
        }
        return type.cast(this);
    }
}
