package dev.retort.script;

import dev.retort.Migration;
import dev.retort.RetortException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The class path Java revision files are compiled against: what retort itself runs on. First the
 * jar or directory {@link Migration} was loaded from (its code source: the shaded CLI jar, or
 * retort-core's jar in an application), because that is the one entry a revision cannot compile
 * without and {@code java.class.path} alone misses it whenever retort is not loaded by the
 * application class loader (an application server, a test runner's own loader, a plugin); then the
 * entries of {@code java.class.path} and of any {@link URLClassLoader} between Migration's loader
 * and the system loader, so that a revision may use the application's classes and JDBC driver.
 * Entries that do not exist are left out (javac would warn about each).
 *
 * <p>Immutable and thread-safe.
 */
final class CompileClasspath {

    private final List<Path> entries;
    private final String fingerprint;

    private CompileClasspath(List<Path> entries, String fingerprint) {
        this.entries = List.copyOf(entries);
        this.fingerprint = fingerprint;
    }

    /** The class path of the running retort. */
    static CompileClasspath ofRunningRetort() {
        Set<Path> entries = new LinkedHashSet<>();
        Path retort = retortLocation();
        entries.add(retort);
        for (ClassLoader loader = Migration.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    path(url).ifPresent(entries::add);
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    entries.add(Path.of(entry).toAbsolutePath().normalize());
                } catch (InvalidPathException e) {
                    // not a path this system can name: javac could not read it either
                }
            }
        }
        List<Path> existing = entries.stream().filter(Files::exists).toList();
        return new CompileClasspath(existing, stamp(retort) + File.pathSeparator + String.join(File.pathSeparator,
                existing.stream().map(Path::toString).toList()));
    }

    /** The entries, retort's own first. */
    List<Path> entries() {
        return entries;
    }

    /**
     * What compiled classes depend on besides their source: retort's jar (its path, size and time,
     * so that a rebuilt SNAPSHOT counts as another retort) and the rest of the class path.
     */
    String fingerprint() {
        return fingerprint;
    }

    /** The local jar or directory retort's classes come from, or an error saying why it cannot compile. */
    private static Path retortLocation() {
        CodeSource source = Migration.class.getProtectionDomain().getCodeSource();
        Optional<Path> path = source == null || source.getLocation() == null ? Optional.empty()
                : path(source.getLocation());
        if (path.isEmpty() || !Files.exists(path.get())) {
            throw new RetortException("Cannot compile Java revision files: retort's own classes are loaded from "
                    + (source == null ? "an unknown place" : source.getLocation()) + ", which is not a jar or"
                    + " directory the compiler can read (a jar nested in another jar, for instance). Compile the"
                    + " revisions with your build and load them with Retort.configure().classpathPackage(\"...\")");
        }
        return path.get();
    }

    private static Optional<Path> path(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A jar by its path, size and modification time; a directory by the time of the API class in it. */
    private static String stamp(Path location) {
        Path file = Files.isDirectory(location) ? location.resolve("dev/retort/ops/Operations.class") : location;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return location + "@" + attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return location.toString();
        }
    }

    /** For messages. */
    @Override
    public String toString() {
        return new ArrayList<>(entries).toString();
    }
}
