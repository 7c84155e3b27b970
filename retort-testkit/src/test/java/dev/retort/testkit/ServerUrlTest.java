package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.conf.ConnectionUrl;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mariadb.jdbc.Configuration;

/**
 * The URL rewriting behind the environment overrides: the fresh database's URL is the given one
 * with only the database name changed. The results are read back with the drivers' own parsers.
 */
class ServerUrlTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        POSTGRES | jdbc:postgresql://127.0.0.1:55432/{db}?user=postgres
        POSTGRES | jdbc:postgresql://db.example:5432/{db}?user=u&password=p&ssl=false
        POSTGRES | jdbc:postgresql://localhost/{db}
        POSTGRES | jdbc:postgresql://h1:5432,h2:5433/{db}?targetServerType=primary
        POSTGRES | jdbc:postgresql://[::1]:5432/{db}?user=postgres
        MARIADB  | jdbc:mariadb://127.0.0.1:53306/{db}?user=test&password=test&sslMode=disable
        MYSQL    | jdbc:mysql://127.0.0.1:53306/{db}?user=test&password=test
        MYSQL    | jdbc:mysql:loadbalance://h1:3306,h2:3306/{db}?user=x
        """)
    void keepsHostsAndParametersAndReplacesTheDatabase(DatabaseKind kind, String url) {
        ServerUrl parsed = ServerUrl.parse(kind, url.replace("{db}", "test"));

        assertThat(parsed.database()).isEqualTo("test");
        assertThat(parsed.withDatabase("fresh").toString()).isEqualTo(url.replace("{db}", "fresh"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        POSTGRES | jdbc:postgresql://localhost:5432/      | jdbc:postgresql://localhost:5432/fresh
        POSTGRES | jdbc:postgresql://localhost:5432       | jdbc:postgresql://localhost:5432/fresh
        MARIADB  | jdbc:mariadb://127.0.0.1:3306?user=root | jdbc:mariadb://127.0.0.1:3306/fresh?user=root
        """)
    void aUrlWithoutDatabaseGetsOne(DatabaseKind kind, String given, String expected) {
        assertThat(ServerUrl.parse(kind, given).withDatabase("fresh").toString()).isEqualTo(expected);
    }

    @Test
    void postgresDriverReadsTheRewrittenUrlAsTheSameServerAndCredentials() {
        String given = "jdbc:postgresql://127.0.0.1:55432/test?user=a%40b&password=p%26q";
        String url = ServerUrl.parse(DatabaseKind.POSTGRES, given).withDatabase("retort_x_1").toString();

        Properties parsed = org.postgresql.Driver.parseURL(url, null);

        assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("retort_x_1");
        assertThat(parsed.getProperty("PGHOST")).isEqualTo("127.0.0.1");
        assertThat(parsed.getProperty("PGPORT")).isEqualTo("55432");
        assertThat(parsed.getProperty("user")).isEqualTo("a@b");
        assertThat(parsed.getProperty("password")).isEqualTo("p&q");
    }

    @Test
    void mariadbDriverReadsTheRewrittenUrlAsTheSameServerAndCredentials() throws SQLException {
        String url = ServerUrl.parse(DatabaseKind.MARIADB,
                "jdbc:mariadb://127.0.0.1:53306/test?user=test&password=s3cr=t").withDatabase("retort_x_1").toString();

        Configuration parsed = Configuration.parse(url);

        assertThat(parsed.database()).isEqualTo("retort_x_1");
        assertThat(parsed.addresses().get(0).port).isEqualTo(53306);
        assertThat(parsed.user()).isEqualTo("test");
        assertThat(parsed.password()).isEqualTo("s3cr=t");
    }

    @Test
    void mysqlDriverReadsTheRewrittenUrlAsTheSameServerAndCredentials() {
        String url = ServerUrl.parse(DatabaseKind.MYSQL, "jdbc:mysql://127.0.0.1:53306/test?user=test&password=p%26q")
                .withDatabase("retort_x_1").toString();

        ConnectionUrl parsed = ConnectionUrl.getConnectionUrlInstance(url, null);

        assertThat(parsed.getDatabase()).isEqualTo("retort_x_1");
        assertThat(parsed.getMainHost().getPort()).isEqualTo(53306);
        assertThat(parsed.getMainHost().getUser()).isEqualTo("test");
        assertThat(parsed.getMainHost().getPassword()).isEqualTo("p&q");
    }

    @Test
    void credentialsAreReadAsTheDriverReadsThem() {
        // pgjdbc and Connector/J percent-decode parameter values; MariaDB Connector/J does not.
        assertThat(ServerUrl.parse(DatabaseKind.POSTGRES, "jdbc:postgresql://h/d?user=a%40b").parameter("user"))
                .contains("a@b");
        assertThat(ServerUrl.parse(DatabaseKind.MYSQL, "jdbc:mysql://h/d?password=p%26q").parameter("password"))
                .contains("p&q");
        assertThat(ServerUrl.parse(DatabaseKind.MARIADB, "jdbc:mariadb://h/d?user=a%40b").parameter("user"))
                .contains("a%40b");
        assertThat(ServerUrl.parse(DatabaseKind.POSTGRES, "jdbc:postgresql://h/d?ssl=true").parameter("user"))
                .isEmpty();
    }

    @Test
    void withParameterReplacesOrAppendsAndEncodesWhereTheDriverDecodes() {
        ServerUrl pg = ServerUrl.parse(DatabaseKind.POSTGRES, "jdbc:postgresql://h/d?user=old&ssl=false");
        assertThat(pg.withParameter("user", "new").withParameter("password", "p&q w").toString())
                .isEqualTo("jdbc:postgresql://h/d?user=new&ssl=false&password=p%26q+w");

        ServerUrl maria = ServerUrl.parse(DatabaseKind.MARIADB, "jdbc:mariadb://h/d");
        assertThat(maria.withParameter("password", "p@ss").toString()).isEqualTo("jdbc:mariadb://h/d?password=p@ss");
        assertThatThrownBy(() -> maria.withParameter("password", "p&q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not decode");
    }

    @Test
    void aUrlOfAnotherDriverOrShapeIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> ServerUrl.parse(DatabaseKind.POSTGRES, "jdbc:mysql://h:3306/d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://host[:port]/[database]");
        assertThatThrownBy(() -> ServerUrl.parse(DatabaseKind.POSTGRES, "jdbc:postgresql:test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerUrl.parse(DatabaseKind.SQLITE, "jdbc:sqlite:x.db"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redactedHidesPasswords() {
        assertThat(ServerUrl.redact("jdbc:mysql://u:pw@h/d?user=u&password=secret&x=1"))
                .isEqualTo("jdbc:mysql://****@h/d?user=u&password=****&x=1")
                .doesNotContain("secret");
        assertThat(ServerUrl.redact("jdbc:h2:file:/x;USER=sa;PASSWORD=secret")).doesNotContain("secret");
    }
}
