package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDatabasesTest {

    @AllDatabases
    void twoFreshDatabasesAreEmptyWritableAndApart(DatabaseKind kind) throws SQLException {
        FreshDatabase first = TestDatabases.fresh(kind);
        FreshDatabase second = TestDatabases.fresh(kind);

        assertThat(first.kind()).isEqualTo(kind);
        assertThat(first.databaseName()).isNotEqualTo(second.databaseName()).matches("[a-z][a-z0-9_]*");
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (Connection one = first.connect(); Connection two = second.connect()) {
            assertThat(tables(one)).isEmpty();
            assertThat(tables(two)).isEmpty();

            execute(one, "CREATE TABLE only_in_first (id INTEGER PRIMARY KEY)");

            assertThat(tables(one)).containsExactly("only_in_first");
            assertThat(tables(two)).isEmpty();
            execute(two, "CREATE TABLE only_in_second (id INTEGER PRIMARY KEY)");
            assertThat(tables(one)).containsExactly("only_in_first");
        }
    }

    @AllDatabases
    void roundTrip(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection connection = db.connect()) {
            execute(connection, "CREATE TABLE fruit (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");
            execute(connection, "INSERT INTO fruit (id, name) VALUES (1, 'apple'), (2, 'pear')");
            assertThat(names(connection, "SELECT name FROM fruit ORDER BY id")).containsExactly("apple", "pear");
        }
    }

    @AllDatabases
    void dataSourceAndUrlWithCredentialsReachTheSameDatabase(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        DataSource dataSource = db.dataSource();
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "CREATE TABLE marker (id INTEGER PRIMARY KEY)");
        }
        // As a command line would use it: the URL alone, no user or password properties.
        try (Connection connection = DriverManager.getConnection(db.urlWithCredentials())) {
            assertThat(tables(connection)).containsExactly("marker");
        }
    }

    @Test
    void mysqlKindGoesThroughMysqlConnectorJ() throws SQLException {
        try (Connection connection = TestDatabases.fresh(DatabaseKind.MYSQL).connect()) {
            assertThat(connection.getMetaData().getDriverName()).isEqualTo("MySQL Connector/J");
            assertThat(connection.getClass().getName()).startsWith("com.mysql.cj.");
        }
    }

    @Test
    void mariadbKindGoesThroughMariadbConnectorJ() throws SQLException {
        try (Connection connection = TestDatabases.fresh(DatabaseKind.MARIADB).connect()) {
            assertThat(connection.getMetaData().getDriverName()).containsIgnoringCase("MariaDB");
            assertThat(connection.getClass().getName()).startsWith("org.mariadb.jdbc.");
        }
    }

    @Test
    void concurrentCallsGetDistinctDatabases() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FreshDatabase>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                DatabaseKind kind = i % 2 == 0 ? DatabaseKind.SQLITE : DatabaseKind.POSTGRES;
                futures.add(pool.submit(() -> TestDatabases.fresh(kind)));
            }
            List<String> names = new ArrayList<>();
            for (Future<FreshDatabase> future : futures) {
                names.add(future.get().databaseName());
            }
            assertThat(names).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aDatabaseWithItsOwnUserLetsItDoEverythingThereAndNothingElse(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.freshWithOwnUser(kind);
        FreshDatabase neighbour = TestDatabases.freshWithOwnUser(kind);

        assertThat(db.user()).isEqualTo(db.databaseName());
        assertThat(db.password()).isNotEmpty();
        try (Connection connection = db.connect()) {
            execute(connection, "CREATE TABLE mine (id INTEGER PRIMARY KEY)");
            execute(connection, "DROP TABLE mine");
            assertThatThrownBy(() -> execute(connection, "CREATE DATABASE " + db.databaseName() + "_more"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied for user '"
                            + db.user() + "'@'%' to database '" + db.databaseName() + "_more'");
            assertThatThrownBy(() -> execute(connection, "CREATE TABLE " + neighbour.databaseName() + ".t (id INT)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> TestDatabases.freshWithOwnUser(DatabaseKind.POSTGRES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noKindIsNoDatabase() {
        assertThatThrownBy(() -> TestDatabases.fresh(null)).isInstanceOf(NullPointerException.class);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> names(Connection connection, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The user tables of the connection's own database (catalog or schema), lower-cased. */
    private static List<String> tables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> tables = new ArrayList<>();
        String[] types = {"TABLE"};
        try (ResultSet rs = meta.getTables(connection.getCatalog(), schemaOf(connection), "%", types)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static String schemaOf(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (product.equals("PostgreSQL")) {
            return "public";
        }
        if (product.equals("H2")) {
            return "PUBLIC";
        }
        return null;
    }
}
