package dev.retort.script;

import dev.retort.revision.Revision;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SQL revision file (SPEC §3.1): its place in the graph, its two sections and the checksum
 * of its content.
 *
 * <p>Immutable and thread-safe.
 *
 * @param revision   id, parents, labels, dependencies and message from the header; its
 *                   {@link Revision#origin() origin} is the file path as given to the parser
 * @param createDate the {@code create_date} header verbatim; empty when absent or blank
 * @param up         the {@code -- migrate:up} section
 * @param down       the {@code -- migrate:down} section; empty when the file has none, which makes
 *                   the revision irreversible (a present but empty section is a reversible no-op)
 * @param checksum   {@link Checksums#of(String)} of the file content
 * @param timeouts   the {@code lock_timeout} and {@code statement_timeout} headers
 */
public record SqlRevisionFile(
        Revision revision,
        Optional<String> createDate,
        SqlSection up,
        Optional<SqlSection> down,
        String checksum,
        RevisionTimeouts timeouts) {

    public SqlRevisionFile {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Whether a downgrade can pass through this revision: true when it has a down section. */
    public boolean reversible() {
        return down.isPresent();
    }
}
