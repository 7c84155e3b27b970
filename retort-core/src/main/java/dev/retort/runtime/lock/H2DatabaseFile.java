package dev.retort.runtime.lock;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An H2 database file that another process has open. In embedded mode H2 locks the file for the
 * process that opened it (a lock the operating system drops when that process ends), and refuses
 * every other process with error 90020, "Database may be already in use". For a command that writes
 * that is the migration lock held by someone else: it waits for the file, polling, as for any other
 * lock, and names the process holding it where Linux's {@code /proc/locks} tells.
 *
 * <p>Taking this "lock" is opening the connection; {@link #connection()} hands it over.
 */
public final class H2DatabaseFile implements MigrationLock {

    /** ErrorCode.DATABASE_ALREADY_OPEN_1, which H2 also reports as the SQL state. */
    private static final String ALREADY_OPEN = "90020";
    private static final Pattern FILE = Pattern.compile("\"([^\"]+)\"");

    private final ConnectionSupplier opener;
    private final Optional<Path> file;
    private Connection connection;

    /** Opens connections to the database. */
    @FunctionalInterface
    public interface ConnectionSupplier {
        Connection open() throws SQLException;
    }

    /** @param refusal the error of the first attempt, which names the file */
    public H2DatabaseFile(ConnectionSupplier opener, SQLException refusal) {
        this.opener = opener;
        Matcher m = FILE.matcher(String.valueOf(refusal.getMessage()));
        this.file = m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    /** Whether the connection failed because another process has the H2 database file open. */
    public static boolean inUse(SQLException e) {
        return ALREADY_OPEN.equals(e.getSQLState()) || e.getErrorCode() == Integer.parseInt(ALREADY_OPEN);
    }

    @Override
    public String describe() {
        return "H2 database file " + file.map(Path::toString).orElse("(unnamed)") + ", which H2 lets one process"
                + " open at a time in embedded mode";
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        try {
            connection = opener.open();
            return true;
        } catch (SQLException e) {
            if (inUse(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<LockHolder> holder() {
        return Optional.of(file.flatMap(SqliteLockFile::processHolding)
                .orElse(LockHolder.named("another process (H2 does not say which)")));
    }

    /** The connection opened once the file was free. */
    public Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("the H2 database file was not opened");
        }
        return connection;
    }

    @Override
    public void release() {
        // the connection now belongs to the command; H2 frees the file when it is closed
    }
}
