package dev.retort.config;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL as users write it, turned into what a JDBC driver takes: a JDBC URL, a user, a
 * password and a hint of the database family.
 *
 * <h2>Accepted forms</h2>
 * <ul>
 *   <li><b>Any {@code jdbc:} URL</b>, kept as is. The user and password are read from where the
 *       driver reads them: {@code ?user=&password=} for PostgreSQL, MariaDB and MySQL (decoded as
 *       the driver decodes them: pgjdbc and MySQL Connector/J percent-decode, MariaDB Connector/J
 *       does not), {@code jdbc:mysql://user:password@host} for MySQL, {@code ;USER=;PASSWORD=} for
 *       H2. {@code jdbc:postgresql://user:pw@host/db} and the same for {@code jdbc:mariadb:} are
 *       rejected because those drivers do not accept a user before the host (pgjdbc 42.7 returns no
 *       connection for it; MariaDB Connector/J 3.5 reads the password as the port).</li>
 *   <li><b>12-factor URLs</b>, as Python projects keep them in {@code DATABASE_URL}:
 *       {@code postgresql://}, {@code postgres://}, {@code mysql://}, {@code mariadb://}, each also
 *       with a SQLAlchemy driver suffix ({@code postgresql+psycopg2://}, {@code mysql+pymysql://},
 *       {@code mariadb+mariadbconnector://}…; the Python driver name is ignored), and
 *       {@code sqlite:///relative.db}, {@code sqlite:////absolute/path.db}, {@code sqlite://}
 *       (in memory; so is {@code sqlite:///:memory:}). The user and password are percent-decoded
 *       ({@code p%40ss} is {@code p@ss}) and passed to the driver apart from the JDBC URL. Default
 *       ports (5432, 3306) are written into the JDBC URL. IPv6 hosts are written in brackets.</li>
 *   <li><b>{@code h2:}</b> followed by what follows {@code jdbc:h2:}, e.g. {@code h2:file:/path},
 *       {@code h2:mem:name}.</li>
 * </ul>
 *
 * <p><b>Where the password ends</b> (as in SQLAlchemy, so that a URL that works there works here):
 * it runs from the first {@code :} after {@code //} to the {@code @} before the host, so it may
 * contain {@code /}, {@code ?} and {@code :} as written; an {@code @} in it is taken as part of it
 * when the host follows a later {@code @}. Percent-encoding always works. (Checked against
 * SQLAlchemy 2.1's {@code make_url}, which splits URLs the same way except that it leaves a raw
 * {@code @} of the password in the host name, a URL that cannot connect.)
 *
 * <p><b>Relative paths</b> ({@code sqlite:///app.db}, {@code h2:file:data/app}, {@code h2:./app})
 * are resolved against a base directory: the working directory by default, as in SQLAlchemy and
 * Alembic, or one the caller passes to {@link #parse(String, Path)}.
 *
 * <p><b>Query parameters</b> of 12-factor URLs are carried into the JDBC URL as written, except:
 * <ul>
 *   <li>PostgreSQL, MySQL, MariaDB: {@code user} and {@code password} are taken as the
 *       credentials (percent-decoded) when the URL has none before the host, and are an error
 *       when it has.</li>
 *   <li>PostgreSQL: {@code application_name} becomes {@code ApplicationName} and
 *       {@code connect_timeout} becomes {@code connectTimeout} (both in seconds), asyncpg's
 *       {@code ssl=require} (or another sslmode value) becomes {@code sslmode=require} (pgjdbc
 *       would read it as a boolean and fall back to {@code prefer}); asyncpg's
 *       {@code prepared_statement_cache_size} and {@code prepared_statement_name_func} are dropped
 *       (SQLAlchemy consumes them; the JDBC driver has its own statement cache); {@code host} and
 *       {@code port} (libpq multi-host and socket forms) are rejected.</li>
 *   <li>MySQL and MariaDB: {@code connect_timeout} (seconds) becomes {@code connectTimeout}
 *       (milliseconds); {@code charset}, {@code use_unicode}, {@code binary_prefix} and
 *       {@code client_flag} are dropped (Python-driver settings; both JDBC drivers negotiate
 *       utf8mb4 themselves); {@code ssl}, {@code ssl_ca}, {@code ssl_cert}, {@code ssl_key},
 *       {@code ssl_capath}, {@code ssl_cipher}, {@code ssl_check_hostname}, {@code ssl_mode} and
 *       {@code unix_socket} are rejected: their JDBC counterparts differ in name and format, and
 *       silently dropping a TLS setting would weaken the connection.</li>
 *   <li>SQLite: {@code timeout} (seconds) becomes {@code busy_timeout} (milliseconds);
 *       {@code check_same_thread}, {@code cached_statements}, {@code detect_types} and
 *       {@code isolation_level} are dropped (pysqlite settings); {@code uri} is rejected. Others
 *       reach sqlite-jdbc, which reads them as pragmas ({@code ?journal_mode=WAL}).</li>
 * </ul>
 *
 * <p>{@link #toString()} never shows the password; {@link #masked()} is the URL as written with
 * passwords replaced by {@code ***}. Problems are reported as {@link InvalidDatabaseUrlException}
 * with a one-line message in which the password is masked.
 *
 * <p>Immutable and thread-safe.
 */
public final class DatabaseUrl {
    private static final String MASK = Secrets.MASK;

    /** Query parameter names whose values are secrets, in any URL form: password, sslpassword, pwd… */
    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)([?&;](?:[a-z0-9_.-]*password|pwd)=)([^&;#]*)");
    /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE_USER_PASSWORD =
            Pattern.compile("(?i)^(jdbc:oracle:[a-z0-9]+:[^/@:]*/)([^@]*)(@)");
    /**
     * A scheme and its {@code //}: a plain one ({@code postgresql+psycopg2}), or a JDBC or H2 one
     * with colons ({@code jdbc:mysql:loadbalance}, {@code h2:tcp}). Found by pattern rather than
     * by the first {@code ://}, which may lie inside a password.
     */
    private static final Pattern SCHEME =
            Pattern.compile("(?i)(jdbc:[a-z0-9+.:-]+|h2:[a-z0-9]+|[a-z][a-z0-9+.-]*)://");
    /** Schemes read by SQLAlchemy's rules rather than RFC 3986's (see {@link Authority#split}). */
    private static final Pattern TWELVE_FACTOR_SCHEME =
            Pattern.compile("(?i)(postgresql|postgres|mysql|mariadb|sqlite)(\\+[a-z0-9_]+)?://");
    private static final Pattern DRIVER_SUFFIX = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._~%-]+");
    private static final Pattern IPV6_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");

    private static final String ACCEPTED =
            "jdbc:…, postgresql://, postgres://, mysql://, mariadb:// (each also as +driver, e.g. "
            + "postgresql+psycopg2://), sqlite:///FILE, sqlite://, h2:file:PATH, h2:mem:NAME";

    /**
     * Renamed parameter: its JDBC name and the factor from its unit to the JDBC unit, or
     * {@link #AS_WRITTEN} for a value copied as written.
     */
    private record Rename(String jdbcName, int factor) {
        static final int AS_WRITTEN = 0;
    }

    /** How one family treats the query parameters of a 12-factor URL. */
    private record ParamRules(Map<String, Rename> renamed, Set<String> dropped, Map<String, String> rejected) {
    }

    private static final ParamRules POSTGRES_PARAMS = new ParamRules(
            Map.of("application_name", new Rename("ApplicationName", Rename.AS_WRITTEN),
                    "connect_timeout", new Rename("connectTimeout", 1)),
            Set.of("prepared_statement_cache_size", "prepared_statement_name_func"),
            Map.of("host", "several hosts or a socket directory need a jdbc:postgresql://h1:5432,h2:5432/db URL",
                    "port", "several hosts or a socket directory need a jdbc:postgresql://h1:5432,h2:5432/db URL"));
    private static final Set<String> LIBPQ_SSLMODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final String MYSQL_TLS_FIX =
            "the JDBC drivers name and format TLS and socket options differently; write a jdbc:mysql:// or "
            + "jdbc:mariadb:// URL with the driver's own options (sslMode, serverSslCert…)";
    private static final ParamRules MYSQL_PARAMS = new ParamRules(
            Map.of("connect_timeout", new Rename("connectTimeout", 1000)),
            Set.of("charset", "use_unicode", "binary_prefix", "client_flag"),
            Map.of("ssl_ca", MYSQL_TLS_FIX, "ssl_cert", MYSQL_TLS_FIX, "ssl_key", MYSQL_TLS_FIX,
                    "ssl_capath", MYSQL_TLS_FIX, "ssl_cipher", MYSQL_TLS_FIX, "ssl_check_hostname", MYSQL_TLS_FIX,
                    "ssl_mode", MYSQL_TLS_FIX, "ssl", MYSQL_TLS_FIX, "unix_socket", MYSQL_TLS_FIX));
    private static final ParamRules SQLITE_PARAMS = new ParamRules(
            Map.of("timeout", new Rename("busy_timeout", 1000)),
            Set.of("check_same_thread", "cached_statements", "detect_types", "isolation_level"),
            Map.of("uri", "SQLite URI filenames need a jdbc:sqlite:file:… URL"));

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final DialectHint dialectHint;
    private final boolean credentialsApart;
    private final String masked;
    private final Secrets secrets;

    private DatabaseUrl(String written, String jdbcUrl, String user, String password, DialectHint dialectHint,
            boolean credentialsApart, Secrets secrets) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dialectHint = dialectHint;
        this.credentialsApart = credentialsApart;
        this.secrets = secrets;
        this.masked = maskPrecisely(written);
    }

    /**
     * Parses a URL, resolving relative SQLite and H2 file paths against the working directory.
     *
     * @throws InvalidDatabaseUrlException if the URL is malformed, of an unknown scheme, or has a
     *                                     query parameter without JDBC equivalent
     */
    public static DatabaseUrl parse(String url) {
        return parse(url, Path.of("").toAbsolutePath());
    }

    /**
     * Parses a URL, resolving relative SQLite and H2 file paths against {@code baseDirectory}.
     *
     * @throws InvalidDatabaseUrlException if the URL is malformed, of an unknown scheme, or has a
     *                                     query parameter without JDBC equivalent
     */
    public static DatabaseUrl parse(String url, Path baseDirectory) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (url.isBlank()) throw new InvalidDatabaseUrlException("Database URL is empty");
        if (!url.strip().equals(url)) {
            throw malformed(url, "it starts or ends with white space; remove it");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) return parseJdbc(url);
        if (lower.startsWith("h2:")) return parseH2(url, baseDirectory);
        int sep = authorityStart(url) - 3;
        if (sep < 0) {
            // no scheme://, or a '://' only inside the password
            int colon = url.indexOf(':');
            String scheme = colon < 0 ? "" : lower.substring(0, colon);
            if (scheme.equals("sqlite") || scheme.startsWith("sqlite+")) {
                throw malformed(url, "a sqlite URL starts with sqlite:// — write sqlite:///FILE for a file, "
                        + "sqlite:// for a database in memory");
            }
            String family = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
            if (Set.of("postgresql", "postgres", "mysql", "mariadb").contains(family)) {
                throw malformed(url, "expected // after " + url.substring(0, colon + 1) + " — write "
                        + url.substring(0, colon) + "://USER:PASSWORD@HOST:PORT/DATABASE");
            }
            if (colon <= 0) {
                throw malformed(url, "no scheme; accepted: " + ACCEPTED
                        + (lower.endsWith(".db") || lower.endsWith(".sqlite")
                                ? " (for a SQLite file: sqlite:///" + url + ")" : ""));
            }
            throw unknownScheme(url, url.substring(0, colon));
        }
        String scheme = lower.substring(0, sep);
        int plus = scheme.indexOf('+');
        String family = plus < 0 ? scheme : scheme.substring(0, plus);
        if (plus >= 0 && !DRIVER_SUFFIX.matcher(scheme.substring(plus + 1)).matches()) {
            throw unknownScheme(url, url.substring(0, sep));
        }
        Authority parts = Authority.split(url, sep + 3, true);
        return switch (family) {
            case "postgresql", "postgres" -> networked(url, parts, "postgresql", 5432, DialectHint.POSTGRESQL,
                    POSTGRES_PARAMS);
            case "mysql" -> networked(url, parts, "mysql", 3306, DialectHint.MYSQL, MYSQL_PARAMS);
            case "mariadb" -> networked(url, parts, "mariadb", 3306, DialectHint.MARIADB, MYSQL_PARAMS);
            case "sqlite" -> sqlite(url, parts, baseDirectory);
            default -> throw unknownScheme(url, url.substring(0, sep));
        };
    }

    /**
     * The JDBC URL to connect to; for {@code jdbc:} input, the input itself. It may hold a
     * password: log {@link #maskedJdbcUrl()}.
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** {@link #jdbcUrl()} with passwords replaced by {@code ***}. */
    public String maskedJdbcUrl() {
        return maskPrecisely(jdbcUrl);
    }

    /** The user the URL names, decoded, wherever it is written; empty if none. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password the URL carries, decoded, wherever it is written; empty if none. Never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The database family the URL names; empty for a {@code jdbc:} URL of another database. */
    public Optional<DialectHint> dialectHint() {
        return Optional.ofNullable(dialectHint);
    }

    /**
     * What to pass to the driver alongside {@link #jdbcUrl()}: {@code user} and {@code password}
     * for 12-factor URLs, whose credentials are kept out of the JDBC URL; empty for {@code jdbc:}
     * and {@code h2:} URLs, which carry them (H2 refuses a user given twice). A new object each call.
     */
    public Properties connectionProperties() {
        Properties props = new Properties();
        if (credentialsApart) {
            if (user != null) props.setProperty("user", user);
            if (password != null) props.setProperty("password", password);
        }
        return props;
    }

    /** The URL as written, with passwords (in the user part and in password parameters) replaced by {@code ***}. */
    public String masked() {
        return masked;
    }

    /** Every secret this URL holds (its password and any {@code *password} parameter), to mask in output. */
    public Secrets secrets() {
        return secrets;
    }

    /**
     * Masks passwords in a URL-like string that may be malformed, for error messages: besides what
     * {@link #masked()} masks (the password between {@code //user:} and the {@code @} before the
     * host, parameters named {@code password}, {@code *password} or {@code pwd} after {@code ?},
     * {@code &} or {@code ;}, and Oracle's {@code user/password@}), everything from the first
     * {@code :} of the user part to the {@code @} before the host, so that a password is hidden
     * even where the URL's shape is broken (no {@code //}, a {@code ://} inside the password). On
     * a well-formed URL the result equals {@link #masked()}.
     */
    public static String mask(String url) {
        String precise = maskPrecisely(url);
        Matcher scheme = SCHEME.matcher(precise);
        int start;
        if (scheme.lookingAt()) {
            start = scheme.end();
        } else if (precise.regionMatches(true, 0, "jdbc:", 0, 5) || precise.regionMatches(true, 0, "h2:", 0, 3)) {
            return precise; // no user part in these forms: jdbc:postgresql:db, jdbc:h2:mem:x, Oracle's is masked
        } else {
            start = 0;
        }
        int firstAt = precise.indexOf('@', start);
        int colon = precise.indexOf(':', start);
        if (firstAt < 0 || colon < 0 || colon > firstAt) return precise;
        int stop = Authority.indexOfAny(precise, "/?", firstAt);
        int at = precise.lastIndexOf('@', stop < 0 ? precise.length() - 1 : stop);
        return precise.substring(0, colon + 1) + MASK + precise.substring(at);
    }

    /** Where the part after {@code scheme://} starts, or -1 if the URL has no such scheme. */
    private static int authorityStart(String url) {
        Matcher m = SCHEME.matcher(url);
        return m.lookingAt() ? m.end() : -1;
    }

    /** The masking of {@link #masked()}: by the URL's structure, hiding no more than the secrets. */
    private static String maskPrecisely(String url) {
        String out = url;
        int start = authorityStart(out);
        if (start >= 0) {
            Authority a = Authority.split(out, start, TWELVE_FACTOR_SCHEME.matcher(out).lookingAt());
            if (a.passwordStart >= 0) {
                out = out.substring(0, a.passwordStart) + MASK + out.substring(a.passwordEnd);
            }
        }
        out = ORACLE_USER_PASSWORD.matcher(out).replaceFirst("$1" + Matcher.quoteReplacement(MASK) + "$3");
        return SECRET_PARAM.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + masked + " -> " + maskedJdbcUrl() + ", user=" + (user == null ? "<none>" : user)
                + ", password=" + (password == null ? "<none>" : MASK)
                + ", dialectHint=" + (dialectHint == null ? "<unknown>" : dialectHint) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseUrl other
                && jdbcUrl.equals(other.jdbcUrl)
                && Objects.equals(user, other.user)
                && Objects.equals(password, other.password)
                && dialectHint == other.dialectHint
                && credentialsApart == other.credentialsApart;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, user, password, dialectHint, credentialsApart);
    }

    // ---------------------------------------------------------------- 12-factor forms

    private static DatabaseUrl networked(String url, Authority a, String jdbcScheme, int defaultPort,
            DialectHint hint, ParamRules rules) {
        if (a.host.isEmpty()) throw malformed(url, "missing host");
        if (a.host.indexOf(',') >= 0) {
            throw malformed(url, "several hosts are not supported in this form; write a jdbc: URL, e.g. jdbc:"
                    + jdbcScheme + "://h1:" + defaultPort + ",h2:" + defaultPort + "/db");
        }
        String host = checkedHost(url, a.host);
        int port = a.port == null ? defaultPort : checkedPort(url, a.port);
        StringBuilder jdbc = new StringBuilder("jdbc:").append(jdbcScheme).append("://").append(host)
                .append(':').append(port).append('/').append(a.path == null ? "" : a.path);
        String user = emptyToNull(a.user == null ? null : percentDecode(a.user));
        String password = emptyToNull(a.password == null ? null : percentDecode(a.password));
        String rawPassword = a.password;
        // SQLAlchemy passes ?user=&password= to the Python driver as credentials; so do we, apart
        // from the JDBC URL, and refuse two different sources of the same credential.
        for (String pair : a.query == null ? new String[0] : a.query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.equals("user") && !name.equals("password")) continue;
            if (name.equals("user") ? a.user != null : a.password != null) {
                throw malformed(url, "the " + name + " is given both before the host and as ?" + name
                        + "=; keep one");
            }
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (name.equals("user")) {
                user = emptyToNull(percentDecode(value));
            } else {
                password = emptyToNull(percentDecode(value));
                rawPassword = value;
            }
        }
        appendParams(url, jdbc, a.query, rules, true);
        return new DatabaseUrl(url, jdbc.toString(), user, password, hint, true,
                secretsOf(url, password, rawPassword));
    }

    private static DatabaseUrl sqlite(String url, Authority a, Path base) {
        if (a.user != null) throw malformed(url, "a sqlite URL takes no user or password");
        if (!a.host.isEmpty() || a.port != null) {
            throw malformed(url, "a sqlite URL takes no host; write sqlite:///FILE (three slashes) for a relative "
                    + "path, sqlite:////abs/FILE (four) for an absolute one, sqlite:// for a database in memory");
        }
        String file;
        if (a.path == null) {
            file = ":memory:";
        } else {
            String decoded = percentDecode(a.path);
            if (decoded.isEmpty()) {
                throw malformed(url, "missing file name; write sqlite:///FILE, or sqlite:// for a database in memory");
            }
            file = decoded.equals(":memory:") ? decoded : resolve(url, base, decoded);
        }
        StringBuilder jdbc = new StringBuilder("jdbc:sqlite:").append(file);
        appendParams(url, jdbc, a.query, SQLITE_PARAMS, false);
        return new DatabaseUrl(url, jdbc.toString(), null, null, DialectHint.SQLITE, true, secretsOf(url, null, null));
    }

    private static DatabaseUrl parseH2(String url, Path base) {
        String rest = url.substring("h2:".length());
        int semi = rest.indexOf(';');
        String location = semi < 0 ? rest : rest.substring(0, semi);
        String settings = semi < 0 ? "" : rest.substring(semi);
        if (location.isEmpty()) throw malformed(url, "missing database after h2:; write h2:file:PATH or h2:mem:NAME");
        String lowerLocation = location.toLowerCase(Locale.ROOT);
        if (lowerLocation.startsWith("file:")) {
            String path = location.substring("file:".length());
            if (path.isEmpty()) throw malformed(url, "missing path after h2:file:");
            if (!path.startsWith("~")) location = "file:" + resolve(url, base, path);
        } else if (location.startsWith("./") || location.startsWith("../")) {
            location = resolve(url, base, location);
        }
        return h2(url, "jdbc:h2:" + location + settings);
    }

    private static String resolve(String url, Path base, String path) {
        try {
            return base.resolve(path).normalize().toString();
        } catch (InvalidPathException e) {
            throw malformed(url, "invalid file path: " + e.getReason());
        }
    }

    // ---------------------------------------------------------------- jdbc: forms

    private static DatabaseUrl parseJdbc(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            rejectUserBeforeHost(url, "jdbc:postgresql:", "PostgreSQL");
            return fromParams(url, DialectHint.POSTGRESQL, true);
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            rejectUserBeforeHost(url, "jdbc:mariadb:", "MariaDB");
            return fromParams(url, DialectHint.MARIADB, false);
        }
        if (lower.startsWith("jdbc:mysql:")) {
            int start = authorityStart(url);
            Authority a = start < 0 ? null : Authority.split(url, start, false);
            if (a != null && a.user != null) {
                // MySQL Connector/J reads user:password@ before the host and form-decodes both.
                String user = emptyToNull(formDecode(url, "user name", a.user));
                String password = a.password == null ? null : emptyToNull(formDecode(url, "password", a.password));
                return new DatabaseUrl(url, url, user, password, DialectHint.MYSQL, false,
                        secretsOf(url, password, a.password));
            }
            return fromParams(url, DialectHint.MYSQL, true);
        }
        if (lower.startsWith("jdbc:h2:")) return h2(url, url);
        if (lower.startsWith("jdbc:sqlite:")) {
            return new DatabaseUrl(url, url, null, null, DialectHint.SQLITE, false, secretsOf(url, null, null));
        }
        if (lower.length() == "jdbc:".length()) throw malformed(url, "nothing after jdbc:");
        return new DatabaseUrl(url, url, null, null, null, false, secretsOf(url, null, null));
    }

    private static void rejectUserBeforeHost(String url, String prefix, String product) {
        int start = authorityStart(url);
        if (start < 0) return;
        Authority a = Authority.split(url, start, false);
        if (a.user != null) {
            throw malformed(url, "the " + product + " JDBC driver does not accept user:password@ before the host; "
                    + "write ?user=…&password=… after the database, or use a " + prefix.substring(5)
                    + "// URL without jdbc:");
        }
    }

    /** user and password from {@code ?user=&password=}; {@code decode}: whether the driver percent-decodes them. */
    private static DatabaseUrl fromParams(String url, DialectHint hint, boolean decode) {
        int q = url.indexOf('?');
        String user = null;
        String password = null;
        String rawPassword = null;
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) continue;
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                String decoded = decode ? formDecode(url, "'" + name + "'", value) : value;
                if (name.equals("user")) user = emptyToNull(decoded);
                if (name.equals("password")) {
                    password = emptyToNull(decoded);
                    rawPassword = value;
                }
            }
        }
        return new DatabaseUrl(url, url, user, password, hint, false, secretsOf(url, password, rawPassword));
    }

    /** H2 reads {@code ;USER=} and {@code ;PASSWORD=} (any case) from the URL, without decoding. */
    private static DatabaseUrl h2(String written, String jdbc) {
        String user = null;
        String password = null;
        String[] parts = jdbc.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) continue;
            String name = parts[i].substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String value = parts[i].substring(eq + 1);
            if (name.equals("USER")) user = emptyToNull(value);
            if (name.equals("PASSWORD")) password = emptyToNull(value);
        }
        return new DatabaseUrl(written, jdbc, user, password, DialectHint.H2, false,
                secretsOf(written, password, null));
    }

    // ---------------------------------------------------------------- pieces

    /** @param credentialsTaken whether ?user= and ?password= were read as credentials (not carried) */
    private static void appendParams(String url, StringBuilder jdbc, String query, ParamRules rules,
            boolean credentialsTaken) {
        if (query == null || query.isEmpty()) return;
        char sep = '?';
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name = percentDecode(rawName);
            if (rules.rejected.containsKey(name)) {
                throw malformed(url, "query parameter '" + name + "' has no JDBC equivalent here; "
                        + rules.rejected.get(name));
            }
            if (rules.dropped.contains(name)) continue;
            if (credentialsTaken && (name.equals("user") || name.equals("password"))) continue;
            if (rules == POSTGRES_PARAMS && name.equals("ssl") && LIBPQ_SSLMODES.contains(percentDecode(rawValue))) {
                // asyncpg spells sslmode "ssl"; pgjdbc reads ssl=require as a malformed boolean and
                // falls back to sslmode=prefer, silently weakening the connection.
                rawName = "sslmode";
            }
            Rename rename = rules.renamed.get(name);
            if (rename != null) {
                rawName = rename.jdbcName;
                if (rename.factor != Rename.AS_WRITTEN) {
                    rawValue = scaled(url, name, percentDecode(rawValue), rename.factor);
                }
            }
            jdbc.append(sep).append(rawName);
            if (eq >= 0) jdbc.append('=').append(rawValue);
            sep = '&';
        }
    }

    private static String scaled(String url, String name, String value, int factor) {
        try {
            BigDecimal scaled = new BigDecimal(value).multiply(BigDecimal.valueOf(factor));
            if (scaled.signum() < 0) throw new NumberFormatException();
            return scaled.setScale(0, RoundingMode.UNNECESSARY).toPlainString();
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed(url, "query parameter '" + name + "' must be a number of seconds"
                    + (factor == 1 ? " (whole)" : " (at most three decimals)"));
        }
    }

    private static String checkedHost(String url, String host) {
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || !IPV6_ADDRESS.matcher(host.substring(1, host.length() - 1)).matches()) {
                throw malformed(url, "invalid IPv6 address " + host);
            }
            return host;
        }
        if (!HOST_NAME.matcher(host).matches()) throw malformed(url, "invalid host '" + host + "'");
        return host;
    }

    private static int checkedPort(String url, String port) {
        if (port.isEmpty()) throw malformed(url, "empty port after ':'; remove the ':' or write a port");
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw malformed(url, "invalid port '" + port + "'; a port is a number from 1 to 65535");
        }
        return Integer.parseInt(port);
    }

    /** Percent-decoding as Python's {@code unquote}: UTF-8, {@code +} kept, a stray {@code %} kept. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Decoding as pgjdbc and MySQL Connector/J decode URL values ({@code +} is a space), which
     * refuse a {@code %} not followed by two hex digits: so does this, naming the part.
     */
    private static String formDecode(String url, String what, String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(url, "the " + what + " has a '%' not followed by two hex digits, which the driver "
                    + "refuses; write %25 for a literal %");
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The password as decoded and as written, and every secret-named parameter's value. */
    private static Secrets secretsOf(String url, String password, String rawPassword) {
        List<String> found = new ArrayList<>();
        if (password != null) found.add(password);
        if (rawPassword != null) found.add(rawPassword);
        Matcher m = SECRET_PARAM.matcher(url);
        while (m.find()) {
            found.add(m.group(2));
            found.add(percentDecode(m.group(2)));
        }
        Matcher oracle = ORACLE_USER_PASSWORD.matcher(url);
        if (oracle.find()) found.add(oracle.group(2));
        return Secrets.of(found);
    }

    private static InvalidDatabaseUrlException malformed(String url, String problem) {
        return new InvalidDatabaseUrlException("Malformed database URL '" + mask(url) + "': " + problem);
    }

    private static InvalidDatabaseUrlException unknownScheme(String url, String scheme) {
        return new InvalidDatabaseUrlException("Unknown database URL scheme '" + scheme + "' in '" + mask(url)
                + "'; accepted: " + ACCEPTED);
    }

    /**
     * The parts after {@code scheme://}, split as SQLAlchemy splits them. Positions of the
     * password in the original string are kept so that masking replaces exactly the text written.
     */
    private static final class Authority {
        String user;
        String password;
        int passwordStart = -1;
        int passwordEnd = -1;
        String host = "";
        String port;
        String path;
        String query;

        /**
         * @param lenient SQLAlchemy's rules (12-factor URLs): the password may hold '/', '?', '@'
         *                as written. Otherwise RFC 3986's (JDBC URLs): the user part ends at the
         *                last '@' before the first '/', '?' or '#'.
         */
        static Authority split(String url, int start, boolean lenient) {
            Authority a = new Authority();
            String rest = url.substring(start);
            int hostStart = 0;
            int at = -1;
            int colon = -1;
            if (lenient) {
                int stop = indexOfAny(rest, ":/?", 0);
                if (stop >= 0 && rest.charAt(stop) == ':') {
                    // user:password@ — the password runs to the '@' before the host: the last '@'
                    // ahead of the first '/' or '?' that follows its first '@'.
                    int firstAt = rest.indexOf('@', stop + 1);
                    if (firstAt >= 0) {
                        int end = indexOfAny(rest, "/?", firstAt);
                        at = rest.lastIndexOf('@', end < 0 ? rest.length() - 1 : end);
                        colon = stop;
                    }
                }
                if (at < 0) {
                    int region = stop < 0 ? rest.length() : stop;
                    at = region == 0 ? -1 : rest.lastIndexOf('@', region - 1);
                }
            } else {
                int end = indexOfAny(rest, "/?#", 0);
                at = rest.lastIndexOf('@', end < 0 ? rest.length() - 1 : end);
                colon = at < 0 ? -1 : rest.substring(0, at).indexOf(':');
            }
            if (at >= 0) {
                a.user = rest.substring(0, colon < 0 ? at : colon);
                if (colon >= 0) {
                    a.password = rest.substring(colon + 1, at);
                    a.passwordStart = start + colon + 1;
                    a.passwordEnd = start + at;
                }
            }
            if (at >= 0) hostStart = at + 1;
            int hostEnd = indexOfAny(rest, "/?", hostStart);
            String hostPort = rest.substring(hostStart, hostEnd < 0 ? rest.length() : hostEnd);
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                String afterBracket = close < 0 ? "" : hostPort.substring(close + 1);
                a.host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
                if (afterBracket.startsWith(":")) {
                    a.port = afterBracket.substring(1);
                } else if (!afterBracket.isEmpty()) {
                    a.host = hostPort; // reported as an invalid address
                }
            } else {
                int portColon = hostPort.indexOf(':');
                a.host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
                if (portColon >= 0) a.port = hostPort.substring(portColon + 1);
            }
            if (hostEnd >= 0) {
                String tail = rest.substring(hostEnd);
                int q = tail.indexOf('?');
                if (tail.startsWith("/")) a.path = q < 0 ? tail.substring(1) : tail.substring(1, q);
                if (q >= 0) a.query = tail.substring(q + 1);
            }
            return a;
        }

        private static int indexOfAny(String s, String chars, int from) {
            for (int i = from; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) return i;
            }
            return -1;
        }
    }
}
