package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of parsed headers: used while files are unchanged, ignored the moment they change. */
class RevisionIndexTest {

    @TempDir
    Path project;

    @TempDir
    Path cache;

    private Path versions() throws IOException {
        return Files.createDirectories(project.resolve("versions"));
    }

    private static String file(String id, String down, String message, String up) {
        return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: " + message
                + "\n\n-- migrate:up\n" + up + "\n\n-- migrate:down\nSELECT 0;\n";
    }

    private List<MigrationScript> load() throws IOException {
        return ScriptDirectory.load(List.of(versions()), project, Map.of(), Optional.of(cache));
    }

    @Test
    void anUnchangedFileIsTakenFromTheIndexAndItsBodyIsCheckedWhenItRuns() throws IOException {
        Path a1 = versions().resolve("a1.sql");
        Files.writeString(a1, file("a1", "", "first", "SELECT 1;"));
        FileTime time = Files.getLastModifiedTime(a1);
        assertThat(load()).singleElement().satisfies(s -> assertThat(s.revision().message()).isEqualTo("first"));
        try (Stream<Path> indexes = Files.list(cache)) {
            assertThat(indexes.filter(p -> p.toString().endsWith(".idx")).count()).isEqualTo(1);
        }

        // same size, same time, same inode: the index answers, the file is not read
        Files.writeString(a1, file("a1", "", "fixed", "SELECT 2;"));
        Files.setLastModifiedTime(a1, time);
        MigrationScript cached = load().get(0);
        assertThat(cached.revision().message()).isEqualTo("first");
        assertThat(cached.location()).isEqualTo("versions/a1.sql");
        assertThatThrownBy(() -> cached.upgrade().check(Dialects.forName("sqlite"), false, java.util.Map.of()))
                .isInstanceOf(RetortException.class)
                .hasMessage("versions/a1.sql changed while retort was using it (its content no longer matches what"
                        + " was loaded); run the command again");

        // a new modification time means the file is parsed again
        Files.setLastModifiedTime(a1, FileTime.fromMillis(time.toMillis() + 2000));
        MigrationScript fresh = load().get(0);
        assertThat(fresh.revision().message()).isEqualTo("fixed");
        fresh.upgrade().check(Dialects.forName("sqlite"), false, java.util.Map.of());
    }

    @Test
    void theTimeoutHeadersAreIndexedToo() throws IOException {
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- lock_timeout: 3s\n"
                + "-- statement_timeout: 0\n\n-- migrate:up\nSELECT 1;\n");
        MigrationScript parsed = load().get(0);
        MigrationScript cached = load().get(0);
        assertThat(cached.timeouts()).isEqualTo(parsed.timeouts()).isEqualTo(new RevisionTimeouts(
                Optional.of(java.time.Duration.ofSeconds(3)), Optional.of(java.time.Duration.ZERO)));
    }

    @Test
    void anIndexedBodyRunsFromTheFile() throws IOException {
        Files.writeString(versions().resolve("a1.sql"), file("a1", "", "first", "SELECT 1;\nSELECT 2;"));
        load();
        MigrationScript cached = load().get(0);
        cached.upgrade().check(Dialects.forName("postgresql"), false, java.util.Map.of());
        assertThat(cached.reversible()).isTrue();
        assertThat(cached.checksum()).hasSize(64);
    }

    @Test
    void brokenFilesAreNeverIndexedAndACorruptIndexIsIgnored() throws IOException {
        Path a1 = versions().resolve("a1.sql");
        Files.writeString(a1, "-- revision: a1\n-- down_revison:\n\n-- migrate:up\n");
        assertThatThrownBy(this::load).hasMessageStartingWith("versions/a1.sql:2: unknown header key");
        assertThatThrownBy(this::load).hasMessageStartingWith("versions/a1.sql:2: unknown header key");

        Files.writeString(a1, file("a1", "", "first", "SELECT 1;"));
        load();
        try (Stream<Path> indexes = Files.list(cache)) {
            for (Path index : indexes.toList()) {
                Files.write(index, new byte[] {1, 2, 3});
            }
        }
        assertThat(load()).extracting(s -> s.revision().id()).containsExactly("a1");
    }

    @Test
    void deletedFilesLeaveTheIndex() throws IOException {
        Files.writeString(versions().resolve("a1.sql"), file("a1", "", "first", "SELECT 1;"));
        Files.writeString(versions().resolve("b2.sql"), file("b2", "a1", "second", "SELECT 2;"));
        assertThat(load()).hasSize(2);
        Files.delete(versions().resolve("b2.sql"));
        assertThat(load()).extracting(s -> s.revision().id()).containsExactly("a1");
    }

    @Test
    void anUnwritableCacheIsNoError() throws IOException {
        Files.writeString(versions().resolve("a1.sql"), file("a1", "", "first", "SELECT 1;"));
        Path notADirectory = Files.writeString(cache.resolve("file"), "x");
        assertThat(ScriptDirectory.load(List.of(versions()), project, Map.of(), Optional.of(notADirectory)))
                .hasSize(1);
    }
}
