package dev.retort.backup;

import dev.retort.config.Secrets;
import dev.retort.dialect.Dialect;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a backup of the database a connection is open on, by the means each database offers, into
 * a new file in a directory, and says how to restore it:
 * <ul>
 *   <li>SQLite: {@code VACUUM INTO} (an online, consistent copy; SQLite 3.27+); restored by copying
 *       the file back.</li>
 *   <li>H2: {@code SCRIPT DROP TO} (a SQL script); restored with H2's {@code RunScript} tool.</li>
 *   <li>PostgreSQL: {@code pg_dump --format=custom} from {@code PATH}, refused before it runs when it
 *       is older than the server (pg_dump reads only servers of its own major version or older);
 *       restored with {@code pg_restore}. The password goes in {@code PGPASSWORD}.</li>
 *   <li>MariaDB and MySQL: {@code mariadb-dump} or {@code mysqldump} from {@code PATH} (the
 *       dialect's own first), {@code --single-transaction}; restored with the matching client. The
 *       password goes in a private option file ({@code --defaults-extra-file}) deleted afterwards.</li>
 * </ul>
 * A missing tool is a {@link BackupFailedException} naming what to install. Nothing here ever
 * puts a password on a command line or in a message.
 *
 * <p>Dispatches on the dialect's name, as {@code SqlMigrationBody.flavor} does: the dialects are
 * being reshaped elsewhere, and backups touch files and processes that dialects should not know.
 *
 * <p>Stateless and thread-safe.
 */
public final class Backups {

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TOOL_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
    private static final Pattern H2_CREDENTIALS = Pattern.compile("(?i);(USER|PASSWORD)=[^;]*");
    private static final String NOTHING_RAN = "Nothing ran";

    private Backups() {
    }

    /**
     * Backs up the database into a new file in {@code directory} (created if missing).
     *
     * @throws BackupFailedException when the backup cannot be taken; nothing else has run then
     */
    public static Backup take(Connection connection, Dialect dialect, Path directory, BackupTarget target) {
        Instant started = Instant.now();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new BackupFailedException("The backup directory " + directory + " is a file; give --backup a"
                    + " directory (it is created if missing). " + NOTHING_RAN);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BackupFailedException("Cannot create the backup directory " + directory + ": " + e.getMessage()
                    + ". Give --backup a directory you can write to. " + NOTHING_RAN, e);
        }
        Secrets secrets = target.password().map(Secrets::of).orElse(Secrets.none());
        try {
            Backup backup = switch (dialect.name()) {
                case "sqlite" -> sqlite(connection, directory, started);
                case "h2" -> h2(connection, dialect, directory, target, started);
                case "postgresql" -> postgres(connection, directory, target, secrets, started);
                case "mysql", "mariadb" -> mysql(connection, dialect, directory, target, secrets, started);
                default -> throw new BackupFailedException("retort cannot back up " + dialect.displayName()
                        + " databases; run without --backup. " + NOTHING_RAN);
            };
            LOG.info("Backed up the database to {} with {}", backup.file(), backup.method());
            return backup;
        } catch (SQLException e) {
            throw new BackupFailedException("The backup failed: " + secrets.mask(oneLine(e.getMessage())) + ". "
                    + NOTHING_RAN, e);
        } catch (IOException e) {
            throw new BackupFailedException("The backup failed: " + secrets.mask(oneLine(e.toString())) + ". "
                    + NOTHING_RAN, e);
        }
    }

    // ------------------------------------------------------------------------------------------ SQLite

    private static Backup sqlite(Connection connection, Path directory, Instant started) throws SQLException {
        String databaseFile = "";
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    databaseFile = rs.getString("file") == null ? "" : rs.getString("file");
                }
            }
        }
        String base = databaseFile.isEmpty() ? "memory"
                : stripExtension(Path.of(databaseFile).getFileName().toString());
        Path file = newFile(directory, base, "sqlite", started);
        boolean autoCommit = connection.getAutoCommit();
        // VACUUM cannot run inside a transaction
        connection.setAutoCommit(true);
        try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, file.toString());
            vacuum.execute();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        String restore = databaseFile.isEmpty()
                ? "sqlite3 " + shell(file) + "   # the database was in memory: the backup is a file of its own"
                : "cp " + shell(file) + " " + shell(Path.of(databaseFile));
        return new Backup(file, "VACUUM INTO", restore, Duration.between(started, Instant.now()));
    }

    // ------------------------------------------------------------------------------------------ H2

    private static Backup h2(Connection connection, Dialect dialect, Path directory, BackupTarget target,
                             Instant started) throws SQLException {
        String url = H2_CREDENTIALS.matcher(connection.getMetaData().getURL()).replaceAll("");
        String name = url.replaceAll("^jdbc:h2:(?:file:|mem:|tcp://[^/]*/|ssl://[^/]*/)?", "")
                .replaceAll("[;?].*", "");
        Path file = newFile(directory, name.isEmpty() ? "h2" : Path.of(name).getFileName().toString(), "sql",
                started);
        try (Statement statement = connection.createStatement()) {
            // DROP: the script drops each table before creating it again
            statement.execute("SCRIPT DROP TO " + dialect.literal(file.toString()));
        }
        String user = target.user().orElse(connection.getMetaData().getUserName());
        String restore = "java -cp " + shell(jarOf(connection)) + " org.h2.tools.RunScript -url " + shell(url)
                + " -user " + shell(user) + (target.password().isPresent() ? " -password \"$H2_PASSWORD\"" : "")
                + " -script " + shell(file);
        return new Backup(file, "SCRIPT DROP TO", restore, Duration.between(started, Instant.now()));
    }

    /** The jar the H2 driver was loaded from (the CLI's own jar, for the CLI). */
    private static Path jarOf(Connection connection) {
        try {
            CodeSource source = connection.getClass().getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI());
            }
        } catch (URISyntaxException | RuntimeException e) {
            LOG.debug("No jar for the H2 driver", e);
        }
        return Path.of("h2.jar");
    }

    // ------------------------------------------------------------------------------------------ PostgreSQL

    private static Backup postgres(Connection connection, Path directory, BackupTarget target, Secrets secrets,
                                   Instant started) throws SQLException, IOException {
        String serverVersion;
        int serverMajor;
        String database;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " current_setting('server_version_num')::int / 10000, current_database()")) {
            rs.next();
            serverVersion = rs.getString(1).replaceAll("\\s.*", "");
            serverMajor = rs.getInt(2);
            database = rs.getString(3);
        }
        Path tool = ExternalTool.find("pg_dump", target.environment()).orElseThrow(() -> new BackupFailedException(
                "pg_dump was not found on PATH; install the PostgreSQL " + serverMajor + " client tools (Debian/Ubuntu:"
                        + " postgresql-client-" + serverMajor + ") and put them on PATH, or run without --backup. "
                        + NOTHING_RAN));
        ExternalTool.Result version = ExternalTool.run(List.of(tool.toString(), "--version"), Map.of(),
                target.environment(), secrets);
        Matcher matcher = TOOL_VERSION.matcher(version.output().replaceFirst("^[^0-9]*", ""));
        if (version.exitCode() != 0 || !matcher.lookingAt()) {
            throw new BackupFailedException(tool + " --version did not say its version (" + version.lastLines(2)
                    + "); check that it is PostgreSQL's pg_dump. " + NOTHING_RAN);
        }
        int toolMajor = Integer.parseInt(matcher.group(1));
        String toolVersion = matcher.group();
        if (toolMajor < serverMajor) {
            throw new BackupFailedException("pg_dump " + toolVersion + " (" + tool + ") cannot back up PostgreSQL "
                    + serverVersion + ": pg_dump reads only servers of its own major version or older. Install the"
                    + " PostgreSQL " + serverMajor + " client tools (Debian/Ubuntu: postgresql-client-" + serverMajor
                    + ", from the PostgreSQL apt repository where the distribution lacks it) and put that pg_dump"
                    + " first on PATH, or run without --backup. " + NOTHING_RAN);
        }
        ServerAddress address = ServerAddress.of(target.jdbcUrl().orElse(connection.getMetaData().getURL()), 5432);
        String user = target.user().orElseGet(() -> metadataUser(connection));
        Path file = newFile(directory, database, "dump", started);
        List<String> command = List.of(tool.toString(), "--format=custom", "--no-password", "--file=" + file,
                "--host=" + address.host(), "--port=" + address.port(), "--username=" + user, "--dbname=" + database);
        Map<String, String> environment = new LinkedHashMap<>();
        target.password().ifPresent(p -> environment.put("PGPASSWORD", p));
        sslMode(target.jdbcUrl()).ifPresent(mode -> environment.put("PGSSLMODE", mode));
        environment.put("PGCONNECT_TIMEOUT", "10");
        environment.put("PGAPPNAME", "retort backup");
        runDump(command, environment, target, secrets, file, "pg_dump");
        String restore = "pg_restore --clean --if-exists --no-owner --host=" + shell(address.host()) + " --port="
                + address.port() + " --username=" + shell(user) + " --dbname=" + shell(database) + " " + shell(file);
        return new Backup(file, "pg_dump " + toolVersion + " (" + tool + ")", restore,
                Duration.between(started, Instant.now()));
    }

    private static Optional<String> sslMode(Optional<String> jdbcUrl) {
        return jdbcUrl.flatMap(url -> {
            Matcher m = Pattern.compile("[?&]sslmode=([a-z-]+)").matcher(url);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
    }

    // ------------------------------------------------------------------------------------------ MySQL, MariaDB

    private static Backup mysql(Connection connection, Dialect dialect, Path directory, BackupTarget target,
                                Secrets secrets, Instant started) throws SQLException, IOException {
        List<String> tools = dialect.name().equals("mariadb") ? List.of("mariadb-dump", "mysqldump")
                : List.of("mysqldump", "mariadb-dump");
        Path tool = null;
        for (String name : tools) {
            Optional<Path> found = ExternalTool.find(name, target.environment());
            if (found.isPresent()) {
                tool = found.get();
                break;
            }
        }
        if (tool == null) {
            throw new BackupFailedException("Neither " + tools.get(0) + " nor " + tools.get(1) + " was found on PATH;"
                    + " install the " + (dialect.name().equals("mariadb") ? "MariaDB client (Debian/Ubuntu: apt-get"
                    + " install mariadb-client)" : "MySQL client (mysqldump; or the MariaDB client, Debian/Ubuntu:"
                    + " apt-get install mariadb-client)") + " and put it on PATH, or run without --backup. "
                    + NOTHING_RAN);
        }
        String database;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            rs.next();
            database = rs.getString(1);
        }
        if (database == null) {
            throw new BackupFailedException("The connection has no current database to back up; name one in the URL"
                    + " (…/DATABASE). " + NOTHING_RAN);
        }
        ServerAddress address = ServerAddress.of(target.jdbcUrl().orElse(connection.getMetaData().getURL()), 3306);
        String user = target.user().orElseGet(() -> metadataUser(connection).replaceAll("@.*", ""));
        Path file = newFile(directory, database, "sql", started);
        Path options = null;
        try {
            List<String> command = new ArrayList<>();
            command.add(tool.toString());
            if (target.password().isPresent()) {
                options = optionFile(target.password().get());
                // must come first; the file is readable by this user only and deleted below
                command.add("--defaults-extra-file=" + options);
            }
            // TCP even for "localhost", which the client would otherwise take to mean its socket
            command.addAll(List.of("--protocol=TCP", "--host=" + address.host(), "--port=" + address.port(),
                    "--user=" + user, "--single-transaction", "--routines", "--triggers", "--result-file=" + file,
                    database));
            runDump(command, Map.of(), target, secrets, file, tool.getFileName().toString());
        } finally {
            if (options != null) {
                Files.deleteIfExists(options);
            }
        }
        String client = tool.getFileName().toString().startsWith("mariadb") ? "mariadb" : "mysql";
        String restore = client + " --protocol=TCP --host=" + shell(address.host()) + " --port=" + address.port()
                + " --user=" + shell(user) + (target.password().isPresent() ? " -p " : " ") + shell(database) + " < "
                + shell(file);
        return new Backup(file, tool.getFileName() + " (" + tool + ")", restore,
                Duration.between(started, Instant.now()));
    }

    /** A {@code [client]} option file holding the password, readable by this user only. */
    private static Path optionFile(String password) throws IOException {
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("retort-backup", ".cnf",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("retort-backup", ".cnf");
        // option files read \\ and \" as escapes inside double quotes
        String quoted = "\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        Files.writeString(file, "[client]\npassword=" + quoted + "\n", StandardCharsets.UTF_8);
        return file;
    }

    // ------------------------------------------------------------------------------------------ shared

    private static void runDump(List<String> command, Map<String, String> extraEnvironment, BackupTarget target,
                                Secrets secrets, Path file, String name) throws IOException {
        ExternalTool.Result result = ExternalTool.run(command, extraEnvironment, target.environment(), secrets);
        if (result.exitCode() != 0) {
            Files.deleteIfExists(file);
            throw new BackupFailedException(name + " failed (exit " + result.exitCode() + "): " + result.lastLines(3)
                    + ". No backup was written; " + NOTHING_RAN.toLowerCase(Locale.ROOT));
        }
        if (!Files.isRegularFile(file)) {
            throw new BackupFailedException(name + " reported success but wrote no " + file + ". " + NOTHING_RAN);
        }
    }

    private static String metadataUser(Connection connection) {
        try {
            String user = connection.getMetaData().getUserName();
            return user == null ? "" : user;
        } catch (SQLException e) {
            return "";
        }
    }

    /** A file that does not exist yet: {@code DIR/<base>-<UTC time>.<extension>}, numbered if taken. */
    private static Path newFile(Path directory, String base, String extension, Instant now) {
        String safe = base.replaceAll("[^A-Za-z0-9_.-]", "_");
        String stem = (safe.isEmpty() ? "database" : safe) + "-" + STAMP.format(now);
        Path file = directory.resolve(stem + "." + extension);
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(stem + "-" + n + "." + extension);
        }
        return file.toAbsolutePath();
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A word for a POSIX shell: as is when plainly safe, else in single quotes. */
    static String shell(Object value) {
        String text = value.toString();
        if (text.matches("[A-Za-z0-9_./:=@%+-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
