package dev.retort.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translations of {@link DatabaseUrl} checked against the JDBC drivers the CLI ships: SQLite
 * and H2 by connecting, PostgreSQL, MySQL and MariaDB by their drivers' own URL parsers (no
 * server needed). Also pins the driver behaviour that {@link DatabaseUrl} relies on.
 */
class DatabaseUrlDriverTest {
    @TempDir
    Path dir;

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties());
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void sqliteRelativeFileIsCreatedUnderTheBaseDirectoryWithItsPragmas() throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse("sqlite:///data.db?timeout=2.5&journal_mode=WAL", dir);

        try (Connection c = connect(url)) {
            assertThat(query(c, "PRAGMA busy_timeout")).isEqualTo("2500");
            assertThat(query(c, "PRAGMA journal_mode")).isEqualTo("wal");
        }
        assertThat(dir.resolve("data.db")).exists();
    }

    @Test
    void sqliteInMemory() throws SQLException {
        try (Connection c = connect(DatabaseUrl.parse("sqlite://", dir))) {
            assertThat(query(c, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void h2RelativeFileIsCreatedUnderTheBaseDirectory() throws SQLException {
        try (Connection c = connect(DatabaseUrl.parse("h2:file:data/app", dir))) {
            assertThat(query(c, "SELECT 1")).isEqualTo("1");
        }
        assertThat(Files.exists(dir.resolve("data/app.mv.db"))).isTrue();
    }

    @Test
    void h2CredentialsStayInTheUrlBecauseH2RefusesThemTwice() throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse("h2:mem:creds;USER=bob;PASSWORD=s3cret", dir);

        try (Connection c = connect(url)) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("BOB");
        }
        Properties twice = new Properties();
        twice.setProperty("user", "alice");
        assertThatThrownBy(() -> DriverManager.getConnection(url.jdbcUrl(), twice))
                .hasMessageContaining("Duplicate property");
    }

    @Test
    void pgjdbcReadsTheTranslatedUrl() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql+asyncpg://bob:p%40ss@[::1]:5433/app?ssl=require&application_name=retort&connect_timeout=7",
                dir);

        Properties parsed = org.postgresql.Driver.parseURL(url.jdbcUrl(), new Properties());

        assertThat(parsed).isNotNull();
        assertThat(parsed.getProperty("PGHOST")).isEqualTo("[::1]");
        assertThat(parsed.getProperty("PGPORT")).isEqualTo("5433");
        assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("app");
        assertThat(parsed.getProperty("sslmode")).isEqualTo("require");
        assertThat(parsed.getProperty("ApplicationName")).isEqualTo("retort");
        assertThat(parsed.getProperty("connectTimeout")).isEqualTo("7");
        assertThat(parsed.getProperty("user")).isNull();
        assertThat(url.connectionProperties().getProperty("password")).isEqualTo("p@ss");
    }

    @Test
    void pgjdbcRejectsUserBeforeHostWhichIsWhyDatabaseUrlDoes() {
        assertThat(org.postgresql.Driver.parseURL("jdbc:postgresql://bob:secret@localhost/db", new Properties()))
                .isNull();
        String withPassword = "jdbc:postgresql://h/db?password=p%40ss+x";
        Properties parsed = org.postgresql.Driver.parseURL(withPassword, new Properties());
        assertThat(parsed.getProperty("password"))
                .isEqualTo(DatabaseUrl.parse(withPassword, dir).password().orElseThrow());
    }

    @Test
    void mariadbReadsTheTranslatedUrlAndRejectsUserBeforeHost() throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse("mariadb+mariadbconnector://bob:p%40ss@db.example:3307/app", dir);

        org.mariadb.jdbc.Configuration conf = org.mariadb.jdbc.Configuration.parse(url.jdbcUrl());

        assertThat(conf.database()).isEqualTo("app");
        assertThat(conf.addresses()).hasSize(1);
        assertThat(conf.addresses().get(0).host).isEqualTo("db.example");
        assertThat(conf.addresses().get(0).port).isEqualTo(3307);
        assertThatThrownBy(() -> org.mariadb.jdbc.Configuration.parse("jdbc:mariadb://bob:secret@localhost/db"))
                .isInstanceOf(SQLException.class);
        // MariaDB Connector/J does not percent-decode ?password=, so neither does DatabaseUrl
        String raw = "jdbc:mariadb://h/db?user=bob&password=p%40ss";
        assertThat(org.mariadb.jdbc.Configuration.parse(raw).password())
                .isEqualTo(DatabaseUrl.parse(raw, dir).password().orElseThrow());
    }

    @Test
    void mysqlConnectorReadsTheTranslatedUrlAndUserBeforeHost() {
        DatabaseUrl url = DatabaseUrl.parse("mysql+pymysql://bob:pw@db.example/app?connect_timeout=3", dir);

        com.mysql.cj.conf.HostInfo host = com.mysql.cj.conf.ConnectionUrl
                .getConnectionUrlInstance(url.jdbcUrl(), new Properties()).getMainHost();

        assertThat(host.getHost()).isEqualTo("db.example");
        assertThat(host.getPort()).isEqualTo(3306);
        assertThat(host.getDatabase()).isEqualTo("app");
        assertThat(host.getHostProperties()).containsEntry("connectTimeout", "3000");
        String userInfo = "jdbc:mysql://bob:p%40ss+x@h/db";
        com.mysql.cj.conf.HostInfo withUser = com.mysql.cj.conf.ConnectionUrl
                .getConnectionUrlInstance(userInfo, new Properties()).getMainHost();
        DatabaseUrl parsed = DatabaseUrl.parse(userInfo, dir);
        assertThat(withUser.getUser()).isEqualTo(parsed.user().orElseThrow());
        assertThat(withUser.getPassword()).isEqualTo(parsed.password().orElseThrow());
    }
}
