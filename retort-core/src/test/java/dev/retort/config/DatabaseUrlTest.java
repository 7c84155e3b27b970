package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUrlTest {
    private static final Path BASE = Path.of("/base/dir");

    private static final DialectHint PG = DialectHint.POSTGRESQL;
    private static final DialectHint MY = DialectHint.MYSQL;
    private static final DialectHint MARIA = DialectHint.MARIADB;
    private static final DialectHint LITE = DialectHint.SQLITE;
    private static final DialectHint H2 = DialectHint.H2;

    /** written, JDBC URL, user, password (null = none), hint. */
    static Stream<Arguments> twelveFactor() {
        return Stream.of(
                // PostgreSQL and its SQLAlchemy driver spellings
                Arguments.of("postgresql://u:p@host:5432/db", "jdbc:postgresql://host:5432/db", "u", "p", PG),
                Arguments.of("postgres://u:p@host/db", "jdbc:postgresql://host:5432/db", "u", "p", PG),
                Arguments.of("postgresql+asyncpg://u:p@host/db", "jdbc:postgresql://host:5432/db", "u", "p", PG),
                Arguments.of("postgresql+psycopg2://u:p@host:6543/db", "jdbc:postgresql://host:6543/db", "u", "p", PG),
                Arguments.of("postgresql+psycopg://u@host/db", "jdbc:postgresql://host:5432/db", "u", null, PG),
                Arguments.of("POSTGRESQL://u:p@host/db", "jdbc:postgresql://host:5432/db", "u", "p", PG),
                Arguments.of("postgresql://host/db", "jdbc:postgresql://host:5432/db", null, null, PG),
                Arguments.of("postgresql://host", "jdbc:postgresql://host:5432/", null, null, PG),
                Arguments.of("postgresql://u:@host/db", "jdbc:postgresql://host:5432/db", "u", null, PG),
                // decoding and the SQLAlchemy rule for where the password ends
                Arguments.of("postgresql://bob:p%40ss@db.example.com/app", "jdbc:postgresql://db.example.com:5432/app",
                        "bob", "p@ss", PG),
                Arguments.of("postgresql://b%C3%B6b:%E2%82%AC%2F%3A@h/d", "jdbc:postgresql://h:5432/d", "böb", "€/:",
                        PG),
                Arguments.of("postgresql://bob:pa/ss@host/db", "jdbc:postgresql://host:5432/db", "bob", "pa/ss", PG),
                Arguments.of("postgresql://bob:pa?ss@host/db", "jdbc:postgresql://host:5432/db", "bob", "pa?ss", PG),
                Arguments.of("postgresql://bob:p@ss@host/db", "jdbc:postgresql://host:5432/db", "bob", "p@ss", PG),
                Arguments.of("postgresql://bob:a+b%@host/db", "jdbc:postgresql://host:5432/db", "bob", "a+b%", PG),
                Arguments.of("postgresql://bob:p@host/db?application_name=me@home",
                        "jdbc:postgresql://host:5432/db?ApplicationName=me@home", "bob", "p", PG),
                // IPv6
                Arguments.of("postgresql://u:p@[::1]:5433/db", "jdbc:postgresql://[::1]:5433/db", "u", "p", PG),
                Arguments.of("postgresql://u:p@[2001:db8::7]/db", "jdbc:postgresql://[2001:db8::7]:5432/db", "u", "p",
                        PG),
                // query parameters
                Arguments.of("postgresql://u:p@h/db?sslmode=require", "jdbc:postgresql://h:5432/db?sslmode=require",
                        "u", "p", PG),
                Arguments.of("postgresql://u:p@h/db?application_name=retort&connect_timeout=10&options=-c%20x%3Dy",
                        "jdbc:postgresql://h:5432/db?ApplicationName=retort&connectTimeout=10&options=-c%20x%3Dy",
                        "u", "p", PG),
                Arguments.of("postgresql+asyncpg://u:p@h/db?ssl=require&prepared_statement_cache_size=0",
                        "jdbc:postgresql://h:5432/db?sslmode=require", "u", "p", PG),
                Arguments.of("postgresql://u:p@h/db?ssl=true", "jdbc:postgresql://h:5432/db?ssl=true", "u", "p", PG),
                Arguments.of("postgresql://h/db?user=bob&sslmode=require&password=p%40ss",
                        "jdbc:postgresql://h:5432/db?sslmode=require", "bob", "p@ss", PG),
                Arguments.of("mysql://bob@h/db?password=pw", "jdbc:mysql://h:3306/db", "bob", "pw", MY),
                // MySQL and MariaDB
                Arguments.of("mysql://u:p@host/db", "jdbc:mysql://host:3306/db", "u", "p", MY),
                Arguments.of("mysql+pymysql://u:p@host:3307/db", "jdbc:mysql://host:3307/db", "u", "p", MY),
                Arguments.of("mysql+mysqldb://u:p@host/db", "jdbc:mysql://host:3306/db", "u", "p", MY),
                Arguments.of("mysql://u:p@host/db?charset=utf8mb4&connect_timeout=5&sslMode=REQUIRED",
                        "jdbc:mysql://host:3306/db?connectTimeout=5000&sslMode=REQUIRED", "u", "p", MY),
                Arguments.of("mariadb://u:p@host/db", "jdbc:mariadb://host:3306/db", "u", "p", MARIA),
                Arguments.of("mariadb+mariadbconnector://u:p%26q@[::1]/db", "jdbc:mariadb://[::1]:3306/db",
                        "u", "p&q", MARIA),
                Arguments.of("mariadb+pymysql://u:p@h/db?connect_timeout=2.5",
                        "jdbc:mariadb://h:3306/db?connectTimeout=2500",
                        "u", "p", MARIA),
                // SQLite
                Arguments.of("sqlite:///relative.db", "jdbc:sqlite:/base/dir/relative.db", null, null, LITE),
                Arguments.of("sqlite:///data/../app.db", "jdbc:sqlite:/base/dir/app.db", null, null, LITE),
                Arguments.of("sqlite:////absolute/path.db", "jdbc:sqlite:/absolute/path.db", null, null, LITE),
                Arguments.of("sqlite:///my%20app.db", "jdbc:sqlite:/base/dir/my app.db", null, null, LITE),
                Arguments.of("sqlite://", "jdbc:sqlite::memory:", null, null, LITE),
                Arguments.of("sqlite:///:memory:", "jdbc:sqlite::memory:", null, null, LITE),
                Arguments.of("sqlite+pysqlite:///app.db", "jdbc:sqlite:/base/dir/app.db", null, null, LITE),
                Arguments.of("sqlite+aiosqlite:///app.db?timeout=2.5&check_same_thread=false&journal_mode=WAL",
                        "jdbc:sqlite:/base/dir/app.db?busy_timeout=2500&journal_mode=WAL", null, null, LITE),
                // H2
                Arguments.of("h2:file:/path/app", "jdbc:h2:file:/path/app", null, null, H2),
                Arguments.of("h2:file:data/app", "jdbc:h2:file:/base/dir/data/app", null, null, H2),
                Arguments.of("h2:file:./data/app;MODE=PostgreSQL", "jdbc:h2:file:/base/dir/data/app;MODE=PostgreSQL",
                        null, null, H2),
                Arguments.of("h2:file:~/app", "jdbc:h2:file:~/app", null, null, H2),
                Arguments.of("h2:./app", "jdbc:h2:/base/dir/app", null, null, H2),
                Arguments.of("h2:mem:name", "jdbc:h2:mem:name", null, null, H2),
                Arguments.of("h2:mem:t;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=s3cret",
                        "jdbc:h2:mem:t;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=s3cret", "sa", "s3cret", H2));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("twelveFactor")
    void translatesToJdbc(String written, String jdbc, String user, String password, DialectHint hint) {
        DatabaseUrl url = DatabaseUrl.parse(written, BASE);

        assertThat(url.jdbcUrl()).isEqualTo(jdbc);
        assertThat(url.user().orElse(null)).isEqualTo(user);
        assertThat(url.password().orElse(null)).isEqualTo(password);
        assertThat(url.dialectHint()).contains(hint);
    }

    /** written, user, password (null = none), hint. JDBC URLs are kept as written. */
    static Stream<Arguments> jdbc() {
        return Stream.of(
                Arguments.of("jdbc:postgresql://localhost/db", null, null, PG),
                Arguments.of("jdbc:postgresql://localhost/db?user=bob&password=p%40ss", "bob", "p@ss", PG),
                Arguments.of("jdbc:postgresql://[::1]:5433/db?sslmode=require&password=a+b", null, "a b", PG),
                Arguments.of("jdbc:postgresql://h:5432/db?password=a@b", null, "a@b", PG),
                Arguments.of("jdbc:postgresql:db", null, null, PG),
                Arguments.of("jdbc:mariadb://localhost/db?user=bob&password=p%40ss", "bob", "p%40ss", MARIA),
                Arguments.of("jdbc:mysql://localhost/db?user=bob&password=p%40ss", "bob", "p@ss", MY),
                Arguments.of("jdbc:mysql://bob:p%40ss@localhost/db", "bob", "p@ss", MY),
                Arguments.of("jdbc:mysql://bob:a+b@localhost/db", "bob", "a b", MY),
                Arguments.of("jdbc:mariadb://h/db?password=50%off", null, "50%off", MARIA),
                Arguments.of("jdbc:h2:mem:x;user=sa;Password=pw", "sa", "pw", H2),
                Arguments.of("jdbc:sqlite:relative.db", null, null, LITE),
                Arguments.of("jdbc:sqlite::memory:", null, null, LITE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("jdbc")
    void keepsJdbcUrlsAsWritten(String written, String user, String password, DialectHint hint) {
        DatabaseUrl url = DatabaseUrl.parse(written, BASE);

        assertThat(url.jdbcUrl()).isEqualTo(written);
        assertThat(url.user().orElse(null)).isEqualTo(user);
        assertThat(url.password().orElse(null)).isEqualTo(password);
        assertThat(url.dialectHint()).contains(hint);
        assertThat(url.connectionProperties()).isEmpty();
    }

    @Test
    void otherJdbcUrlsPassThroughWithoutHint() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:oracle:thin:scott/tiger@//db:1521/svc", BASE);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:oracle:thin:scott/tiger@//db:1521/svc");
        assertThat(url.dialectHint()).isEmpty();
        assertThat(url.masked()).isEqualTo("jdbc:oracle:thin:scott/***@//db:1521/svc");
        assertThat(url.toString()).doesNotContain("tiger");
    }

    @Test
    void twelveFactorCredentialsGoApartFromTheJdbcUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://bob:p%40ss@host/db", BASE);

        Properties props = url.connectionProperties();
        assertThat(props).containsOnlyKeys("user", "password");
        assertThat(props.getProperty("user")).isEqualTo("bob");
        assertThat(props.getProperty("password")).isEqualTo("p@ss");
        assertThat(url.jdbcUrl()).doesNotContain("bob").doesNotContain("p@ss");
    }

    @Test
    void relativeSqlitePathsDefaultToTheWorkingDirectory() {
        DatabaseUrl url = DatabaseUrl.parse("sqlite:///app.db");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("app.db").toAbsolutePath());
    }

    // ---------------------------------------------------------------- masking

    /** written, masked. */
    static Stream<Arguments> masking() {
        return Stream.of(
                Arguments.of("postgresql://bob:secret@host/db", "postgresql://bob:***@host/db"),
                Arguments.of("postgresql://bob:p%40ss@host/db", "postgresql://bob:***@host/db"),
                Arguments.of("postgresql://bob:p@ss@host/db", "postgresql://bob:***@host/db"),
                Arguments.of("postgresql://bob:pa/ss@host/db", "postgresql://bob:***@host/db"),
                Arguments.of("postgresql://bob@host/db", "postgresql://bob@host/db"),
                Arguments.of("postgresql://host/db?sslpassword=k3y&sslmode=verify-full",
                        "postgresql://host/db?sslpassword=***&sslmode=verify-full"),
                Arguments.of("jdbc:postgresql://h/db?user=bob&password=secret&ssl=true",
                        "jdbc:postgresql://h/db?user=bob&password=***&ssl=true"),
                Arguments.of("jdbc:postgresql://h:5432/db?password=a@b", "jdbc:postgresql://h:5432/db?password=***"),
                Arguments.of("jdbc:mysql://bob:secret@h/db", "jdbc:mysql://bob:***@h/db"),
                Arguments.of("jdbc:mysql://h/db?trustCertificateKeyStorePassword=x&user=u",
                        "jdbc:mysql://h/db?trustCertificateKeyStorePassword=***&user=u"),
                Arguments.of("h2:mem:t;USER=sa;PASSWORD=s3cret;MODE=MySQL", "h2:mem:t;USER=sa;PASSWORD=***;MODE=MySQL"),
                Arguments.of("jdbc:h2:mem:t;password=s3cret", "jdbc:h2:mem:t;password=***"),
                Arguments.of("jdbc:sqlserver://h;user=sa;password=s3cret;", "jdbc:sqlserver://h;user=sa;password=***;"),
                Arguments.of("jdbc:oracle:thin:scott/tiger@db:1521:orcl", "jdbc:oracle:thin:scott/***@db:1521:orcl"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("masking")
    void masksPasswords(String written, String masked) {
        assertThat(DatabaseUrl.mask(written)).isEqualTo(masked);
        assertThat(DatabaseUrl.parse(written, BASE).masked()).isEqualTo(masked);
    }

    @Test
    void toStringNeverShowsThePassword() {
        for (String written : new String[] {
            "postgresql://bob:secret@host/db",
            "jdbc:postgresql://h/db?user=bob&password=secret",
            "jdbc:mysql://bob:secret@h/db",
            "h2:mem:t;PASSWORD=secret",
            "postgresql://host/db?sslpassword=secret",
        }) {
            DatabaseUrl url = DatabaseUrl.parse(written, BASE);
            assertThat(url.toString()).as(written).doesNotContain("secret").contains("***");
            assertThat(url.maskedJdbcUrl()).as(written).doesNotContain("secret");
        }
        assertThat(DatabaseUrl.parse("postgresql://bob:secret@host/db", BASE).toString()).isEqualTo(
                "DatabaseUrl[postgresql://bob:***@host/db -> jdbc:postgresql://host:5432/db, user=bob, password=***, "
                        + "dialectHint=POSTGRESQL]");
    }

    @Test
    void secretsCoverEveryFormOfThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://bob:p%40ss@host/db?sslpassword=k%2Fy", BASE);

        String driverMessage = "FATAL: password authentication failed (p@ss, p%40ss, k/y, k%2Fy)";
        assertThat(url.secrets().mask(driverMessage))
                .isEqualTo("FATAL: password authentication failed (***, ***, ***, ***)");
    }

    // ---------------------------------------------------------------- bad input: exact one-line messages

    /** written, message. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "Database URL is empty"),
                Arguments.of(" postgresql://h/db",
                        "Malformed database URL ' postgresql://h/db': it starts or ends with white space; remove it"),
                Arguments.of("postgresql://bob:secret@:5432/db",
                        "Malformed database URL 'postgresql://bob:***@:5432/db': missing host"),
                Arguments.of("postgresql:///db", "Malformed database URL 'postgresql:///db': missing host"),
                Arguments.of("mysql://bob:secret@/db", "Malformed database URL 'mysql://bob:***@/db': missing host"),
                Arguments.of("mariadb://", "Malformed database URL 'mariadb://': missing host"),
                Arguments.of("postgresql://bob:secret@host:54x2/db",
                        "Malformed database URL 'postgresql://bob:***@host:54x2/db': invalid port '54x2'; "
                                + "a port is a number from 1 to 65535"),
                Arguments.of("postgresql://bob:secret@host:70000/db",
                        "Malformed database URL 'postgresql://bob:***@host:70000/db': invalid port '70000'; "
                                + "a port is a number from 1 to 65535"),
                Arguments.of("postgresql://bob:secret@host:/db",
                        "Malformed database URL 'postgresql://bob:***@host:/db': empty port after ':'; "
                                + "remove the ':' or write a port"),
                Arguments.of("postgresql://bob:secret@[::1/db",
                        "Malformed database URL 'postgresql://bob:***@[::1/db': invalid IPv6 address [::1"),
                Arguments.of("postgresql://bob:secret@ho st/db",
                        "Malformed database URL 'postgresql://bob:***@ho st/db': invalid host 'ho st'"),
                Arguments.of("postgresql://bob:secret@h1,h2/db",
                        "Malformed database URL 'postgresql://bob:***@h1,h2/db': several hosts are not supported in "
                                + "this form; write a jdbc: URL, e.g. jdbc:postgresql://h1:5432,h2:5432/db"),
                Arguments.of("postgresql://bob:secret@/db?host=/var/run/postgresql",
                        "Malformed database URL 'postgresql://bob:***@/db?host=/var/run/postgresql': missing host"),
                Arguments.of("postgresql://bob:secret@h/db?host=other",
                        "Malformed database URL 'postgresql://bob:***@h/db?host=other': query parameter 'host' has no "
                                + "JDBC equivalent here; several hosts or a socket directory need a "
                                + "jdbc:postgresql://h1:5432,h2:5432/db URL"),
                Arguments.of("postgresql://bob:secret@h/db?connect_timeout=1.5",
                        "Malformed database URL 'postgresql://bob:***@h/db?connect_timeout=1.5': query parameter "
                                + "'connect_timeout' must be a number of seconds (whole)"),
                Arguments.of("mysql+pymysql://bob:secret@h/db?ssl_ca=/etc/ca.pem",
                        "Malformed database URL 'mysql+pymysql://bob:***@h/db?ssl_ca=/etc/ca.pem': query parameter "
                                + "'ssl_ca' has no JDBC equivalent here; the JDBC drivers name and format TLS and "
                                + "socket "
                                + "options differently; write a jdbc:mysql:// or jdbc:mariadb:// URL with the driver's "
                                + "own options (sslMode, serverSslCert…)"),
                Arguments.of("postgresql://bob:secret@h/db?password=other",
                        "Malformed database URL 'postgresql://bob:***@h/db?password=***': the password is given both "
                                + "before the host and as ?password=; keep one"),
                Arguments.of("mariadb+mariadbconnector://bob:secret@h/db?ssl=true",
                        "Malformed database URL 'mariadb+mariadbconnector://bob:***@h/db?ssl=true': query parameter "
                                + "'ssl' has no JDBC equivalent here; the JDBC drivers name and format TLS and socket "
                                + "options differently; write a jdbc:mysql:// or jdbc:mariadb:// URL with the driver's "
                                + "own options (sslMode, serverSslCert…)"),
                Arguments.of("sqlite:///app.db?uri=true&mode=ro",
                        "Malformed database URL 'sqlite:///app.db?uri=true&mode=ro': query parameter 'uri' has no "
                                + "JDBC equivalent here; SQLite URI filenames need a jdbc:sqlite:file:… URL"),
                Arguments.of("sqlite://app.db",
                        "Malformed database URL 'sqlite://app.db': a sqlite URL takes no host; write sqlite:///FILE "
                                + "(three slashes) for a relative path, sqlite:////abs/FILE (four) for an absolute "
                                + "one, "
                                + "sqlite:// for a database in memory"),
                Arguments.of("sqlite:///",
                        "Malformed database URL 'sqlite:///': missing file name; write sqlite:///FILE, or sqlite:// "
                                + "for a database in memory"),
                Arguments.of("sqlite://bob:secret@/app.db",
                        "Malformed database URL 'sqlite://bob:***@/app.db': a sqlite URL takes no user or password"),
                Arguments.of("sqlite:app.db",
                        "Malformed database URL 'sqlite:app.db': a sqlite URL starts with sqlite:// — write "
                                + "sqlite:///FILE for a file, sqlite:// for a database in memory"),
                Arguments.of("postgresql:/host/db", "Malformed database URL 'postgresql:/host/db': expected // after "
                        + "postgresql: — write postgresql://USER:PASSWORD@HOST:PORT/DATABASE"),
                Arguments.of("postgresql:/bob:secret@host/db", "Malformed database URL 'postgresql:***@host/db': "
                        + "expected // after postgresql: — write postgresql://USER:PASSWORD@HOST:PORT/DATABASE"),
                Arguments.of("bob:secret@host/db", "Unknown database URL scheme 'bob' in 'bob:***@host/db'; accepted: "
                        + "jdbc:…, postgresql://, postgres://, mysql://, mariadb:// (each also as +driver, e.g. "
                        + "postgresql+psycopg2://), sqlite:///FILE, sqlite://, h2:file:PATH, h2:mem:NAME"),
                Arguments.of("sqlite:bob:s/ec:ret@x.db", "Malformed database URL 'sqlite:***@x.db': a sqlite URL "
                        + "starts with sqlite:// — write sqlite:///FILE for a file, sqlite:// for a database in "
                        + "memory"),
                Arguments.of("app.db",
                        "Malformed database URL 'app.db': no scheme; accepted: jdbc:…, postgresql://, postgres://, "
                                + "mysql://, mariadb:// (each also as +driver, e.g. postgresql+psycopg2://), "
                                + "sqlite:///FILE, sqlite://, h2:file:PATH, h2:mem:NAME (for a SQLite file: "
                                + "sqlite:///app.db)"),
                Arguments.of("h2:", "Malformed database URL 'h2:': missing database after h2:; write h2:file:PATH "
                        + "or h2:mem:NAME"),
                Arguments.of("h2:file:;PASSWORD=secret",
                        "Malformed database URL 'h2:file:;PASSWORD=***': missing path after h2:file:"),
                Arguments.of("jdbc:", "Malformed database URL 'jdbc:': nothing after jdbc:"),
                Arguments.of("jdbc:postgresql://bob:secret@localhost/db",
                        "Malformed database URL 'jdbc:postgresql://bob:***@localhost/db': the PostgreSQL JDBC driver "
                                + "does not accept user:password@ before the host; write ?user=…&password=… after the "
                                + "database, or use a postgresql:// URL without jdbc:"),
                Arguments.of("jdbc:postgresql://h/db?user=bob&password=50%off",
                        "Malformed database URL 'jdbc:postgresql://h/db?user=bob&password=***': the 'password' has a "
                                + "'%' not followed by two hex digits, which the driver refuses; write %25 for a "
                                + "literal %"),
                Arguments.of("jdbc:mysql://bob:secret%@h/db",
                        "Malformed database URL 'jdbc:mysql://bob:***@h/db': the password has a '%' not followed by "
                                + "two hex digits, which the driver refuses; write %25 for a literal %"),
                Arguments.of("jdbc:mariadb://bob:secret@localhost/db",
                        "Malformed database URL 'jdbc:mariadb://bob:***@localhost/db': the MariaDB JDBC driver "
                                + "does not accept user:password@ before the host; write ?user=…&password=… after the "
                                + "database, or use a mariadb:// URL without jdbc:"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void rejectsMalformedUrlsInOneLine(String written, String message) {
        assertThatThrownBy(() -> DatabaseUrl.parse(written, BASE))
                .isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("\n"));
    }

    @Test
    void unknownSchemeListsTheAcceptedOnes() {
        assertThatThrownBy(() -> DatabaseUrl.parse("oracle://scott:tiger@db/orcl", BASE))
                .isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessage("Unknown database URL scheme 'oracle' in 'oracle://scott:***@db/orcl'; accepted: jdbc:…, "
                        + "postgresql://, postgres://, mysql://, mariadb:// (each also as +driver, e.g. "
                        + "postgresql+psycopg2://), sqlite:///FILE, sqlite://, h2:file:PATH, h2:mem:NAME");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql+bad-driver://u:tiger@h/db", BASE))
                .hasMessageStartingWith("Unknown database URL scheme 'postgresql+bad-driver' in "
                        + "'postgresql+bad-driver://u:***@h/db'; accepted: ");
        assertThatThrownBy(() -> DatabaseUrl.parse("mssql+pyodbc://u:tiger@h/db", BASE))
                .hasMessageStartingWith("Unknown database URL scheme 'mssql+pyodbc' in 'mssql+pyodbc://u:***@h/db'");
    }

    @Test
    void equalUrlsAreEqual() {
        assertThat(DatabaseUrl.parse("postgres://u:p@h/db", BASE))
                .isEqualTo(DatabaseUrl.parse("postgresql+psycopg2://u:p@h:5432/db", BASE))
                .hasSameHashCodeAs(DatabaseUrl.parse("postgresql://u:p@h/db", BASE))
                .isNotEqualTo(DatabaseUrl.parse("postgresql://u:q@h/db", BASE));
    }
}
