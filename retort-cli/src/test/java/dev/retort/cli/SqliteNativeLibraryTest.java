package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {

    @Test
    void unpacksTheLibraryOnceAndPointsTheDriverAtIt(@TempDir Path cache) throws Exception {
        String path = System.clearProperty("org.sqlite.lib.path");
        String name = System.clearProperty("org.sqlite.lib.name");
        try {
            SqliteNativeLibrary.useCachedCopy(Optional.of(cache));

            Path library = Path.of(System.getProperty("org.sqlite.lib.path"))
                    .resolve(System.getProperty("org.sqlite.lib.name"));
            assertThat(library).startsWith(cache).isRegularFile();
            assertThat(Files.size(library)).isGreaterThan(100_000);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("SQLite");
            }
        } finally {
            restore("org.sqlite.lib.path", path);
            restore("org.sqlite.lib.name", name);
        }
    }

    @Test
    void withoutACacheDirectoryNothingChanges() {
        String path = System.clearProperty("org.sqlite.lib.path");
        try {
            SqliteNativeLibrary.useCachedCopy(Optional.empty());
            assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
        } finally {
            restore("org.sqlite.lib.path", path);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
