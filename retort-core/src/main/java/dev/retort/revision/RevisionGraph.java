package dev.retort.revision;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The revision graph with Alembic's semantics (reference/alembic.md §2): revisions linked by their
 * down revisions into a DAG, branch labels, {@code depends_on} edges, heads and bases, and the
 * identifier grammar that resolves {@code head}, {@code label@head}, {@code rev-2}, partial ids and
 * the rest into revisions.
 *
 * <p>The graph is pure: it knows nothing of files or databases. It is immutable once built and safe
 * to share between threads (lazily computed ancestor sets are published through a synchronized
 * cache).
 *
 * <p><b>Map order.</b> The order of the list given to {@link #of} is Alembic's "map order" (the order
 * in which the files were loaded, i.e. sorted by file name). It breaks every tie the graph leaves
 * open, so that two projects with the same file names run migrations in the same order as Alembic.
 *
 * <p>Where Alembic's result depends on the iteration order of a Python set (the order of
 * normalized dependencies, which of several merged rows is updated rather than deleted), retort
 * uses declaration order instead, so its results are deterministic.
 */
public final class RevisionGraph {

    /** Alembic's relative-identifier pattern: {@code [label@][symbol](+|-)N}. */
    private static final Pattern RELATIVE = Pattern.compile("(?:(.+?)@)?(\\w+)?([+-]\\d+)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    /** Keys of this length or shorter are found only by exact match, never by prefix (Alembic). */
    private static final int SHORTEST_PREFIX_MATCHABLE_KEY = 4;

    final List<Node> nodes;
    private final Map<String, Node> byId;
    private final Map<String, Node> byLabel;
    /** Ids and labels longer than three characters, for prefix lookup; built on first use. */
    private volatile NavigableMap<String, Node> prefixKeys;
    /** Map order of the keys: ids first (in load order), then labels (in declaration order). */
    private final Map<String, Integer> keyOrder;
    private final List<Node> heads;
    private final List<Node> realHeads;
    private final List<Node> bases;
    private final List<Node> realBases;
    /** Memoized ancestor sets, for {@link #isAncestorOrSelf} and the topological sort of an unusual range. */
    private final Ancestry fullAncestry;

    /** One revision with its derived links. Mutable only while the graph is being built. */
    static final class Node {
        final int index;
        final Revision revision;
        final List<Node> down = new ArrayList<>();
        final List<Node> resolvedDeps = new ArrayList<>();
        final List<Node> normalizedDeps = new ArrayList<>();
        /** down + normalized dependencies: the parents traversal follows. */
        final List<Node> normalizedDown = new ArrayList<>();
        /** down + resolved dependencies. */
        final List<Node> allDown = new ArrayList<>();
        /** Children through down revisions only ("nextrev"), in map order. */
        final List<Node> next = new ArrayList<>();
        /** Children through down revisions or dependencies, in map order. */
        final List<Node> allNext = new ArrayList<>();
        final Set<String> labels = new TreeSet<>();
        /**
         * The length of the longest path from a base through down revisions and dependencies: every
         * ancestor of a node has a smaller one, which bounds the walk that looks for an ancestor.
         */
        int generation;

        Node(int index, Revision revision) {
            this.index = index;
            this.revision = revision;
        }

        String id() {
            return revision.id();
        }

        boolean isHead() {
            return next.isEmpty();
        }

        boolean isRealHead() {
            return allNext.isEmpty();
        }

        boolean isBranchPoint() {
            return next.size() > 1;
        }

        boolean isRealBranchPoint() {
            return allNext.size() > 1;
        }

        boolean isMergePoint() {
            return down.size() > 1;
        }

        @Override
        public String toString() {
            return revision.id();
        }
    }

    private RevisionGraph(List<Revision> revisions) {
        nodes = new ArrayList<>(revisions.size());
        byId = new HashMap<>(revisions.size() * 2);
        byLabel = new HashMap<>();
        for (Revision revision : revisions) {
            Node node = new Node(nodes.size(), revision);
            nodes.add(node);
            byId.put(revision.id(), node);
        }
        for (Node node : nodes) {
            for (String label : node.revision.branchLabels()) {
                byLabel.put(label, node);
            }
        }
        keyOrder = new HashMap<>(nodes.size() * 2);
        for (Node node : nodes) {
            keyOrder.put(node.id(), keyOrder.size());
        }
        for (Node node : nodes) {
            for (String label : node.revision.branchLabels()) {
                keyOrder.put(label, keyOrder.size());
            }
        }
        link();
        List<Node> parentsFirst = numberGenerations();
        heads = nodes.stream().filter(Node::isHead).toList();
        realHeads = nodes.stream().filter(Node::isRealHead).toList();
        bases = nodes.stream().filter(n -> n.down.isEmpty()).toList();
        realBases = nodes.stream().filter(n -> n.down.isEmpty() && n.revision.dependsOn().isEmpty()).toList();
        fullAncestry = new Ancestry(n -> n.normalizedDown);
        normalizeDependencies();
        propagateLabels(parentsFirst);
    }

    /**
     * Builds the graph of these revisions, given in map order (sorted file-name order).
     *
     * @throws InvalidRevisionGraphException listing every problem {@link #problems} finds
     */
    public static RevisionGraph of(List<Revision> revisions) {
        List<GraphProblem> problems = problems(revisions);
        if (!problems.isEmpty()) {
            throw new InvalidRevisionGraphException(problems);
        }
        return new RevisionGraph(revisions);
    }

    /** Every reason these revisions do not form a graph; empty when they do. */
    public static List<GraphProblem> problems(List<Revision> revisions) {
        return GraphValidation.problems(revisions);
    }

    // ------------------------------------------------------------------------------------------
    // construction

    private void link() {
        for (Node node : nodes) {
            for (String downId : node.revision.downRevisions()) {
                addUnique(node.down, byId.get(downId));
            }
            for (String dep : node.revision.dependsOn()) {
                addUnique(node.resolvedDeps, lookupKey(dep));
            }
            for (Node parent : node.down) {
                addUnique(node.allDown, parent);
            }
            for (Node dep : node.resolvedDeps) {
                addUnique(node.allDown, dep);
            }
            for (Node parent : node.allDown) {
                parent.allNext.add(node);
                if (node.down.contains(parent)) {
                    parent.next.add(node);
                }
            }
        }
    }

    /**
     * Numbers each node's generation; returns the nodes parents first (Kahn's order, through down
     * revisions and dependencies; the graph has no cycle).
     */
    private List<Node> numberGenerations() {
        List<Node> order = new ArrayList<>(nodes.size());
        int[] waiting = new int[nodes.size()];
        Deque<Node> ready = new ArrayDeque<>();
        for (Node node : nodes) {
            waiting[node.index] = node.allDown.size();
            if (waiting[node.index] == 0) {
                ready.add(node);
            }
        }
        while (!ready.isEmpty()) {
            Node node = ready.poll();
            order.add(node);
            for (Node child : node.allNext) {
                child.generation = Math.max(child.generation, node.generation + 1);
                if (--waiting[child.index] == 0) {
                    ready.add(child);
                }
            }
        }
        return order;
    }

    /**
     * A dependency that an ancestor (through down revisions) already declares adds nothing to the
     * order; Alembic drops it ("normalized" dependencies) so that bookkeeping stays minimal.
     */
    private void normalizeDependencies() {
        // who declares each dependency: a dependency is dropped when another of its declarers lies
        // below the node, which asks about those few declarers only, not about every ancestor
        Map<Node, List<Node>> declarers = new HashMap<>();
        for (Node node : nodes) {
            for (Node dep : node.resolvedDeps) {
                declarers.computeIfAbsent(dep, d -> new ArrayList<>(1)).add(node);
            }
        }
        for (Node node : nodes) {
            List<Node> kept = new ArrayList<>(node.resolvedDeps.size());
            for (Node dep : node.resolvedDeps) {
                boolean declaredBelow = false;
                for (Node other : declarers.get(dep)) {
                    if (other != node && reaches(node, other, false)) {
                        declaredBelow = true;
                        break;
                    }
                }
                if (!declaredBelow) {
                    kept.add(dep);
                }
            }
            node.normalizedDeps.addAll(kept);
            node.normalizedDown.addAll(node.down);
            for (Node dep : kept) {
                addUnique(node.normalizedDown, dep);
            }
        }
    }

    /**
     * A label applies to its revision, to all its descendants, and to its ancestors back to (not
     * including) the previous real branch point or merge point.
     *
     * <p>Alembic walks the ancestors starting from the <em>last</em> descendant it visited (a
     * variable leaked from a loop), not from the labelled revision itself. The visible effect,
     * which is deterministic, is reproduced here: ancestors receive the label only when the
     * labelled revision's descendants form a single line, and the walk down from the tip of that
     * line stops at the first real branch point or merge point, which may lie above the labelled
     * revision.
     */
    private void propagateLabels(List<Node> parentsFirst) {
        // to the descendants: one pass, each node taking its down revisions' labels (a walk per
        // label over its descendants cost labels × revisions)
        for (Node node : parentsFirst) {
            node.labels.addAll(node.revision.branchLabels());
            for (Node parent : node.down) {
                node.labels.addAll(parent.labels);
            }
        }
        // the walk below depends on the graph's shape only, so the order of the two does not matter
        for (Node node : nodes) {
            List<String> declared = node.revision.branchLabels();
            if (declared.isEmpty()) {
                continue;
            }
            Node tip = node;
            while (tip.next.size() == 1) {
                tip = tip.next.get(0);
            }
            if (tip.next.size() > 1) {
                continue;
            }
            Node walker = tip;
            while (!walker.isRealBranchPoint() && !walker.isMergePoint()) {
                walker.labels.addAll(declared);
                if (walker.down.isEmpty()) {
                    break;
                }
                walker = walker.down.get(0);
            }
        }
    }

    private static void addUnique(List<Node> list, Node node) {
        if (!list.contains(node)) {
            list.add(node);
        }
    }

    // ------------------------------------------------------------------------------------------
    // structure

    /** All revisions in map order. */
    public List<Revision> revisions() {
        return nodes.stream().map(n -> n.revision).toList();
    }

    public int size() {
        return nodes.size();
    }

    /** The revision with exactly this id. */
    public Optional<Revision> find(String id) {
        Node node = byId.get(id);
        return node == null ? Optional.empty() : Optional.of(node.revision);
    }

    /** True when a revision has exactly this id. */
    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Heads by down revision only (Alembic's {@code heads}); includes effective heads. */
    public List<String> heads() {
        return ids(heads);
    }

    /** Heads that nothing depends on either (what {@code upgrade heads} leaves in the version table). */
    public List<String> realHeads() {
        return ids(realHeads);
    }

    /** Revisions without a down revision. */
    public List<String> bases() {
        return ids(bases);
    }

    /** Bases that also have no dependencies. */
    public List<String> realBases() {
        return ids(realBases);
    }

    public boolean isHead(String id) {
        return node(id).isHead();
    }

    public boolean isRealHead(String id) {
        return node(id).isRealHead();
    }

    /** A head by down revision that another revision depends on. */
    public boolean isEffectiveHead(String id) {
        Node node = node(id);
        return node.isHead() && !node.isRealHead();
    }

    public boolean isBranchPoint(String id) {
        return node(id).isBranchPoint();
    }

    public boolean isMergePoint(String id) {
        return node(id).isMergePoint();
    }

    /** Children through down revisions, in map order. */
    public List<String> children(String id) {
        return ids(node(id).next);
    }

    /** Labels of the revision, declared and propagated, sorted. */
    public Set<String> branchLabels(String id) {
        return Set.copyOf(node(id).labels);
    }

    /** Labels of the revision in sorted order, for display. */
    public List<String> sortedBranchLabels(String id) {
        return List.copyOf(node(id).labels);
    }

    /** The revision's dependencies resolved to ids (labels replaced by the revisions declaring them). */
    public List<String> resolvedDependencies(String id) {
        return ids(node(id).resolvedDeps);
    }

    /** Down revisions plus the dependencies not already implied by an ancestor. */
    public List<String> normalizedDownRevisions(String id) {
        return ids(node(id).normalizedDown);
    }

    /** True when {@code ancestor} is {@code descendant} or lies below it (dependencies included). */
    public boolean isAncestorOrSelf(String ancestor, String descendant) {
        // memoized: the version rows' bookkeeping asks this at each merge for every other row, and
        // a walk per question made a downgrade of a graph with hundreds of heads take minutes
        return fullAncestry.of(node(descendant)).get(node(ancestor).index);
    }

    /**
     * Whether {@code ancestor} is {@code from} or lies below it: a walk down from {@code from} that
     * leaves out every revision of a generation not above the ancestor's, so it covers only the
     * revisions between the two, not all below {@code from}.
     */
    private static boolean reaches(Node from, Node ancestor, boolean full) {
        if (from == ancestor) {
            return true;
        }
        if (from.generation <= ancestor.generation) {
            return false;
        }
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(from);
        while (!todo.isEmpty()) {
            for (Node parent : full ? todo.pop().normalizedDown : todo.pop().down) {
                if (parent == ancestor) {
                    return true;
                }
                if (parent.generation > ancestor.generation && seen.add(parent)) {
                    todo.push(parent);
                }
            }
        }
        return false;
    }

    Node node(String id) {
        Node node = byId.get(id);
        if (node == null) {
            throw new ResolutionException("Can't locate revision identified by '" + id + "'", id, List.of());
        }
        return node;
    }

    static List<String> ids(Collection<Node> nodes) {
        List<String> ids = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            ids.add(node.id());
        }
        return ids;
    }

    List<Node> headNodes() {
        return heads;
    }

    List<Node> realHeadNodes() {
        return realHeads;
    }

    // ------------------------------------------------------------------------------------------
    // traversal primitives

    interface Edges {
        List<Node> of(Node node);
    }

    /** Ancestors of the targets, targets included; dependencies followed when {@code full}. */
    BitSet ancestors(Collection<Node> targets, boolean full) {
        // one walk from all targets: linear in the graph's size, however many targets (uniting
        // memoized per-revision sets made the first command on a graph cost size² / 64 words)
        BitSet result = new BitSet(nodes.size());
        Deque<Node> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (result.get(node.index)) {
                continue;
            }
            result.set(node.index);
            for (Node parent : full ? node.normalizedDown : node.down) {
                if (!result.get(parent.index)) {
                    todo.push(parent);
                }
            }
        }
        return result;
    }

    /**
     * The memoized ancestors of one node, itself included, dependencies followed: the set itself, not
     * a copy, so the caller must not modify it. Computing it computes and keeps the set of every
     * ancestor, a bit per revision each: only the topological sort of an unusual range and
     * {@link #isAncestorOrSelf} use it.
     */
    BitSet memoizedAncestors(Node node) {
        return fullAncestry.of(node);
    }

    /** Descendants of the targets, targets included; dependency edges followed when {@code full}. */
    BitSet descendants(Collection<Node> targets, boolean full) {
        BitSet result = new BitSet(nodes.size());
        Deque<Node> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (result.get(node.index)) {
                continue;
            }
            result.set(node.index);
            for (Node child : full ? node.allNext : node.next) {
                if (!result.get(child.index)) {
                    todo.push(child);
                }
            }
        }
        return result;
    }

    /**
     * Like {@link #ancestors} but refuses targets of which one lies below another (Alembic's
     * {@code check=True}): asking for both a revision and its ancestor is a mistake.
     */
    BitSet ancestorsChecked(List<Node> targets, boolean full) {
        BitSet result = ancestors(targets, full);
        rejectOverlaps(targets, full);
        return result;
    }

    void rejectOverlaps(List<Node> targets, boolean full) {
        if (targets.size() < 2) {
            return;
        }
        // one walk from the targets' parents finds whether any target lies below another; only then
        // is each target's own set needed, to say which
        List<Node> parents = new ArrayList<>();
        for (Node target : targets) {
            parents.addAll(full ? target.normalizedDown : target.down);
        }
        BitSet belowSome = ancestors(parents, full);
        if (targets.stream().noneMatch(target -> belowSome.get(target.index))) {
            return;
        }
        for (Node target : targets) {
            BitSet below = ancestors(List.of(target), full);
            List<String> overlaps = new ArrayList<>();
            for (Node other : targets) {
                if (other != target && below.get(other.index) && !overlaps.contains(other.id())) {
                    overlaps.add(other.id());
                }
            }
            if (!overlaps.isEmpty()) {
                throw new RevisionException("Requested revision " + target.id()
                        + " overlaps with other requested revisions " + String.join(", ", overlaps));
            }
        }
    }

    List<Node> nodesOf(BitSet set) {
        List<Node> result = new ArrayList<>(set.cardinality());
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            result.add(nodes.get(i));
        }
        return result;
    }

    /**
     * Ancestor sets (self included) per node, computed on first use and kept: "is X below Y" in
     * constant time, at the price of a bit per revision for every revision below the one asked
     * about (size² bits for a whole deep graph). Only {@link #isAncestorOrSelf} (the version rows'
     * bookkeeping at merges) and the topological sort of a range the usual shortcut does not fit use
     * them.
     */
    private final class Ancestry {
        private final Edges parents;
        private final BitSet[] memo;

        Ancestry(Edges parents) {
            this.parents = parents;
            this.memo = new BitSet[nodes.size()];
        }

        synchronized BitSet of(Node target) {
            if (memo[target.index] != null) {
                return memo[target.index];
            }
            // iterative post-order: a node is computed once all its parents are
            Deque<Node> stack = new ArrayDeque<>();
            stack.push(target);
            while (!stack.isEmpty()) {
                Node node = stack.peek();
                if (memo[node.index] != null) {
                    stack.pop();
                    continue;
                }
                boolean ready = true;
                for (Node parent : parents.of(node)) {
                    if (memo[parent.index] == null) {
                        stack.push(parent);
                        ready = false;
                    }
                }
                if (ready) {
                    BitSet set = new BitSet(node.index + 1);
                    set.set(node.index);
                    for (Node parent : parents.of(node)) {
                        set.or(memo[parent.index]);
                    }
                    memo[node.index] = set;
                    stack.pop();
                }
            }
            return memo[target.index];
        }
    }

    // ------------------------------------------------------------------------------------------
    // identifier resolution (Alembic's get_revisions / get_revision / _revision_for_ident)

    /** The result of resolving {@code [label@]symbol}: revision ids (possibly none) and the label. */
    record Resolved(List<String> ids, String branchLabel) {
    }

    /**
     * Resolves one identifier into revisions: {@code heads}, {@code head}, {@code base}, ids,
     * partial ids, labels, {@code label@...}, and {@code -N} / {@code label@-N} (walks down from
     * the heads). {@code base} resolves to no revision.
     */
    public List<Revision> resolve(String identifier) {
        List<Revision> result = new ArrayList<>();
        for (Node node : revisionsFor(identifier)) {
            if (node == null) {
                // Alembic's get_revisions answers None here and leaves the caller to stumble on it
                throw new RevisionException("Walked too far: '" + identifier + "' goes below the base");
            }
            if (node != BASE) {
                result.add(node.revision);
            }
        }
        return result;
    }

    /** Resolves several identifiers, concatenating the results (an Alembic tuple argument). */
    public List<Revision> resolve(List<String> identifiers) {
        List<Revision> result = new ArrayList<>();
        for (String identifier : identifiers) {
            result.addAll(resolve(identifier));
        }
        return result;
    }

    /**
     * Resolves an identifier that must name at most one revision; empty means base.
     *
     * @throws MultipleHeadsException when it names several (e.g. {@code heads} with two heads)
     */
    public Optional<Revision> resolveOne(String identifier) {
        Node node = revisionFor(identifier);
        return node == null ? Optional.empty() : Optional.of(node.revision);
    }

    /** Stands for "base" where Alembic's walk returns the string 'base'. */
    static final Node BASE = new Node(-1, Revision.of("base"));

    /**
     * Alembic's {@code get_revisions} for a single string. The result may contain {@link #BASE}
     * (walked down to base) or {@code null} (walked past the end) for negative integers.
     */
    List<Node> revisionsFor(String identifier) {
        Resolved resolved = resolveNumber(identifier);
        if (resolved.ids().size() == 1 && INTEGER.matcher(resolved.ids().get(0)).matches()) {
            int steps = parseSteps(resolved.ids().get(0));
            if (steps < 0) {
                List<Node> selectHeads = new ArrayList<>(realHeads);
                if (resolved.branchLabel() != null) {
                    selectHeads.removeIf(h -> !h.labels.contains(resolved.branchLabel()));
                }
                List<Node> result = new ArrayList<>();
                for (Node head : selectHeads) {
                    result.add(walk(head, steps, null, true));
                }
                return result;
            }
        }
        List<Node> result = new ArrayList<>();
        for (String id : resolved.ids()) {
            result.add(revisionForIdent(id, resolved.branchLabel()));
        }
        return result;
    }

    /** Alembic's {@code get_revisions} over a tuple. */
    List<Node> revisionsFor(List<String> identifiers) {
        List<Node> result = new ArrayList<>();
        for (String identifier : identifiers) {
            result.addAll(revisionsFor(identifier));
        }
        return result;
    }

    /** Alembic's {@code get_revision}: at most one revision, {@code null} for base. */
    Node revisionFor(String identifier) {
        Resolved resolved = resolveNumber(identifier);
        if (resolved.ids().size() > 1) {
            throw multipleHeads(resolved.ids(), identifier);
        }
        if (resolved.ids().isEmpty()) {
            if (resolved.branchLabel() != null) {
                // "label@base" is base, but only for a label that exists (Alembic checks it here)
                resolveBranch(resolved.branchLabel());
            }
            return null;
        }
        return revisionForIdent(resolved.ids().get(0), resolved.branchLabel());
    }

    /** Alembic's {@code _resolve_revision_number}. */
    Resolved resolveNumber(String identifier) {
        String branchLabel = null;
        String id = identifier;
        if (identifier != null && identifier.contains("@")) {
            int at = identifier.indexOf('@');
            branchLabel = identifier.substring(0, at);
            id = identifier.substring(at + 1);
        }
        if ("heads".equals(id)) {
            if (branchLabel != null) {
                return new Resolved(ids(filterForLineage(heads, branchLabel, false)), branchLabel);
            }
            return new Resolved(ids(realHeads), null);
        }
        if ("head".equals(id)) {
            Node head = currentHead(branchLabel);
            return new Resolved(head == null ? List.of() : List.of(head.id()), branchLabel);
        }
        if (id == null || "base".equals(id)) {
            return new Resolved(List.of(), branchLabel);
        }
        return new Resolved(List.of(id), branchLabel);
    }

    /** Alembic's {@code get_current_head}: the single head (of the branch), or none. */
    Node currentHead(String branchLabel) {
        List<Node> candidates = heads;
        if (branchLabel != null) {
            candidates = filterForLineage(heads, branchLabel, false);
        }
        if (candidates.size() > 1) {
            throw multipleHeads(ids(candidates), branchLabel != null ? branchLabel + "@head" : "head");
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    MultipleHeadsException multipleHeads(List<String> headIds, String argument) {
        StringBuilder listed = new StringBuilder();
        String exampleLabel = null;
        for (String id : headIds) {
            if (listed.length() > 0) {
                listed.append(", ");
            }
            listed.append(id);
            Node node = byId.get(id);
            if (node != null && !node.labels.isEmpty()) {
                listed.append(" (").append(String.join(", ", node.labels)).append(')');
                if (exampleLabel == null) {
                    exampleLabel = node.labels.iterator().next();
                }
            }
        }
        String symbol = argument.endsWith("heads") ? "heads" : "head";
        String narrow = "'" + (exampleLabel != null ? exampleLabel : "<branchname>") + "@" + symbol + "'";
        return new MultipleHeadsException(headIds, argument, "Multiple head revisions are present for given argument '"
                + argument + "': " + listed + "; name one of them, use " + narrow
                + " to narrow to one branch, or 'heads' for all heads");
    }

    /** Exact lookup of an id or label. */
    private Node lookupKey(String key) {
        Node node = byId.get(key);
        return node != null ? node : byLabel.get(key);
    }

    /** Alembic's {@code _revision_for_ident}: exact id or label, else a unique prefix. */
    Node revisionForIdent(String id, String checkBranch) {
        Node branchRev = checkBranch != null ? resolveBranch(checkBranch) : null;
        Node revision = lookupKey(id);
        if (revision == null) {
            List<String> candidates = prefixCandidates(id);
            if (branchRev != null) {
                candidates = candidates.stream()
                        .filter(c -> sharesLineage(lookupKey(c), List.of(checkBranch), false))
                        .toList();
            }
            if (candidates.isEmpty()) {
                String hint = id.length() < SHORTEST_PREFIX_MATCHABLE_KEY
                        ? " (a prefix matches only ids longer than 3 characters; ids of 3 characters or fewer"
                        + " must be typed in full)"
                        : "";
                throw new ResolutionException("Can't locate revision identified by '" + id + "'" + hint, id, List.of());
            }
            if (candidates.size() > 1) {
                throw new ResolutionException("Ambiguous revision '" + id + "': it is the start of "
                        + candidates.size() + " revisions or labels (" + String.join(", ", candidates)
                        + "); type more characters", id, candidates);
            }
            revision = lookupKey(candidates.get(0));
        }
        if (checkBranch != null && !sharesLineage(revision, List.of(branchRev))) {
            throw new ResolutionException("Revision " + revision.id() + " is not a member of branch '" + checkBranch
                    + "'", id, List.of());
        }
        return revision;
    }

    /**
     * Keys starting with {@code prefix}, in map order. A label and the id of the revision that
     * declares it count once (Alembic would call that ambiguous).
     */
    private List<String> prefixCandidates(String prefix) {
        Map<Node, String> byNode = new HashMap<>();
        for (Map.Entry<String, Node> entry : prefixKeys().tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            byNode.merge(entry.getValue(), entry.getKey(),
                    (a, b) -> keyOrder.get(a) <= keyOrder.get(b) ? a : b);
        }
        return byNode.values().stream().sorted((a, b) -> Integer.compare(keyOrder.get(a), keyOrder.get(b))).toList();
    }

    /** Most commands never look up a prefix; the sorted key map is built the first time one does. */
    private NavigableMap<String, Node> prefixKeys() {
        NavigableMap<String, Node> keys = prefixKeys;
        if (keys == null) {
            keys = new TreeMap<>();
            for (String key : keyOrder.keySet()) {
                if (key.length() >= SHORTEST_PREFIX_MATCHABLE_KEY) {
                    keys.put(key, lookupKey(key));
                }
            }
            prefixKeys = keys;
        }
        return keys;
    }

    /** Alembic's {@code _resolve_branch}: a label, an id, or a unique prefix of an id. */
    Node resolveBranch(String branchLabel) {
        Node node = lookupKey(branchLabel);
        if (node != null) {
            return node;
        }
        try {
            return revisionForIdent(branchLabel, null);
        } catch (ResolutionException e) {
            throw new ResolutionException("No such branch: '" + branchLabel + "'", branchLabel, List.of());
        }
    }

    /**
     * Alembic's {@code filter_for_lineage}: the targets that lie on a line of descent with what
     * {@code checkAgainst} names.
     */
    List<Node> filterForLineage(Collection<Node> targets, String checkAgainst, boolean includeDependencies) {
        Resolved resolved = resolveNumber(checkAgainst);
        List<String> shares = new ArrayList<>();
        if (resolved.branchLabel() != null) {
            shares.add(resolved.branchLabel());
        }
        shares.addAll(resolved.ids());
        List<Node> result = new ArrayList<>();
        BitSet lineage = null;
        for (Node target : targets) {
            if (shares.isEmpty()) {
                result.add(target);
                continue;
            }
            requireRevision(target);
            if (lineage == null) {
                // one pair of walks for all targets rather than one per target
                lineage = lineage(resolveAll(shares), includeDependencies);
            }
            if (lineage.get(target.index)) {
                result.add(target);
            }
        }
        return result;
    }

    private List<Node> resolveAll(List<String> idents) {
        List<Node> others = new ArrayList<>();
        for (String ident : idents) {
            Node other = revisionForIdent(ident, null);
            if (other != null) {
                others.add(other);
            }
        }
        return others;
    }

    /** The revisions that lie on a line of descent with one of {@code others}: their ancestors and descendants. */
    private BitSet lineage(List<Node> others, boolean includeDependencies) {
        BitSet lineage = ancestors(others, includeDependencies);
        lineage.or(descendants(others, includeDependencies));
        return lineage;
    }

    /** Whether {@code target} is an ancestor or descendant (or itself) of any of the named revisions. */
    boolean sharesLineage(Node target, List<String> testAgainst, boolean includeDependencies) {
        if (testAgainst.isEmpty()) {
            return true;
        }
        requireRevision(target);
        return sharesLineageNodes(target, resolveAll(testAgainst), includeDependencies);
    }

    private boolean sharesLineage(Node target, List<Node> others) {
        return sharesLineageNodes(target, others, false);
    }

    /** A relative identifier walked down to (or past) base: there is no revision to compare. */
    private static void requireRevision(Node target) {
        if (target == BASE) {
            // Alembic then looks 'base' up as an id
            throw new ResolutionException("Can't locate revision identified by 'base': it is the empty database, "
                    + "not a revision on a branch", "base", List.of());
        }
        if (target == null) {
            throw new RevisionException("Walked too far: a relative revision goes below the base");
        }
    }

    private boolean sharesLineageNodes(Node target, List<Node> others, boolean includeDependencies) {
        requireRevision(target);
        for (Node other : others) {
            if (reaches(target, other, includeDependencies) || reaches(other, target, includeDependencies)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // relative movement (Alembic's _walk, _parse_upgrade_target, _parse_downgrade_target)

    /**
     * Walks {@code steps} up (positive) or down (negative) from {@code start} ({@code null} = from
     * base when going up, from the heads when going down; {@link #BASE} = base). Returns the
     * revision reached, {@link #BASE}, or {@code null} when the walk went past the end and
     * {@code noOverwalk} is set (otherwise it stops where it was).
     */
    Node walk(Node start, int steps, String branchLabel, boolean noOverwalk) {
        Node initial = start;
        for (int i = 0; i < Math.abs(steps); i++) {
            List<Node> children;
            if (steps > 0) {
                List<Node> up = initial == null || initial == BASE ? bases : initial.next;
                children = branchLabel != null ? filterForLineage(up, branchLabel, false) : up;
            } else if (initial == BASE) {
                children = List.of();
            } else {
                children = initial == null ? heads : initial.down;
                if (children.isEmpty()) {
                    children = List.of(BASE);
                }
            }
            if (children.isEmpty()) {
                return noOverwalk ? null : initial;
            }
            if (children.size() > 1) {
                String from = initial == null || initial == BASE ? "base" : initial.id();
                throw new RevisionException(steps > 0
                        ? "Ambiguous walk: " + from + " branches into " + String.join(", ", ids(children))
                        + "; use label@+N to pick a branch, or name the revision"
                        : "Ambiguous walk: " + from + " has several parents (" + String.join(", ", ids(children))
                        + "); name the revision to go to, e.g. '" + children.get(0).id() + "'");
            }
            initial = children.get(0);
        }
        return initial;
    }

    private Node walkFrom(String symbol, int steps, String branchLabel, boolean noOverwalk) {
        return walk(revisionFor(symbol), steps, branchLabel, noOverwalk);
    }

    /**
     * The number in {@code +N} / {@code -N} (or in an all-digit id, which only counts when
     * negative). A number too large for an int is clamped: a walk that long runs off the end of
     * any graph, which the walk reports, just as Alembic's unbounded integers do.
     */
    static int parseSteps(String relative) {
        BigInteger value = new BigInteger(relative.startsWith("+") ? relative.substring(1) : relative);
        if (value.bitLength() < Integer.SIZE) {
            return value.intValue();
        }
        return value.signum() < 0 ? -Integer.MAX_VALUE : Integer.MAX_VALUE;
    }

    /**
     * The pattern must match the whole identifier. Alembic only anchors it at the start, so there
     * "x+1abc" walks from x and ignores "abc"; retort takes such an identifier as an id (and fails to
     * find it) rather than silently dropping part of what was typed.
     */
    static Matcher relative(String target) {
        Matcher matcher = RELATIVE.matcher(target);
        return matcher.matches() ? matcher : null;
    }

    private static RevisionException didNotProduce(String relative, int steps) {
        return new RevisionException("Relative revision " + relative + " didn't produce " + Math.abs(steps)
                + " migrations");
    }

    /** Alembic's {@code _parse_upgrade_target}: the revisions an upgrade target names. */
    List<Node> parseUpgradeTarget(List<String> currentRevisions, Target target, boolean assertRelativeLength) {
        Matcher match = target.single() != null ? relative(target.single()) : null;
        if (match == null) {
            return target.single() != null ? revisionsFor(target.single()) : revisionsFor(target.tuple());
        }
        String branchLabel = match.group(1);
        String symbol = match.group(2);
        String relativeText = match.group(3);
        int relative = parseSteps(relativeText);
        if (relative > 0) {
            if (symbol == null) {
                List<Node> startRevs;
                if (branchLabel == null) {
                    // Alembic counts the current identifiers before resolving the one it walks from,
                    // so a single "x@heads" naming two heads is a MultipleHeads error, not ambiguous
                    if (currentRevisions.size() > 1) {
                        throw new RevisionException("Ambiguous upgrade from multiple current revisions ("
                                + String.join(", ", currentRevisions) + "); use label@+N to pick a branch");
                    }
                    startRevs = currentRevisions.isEmpty() ? singletonNull()
                            : singleton(revisionFor(currentRevisions.get(0)));
                } else {
                    List<Node> current = revisionsFor(currentRevisions);
                    startRevs = filterForLineage(current, branchLabel, false);
                    if (startRevs.isEmpty()) {
                        // the branch is not applied yet: back up to where it leaves the applied part
                        List<Node> activeOnBranch = filterForLineage(
                                nodesOf(ancestors(current, true)), branchLabel, false);
                        Set<Node> tips = new LinkedHashSet<>(activeOnBranch);
                        for (Node rev : activeOnBranch) {
                            rev.normalizedDown.forEach(tips::remove);
                        }
                        startRevs = tips.isEmpty() ? singletonNull() : new ArrayList<>(tips);
                    }
                }
                if (startRevs.size() > 1) {
                    throw new RevisionException("Ambiguous upgrade from multiple current revisions ("
                            + String.join(", ", ids(startRevs)) + "); use label@+N to pick a branch");
                }
                Node rev = walk(startRevs.get(0), relative, branchLabel, assertRelativeLength);
                if (rev == null) {
                    throw didNotProduce(relativeText, relative);
                }
                return List.of(rev);
            }
            return List.of(orWalkedTooFar(walkFrom(symbol, relative, branchLabel, assertRelativeLength)));
        }
        if (symbol == null) {
            throw didNotProduce(relativeText, relative);
        }
        String start = branchLabel == null ? symbol : branchLabel + "@" + symbol;
        return List.of(orWalkedTooFar(walkFrom(start, relative, null, assertRelativeLength)));
    }

    private static List<Node> singletonNull() {
        return singleton(null);
    }

    private static List<Node> singleton(Node node) {
        List<Node> list = new ArrayList<>(1);
        list.add(node);
        return list;
    }

    private static Node orWalkedTooFar(Node node) {
        if (node == null) {
            throw new RevisionException("Walked too far: the relative revision goes past the end of its branch");
        }
        return node;
    }

    /** Result of parsing a downgrade target: optional label and the target ({@code null} = base). */
    record DowngradeTarget(String branchLabel, Node revision) {
    }

    /** Alembic's {@code _parse_downgrade_target}. */
    DowngradeTarget parseDowngradeTarget(List<String> currentRevisions, String target, boolean assertRelativeLength) {
        if (target == null) {
            return new DowngradeTarget(null, null);
        }
        Matcher match = relative(target);
        if (match != null) {
            String branchLabel = match.group(1);
            String symbol = match.group(2);
            String relativeText = match.group(3);
            int relative = parseSteps(relativeText);
            if (relative >= 0) {
                if (symbol == null) {
                    throw didNotProduce(relativeText, relative);
                }
                Node rev = walkFrom(symbol, relative, branchLabel, assertRelativeLength);
                if (rev == null) {
                    throw new RevisionException("Walked too far: '" + target + "' goes past the head");
                }
                return new DowngradeTarget(branchLabel, rev);
            }
            boolean relativeToCurrent = symbol == null;
            if (relativeToCurrent) {
                if (branchLabel != null) {
                    // Alembic reads the current revisions here as plain ids (or labels or prefixes),
                    // not as the full grammar: they are the database's rows
                    List<Node> current = new ArrayList<>(currentRevisions.size());
                    for (String row : currentRevisions) {
                        current.add(revisionForIdent(row, null));
                    }
                    List<Node> onBranch = filterForLineage(current, branchLabel, false);
                    if (onBranch.isEmpty()) {
                        // the branch's head may be implied by another head that depends on it
                        onBranch = filterForLineage(allCurrent(revisionsFor(currentRevisions)), branchLabel, false);
                    }
                    if (onBranch.size() != 1) {
                        throw new RevisionException(onBranch.isEmpty()
                                ? "Branch '" + branchLabel + "' has no revision in the database; nothing to downgrade"
                                : "Several current revisions are on branch '" + branchLabel + "' ("
                                + String.join(", ", ids(onBranch)) + "); downgrade to one of them by id");
                    }
                    symbol = onBranch.get(0).id();
                } else {
                    if (currentRevisions.isEmpty()) {
                        throw didNotProduce(relativeText, relative);
                    }
                    // Alembic warns here and uses the first row; the caller decides whether to warn
                    symbol = currentRevisions.get(0);
                    branchLabel = symbol;
                }
            }
            String start = branchLabel == null ? symbol : branchLabel + "@" + symbol;
            Node rev = walkFrom(start, relative, null, assertRelativeLength);
            if (rev == null) {
                if (relativeToCurrent) {
                    throw didNotProduce(relativeText, relative);
                }
                throw new RevisionException("Walked too far: '" + target + "' goes below the base");
            }
            return new DowngradeTarget(branchLabel, rev);
        }
        int at = target.lastIndexOf('@');
        String branchLabel = at > 0 ? target.substring(0, at) : null;
        String symbol = at >= 0 ? target.substring(at + 1) : target;
        return new DowngradeTarget(branchLabel, revisionFor(symbol));
    }

    /**
     * Alembic's {@code get_all_current}: the stored heads plus the revisions they imply through
     * dependencies, reduced to branch tips. In map order.
     */
    List<Node> allCurrent(List<Node> stored) {
        List<Node> real = stored.stream().filter(n -> n != null && n != BASE).toList();
        BitSet top = ancestors(real, true);
        // 'top' holds every ancestor of its members, so a revision has a descendant in it exactly when
        // one of its own children is in it: one look at the children, not a walk per revision
        List<Node> result = new ArrayList<>();
        for (Node candidate : nodesOf(top)) {
            if (candidate.next.stream().noneMatch(child -> top.get(child.index))) {
                result.add(candidate);
            }
        }
        return result;
    }

    /**
     * Every revision a database at these version rows has applied: the rows and all their
     * ancestors, dependencies included, in graph order. Rows this graph does not define are left out.
     */
    public List<Revision> appliedRevisions(List<String> versionRows) {
        List<Node> known = new ArrayList<>();
        for (String row : versionRows) {
            Node node = byId.get(row);
            if (node != null) {
                known.add(node);
            }
        }
        return nodesOf(ancestors(known, true)).stream().map(n -> n.revision).toList();
    }

    /** The revisions the database stands at: its version rows plus what they imply, reduced to tips. */
    public List<Revision> currentRevisions(List<String> versionRows) {
        return allCurrent(revisionsFor(versionRows)).stream().map(n -> n.revision).toList();
    }

    /** A command argument: one identifier string, or a tuple (the version rows, a stamp list). */
    record Target(String single, List<String> tuple) {
        /** One identifier; {@code null} means base, as Alembic's {@code None}. */
        static Target of(String identifier) {
            return identifier == null ? new Target(null, List.of()) : new Target(identifier, null);
        }

        static Target of(List<String> identifiers) {
            return new Target(null, List.copyOf(identifiers));
        }

        boolean isNone() {
            return single == null && (tuple == null || tuple.isEmpty());
        }

        List<String> asList() {
            return single != null ? List.of(single) : tuple;
        }
    }

    /** Checks a label name as the graph requires; empty when acceptable. */
    static Optional<String> labelProblem(String label) {
        if (!LABEL.matcher(label).matches()) {
            return Optional.of("branch label '" + label + "' may contain only letters, digits, '_', '.' and '-'");
        }
        if ("head".equals(label) || "heads".equals(label) || "base".equals(label) || "current".equals(label)) {
            return Optional.of("branch label '" + label + "' is a reserved word");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "RevisionGraph[" + nodes.size() + " revisions, heads=" + heads() + "]";
    }

    /** Comma-joined ids, as Alembic's {@code format_as_comma}. */
    static String commaJoined(Collection<String> ids) {
        return ids.stream().collect(Collectors.joining(", "));
    }
}
