package dev.retort.revision;

import dev.retort.revision.RevisionGraph.DowngradeTarget;
import dev.retort.revision.RevisionGraph.Node;
import dev.retort.revision.RevisionGraph.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what {@code upgrade}, {@code downgrade}, {@code stamp} and {@code history} touch and in
 * which order, exactly as Alembic does (reference/alembic.md §2.6, §2.7, §2.9). Stateless apart
 * from the graph; thread-safe.
 *
 * <p>Every method takes the database's current version rows as a list of ids (empty = base).
 */
public final class RevisionPlanner {

    private final RevisionGraph graph;

    public RevisionPlanner(RevisionGraph graph) {
        this.graph = graph;
    }

    public RevisionGraph graph() {
        return graph;
    }

    /** The steps of {@code upgrade destination} from these version rows, in the order they run. */
    public List<MigrationStep> upgrade(String destination, List<String> currentHeads) {
        List<Node> revisions;
        try {
            revisions = iterateNodes(Target.of(destination), Target.of(currentHeads), false, true, true, false);
        } catch (RangeNotAncestorException e) {
            throw new RangeNotAncestorException("Destination " + destination
                    + " is not a valid upgrade target from current head(s) " + describeHeads(currentHeads));
        }
        List<MigrationStep> steps = new ArrayList<>(revisions.size());
        for (int i = revisions.size() - 1; i >= 0; i--) {
            steps.add(step(revisions.get(i), true));
        }
        return steps;
    }

    /** The steps of {@code downgrade destination} from these version rows, in the order they run. */
    public List<MigrationStep> downgrade(String destination, List<String> currentHeads) {
        List<Node> revisions;
        try {
            revisions = iterateNodes(Target.of(currentHeads), Target.of(destination), false, false, true, true);
        } catch (RangeNotAncestorException e) {
            throw new RangeNotAncestorException("Destination " + destination
                    + " is not a valid downgrade target from current head(s) " + describeHeads(currentHeads)
                    + ": it is not below them");
        }
        List<MigrationStep> steps = new ArrayList<>(revisions.size());
        for (Node node : revisions) {
            steps.add(step(node, false));
        }
        return steps;
    }

    /**
     * The revisions {@code history -r base:head} lists, newest first (Alembic's
     * {@code walk_revisions}). Either end may be {@code null} for the default ({@code base},
     * {@code heads}).
     */
    public List<Revision> history(String base, String head) {
        List<Node> nodes = iterateNodes(Target.of(head == null ? "heads" : head),
                Target.of(base == null ? "base" : base), true, false, false, false);
        return nodes.stream().map(n -> n.revision).toList();
    }

    /** Like {@link #history(String, String)} with the database's rows standing for "current" at one end. */
    public List<Revision> history(String base, List<String> head) {
        List<Node> nodes = iterateNodes(Target.of(head), Target.of(base == null ? "base" : base), true, false,
                false, false);
        return nodes.stream().map(n -> n.revision).toList();
    }

    /** History from the database's rows up to {@code head}. */
    public List<Revision> history(List<String> base, String head) {
        List<Node> nodes = iterateNodes(Target.of(head == null ? "heads" : head), Target.of(base), true, false,
                false, false);
        return nodes.stream().map(n -> n.revision).toList();
    }

    /**
     * Alembic's {@code iterate_revisions}: the revisions between {@code upper} and {@code lower},
     * head first (the downgrade order; upgrades run it reversed).
     */
    public List<Revision> iterate(String upper, String lower, boolean inclusive, boolean implicitBase,
                                  boolean assertRelativeLength, boolean selectForDowngrade) {
        return iterateNodes(Target.of(upper), Target.of(lower), inclusive, implicitBase, assertRelativeLength,
                selectForDowngrade).stream().map(n -> n.revision).toList();
    }

    /** {@link #iterate(String, String, boolean, boolean, boolean, boolean)} with tuple ends. */
    public List<Revision> iterate(List<String> upper, List<String> lower, boolean inclusive, boolean implicitBase,
                                  boolean assertRelativeLength, boolean selectForDowngrade) {
        return iterateNodes(Target.of(upper), Target.of(lower), inclusive, implicitBase, assertRelativeLength,
                selectForDowngrade).stream().map(n -> n.revision).toList();
    }

    /** {@link #iterate(String, String, boolean, boolean, boolean, boolean)} with a tuple lower end. */
    public List<Revision> iterate(String upper, List<String> lower, boolean inclusive, boolean implicitBase,
                                  boolean assertRelativeLength, boolean selectForDowngrade) {
        return iterateNodes(Target.of(upper), Target.of(lower), inclusive, implicitBase, assertRelativeLength,
                selectForDowngrade).stream().map(n -> n.revision).toList();
    }

    /** {@link #iterate(String, String, boolean, boolean, boolean, boolean)} with a tuple upper end. */
    public List<Revision> iterate(List<String> upper, String lower, boolean inclusive, boolean implicitBase,
                                  boolean assertRelativeLength, boolean selectForDowngrade) {
        return iterateNodes(Target.of(upper), Target.of(lower), inclusive, implicitBase, assertRelativeLength,
                selectForDowngrade).stream().map(n -> n.revision).toList();
    }

    private List<Node> iterateNodes(Target upper, Target lower, boolean inclusive, boolean implicitBase,
                                    boolean assertRelativeLength, boolean selectForDowngrade) {
        Collected collected = selectForDowngrade
                ? collectDowngrade(upper, lower, inclusive, implicitBase, assertRelativeLength)
                : collectUpgrade(upper, lower, inclusive, implicitBase, assertRelativeLength);
        return topologicalSort(collected.revisions(), collected.heads());
    }

    private RevisionStep step(Node node, boolean upgrade) {
        return new RevisionStep(node.revision, upgrade, RevisionGraph.ids(node.normalizedDown));
    }

    private static String describeHeads(List<String> heads) {
        return heads.isEmpty() ? "(base)" : "(" + String.join(", ", heads) + ")";
    }

    /** The set to run and the revisions the ordering starts from. */
    private record Collected(BitSet revisions, List<Node> heads) {
    }

    /** Alembic's {@code _collect_downgrade_revisions}. */
    private Collected collectDowngrade(Target upper, Target lower, boolean inclusive, boolean implicitBase,
                                       boolean assertRelativeLength) {
        if (lower.single() == null && !lower.isNone()) {
            // Alembic asserts "Expected downgrade target in string form"
            throw new RevisionException("A downgrade goes to one target, not to " + describe(lower));
        }
        DowngradeTarget parsed = graph.parseDowngradeTarget(upper.asList(), lower.single(), assertRelativeLength);
        String branchLabel = parsed.branchLabel();
        Node target = parsed.revision() == RevisionGraph.BASE ? null : parsed.revision();

        List<Node> roots;
        if (target == null) {
            roots = new ArrayList<>();
            for (Node node : graph.nodes) {
                if (node.down.isEmpty()) {
                    roots.add(node);
                }
            }
        } else if (inclusive) {
            roots = List.of(target);
        } else {
            roots = target.next;
        }
        if (branchLabel != null && roots.size() > 1) {
            BitSet onBranch = graph.ancestors(List.of(graph.resolveBranch(branchLabel)), false);
            List<Node> filtered = new ArrayList<>();
            for (Node root : roots) {
                if (onBranch.get(root.index)) {
                    filtered.add(root);
                }
            }
            if (filtered.isEmpty()) {
                throw new RevisionException("Not a valid downgrade target from current heads: branch '" + branchLabel
                        + "' does not continue above " + (target == null ? "base" : target.id()));
            }
            roots = filtered;
        }

        List<Node> heads = graph.revisionsFor(upper.asList());
        requireRevisions(heads, describe(upper));
        BitSet drop = graph.descendants(roots, true);
        BitSet active = graph.ancestors(heads, true);
        drop.and(active);
        if (implicitBase) {
            BitSet windBack = (BitSet) active.clone();
            windBack.andNot(graph.ancestors(roots, true));
            drop.or(windBack);
        }
        if (target != null && drop.isEmpty() && !heads.contains(target)) {
            throw new RangeNotAncestorException("Nothing to drop");
        }
        return new Collected(drop, heads);
    }

    /** Alembic's {@code _collect_upgrade_revisions}. */
    private Collected collectUpgrade(Target upper, Target lower, boolean inclusive, boolean implicitBase,
                                     boolean assertRelativeLength) {
        List<Node> targets = new ArrayList<>();
        for (Node node : graph.parseUpgradeTarget(lower.asList(), upper, assertRelativeLength)) {
            if (node == null) {
                throw new RevisionException("Walked too far: the relative revision goes past the end of its branch");
            }
            // A relative target that walks exactly down to base ("x-1" with x a base) means base, as
            // in Alembic's downgrade; Alembic's upgrade and history fail an internal assertion here.
            if (node != RevisionGraph.BASE) {
                targets.add(node);
            }
        }

        if (lower.single() != null && lower.single().contains("@")) {
            targets = targetsOnBranch(targets, lower.single().substring(0, lower.single().indexOf('@')));
        }

        BitSet required = graph.ancestorsChecked(targets, true);

        List<Node> current = new ArrayList<>(graph.revisionsFor(lower.asList()));
        if (!implicitBase) {
            for (Node rev : current) {
                // a lower end that walked down to base is below nothing: Alembic refuses it here too
                if (rev != null && (rev == RevisionGraph.BASE || !required.get(rev.index))) {
                    throw new RangeNotAncestorException("Requested range " + describe(lower) + ":" + describe(upper)
                            + " does not refer to ancestor/descendant revisions along the same branch");
                }
            }
        }
        String lowerForInclusive = lower.single();
        List<String> lowerTuple = lower.tuple();
        if (!current.isEmpty() && current.get(0) == null) {
            // a relative lower end that walking down from the heads could not reach: relative to upper
            DowngradeTarget relative = graph.parseDowngradeTarget(upper.asList(), lower.single(),
                    assertRelativeLength);
            if (relative.revision() == null || relative.revision() == RevisionGraph.BASE) {
                current = new ArrayList<>();
                lowerForInclusive = null;
                lowerTuple = List.of();
            } else {
                current = new ArrayList<>(List.of(relative.revision()));
                lowerForInclusive = relative.revision().id();
            }
        }
        // Alembic fails an internal assertion on a lower end that walks to or past the base while
        // the first one did not; retort says what is wrong
        requireRevisions(current, describe(lower));

        BitSet needs = (BitSet) required.clone();
        needs.andNot(graph.ancestorsChecked(current, true));

        if (inclusive) {
            List<Node> lowerRevisions = lowerForInclusive != null
                    ? graph.revisionsFor(lowerForInclusive)
                    : graph.revisionsFor(lowerTuple == null ? List.of() : lowerTuple);
            for (Node node : lowerRevisions) {
                if (node != null && node != RevisionGraph.BASE) {
                    needs.set(node.index);
                }
            }
        }
        if (!current.isEmpty() && !implicitBase) {
            graph.rejectOverlaps(current, false);
            needs.and(graph.descendants(current, false));
        }
        return new Collected(needs, targets);
    }

    /**
     * For a lower end written {@code x@...}, only targets on branch {@code x} count. When {@code x}
     * is a revision id rather than a label, Alembic uses that revision's (single) label; a revision
     * without exactly one label falls back to its line of descent.
     */
    private List<Node> targetsOnBranch(List<Node> targets, String branch) {
        Node branchRev = graph.revisionFor(branch);
        String label = branch;
        if (branchRev != null && branchRev.id().equals(branch)) {
            if (branchRev.labels.size() != 1) {
                // Alembic fails an internal assertion here
                throw new RevisionException("Revision " + branch + " in '" + branch + "@...' stands for its branch, but"
                        + (branchRev.labels.isEmpty() ? " it has no branch label"
                        : " it has several branch labels (" + String.join(", ", branchRev.labels) + ")")
                        + "; write a branch label before the '@'");
            }
            label = branchRev.labels.iterator().next();
        }
        List<Node> result = new ArrayList<>();
        for (Node target : targets) {
            if (target.labels.contains(label) && !result.contains(target)) {
                result.add(target);
            }
        }
        return result;
    }

    /** Fails on the placeholders a relative walk leaves for "base" or "past the end". */
    private static void requireRevisions(List<Node> nodes, String identifier) {
        for (Node node : nodes) {
            if (node == null || node == RevisionGraph.BASE) {
                throw new RevisionException("'" + identifier + "' walks " + (node == null ? "past" : "down to")
                        + " the base, which cannot be used as this end of the range");
            }
        }
    }

    private static String describe(Target target) {
        if (target.single() != null) {
            return target.single();
        }
        return target.tuple().isEmpty() ? "base" : String.join(",", target.tuple());
    }

    /**
     * Alembic's {@code _topological_sort}: head-to-base order of {@code revisions}, starting from
     * {@code heads} in map order, depth-first along one branch but emitting a branch point only
     * after every branch above it (reference/alembic.md §2.7).
     *
     * <p>Alembic checks each candidate against the ancestor set of every pending head, in the order of
     * the pending heads, and turns to the first head the candidate lies below. Here, when the range
     * allows it ({@link #openChildren}), a candidate none of whose children in the range is still
     * to be emitted is below no pending head, and for one that has such a child, the pending heads
     * above it are found by a walk up from it through the revisions not yet emitted; the first of
     * them in the pending heads' order is Alembic's. That walk covers only what is left above the
     * candidate, and no ancestor set is built. For other ranges the sort checks memoized ancestor
     * sets as Alembic does.
     */
    List<Node> topologicalSort(BitSet revisions, List<Node> heads) {
        BitSet todo = (BitSet) revisions.clone();
        Set<Node> uniqueHeads = new LinkedHashSet<>();
        for (Node head : heads) {
            if (head != null && head != RevisionGraph.BASE && todo.get(head.index)) {
                uniqueHeads.add(head);
            }
        }
        List<Node> current = new ArrayList<>(uniqueHeads);
        current.sort((a, b) -> Integer.compare(a.index, b.index));
        // each place in 'current' has a number that grows along the list: a head that replaces
        // another takes its place and number, a new one goes at the end with a higher number
        int[] place = new int[graph.nodes.size()];
        int places = 0;
        BitSet pending = new BitSet();
        for (Node head : current) {
            pending.set(head.index);
            place[head.index] = places++;
        }

        int[] openChildren = openChildren(revisions, current);
        UpwardWalk walk = openChildren == null ? null : new UpwardWalk(graph.nodes, revisions);

        List<Node> output = new ArrayList<>(todo.cardinality());
        int candidateIdx = 0;
        while (!current.isEmpty()) {
            Node candidate = current.get(candidateIdx);
            int blockedBy = -1;
            if (current.size() > 1 && walk == null) {
                for (int i = 0; i < current.size(); i++) {
                    if (i != candidateIdx && graph.memoizedAncestors(current.get(i)).get(candidate.index)) {
                        blockedBy = i;
                        break;
                    }
                }
            } else if (current.size() > 1 && openChildren[candidate.index] > 0) {
                int first = walk.firstPendingAbove(candidate, todo, pending, place);
                if (first >= 0) {
                    blockedBy = indexOfPlace(current, place, first);
                }
            }
            if (blockedBy >= 0) {
                // another pending head needs this revision: that branch is emitted first
                candidateIdx = blockedBy;
                continue;
            }
            if (todo.get(candidate.index)) {
                output.add(candidate);
                todo.clear(candidate.index);
                if (openChildren != null) {
                    for (Node parent : candidate.allDown) {
                        openChildren[parent.index]--;
                    }
                }
            }
            List<Node> headsToAdd = new ArrayList<>(2);
            for (Node parent : candidate.normalizedDown) {
                if (todo.get(parent.index) && !pending.get(parent.index)) {
                    headsToAdd.add(parent);
                }
            }
            pending.clear(candidate.index);
            if (headsToAdd.isEmpty()) {
                current.remove(candidateIdx);
                candidateIdx = Math.max(candidateIdx - 1, 0);
            } else {
                current.set(candidateIdx, headsToAdd.get(0));
                place[headsToAdd.get(0).index] = place[candidate.index];
                pending.set(headsToAdd.get(0).index);
                for (int i = 1; i < headsToAdd.size(); i++) {
                    current.add(headsToAdd.get(i));
                    place[headsToAdd.get(i).index] = places++;
                    pending.set(headsToAdd.get(i).index);
                }
            }
        }
        if (!todo.isEmpty()) {
            // Only an inclusive range whose lower end is not below its upper end leaves revisions
            // that no head leads to (Alembic fails an assertion here)
            throw new RangeNotAncestorException("Revisions " + String.join(", ", RevisionGraph.ids(graph.nodesOf(todo)))
                    + " are not below the upper end of the requested range");
        }
        return output;
    }

    /** The index in {@code current} of the head at this place (places grow along the list). */
    private static int indexOfPlace(List<Node> current, int[] place, int wanted) {
        int low = 0;
        int high = current.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = place[current.get(mid).index];
            if (at < wanted) {
                low = mid + 1;
            } else if (at > wanted) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        throw new IllegalStateException("no pending head at place " + wanted);
    }

    /**
     * The walk up from a candidate through the revisions not yet emitted (children through down
     * revisions or dependencies), which finds the pending heads the candidate lies below. Where
     * {@link #openChildren} allows its shortcut, a path from the candidate up to a pending head runs
     * through revisions of the range not yet emitted only, so the walk need not look further.
     */
    private static final class UpwardWalk {
        /** The children in the range of node i are children[firstChild[i]] … children[firstChild[i + 1] - 1]. */
        private final int[] firstChild;
        private final int[] children;
        private final int[] visited;
        private final int[] stack;
        private int walks;

        /** Indexes in flat arrays rather than lists of nodes: the walks are most of the sort's time. */
        UpwardWalk(List<Node> nodes, BitSet revisions) {
            int size = nodes.size();
            firstChild = new int[size + 1];
            int edges = 0;
            for (int i = 0; i < size; i++) {
                firstChild[i] = edges;
                if (revisions.get(i)) {
                    for (Node child : nodes.get(i).allNext) {
                        edges += revisions.get(child.index) ? 1 : 0;
                    }
                }
            }
            firstChild[size] = edges;
            children = new int[edges];
            for (int i = revisions.nextSetBit(0); i >= 0; i = revisions.nextSetBit(i + 1)) {
                int at = firstChild[i];
                for (Node child : nodes.get(i).allNext) {
                    if (revisions.get(child.index)) {
                        children[at++] = child.index;
                    }
                }
            }
            visited = new int[size];
            stack = new int[size];
        }

        /** The lowest place of a pending head above {@code candidate}, or -1 when there is none. */
        int firstPendingAbove(Node candidate, BitSet todo, BitSet pending, int[] place) {
            int mark = ++walks;
            int first = -1;
            int top = 0;
            visited[candidate.index] = mark;
            stack[top++] = candidate.index;
            while (top > 0) {
                int node = stack[--top];
                for (int e = firstChild[node]; e < firstChild[node + 1]; e++) {
                    int child = children[e];
                    if (visited[child] == mark || !todo.get(child)) {
                        continue;
                    }
                    visited[child] = mark;
                    if (pending.get(child) && (first < 0 || place[child] < first)) {
                        first = place[child];
                    }
                    stack[top++] = child;
                }
            }
            return first;
        }
    }

    /**
     * For each revision, how many of its children (through down revisions or dependencies) in
     * {@code revisions} the sort has yet to emit; or {@code null} when the shortcut this allows is
     * not sound for this set, and every candidate must be checked against every pending head.
     *
     * <p>The shortcut: a candidate with no such child left is blocked by no other pending head, so
     * the scan over the pending heads (which made the sort take revisions × heads) is skipped; for a
     * candidate that has one, a walk up through the revisions not yet emitted finds the pending
     * heads above it, in place of their ancestor sets. It is sound when
     * (1) no path of the graph leaves the set and comes back into it, and (2) every revision of the
     * set lies below a starting head inside the set. Then every revision not yet emitted lies below
     * some pending head (emitting a revision puts its parents in the set among the pending heads),
     * so a revision is emitted only after all its descendants in the set; and a pending head above
     * the candidate is reached from it through a child in the set, not yet emitted, and through
     * revisions of the set not yet emitted only (one outside the set or one emitted cannot lie
     * between the candidate and a pending head). Both conditions
     * hold for the usual plans (upgrade or downgrade from the database's rows, history of the whole
     * graph); they are checked here, in time linear in the size of the graph, and where either fails
     * the sort scans as before.
     */
    private int[] openChildren(BitSet revisions, List<Node> startHeads) {
        // (1) nothing outside the set that lies above a member may lie below another member
        BitSet outsideAbove = new BitSet();
        Deque<Node> queue = new ArrayDeque<>();
        for (int i = revisions.nextSetBit(0); i >= 0; i = revisions.nextSetBit(i + 1)) {
            for (Node child : graph.nodes.get(i).allNext) {
                if (!revisions.get(child.index) && !outsideAbove.get(child.index)) {
                    outsideAbove.set(child.index);
                    queue.push(child);
                }
            }
        }
        while (!queue.isEmpty()) {
            for (Node child : queue.pop().allNext) {
                if (revisions.get(child.index)) {
                    return null;
                }
                if (!outsideAbove.get(child.index)) {
                    outsideAbove.set(child.index);
                    queue.push(child);
                }
            }
        }
        // (2) the starting heads reach every member, walking down inside the set
        BitSet reached = new BitSet();
        for (Node head : startHeads) {
            reached.set(head.index);
            queue.push(head);
        }
        while (!queue.isEmpty()) {
            for (Node parent : queue.pop().normalizedDown) {
                if (revisions.get(parent.index) && !reached.get(parent.index)) {
                    reached.set(parent.index);
                    queue.push(parent);
                }
            }
        }
        if (reached.cardinality() != revisions.cardinality()) {
            return null;
        }
        int[] open = new int[graph.nodes.size()];
        for (int i = revisions.nextSetBit(0); i >= 0; i = revisions.nextSetBit(i + 1)) {
            for (Node parent : graph.nodes.get(i).allDown) {
                open[parent.index]++;
            }
        }
        return open;
    }

    // ------------------------------------------------------------------------------------------
    // stamp (Alembic's ScriptDirectory._stamp_revs)

    /** The steps of {@code stamp destinations...} from these version rows. */
    public List<MigrationStep> stamp(List<String> destinations, List<String> currentHeads) {
        List<Node> headRevs = graph.revisionsFor(currentHeads);
        List<String> revision = destinations.isEmpty() ? List.of("base") : destinations;

        Set<Node> filtered = new LinkedHashSet<>();
        for (String rev : revision) {
            if (!rev.isEmpty()) {
                filtered.addAll(graph.filterForLineage(headRevs, rev, true));
            }
        }
        List<Node> filteredHeads = new ArrayList<>(filtered);

        List<Node> dests = graph.revisionsFor(revision);
        if (dests.isEmpty()) {
            dests = new ArrayList<>();
            dests.add(null);
        }
        List<MigrationStep> steps = new ArrayList<>();
        for (Node dest : dests) {
            // a walk past the base counts as base in Alembic too; one that ends exactly at base trips
            // an assertion there, and is base here
            if (dest == null || dest == RevisionGraph.BASE) {
                for (Node head : filteredHeads) {
                    steps.add(new StampStep(List.of(head.id()), List.of(), false, true));
                }
                continue;
            }
            if (filteredHeads.contains(dest)) {
                continue;
            }
            BitSet descendants = graph.descendants(List.of(dest), true);
            BitSet ancestors = graph.ancestors(List.of(dest), true);
            boolean headsAbove = false;
            boolean headsBelow = false;
            for (Node head : filteredHeads) {
                headsAbove |= descendants.get(head.index);
                headsBelow |= ancestors.get(head.index);
            }
            List<String> todoHeads = RevisionGraph.ids(filteredHeads);
            if (headsAbove && headsBelow) {
                // only rows of which one lies below another can straddle the destination (Alembic
                // fails an assertion here)
                throw new RevisionException("Can't stamp " + dest.id() + ": the version table's rows "
                        + String.join(", ", todoHeads) + " lie both above and below it, so some row is an"
                        + " ancestor of another; use 'stamp --purge' to rewrite the rows");
            }
            if (headsAbove) {
                steps.add(new StampStep(todoHeads, List.of(dest.id()), false, false));
            } else if (headsBelow) {
                steps.add(new StampStep(todoHeads, List.of(dest.id()), true, false));
            } else {
                steps.add(new StampStep(List.of(), List.of(dest.id()), true, true));
            }
        }
        return steps;
    }
}
