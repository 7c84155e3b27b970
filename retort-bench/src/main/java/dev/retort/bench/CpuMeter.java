package dev.retort.bench;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The CPU time one way of upgrading costs: the client's (the measuring thread's, plus garbage
 * collection; SQLite runs in it) and, on PostgreSQL, the server's, summed over the backend
 * processes of the connections it opened (their user and system time from {@code /proc}, read just
 * before each connection closes; 10 ms ticks). Other jobs on the machine stretch wall-clock time
 * far more than these.
 */
final class CpuMeter {

    private final long clientStart = ProcessCpu.nanos();
    private long serverNanos;
    private boolean serverKnown;

    long clientNanos() {
        return ProcessCpu.nanos() - clientStart;
    }

    /** The server's CPU time, or -1 when no backend could be read (SQLite, another host). */
    long serverNanos() {
        return serverKnown ? serverNanos : -1;
    }

    /** A connection to the target whose server backend's CPU time is added here when it closes. */
    Connection connect(Databases.Target target) throws SQLException {
        Connection connection = target.connect();
        if (!target.kind().equals("postgres")) {
            return connection;
        }
        long pid;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        addBackend(pid);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A DataSource handing out {@link #connect} connections. */
    DataSource dataSource(Databases.Target target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connect(target);
                    }
                    if (method.getName().equals("toString")) {
                        return "metered " + target.kind();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private synchronized void addBackend(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command name: state is field 3 of the line, utime 14 and stime 15
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            serverNanos += ticks * 10_000_000L;
            serverKnown = true;
        } catch (IOException | RuntimeException e) {
            // the server runs elsewhere, or the backend is gone: its time stays unknown
        }
    }
}
