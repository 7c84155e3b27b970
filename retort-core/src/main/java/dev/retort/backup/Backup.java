package dev.retort.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A backup that was taken.
 *
 * @param file           the backup file
 * @param method         how it was taken, e.g. {@code VACUUM INTO} or {@code pg_dump 17.2 (/usr/bin/pg_dump)}
 * @param restoreCommand a shell command that restores it; it holds no password (the tools ask
 *                       for one, or read it from their usual places)
 * @param took           how long it took
 */
public record Backup(Path file, String method, String restoreCommand, Duration took) {
    public Backup {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(restoreCommand, "restoreCommand");
        Objects.requireNonNull(took, "took");
    }
}
