package dev.retort.testkit;

import java.nio.file.Path;

/**
 * SQLite and H2 databases as files in a directory of this JVM. A fresh database is a file name not
 * used yet; the driver creates the file on first connect. Thread-safe.
 */
final class FileDatabases implements DatabaseSource {

    private final DatabaseKind kind;
    private final Path directory;

    /** {@code kind} is {@link DatabaseKind#SQLITE} or {@link DatabaseKind#H2}. */
    FileDatabases(DatabaseKind kind, Path directory) {
        if (kind != DatabaseKind.SQLITE && kind != DatabaseKind.H2) {
            throw new IllegalArgumentException(kind + " is not a file database");
        }
        this.kind = kind;
        this.directory = directory.toAbsolutePath();
    }

    @Override
    public FreshDatabase create(String name) {
        if (kind == DatabaseKind.SQLITE) {
            return new FreshDatabase(kind, "jdbc:sqlite:" + directory.resolve(name + ".db"), "", "", name);
        }
        // H2 appends ".mv.db" itself.
        return new FreshDatabase(kind, "jdbc:h2:file:" + directory.resolve(name), "sa", "", name);
    }
}
