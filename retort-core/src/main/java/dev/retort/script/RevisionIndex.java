package dev.retort.script;

import dev.retort.revision.Revision;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the header of each revision file of one version location said when it was last parsed,
 * keyed by the file's name, size, modification time and file key (inode): a cache, so that
 * {@code heads}, {@code history} or {@code current} on ten thousand revisions read one file
 * instead of ten thousand. A file whose size, time or inode changed is parsed again; only files
 * that parsed cleanly are remembered, so a cached entry never hides a broken file. The bodies of
 * cached revisions are read when they run, and their checksum is compared with the one indexed.
 * Java revision files are indexed the same way (their {@code @Revision} data, taken from the
 * compiled class), so that an unchanged project is neither compiled nor loaded by {@code heads}.
 *
 * <p>The index lives outside the project (in a cache directory given by the caller) and is only an
 * optimisation: a missing, unreadable, corrupt or unwritable index is ignored.
 *
 * <p>Not thread-safe; one instance per load.
 */
final class RevisionIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionIndex.class);
    /** Version of the file layout; an index of another version is ignored (2: revision timeouts). */
    private static final int FORMAT = 2;
    private static final String MAGIC = "retort-revision-index";

    private final Path file;
    private final Map<String, Entry> entries;
    private boolean changed;

    /**
     * One parsed file.
     *
     * @param name          file name
     * @param size          size in bytes
     * @param modifiedNanos last modification, in nanoseconds since the epoch
     * @param fileKey       the file system's identity of the file (device and inode), or empty
     * @param revision      the header's revision data (origin not stored)
     * @param createDate    the create_date header
     * @param checksum      checksum of the content
     * @param reversible    whether the file has a down section
     * @param timeouts      the lock_timeout and statement_timeout headers
     */
    record Entry(String name, long size, long modifiedNanos, String fileKey, Revision revision,
                 Optional<String> createDate, String checksum, boolean reversible, RevisionTimeouts timeouts) {

        boolean matches(BasicFileAttributes attributes) {
            return size == attributes.size() && modifiedNanos == nanos(attributes)
                    && fileKey.equals(key(attributes));
        }
    }

    private RevisionIndex(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The index of a version location, kept in {@code cacheDirectory}; empty when there is none yet. */
    static RevisionIndex open(Path cacheDirectory, Path versionLocation) {
        Path file = cacheDirectory.resolve(name(versionLocation));
        return new RevisionIndex(file, read(file));
    }

    /** The cached entry of a file, if its size, time and identity still match. */
    Optional<Entry> lookup(String name, BasicFileAttributes attributes) {
        Entry entry = entries.get(name);
        return entry != null && entry.matches(attributes) ? Optional.of(entry) : Optional.empty();
    }

    /** Remembers a file that parsed (or, for Java, compiled and loaded) cleanly. */
    void put(String name, BasicFileAttributes attributes, MigrationScript loaded) {
        entries.put(name, new Entry(name, attributes.size(), nanos(attributes), key(attributes), loaded.revision(),
                loaded.createDate(), loaded.checksum(), loaded.reversible(), loaded.timeouts()));
        changed = true;
    }

    /** Keeps only the entries of these names (files that were deleted are forgotten). */
    void retain(java.util.Set<String> names) {
        if (entries.keySet().retainAll(names)) {
            changed = true;
        }
    }

    /** Writes the index if it changed; failures are logged at debug level and otherwise ignored. */
    void save() {
        if (!changed) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not write the revision index {}: {}", file, e.toString());
        }
    }

    private void write(OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(entries.size());
        for (Entry entry : entries.values()) {
            string(out, entry.name());
            out.writeLong(entry.size());
            out.writeLong(entry.modifiedNanos());
            string(out, entry.fileKey());
            Revision revision = entry.revision();
            string(out, revision.id());
            strings(out, revision.downRevisions());
            strings(out, revision.branchLabels());
            strings(out, revision.dependsOn());
            string(out, revision.message());
            out.writeBoolean(entry.createDate().isPresent());
            string(out, entry.createDate().orElse(""));
            string(out, entry.checksum());
            out.writeBoolean(entry.reversible());
            duration(out, entry.timeouts().lockTimeout());
            duration(out, entry.timeouts().statementTimeout());
        }
        out.flush();
    }

    private static Map<String, Entry> read(Path file) {
        Map<String, Entry> entries = new HashMap<>();
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                return entries;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = string(in);
                long size = in.readLong();
                long modified = in.readLong();
                String fileKey = string(in);
                String id = string(in);
                List<String> downs = strings(in);
                List<String> labels = strings(in);
                List<String> deps = strings(in);
                String message = string(in);
                boolean hasDate = in.readBoolean();
                String date = string(in);
                String checksum = string(in);
                boolean reversible = in.readBoolean();
                RevisionTimeouts timeouts = new RevisionTimeouts(duration(in), duration(in));
                entries.put(name, new Entry(name, size, modified, fileKey,
                        new Revision(id, downs, labels, deps, message, null),
                        hasDate ? Optional.of(date) : Optional.empty(), checksum, reversible, timeouts));
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Ignoring the unreadable revision index {}: {}", file, e.toString());
            entries.clear();
        }
        return entries;
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 24) {
            throw new IOException("corrupt index: string of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("corrupt index: truncated");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An optional duration as milliseconds, -1 for none. */
    private static void duration(DataOutputStream out, Optional<java.time.Duration> value) throws IOException {
        out.writeLong(value.map(java.time.Duration::toMillis).orElse(-1L));
    }

    private static Optional<java.time.Duration> duration(DataInputStream in) throws IOException {
        long millis = in.readLong();
        return millis < 0 ? Optional.empty() : Optional.of(java.time.Duration.ofMillis(millis));
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1 << 16) {
            throw new IOException("corrupt index: list of " + count);
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }

    static long nanos(BasicFileAttributes attributes) {
        java.time.Instant time = attributes.lastModifiedTime().toInstant();
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    static String key(BasicFileAttributes attributes) {
        return Objects.toString(attributes.fileKey(), "");
    }

    /** The index file's name for a version location: a hash of its absolute, real path. */
    private static String name(Path versionLocation) {
        Path absolute = versionLocation.toAbsolutePath().normalize();
        try {
            absolute = absolute.toRealPath();
        } catch (IOException e) {
            // keep the normalised path
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(absolute.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12) + ".idx";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
