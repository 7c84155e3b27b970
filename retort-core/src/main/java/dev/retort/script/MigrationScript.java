package dev.retort.script;

import dev.retort.revision.Revision;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded revision: its place in the graph plus the executable work of each direction.
 *
 * @param revision  graph data
 * @param location  where it came from, relative to the project where possible (shown in messages
 *                  and stored in the history table)
 * @param checksum  checksum of the file's content, see {@link Checksums}
 * @param createDate the {@code create_date} the file declares, verbatim
 * @param upgrade   the upgrade work
 * @param downgrade the downgrade work; empty for an irreversible revision
 * @param timeouts  the lock and statement timeouts the revision asks for (a SQL file's header; a
 *                  Java revision's annotation), overriding the run's for its statements
 */
public record MigrationScript(Revision revision, String location, String checksum, Optional<String> createDate,
                              MigrationBody upgrade, Optional<MigrationBody> downgrade, RevisionTimeouts timeouts) {

    public MigrationScript {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(downgrade, "downgrade");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** A revision that asks for no timeouts of its own. */
    public MigrationScript(Revision revision, String location, String checksum, Optional<String> createDate,
                           MigrationBody upgrade, Optional<MigrationBody> downgrade) {
        this(revision, location, checksum, createDate, upgrade, downgrade, RevisionTimeouts.NONE);
    }

    public String id() {
        return revision.id();
    }

    public boolean reversible() {
        return downgrade.isPresent();
    }
}
