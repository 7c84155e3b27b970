package dev.retort.backup;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backup needs to know besides the open connection: how the database was reached, and the
 * environment external tools are looked up in and run with.
 *
 * @param jdbcUrl     the URL connections are opened with (hosts and port are read from it); empty
 *                    for a DataSource, where the connection's metadata is asked instead
 * @param user        the user, when known apart from the URL
 * @param password    the password, when known; handed to tools through their environment or a
 *                    private file, never their command line
 * @param environment the environment: {@code PATH} to find tools, passed on to them
 */
public record BackupTarget(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password,
                           Map<String, String> environment) {
    public BackupTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        environment = Map.copyOf(environment);
    }

    /** Says nothing of the password. */
    @Override
    public String toString() {
        return "BackupTarget[user=" + user.orElse("") + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}
