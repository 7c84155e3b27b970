package dev.retort.script;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled Java revisions kept on disk, one file per source, named by a hash of the source's
 * checksum and of the compiler's {@linkplain JavaRevisionCompiler#fingerprint() fingerprint}
 * (retort's version and jar, the class path, the JDK, the language level): an unchanged file is
 * never compiled twice, and a file compiled by another retort or JDK is compiled again.
 *
 * <p>Only an optimisation: a missing, unreadable or corrupt entry is compiled again, and a
 * failure to write is logged at debug level. Old entries are not removed; deleting the directory is
 * always safe.
 *
 * <p>Thread-safe: entries are written to a temporary file and moved into place.
 */
final class JavaClassCache {

    private static final Logger LOG = LoggerFactory.getLogger(JavaClassCache.class);
    private static final String MAGIC = "retort-java-classes";
    private static final int FORMAT = 1;
    private static final String SUFFIX = ".classes";

    private final Optional<Path> directory;

    private JavaClassCache(Optional<Path> directory) {
        this.directory = directory;
    }

    /** A cache in this directory, or none (everything is compiled in memory, once per load). */
    static JavaClassCache of(Optional<Path> directory) {
        return new JavaClassCache(directory);
    }

    /** The key of a source with this checksum, compiled by a compiler of this fingerprint. */
    static String key(String fingerprint, String checksum) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(checksum.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The file an entry is kept in, if there is a directory. */
    Optional<Path> file(String key) {
        return directory.map(d -> d.resolve(key + SUFFIX));
    }

    /** The entry of a key, if it is there and readable. */
    Optional<CompiledRevision> get(String key) {
        Optional<Path> file = file(key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream raw = Files.newInputStream(file.get())) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 14));
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                return Optional.empty();
            }
            String className = in.readUTF();
            int line = in.readInt();
            int count = in.readInt();
            if (count <= 0 || count > 1 << 16) {
                throw new IOException("corrupt entry: " + count + " classes");
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > 1 << 26) {
                    throw new IOException("corrupt entry: class of " + length + " bytes");
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length) {
                    throw new IOException("corrupt entry: truncated");
                }
                classes.put(name, bytes);
            }
            return Optional.of(new CompiledRevision(className, line, classes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Ignoring the unreadable compiled revision {}: {}", file.get(), e.toString());
            return Optional.empty();
        }
    }

    /** Keeps an entry; failures are logged at debug level and otherwise ignored. */
    void put(String key, CompiledRevision compiled) {
        Optional<Path> file = file(key);
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), key, ".tmp");
            try (OutputStream raw = Files.newOutputStream(temporary)) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 14));
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(compiled.className());
                out.writeInt(compiled.line());
                out.writeInt(compiled.classes().size());
                for (Map.Entry<String, byte[]> entry : compiled.classes().entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    out.write(entry.getValue());
                }
                out.flush();
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not keep the compiled revision {}: {}", target, e.toString());
        }
    }
}
