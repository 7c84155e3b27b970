package dev.retort.bench;

import dev.retort.revision.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a retort project of revision files: {@code retort.toml} and one SQL file per revision in
 * {@code migrations/versions}, named {@code {rev}_create_table_N.sql} (retort's default template),
 * each with exactly one statement up ({@code CREATE TABLE}) and one down ({@code DROP TABLE}).
 */
final class ProjectWriter {

    private ProjectWriter() {
    }

    /** The one statement a revision's upgrade runs. */
    static String upStatement(Revision revision) {
        return "CREATE TABLE t_" + revision.id() + " (id INTEGER PRIMARY KEY, note VARCHAR(100))";
    }

    /**
     * Writes the project into {@code directory}, which must not exist yet or be empty.
     *
     * @return the project directory
     */
    static Path write(Path directory, List<Revision> revisions) {
        try {
            Path versions = directory.resolve("migrations").resolve("versions");
            Files.createDirectories(versions);
            try (var existing = Files.list(versions)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalStateException(versions + " is not empty");
                }
            }
            Files.writeString(directory.resolve("retort.toml"), """
                    [retort]
                    script_location = "migrations"
                    url = "${DATABASE_URL:-sqlite:///app.db}"
                    """, StandardCharsets.UTF_8);
            for (Revision revision : revisions) {
                String slug = revision.message().replace(' ', '_');
                Files.writeString(versions.resolve(revision.id() + "_" + slug + ".sql"), content(revision),
                        StandardCharsets.UTF_8);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project " + directory, e);
        }
    }

    private static String content(Revision revision) {
        StringBuilder text = new StringBuilder(300);
        text.append("-- revision: ").append(revision.id()).append('\n');
        text.append("-- down_revision: ").append(String.join(", ", revision.downRevisions())).append('\n');
        if (!revision.branchLabels().isEmpty()) {
            text.append("-- branch_labels: ").append(String.join(", ", revision.branchLabels())).append('\n');
        }
        if (!revision.dependsOn().isEmpty()) {
            text.append("-- depends_on: ").append(String.join(", ", revision.dependsOn())).append('\n');
        }
        text.append("-- message: ").append(revision.message()).append('\n');
        text.append("-- create_date: 2025-01-01 00:00:00\n\n");
        text.append("-- migrate:up\n").append(upStatement(revision)).append(";\n\n");
        text.append("-- migrate:down\nDROP TABLE t_").append(revision.id()).append(";\n");
        return text.toString();
    }
}
