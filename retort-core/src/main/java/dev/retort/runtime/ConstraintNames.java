package dev.retort.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the constraints of our own tables, derived from the table's name ({@code <table>_pkc},
 * as Alembic's {@code alembic_version_pkc}) and kept within PostgreSQL's 63 bytes: PostgreSQL would
 * cut a longer name itself, and for a table name of 63 bytes the cut name of its primary key's index
 * would be the table's own, which fails with "relation already exists". A base that does not fit is
 * shortened at a character boundary and given a hash of the whole, so that two long tables still
 * get two names.
 *
 * <p>Stateless and thread-safe.
 */
final class ConstraintNames {

    /** PostgreSQL's NAMEDATALEN - 1, the strictest of our databases. */
    static final int MAX_BYTES = 63;

    private ConstraintNames() {
    }

    static String of(String table, String suffix) {
        String whole = table + suffix;
        if (bytes(whole) <= MAX_BYTES) {
            return whole;
        }
        String hash = "_" + HexFormat.of().formatHex(sha256(table), 0, 4);
        int room = MAX_BYTES - bytes(hash) - bytes(suffix);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < table.length(); ) {
            int codePoint = table.codePointAt(i);
            int size = bytes(new String(Character.toChars(codePoint)));
            if (used + size > room) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept + hash + suffix;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
