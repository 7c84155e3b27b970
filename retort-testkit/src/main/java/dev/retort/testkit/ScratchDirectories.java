package dev.retort.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories a test JVM writes to: {@code target/<area>/jvm-<pid>} in the module under test,
 * one per area, deleted when the JVM exits. Nothing goes to {@code /tmp}, and two JVMs (two modules,
 * or two builds of one) never share a directory.
 *
 * <p>A JVM that was killed leaves its directory behind (350 MB for MariaDB); the next JVM to use the
 * area deletes the directories whose process is gone. Thread-safe.
 */
final class ScratchDirectories {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectories.class);
    private static final Pattern JVM_DIRECTORY = Pattern.compile("jvm-(\\d+)");
    private static final Map<String, Path> OWN = new HashMap<>();

    private ScratchDirectories() {
    }

    /** The {@code target} directory of the module whose tests are running. */
    static Path moduleTarget() {
        // Surefire and Failsafe set basedir to the module under test; IDEs run tests in it.
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(base).toAbsolutePath().resolve("target");
    }

    /**
     * This JVM's directory for {@code area} ({@code target/<area>/jvm-<pid>}): empty when first
     * asked for, the same on later calls, deleted at JVM exit after everything registered with
     * {@link AtJvmExit} later (the servers writing into it).
     */
    static synchronized Path own(String area) throws IOException {
        Path known = OWN.get(area);
        if (known != null) {
            return known;
        }
        Path parent = moduleTarget().resolve(area);
        Files.createDirectories(parent);
        deleteThoseOfGoneJvms(parent);
        Path own = parent.resolve("jvm-" + ProcessHandle.current().pid());
        deleteRecursively(own); // left by a JVM that had our pid before
        Files.createDirectory(own);
        AtJvmExit.register("delete " + own, () -> deleteRecursively(own));
        OWN.put(area, own);
        return own;
    }

    private static void deleteThoseOfGoneJvms(Path parent) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(parent)) {
            children = list.collect(Collectors.toList());
        }
        for (Path child : children) {
            Matcher m = JVM_DIRECTORY.matcher(child.getFileName().toString());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                LOG.info("Deleting {}, left by a JVM that is gone", child);
                try {
                    deleteRecursively(child);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}; delete it by hand or run mvn clean", child, e);
                }
            }
        }
    }

    /** Deletes {@code root} and everything under it, not following links; fine if it is absent. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a server removed it meanwhile (socket, pid file)
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
