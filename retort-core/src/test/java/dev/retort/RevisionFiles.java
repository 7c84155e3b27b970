package dev.retort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes SQL revision files into a test's versions directory. */
public final class RevisionFiles {

    private final Path versions;

    public RevisionFiles(Path scriptLocation) {
        this.versions = scriptLocation.resolve("versions");
        try {
            Files.createDirectories(versions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path versions() {
        return versions;
    }

    /** A revision with an up and a down section. */
    public Path write(String id, String down, String message, String up, String downSql) {
        return file(id, header(id, down, message) + "\n-- migrate:up\n" + up + "\n\n-- migrate:down\n" + downSql
                + "\n");
    }

    /** A revision without a down section. */
    public Path writeIrreversible(String id, String down, String message, String up) {
        return file(id, header(id, down, message) + "\n-- migrate:up\n" + up + "\n");
    }

    /** A revision with extra header lines (labels, depends_on). */
    public Path writeWithHeader(String id, String down, String message, List<String> extraHeader, String up,
                         String downSql) {
        StringBuilder header = new StringBuilder(header(id, down, message));
        for (String line : extraHeader) {
            header.append("-- ").append(line).append('\n');
        }
        return file(id, header + "\n-- migrate:up\n" + up + "\n\n-- migrate:down\n" + downSql + "\n");
    }

    Path file(String id, String content) {
        Path file = versions.resolve(id + ".sql");
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String header(String id, String down, String message) {
        return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: " + message + "\n";
    }
}
