package dev.retort.runtime.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite: an exclusive transaction ({@code BEGIN EXCLUSIVE}) on a lock file next to the database,
 * {@code <database>-retort-lock}, itself an (empty) SQLite database, held on a connection of its own.
 *
 * <p>Why not on the database file: SQLite's locks are per connection, and a connection holding
 * {@code BEGIN IMMEDIATE} keeps every other connection, ours included, from writing (with
 * {@code BEGIN EXCLUSIVE}, from reading too), so the migration connection could not run. Holding
 * the lock on the migration connection itself ({@code PRAGMA locking_mode = EXCLUSIVE}) would keep
 * it across commits, but in WAL mode that lock cannot be had while any other connection is open,
 * an application's idle pool included, and in rollback mode it shuts out every reader for the
 * whole run. A lock on a file of its own stops only other migrators. The file lock is a POSIX
 * record lock, which the operating system drops when the process ends, however it ends; SQLite
 * keeps the locks of several connections in one process apart. The file stays (empty) after the
 * run; only the lock on it means anything, so it is never stale.
 *
 * <p>Who holds it: SQLite does not say, but on Linux {@code /proc/locks} names the process with a
 * write lock on the file, which is on this host (SQLite locks do not work across machines anyway).
 */
final class SqliteLockFile implements MigrationLock {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLockFile.class);
    /** SQLITE_BUSY: another connection holds a conflicting lock. */
    private static final int SQLITE_BUSY = 5;

    private final Path file;
    private Connection dedicated;
    private boolean held;

    /** @param database the database file; the lock file is named after it */
    SqliteLockFile(Path database) {
        this.file = database.resolveSibling(database.getFileName() + "-retort-lock");
    }

    Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "SQLite lock file " + file;
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        if (dedicated == null) {
            try {
                dedicated = DriverManager.getConnection("jdbc:sqlite:" + file);
            } catch (SQLException e) {
                throw new SQLException("cannot open the lock file " + file + " (retort needs to write next to the"
                        + " database, as SQLite does for its journal): " + e.getMessage(), e);
            }
            try (Statement statement = dedicated.createStatement()) {
                // fail at once and let LockWait poll, so that a waiter can say who holds the lock
                statement.execute("PRAGMA busy_timeout = 0");
            }
        }
        try (Statement statement = dedicated.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            held = true;
            return true;
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<LockHolder> holder() throws SQLException {
        if (held) {
            return Optional.empty();
        }
        if (dedicated == null) {
            // asked from outside a wait ('retort lock'): the only way to know is to try
            if (tryAcquire()) {
                release();
                return Optional.empty();
            }
        }
        return Optional.of(processHolding(file).orElse(LockHolder.named("another process (SQLite does not say"
                + " which, and /proc/locks is not readable here)")));
    }

    /** The process with a write lock on {@code file}, from Linux's {@code /proc/locks}. */
    static Optional<LockHolder> processHolding(Path file) {
        Path locks = Path.of("/proc/locks");
        try {
            if (!Files.isReadable(locks) || !Files.exists(file)) {
                return Optional.empty();
            }
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            List<String> lines = Files.readAllLines(locks);
            for (String line : lines) {
                // 1: POSIX  ADVISORY  WRITE 10408 fe:00:4243467 1073741824 1073742335
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 6 || !"WRITE".equals(fields[3]) || fields[1].equals("->")) {
                    continue;
                }
                String[] device = fields[5].split(":");
                if (device.length == 3 && Long.parseLong(device[2]) == inode) {
                    long pid = Long.parseLong(fields[4]);
                    return Optional.of(describeProcess(pid));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read {}", locks, e);
        }
        return Optional.empty();
    }

    private static LockHolder describeProcess(long pid) {
        boolean self = pid == ProcessHandle.current().pid();
        Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
        Optional<String> command = info.flatMap(ProcessHandle.Info::commandLine).map(SqliteLockFile::abbreviate);
        Optional<String> user = info.flatMap(ProcessHandle.Info::user);
        // when the process started, not when it took the lock: the file lock does not say
        String started = info.flatMap(ProcessHandle.Info::startInstant)
                .map(s -> ", started " + s.truncatedTo(ChronoUnit.SECONDS)).orElse("");
        return new LockHolder((self ? "another connection of this process (" + pid + ")" : "process " + pid)
                + " on this host" + started, command, Optional.empty(), user, Optional.empty());
    }

    private static String abbreviate(String command) {
        return command.length() <= 120 ? command : command.substring(0, 117) + "...";
    }

    @Override
    public void release() {
        if (dedicated == null) {
            return;
        }
        try (Statement statement = dedicated.createStatement()) {
            if (held) {
                statement.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            LOG.warn("Could not release the {} ({}); closing its connection frees it", describe(), e.getMessage());
        } finally {
            held = false;
            try {
                dedicated.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock file connection failed", e);
            }
            dedicated = null;
        }
    }
}
