package dev.retort;

import dev.retort.revision.Revision;
import dev.retort.runtime.HistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * Where a database stands.
 *
 * @param versionRows the rows of the version table, sorted (empty = base or no table)
 * @param current     the revisions it is at: the rows plus what they imply through dependencies,
 *                    reduced to branch tips, in file order (what {@code retort current} prints)
 * @param unknown     rows that no revision file defines, with what the history table knows of each
 */
public record DatabaseState(List<String> versionRows, List<Revision> current, List<UnknownRevision> unknown) {

    public DatabaseState {
        versionRows = List.copyOf(versionRows);
        current = List.copyOf(current);
        unknown = List.copyOf(unknown);
    }

    /**
     * A version row the revision files do not define.
     *
     * @param id            the revision id in the version table
     * @param applied       the history table's newest record of it being applied or stamped, if any
     * @param through       the other unknown revisions the history table says it came from, nearest
     *                      first, down to {@code knownAncestor}
     * @param knownAncestor the nearest revision it came from that the files do define, if the
     *                      history table leads to one
     */
    public record UnknownRevision(String id, Optional<HistoryEntry> applied, List<String> through,
                                  Optional<String> knownAncestor) {

        public UnknownRevision {
            through = List.copyOf(through);
        }

        /** A row of which the history table says nothing. */
        public UnknownRevision(String id) {
            this(id, Optional.empty(), List.of(), Optional.empty());
        }
    }
}
