package dev.retort;

import dev.retort.revision.Revision;
import java.util.List;

/**
 * Current heads, pending revisions, and whether the database is up to date.
 *
 * @param state   where the database stands
 * @param pending what {@code upgrade heads} would run, in order; empty when up to date or when the
 *                database is at revisions the files do not know
 */
public record MigrationStatus(DatabaseState state, List<Revision> pending) {

    public MigrationStatus {
        pending = List.copyOf(pending);
    }

    /** True when every head is applied and the database is at no unknown revision. */
    public boolean upToDate() {
        return pending.isEmpty() && state.unknown().isEmpty();
    }
}
