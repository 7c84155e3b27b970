package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDirectoriesTest {

    private static final String AREA = "testkit-scratch-test";

    @Test
    void ownDirectoryIsUnderTargetNamedAfterThisJvmAndTheSameOnEveryCall() throws IOException {
        Path own = ScratchDirectories.own(AREA);

        assertThat(own).isDirectory()
                .hasFileName("jvm-" + ProcessHandle.current().pid())
                .startsWith(ScratchDirectories.moduleTarget().resolve(AREA));
        assertThat(ScratchDirectories.own(AREA)).isEqualTo(own);
    }

    @Test
    void directoriesLeftByJvmsThatAreGoneAreDeletedAndOthersKept() throws IOException {
        Path area = ScratchDirectories.moduleTarget().resolve(AREA + "-sweep");
        Path gone = area.resolve("jvm-999999999"); // above any Linux pid_max
        Files.createDirectories(gone.resolve("data"));
        Files.writeString(gone.resolve("data/table.ibd"), "x");
        Path alive = area.resolve("jvm-1"); // init is always there
        Files.createDirectories(alive);
        try {
            ScratchDirectories.own(AREA + "-sweep");

            assertThat(gone).doesNotExist();
            assertThat(alive).isDirectory();
        } finally {
            ScratchDirectories.deleteRecursively(alive);
        }
    }
}
