package dev.retort.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One brand-new, empty database made by {@link TestDatabases#fresh(DatabaseKind)}, and how to reach
 * it. It lives until the JVM exits (embedded servers and the files of SQLite and H2 are deleted
 * then; on a server named by an environment variable it is dropped then, best effort).
 *
 * <p>Immutable and thread-safe; every method may be called from any thread, as often as wanted.
 *
 * @param kind         which database and driver
 * @param jdbcUrl      the URL to give the driver; carries credentials only if the URL of an
 *                     environment override did
 * @param user         the user to connect as; empty for SQLite and where the URL carries it
 * @param password     the password; empty when none is needed (the embedded servers need none)
 * @param databaseName the database's name on its server, or the file's base name for SQLite and
 *                     H2; lowercase letters, digits and underscores, so usable unquoted
 */
public record FreshDatabase(DatabaseKind kind, String jdbcUrl, String user, String password, String databaseName) {

    /** Checks that no component is null. */
    public FreshDatabase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(databaseName, "databaseName");
    }

    /**
     * Opens a new connection through {@link java.sql.DriverManager} with {@link #user()} and
     * {@link #password()} (each only if not empty). The caller closes it.
     */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * A plain {@link DataSource} on this database: each {@code getConnection()} opens a new
     * connection as {@link #connect()} does. No pool. Thread-safe.
     */
    public DataSource dataSource() {
        return new DriverManagerDataSource(jdbcUrl, user, password);
    }

    /**
     * {@link #jdbcUrl()} with {@link #user()} and {@link #password()} in it as URL parameters, for
     * passing to a command line as {@code --url}: {@code ?user=…&password=…} (percent-encoded where
     * the driver decodes) for the servers, {@code ;USER=…;PASSWORD=…} for H2, the URL unchanged for
     * SQLite. An empty user or password is left out.
     *
     * @throws IllegalArgumentException if a credential cannot be written into this kind of URL
     */
    public String urlWithCredentials() {
        return switch (kind) {
            case SQLITE -> jdbcUrl;
            case H2 -> h2UrlWithCredentials();
            case POSTGRES, MARIADB, MYSQL -> {
                ServerUrl url = ServerUrl.parse(kind, jdbcUrl);
                if (!user.isEmpty()) {
                    url = url.withParameter("user", user);
                }
                if (!password.isEmpty()) {
                    url = url.withParameter("password", password);
                }
                yield url.toString();
            }
        };
    }

    private String h2UrlWithCredentials() {
        if (user.contains(";") || password.contains(";")) {
            throw new IllegalArgumentException(
                    "H2 URL settings cannot contain ';': connect with connect() or dataSource() instead");
        }
        String url = user.isEmpty() ? jdbcUrl : jdbcUrl + ";USER=" + user;
        return password.isEmpty() ? url : url + ";PASSWORD=" + password;
    }

    /** Like the record's own, with the password hidden. */
    @Override
    public String toString() {
        return "FreshDatabase[kind=" + kind + ", jdbcUrl=" + ServerUrl.redact(jdbcUrl) + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "****") + ", databaseName=" + databaseName + "]";
    }
}
