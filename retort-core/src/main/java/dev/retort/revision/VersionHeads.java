package dev.retort.revision;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The version table's rows as a migration run moves them (Alembic's {@code HeadMaintainer},
 * reference/alembic.md §2.8). Each step becomes exactly one of: delete a branch row, insert a new
 * branch row, merge rows (delete all but one, update the last), unmerge (insert the extra parents,
 * update the merge point to one parent), or move one row.
 *
 * <p>Not thread-safe: one instance follows one run.
 */
public final class VersionHeads {

    private final RevisionGraph graph;
    private final Set<String> heads;

    public VersionHeads(RevisionGraph graph, List<String> initialHeads) {
        this.graph = graph;
        this.heads = new LinkedHashSet<>(initialHeads);
    }

    /** The rows after the steps applied so far. */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** Applies the step to the rows and returns the changes that do so, in order. */
    public List<VersionChange> apply(MigrationStep step) {
        List<VersionChange> changes = new ArrayList<>(2);
        if (step instanceof RevisionStep revisionStep) {
            applyRevision(revisionStep, changes);
        } else {
            applyStamp((StampStep) step, changes);
        }
        return changes;
    }

    private void applyRevision(RevisionStep step, List<VersionChange> changes) {
        String id = step.revision().id();
        List<String> downs = step.normalizedDown();
        if (!step.isUpgrade() && heads.contains(id) && (downs.isEmpty() || unmergeTargets(step).isEmpty())) {
            delete(id, changes);
        } else if (step.isUpgrade() && (downs.isEmpty() || downs.stream().noneMatch(heads::contains))) {
            insert(id, changes);
        } else if (step.isUpgrade() && downs.size() > 1 && downs.stream().filter(heads::contains).count() > 1) {
            List<String> from = mergeSources(step);
            List<String> missing = from.stream().filter(r -> !heads.contains(r)).toList();
            if (from.isEmpty() || !missing.isEmpty()) {
                throw mergeDoesNotFit(step, missing);
            }
            for (String gone : from.subList(0, from.size() - 1)) {
                delete(gone, changes);
            }
            update(from.get(from.size() - 1), id, changes);
        } else if (!step.isUpgrade() && heads.contains(id) && downs.size() > 1) {
            List<String> to = unmergeTargets(step);
            for (String restored : to.subList(0, to.size() - 1)) {
                insert(restored, changes);
            }
            update(id, to.get(to.size() - 1), changes);
        } else {
            String down;
            if (downs.size() == 1) {
                down = downs.get(0);
            } else {
                List<String> present = downs.stream().filter(heads::contains).toList();
                if (present.size() != 1) {
                    throw new RevisionException("Can't do an UPDATE for " + step.describe()
                            + " because the down revision is ambiguous among rows " + heads);
                }
                down = present.get(0);
            }
            if (step.isUpgrade()) {
                update(down, id, changes);
            } else {
                update(id, down, changes);
            }
        }
    }

    /**
     * The parents a merge folds into one row: those not already implied by another remaining row,
     * in declaration order (all but the last are deleted, the last is updated). Alembic takes them
     * from a Python set when other rows remain, so which row it updates varies between runs.
     */
    private List<String> mergeSources(RevisionStep step) {
        List<String> from = step.normalizedDown();
        List<String> otherHeads = heads.stream().filter(h -> !from.contains(h)).toList();
        if (otherHeads.isEmpty()) {
            return from;
        }
        return from.stream().filter(r -> !impliedBy(r, otherHeads)).toList();
    }

    /**
     * The parents a downgraded merge point hands its row back to (Alembic's
     * {@code _unmerge_to_revisions}), in declaration order; Alembic's come from a Python set.
     */
    private List<String> unmergeTargets(RevisionStep step) {
        String id = step.revision().id();
        List<String> to = step.normalizedDown();
        List<String> otherHeads = heads.stream().filter(h -> !h.equals(id)).toList();
        if (!otherHeads.isEmpty()) {
            return to.stream().filter(r -> !impliedBy(r, otherHeads)).toList();
        }
        BitSet implied = new BitSet();
        for (String target : to) {
            BitSet below = (BitSet) graph.ancestors(List.of(graph.node(target)), true).clone();
            below.clear(graph.node(target).index);
            implied.or(below);
        }
        return to.stream().filter(r -> !implied.get(graph.node(r).index)).toList();
    }

    /**
     * Whether a row for {@code revision} is implied by one of {@code rows}: it is one of them or lies
     * below one (dependencies included). Asked per row rather than by uniting the rows' ancestor sets,
     * which on a graph with hundreds of heads made each downgrade step cost a pass over all of them.
     */
    private boolean impliedBy(String revision, List<String> rows) {
        for (String row : rows) {
            if (graph.isAncestorOrSelf(revision, row)) {
                return true;
            }
        }
        return false;
    }

    private void applyStamp(StampStep step, List<VersionChange> changes) {
        List<String> from = step.from();
        List<String> to = step.to();
        if (!step.isUpgrade() && step.branchMove()) {
            delete(single(from), changes);
        } else if (step.isUpgrade() && (step.branchMove() || !heads.containsAll(from))
                && !heads.containsAll(to)) {
            insert(single(to), changes);
        } else if (from.size() > 1) {
            for (String gone : from.subList(0, from.size() - 1)) {
                delete(gone, changes);
            }
            update(from.get(from.size() - 1), single(to), changes);
        } else if (to.size() > 1) {
            for (String restored : to.subList(0, to.size() - 1)) {
                insert(restored, changes);
            }
            update(single(from), to.get(to.size() - 1), changes);
        } else {
            update(single(from), single(to), changes);
        }
    }

    private static String single(List<String> ids) {
        if (ids.size() != 1) {
            throw new RevisionException("A stamp step must name exactly one revision here, not " + ids);
        }
        return ids.get(0);
    }

    // Alembic's HeadMaintainer fails (a KeyError or an assertion) when a step would delete or move a
    // row that is not there, or add one that is; online, the row-count check would stop it too. A
    // plan that does so does not fit these rows (e.g. stamping two revisions of one branch at
    // once), and retort says so instead of writing the wrong rows.
    private void insert(String version, List<VersionChange> changes) {
        if (heads.contains(version)) {
            throw notApplicable("version row '" + version + "' is already present");
        }
        heads.add(version);
        changes.add(new VersionChange.Insert(version));
    }

    private void delete(String version, List<VersionChange> changes) {
        if (!heads.remove(version)) {
            throw notApplicable("there is no version row '" + version + "' to delete");
        }
        changes.add(new VersionChange.Delete(version));
    }

    private void update(String from, String to, List<VersionChange> changes) {
        if (heads.contains(to)) {
            throw notApplicable("version row '" + to + "' is already present");
        }
        if (!heads.remove(from)) {
            throw notApplicable("there is no version row '" + from + "' to move to '" + to + "'");
        }
        heads.add(to);
        changes.add(new VersionChange.Update(from, to));
    }

    /**
     * A merge whose parents (down revisions and normalized dependencies) include one that lies below
     * another of them names a revision that has no row of its own by the time the merge runs.
     * Alembic's HeadMaintainer then fails with a KeyError; retort fails too, but names the revision
     * to drop from the merge's down_revision or depends_on.
     */
    private RevisionException mergeDoesNotFit(RevisionStep step, List<String> missing) {
        String id = step.revision().id();
        List<String> redundant = missing.stream()
                .filter(m -> step.normalizedDown().stream().anyMatch(o -> !o.equals(m) && graph.isAncestorOrSelf(m, o)))
                .toList();
        if (redundant.isEmpty() || redundant.size() != missing.size()) {
            return notApplicable("merge " + id + " would move rows " + String.join(", ", missing)
                    + " that are not there");
        }
        return new RevisionException("Can't record merge " + id + " in the version table: its parent"
                + (redundant.size() > 1 ? "s " : " ") + String.join(", ", redundant) + " already lie"
                + (redundant.size() > 1 ? "" : "s") + " below another of its parents, so there is no row to merge"
                + " (Alembic fails here too). Remove " + String.join(", ", redundant) + " from the down_revision"
                + " and depends_on of " + id
                + (step.revision().origin().equals(id) ? "" : " (" + step.revision().origin() + ")"));
    }

    private RevisionException notApplicable(String why) {
        return new RevisionException("Can't record this step in the version table: " + why + " (rows: "
                + String.join(", ", heads) + "); the steps do not fit the database's current revisions");
    }
}
