package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The path PG_JDBC_URL, MARIADB_JDBC_URL and MYSQL_JDBC_URL take, exercised against whichever server
 * {@link TestDatabases} uses (the embedded one unless those variables are set): a URL with
 * credentials and an extra parameter in it is taken as given, and only the database name changes.
 */
class EnvironmentOverrideTest {

    @Test
    void postgresKeepsTheGivenParametersAndCredentials() throws SQLException {
        FreshDatabase fresh =
                throughOverride(DatabaseKind.POSTGRES, "PG_JDBC_URL", "ApplicationName", "retort-override");

        try (Connection connection = DriverManager.getConnection(fresh.jdbcUrl())) {
            assertThat(scalar(connection, "SELECT current_database()")).isEqualTo(fresh.databaseName());
            assertThat(scalar(connection, "SELECT current_setting('application_name')")).isEqualTo("retort-override");
            assertThat(scalar(connection, "SELECT current_user")).isEqualTo(fresh.user());
        }
    }

    @Test
    void mariadbKeepsTheGivenParametersAndCredentials() throws SQLException {
        FreshDatabase fresh = throughOverride(DatabaseKind.MARIADB, "MARIADB_JDBC_URL", "connectTimeout", "5000");

        try (Connection connection = DriverManager.getConnection(fresh.jdbcUrl())) {
            assertThat(connection.getMetaData().getDriverName()).contains("MariaDB");
            assertThat(scalar(connection, "SELECT DATABASE()")).isEqualTo(fresh.databaseName());
            assertThat(scalar(connection, "SELECT USER()")).startsWith(fresh.user() + "@");
        }
    }

    @Test
    void mysqlKeepsTheGivenParametersAndCredentials() throws SQLException {
        FreshDatabase fresh = throughOverride(DatabaseKind.MYSQL, "MYSQL_JDBC_URL", "connectTimeout", "5000");

        try (Connection connection = DriverManager.getConnection(fresh.jdbcUrl())) {
            assertThat(connection.getMetaData().getDriverName()).isEqualTo("MySQL Connector/J");
            assertThat(scalar(connection, "SELECT DATABASE()")).isEqualTo(fresh.databaseName());
            assertThat(scalar(connection, "SELECT USER()")).startsWith(fresh.user() + "@");
        }
    }

    /**
     * A fresh database made the way {@code variable} would make it, from a URL of another fresh
     * database with the credentials and {@code key=value} in it.
     */
    private static FreshDatabase throughOverride(DatabaseKind kind, String variable, String key, String value) {
        FreshDatabase server = TestDatabases.fresh(kind);
        String given = ServerUrl.parse(kind, server.urlWithCredentials()).withParameter(key, value).toString();

        FreshDatabase fresh = ServerDatabases.external(kind, variable, given).create(TestDatabases.nextName());

        assertThat(fresh.jdbcUrl()).isEqualTo(given.replace("/" + server.databaseName() + "?",
                "/" + fresh.databaseName() + "?"));
        assertThat(fresh.user()).isEqualTo(server.user());
        assertThat(fresh.password()).isEqualTo(server.password());
        return fresh;
    }

    @Test
    void aMalformedUrlNamesTheVariableAndTheWayOut() {
        assertThatThrownBy(() -> ServerDatabases.external(DatabaseKind.POSTGRES, "PG_JDBC_URL", "postgres://h/test"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("PG_JDBC_URL is not a POSTGRES JDBC URL")
                .hasMessageContaining("jdbc:postgresql://host[:port]/")
                .hasMessageContaining("unset PG_JDBC_URL");
    }

    @Test
    void anUnreachableServerNamesTheVariableAndHidesThePassword() {
        assertThatThrownBy(() -> ServerDatabases.external(DatabaseKind.POSTGRES, "PG_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:1/test?user=u&password=hunter2&connectTimeout=2"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("Could not connect to the POSTGRES server PG_JDBC_URL names")
                .hasMessageContaining("unset PG_JDBC_URL")
                .hasMessageNotContaining("hunter2");
    }

    private static String scalar(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
