package dev.retort;

import dev.retort.revision.Revision;
import dev.retort.runtime.HistoryEntry;
import java.util.List;

/**
 * Current heads, pending revisions, and whether the database is up to date.
 *
 * @param state   where the database stands
 * @param pending    what {@code upgrade heads} would run, in order; empty when up to date or when the
 *                   database is at revisions the files do not know
 * @param unfinished steps that stopped partway and await {@code retort repair} (history rows, oldest first)
 */
public record MigrationStatus(DatabaseState state, List<Revision> pending, List<HistoryEntry> unfinished) {

    public MigrationStatus {
        pending = List.copyOf(pending);
        unfinished = List.copyOf(unfinished);
    }

    /** True when every head is applied, no step is unfinished and the database is at no unknown revision. */
    public boolean upToDate() {
        return pending.isEmpty() && unfinished.isEmpty() && state.unknown().isEmpty();
    }
}
