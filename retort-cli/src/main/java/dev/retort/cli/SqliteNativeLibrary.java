package dev.retort.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps SQLite's native library, which sqlite-jdbc otherwise unpacks from the jar into a new temporary
 * file on every start (a fifth of a second of a short command), unpacked once in the cache directory,
 * and points the driver at it. Any problem leaves the driver to do as it always does.
 */
final class SqliteNativeLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    static void useCachedCopy(Optional<Path> cacheDirectory) {
        if (cacheDirectory.isEmpty() || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        try {
            String name = LibraryLoaderUtil.getNativeLibName();
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
            Path directory = cacheDirectory.get().resolve("native").resolve("sqlite-jdbc-"
                    + SQLiteJDBCLoader.getVersion()).resolve(resource.replaceAll("^/+", "").replace('/', '-'));
            Path library = directory.resolve(name);
            if (!Files.isRegularFile(library)) {
                unpack(resource, directory, library);
            }
            System.setProperty(PATH_PROPERTY, directory.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Leaving sqlite-jdbc to unpack its native library itself: {}", e.toString());
        }
    }

    private static void unpack(String resource, Path directory, Path library) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the jar");
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "lib", ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temporary, library, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
