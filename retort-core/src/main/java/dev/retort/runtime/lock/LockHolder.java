package dev.retort.runtime.lock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a migration lock, as far as the database can tell.
 *
 * @param session     the holder's session as the database names it: {@code PostgreSQL backend pid 4242},
 *                    {@code MariaDB connection 17}, {@code H2 session 5}, {@code process 9120 on this host}
 * @param application the name the holder's client gave itself; retort's lock connections call
 *                    themselves {@code retort lock: pid <pid> on <host>}
 * @param client      where the holder connects from (address, host name)
 * @param user        the database user
 * @param since       since when it holds the lock, where the database says (for retort's lock
 *                    connections: the moment the lock was taken, as they do nothing afterwards)
 */
public record LockHolder(String session, Optional<String> application, Optional<String> client,
                         Optional<String> user, Optional<Instant> since) {

    public LockHolder {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
    }

    /** A holder of whom nothing is known but the name of its session. */
    public static LockHolder named(String session) {
        return new LockHolder(session, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * One phrase for messages: {@code PostgreSQL backend pid 4242 (application '…', client 10.0.0.5,
     * user app) since …}.
     */
    public String describe() {
        List<String> details = new ArrayList<>();
        application.filter(a -> !a.isBlank()).ifPresent(a -> details.add("application '" + a + "'"));
        client.filter(c -> !c.isBlank()).ifPresent(c -> details.add("client " + c));
        user.filter(u -> !u.isBlank()).ifPresent(u -> details.add("user " + u));
        StringBuilder text = new StringBuilder(session);
        if (!details.isEmpty()) {
            text.append(" (").append(String.join(", ", details)).append(')');
        }
        since.ifPresent(s -> text.append(" since ").append(s.truncatedTo(ChronoUnit.SECONDS)));
        return text.toString();
    }
}
