package dev.retort.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of revision files, stored in the history table to notice a file edited after it ran.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checksums {

    private Checksums() {
    }

    /**
     * The lowercase hex SHA-256 of the UTF-8 bytes of {@code fileContent} after removing a leading
     * byte-order mark and turning CRLF and lone CR line endings into LF. A file therefore keeps its
     * checksum across checkouts with different line-ending settings, and changes it when any
     * character of a header, a comment or a statement changes.
     */
    public static String of(String fileContent) {
        byte[] bytes = SourceText.canonical(fileContent).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The lowercase hex SHA-256 of bytes taken as they are (a compiled class). */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest's Javadoc); this cannot happen
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
