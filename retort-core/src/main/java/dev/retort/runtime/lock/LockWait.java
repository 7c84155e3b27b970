package dev.retort.runtime.lock;

import dev.retort.MigrationListener;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a {@link MigrationLock}: tries, and while another process holds it, polls with a
 * backoff from 25 ms to 1 s (plus jitter, so that processes started together do not poll in step),
 * telling the listener who holds it. Polling, rather than a blocking call such as
 * {@code pg_advisory_lock}, keeps a waiter from sitting inside a statement: on PostgreSQL a
 * waiting statement would be a transaction that the holder's {@code CREATE INDEX CONCURRENTLY}
 * must wait for, while the waiter waits for the holder (flyway/flyway#1654).
 *
 * <p>Stateless and thread-safe.
 */
public final class LockWait {

    private static final Logger LOG = LoggerFactory.getLogger(LockWait.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private LockWait() {
    }

    /**
     * Takes the lock, waiting up to {@code timeout} (empty: as long as it takes).
     *
     * @param database how the database is named in messages
     * @throws UnableToAcquireLockException when the timeout passes, naming the holder, or when the
     *                                      thread is interrupted
     */
    public static HeldLock acquire(MigrationLock lock, Optional<Duration> timeout, String database,
                                   MigrationListener listener) throws SQLException {
        Objects.requireNonNull(lock, "lock");
        try {
            return waitFor(lock, timeout, database, listener);
        } catch (SQLException | RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    private static HeldLock waitFor(MigrationLock lock, Optional<Duration> timeout, String database,
                                    MigrationListener listener) throws SQLException {
        long start = System.nanoTime();
        Duration pause = FIRST_PAUSE;
        Optional<LockHolder> reported = null;
        long reportedAt = 0;
        while (!lock.tryAcquire()) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            Optional<LockHolder> holder = lock.holder();
            if (timeout.isPresent() && waited.compareTo(timeout.get()) >= 0) {
                throw new UnableToAcquireLockException(UnableToAcquireLockException.timedOut(database,
                        lock.describe(), holder, waited, timeout.get()), holder);
            }
            boolean holderChanged = reported == null
                    || !holder.map(LockHolder::session).equals(reported.map(LockHolder::session));
            if (holderChanged || System.nanoTime() - reportedAt > REPORT_EVERY.toNanos()) {
                LOG.info("Waiting for the migration lock on {} ({}), held by {}", database, lock.describe(),
                        holder.map(LockHolder::describe).orElse("a session the database does not name"));
                listener.waitingForLock(database, holder, waited);
                reported = holder;
                reportedAt = System.nanoTime();
            }
            Duration sleep = pause.plusMillis(ThreadLocalRandom.current().nextLong(pause.toMillis() / 2 + 1));
            if (timeout.isPresent()) {
                Duration left = timeout.get().minus(waited);
                sleep = sleep.compareTo(left) > 0 ? left : sleep;
            }
            try {
                Thread.sleep(Math.max(1, sleep.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToAcquireLockException("Interrupted while waiting for the migration lock on "
                        + database + " (" + lock.describe() + ")", e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        LOG.debug("Took the migration lock on {} ({})", database, lock.describe());
        return new HeldLock(lock);
    }

    /** A wait as people write it: {@code 250ms}, {@code 12s}, {@code 3min 20s}. */
    static String format(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds / 3600 > 0 ? seconds / 3600 + "h " + seconds % 3600 / 60 + "min"
                : seconds / 60 + "min" + (seconds % 60 > 0 ? " " + seconds % 60 + "s" : "");
    }

    /** A lock this process holds; closing releases it. */
    public static final class HeldLock implements AutoCloseable {
        private final MigrationLock lock;

        HeldLock(MigrationLock lock) {
            this.lock = lock;
        }

        /** What is locked. */
        public String describe() {
            return lock.describe();
        }

        @Override
        public void close() {
            lock.release();
        }
    }
}
