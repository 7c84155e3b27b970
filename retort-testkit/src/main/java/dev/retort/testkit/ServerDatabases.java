package dev.retort.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database server on which each fresh database is a {@code CREATE DATABASE}, run over an
 * administrative connection: one of the embedded servers, or the server an environment variable
 * names. The fresh database's URL is the administrative URL with only the database name changed,
 * so hosts, parameters and credentials carry over. Thread-safe.
 */
final class ServerDatabases implements DatabaseSource {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDatabases.class);

    private final DatabaseKind kind;
    private final ServerUrl adminUrl;
    private final String user;
    private final String password;
    private final String description;
    private final String remedy;
    private final List<String> toDropAtExit;

    private ServerDatabases(DatabaseKind kind, ServerUrl adminUrl, String user, String password,
                            String description, String remedy, boolean dropAtExit) {
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.remedy = remedy;
        this.toDropAtExit = dropAtExit ? new ArrayList<>() : null;
    }

    /**
     * An embedded server this JVM started. Its databases vanish with its data directory, so none is
     * dropped.
     *
     * @param adminUrl    a URL of {@code kind}'s driver on which {@code CREATE DATABASE} may be run
     * @param description names the server in error messages, e.g. "embedded PostgreSQL 17.6 on port 5432"
     */
    static ServerDatabases embedded(DatabaseKind kind, String adminUrl, String user, String description) {
        return new ServerDatabases(kind, ServerUrl.parse(kind, adminUrl), user, "", description, "", false);
    }

    /**
     * The server environment variable {@code variable} names with {@code url}: checked by connecting
     * once now. Credentials are taken from the URL's {@code user} and {@code password} parameters.
     * The databases made on it are dropped at JVM exit, best effort, so a developer's own server
     * does not fill up.
     *
     * @throws DatabaseUnavailableException if the URL is malformed or the server cannot be reached
     */
    static ServerDatabases external(DatabaseKind kind, String variable, String url) {
        ServerUrl parsed;
        try {
            parsed = ServerUrl.parse(kind, url);
        } catch (IllegalArgumentException e) {
            throw new DatabaseUnavailableException(variable + " is not a " + kind + " JDBC URL: " + e.getMessage()
                    + ". Fix it, or unset " + variable + " to use the embedded server.", e);
        }
        ServerDatabases server = new ServerDatabases(kind, parsed, parsed.parameter("user").orElse(""),
                parsed.parameter("password").orElse(""),
                "the " + kind + " server " + variable + " names (" + parsed.redacted() + ")",
                " Check that the user in " + variable + " may create and drop databases there, or unset "
                        + variable + " to use the embedded server.", true);
        try (Connection probe = server.admin()) {
            LOG.info("Using {}: {} {}", server.description, probe.getMetaData().getDatabaseProductName(),
                    probe.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not connect to " + server.description + ": "
                    + e.getMessage() + ". Check that the server is up and the URL is right, or unset "
                    + variable + " to use the embedded server.", e);
        }
        AtJvmExit.register("drop the databases made on " + server.description, server::dropCreated);
        return server;
    }

    @Override
    public FreshDatabase create(String name) {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not create database " + name + " on " + description
                    + ": " + e.getMessage() + "." + remedy, e);
        }
        if (toDropAtExit != null) {
            synchronized (toDropAtExit) {
                toDropAtExit.add(name);
            }
        }
        return new FreshDatabase(kind, adminUrl.withDatabase(name).toString(), user, password, name);
    }

    private Connection admin() throws SQLException {
        return new DriverManagerDataSource(adminUrl.toString(), user, password).getConnection();
    }

    private void dropCreated() throws SQLException {
        List<String> names;
        synchronized (toDropAtExit) {
            names = List.copyOf(toDropAtExit);
        }
        if (names.isEmpty()) {
            return;
        }
        int dropped = 0;
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            // A test that left a connection open or a transaction running must not hang the JVM's exit.
            statement.setQueryTimeout(10);
            for (String name : names) {
                try {
                    statement.execute(dropStatement(name));
                    dropped++;
                } catch (SQLException e) {
                    LOG.warn("Could not drop database {} on {}: {}", name, description, e.getMessage());
                }
            }
        }
        LOG.info("Dropped {} of {} test databases on {}", dropped, names.size(), description);
    }

    private String dropStatement(String name) {
        // WITH (FORCE) (PostgreSQL 13+) ends the sessions a test left open, which would block a plain DROP.
        return kind == DatabaseKind.POSTGRES
                ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name;
    }

    @Override
    public String toString() {
        return description;
    }
}
