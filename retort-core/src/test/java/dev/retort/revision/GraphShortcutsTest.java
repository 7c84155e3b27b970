package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.retort.revision.RevisionGraph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The graph's and the planner's shortcuts (walks instead of memoized ancestor sets, one pass for
 * labels, dependencies normalized through their declarers) give what the plain definitions give,
 * on random graphs with branches, merges, labels and dependencies: the definitions are written out
 * here the slow way, as the code first had them.
 */
class GraphShortcutsTest {

    private static final int EXAMPLES = 300;

    /** LargeGraphTest's random graphs, with a label on about one revision in eight. */
    private static RevisionGraph randomGraph(int size, long seed) {
        Random random = new Random(seed);
        List<Revision> revisions = new ArrayList<>();
        int label = 0;
        for (Revision revision : LargeGraphTest.randomGraph(random, size)) {
            revisions.add(random.nextInt(8) == 0 ? revision.withLabels("lbl" + label++) : revision);
        }
        return RevisionGraph.of(revisions);
    }

    @Test
    void theTopologicalSortOfAUsualRangeIsAlembics() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 60), longs().all()).checkAssert((size, seed) -> {
            RevisionGraph graph = randomGraph(size, seed);
            Random random = new Random(seed);
            for (int round = 0; round < 10; round++) {
                List<Node> upper = round == 0 ? graph.realHeadNodes() : pick(graph, random, 1 + random.nextInt(3));
                List<Node> lower = round == 0 ? List.of() : pick(graph, random, random.nextInt(3));
                BitSet range = ancestors(upper);
                range.andNot(ancestors(lower));
                assertSortsAlike(graph, range, upper);
            }
        });
    }

    @Test
    void theTopologicalSortOfAnyRangeIsAlembics() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 40), longs().all()).checkAssert((size, seed) -> {
            RevisionGraph graph = randomGraph(size, seed);
            Random random = new Random(seed);
            for (int round = 0; round < 10; round++) {
                BitSet range = new BitSet();
                for (Node node : graph.nodes) {
                    if (random.nextInt(3) > 0) {
                        range.set(node.index);
                    }
                }
                assertSortsAlike(graph, range, pick(graph, random, 1 + random.nextInt(4)));
            }
        });
    }

    @Test
    void labelsAndNormalizedDependenciesFollowTheirDefinitions() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 60), longs().all()).checkAssert((size, seed) -> {
            RevisionGraph graph = randomGraph(size, seed);
            for (Node node : graph.nodes) {
                assertThat(node.labels).as("labels of %s", node).isEqualTo(labelsByDefinition(graph, node));
                assertThat(node.normalizedDeps).as("dependencies of %s", node)
                        .isEqualTo(normalizedDepsByDefinition(graph, node));
                assertThat(node.generation).isGreaterThan(node.allDown.stream().mapToInt(p -> p.generation).max()
                        .orElse(-1));
            }
        });
    }

    @Test
    void ancestryQuestionsFollowTheirDefinitions() {
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 40), longs().all()).checkAssert((size, seed) -> {
            RevisionGraph graph = randomGraph(size, seed);
            Random random = new Random(seed);
            for (Node node : graph.nodes) {
                BitSet below = ancestors(List.of(node));
                assertThat(graph.ancestors(List.of(node), true)).isEqualTo(below);
                assertThat(graph.memoizedAncestors(node)).isEqualTo(below);
                for (Node other : graph.nodes) {
                    assertThat(graph.isAncestorOrSelf(other.id(), node.id())).isEqualTo(below.get(other.index));
                }
            }
            for (int round = 0; round < 10; round++) {
                List<Node> targets = pick(graph, random, 2 + random.nextInt(3));
                boolean overlap = targets.stream().anyMatch(t -> targets.stream()
                        .anyMatch(o -> o != t && ancestors(List.of(t)).get(o.index)));
                if (overlap) {
                    assertThatThrownBy(() -> graph.rejectOverlaps(targets, true))
                            .isInstanceOf(RevisionException.class)
                            .hasMessageContaining("overlaps with other requested");
                } else {
                    graph.rejectOverlaps(targets, true);
                }
            }
        });
    }

    private static void assertSortsAlike(RevisionGraph graph, BitSet range, List<Node> heads) {
        List<String> expected;
        try {
            expected = RevisionGraph.ids(alembicSort(graph, range, heads));
        } catch (RangeNotAncestorException e) {
            assertThatThrownBy(() -> new RevisionPlanner(graph).topologicalSort(range, heads))
                    .isInstanceOf(RangeNotAncestorException.class);
            return;
        }
        assertThat(RevisionGraph.ids(new RevisionPlanner(graph).topologicalSort(range, heads)))
                .as("sort of %s from %s", graph.nodesOf(range), heads).isEqualTo(expected);
    }

    private static List<Node> pick(RevisionGraph graph, Random random, int count) {
        List<Node> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Node node = graph.nodes.get(random.nextInt(graph.size()));
            if (!picked.contains(node)) {
                picked.add(node);
            }
        }
        return picked;
    }

    /** Ancestors (self included) through down revisions and normalized dependencies, by a plain walk. */
    private static BitSet ancestors(List<Node> targets) {
        BitSet result = new BitSet();
        Deque<Node> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!result.get(node.index)) {
                result.set(node.index);
                todo.addAll(node.normalizedDown);
            }
        }
        return result;
    }

    /** Alembic's {@code _topological_sort} as written there: every pending head's ancestor set, scanned in order. */
    private static List<Node> alembicSort(RevisionGraph graph, BitSet revisions, List<Node> heads) {
        BitSet todo = (BitSet) revisions.clone();
        Set<Node> unique = new LinkedHashSet<>();
        for (Node head : heads) {
            if (todo.get(head.index)) {
                unique.add(head);
            }
        }
        List<Node> current = new ArrayList<>(unique);
        current.sort((a, b) -> Integer.compare(a.index, b.index));
        List<BitSet> ancestorsByIdx = new ArrayList<>();
        for (Node head : current) {
            ancestorsByIdx.add(ancestors(List.of(head)));
        }
        List<Node> output = new ArrayList<>();
        int candidateIdx = 0;
        while (!current.isEmpty()) {
            Node candidate = current.get(candidateIdx);
            int blockedBy = -1;
            for (int i = 0; i < ancestorsByIdx.size(); i++) {
                if (i != candidateIdx && ancestorsByIdx.get(i).get(candidate.index)) {
                    blockedBy = i;
                    break;
                }
            }
            if (blockedBy >= 0) {
                candidateIdx = blockedBy;
                continue;
            }
            if (todo.get(candidate.index)) {
                output.add(candidate);
                todo.clear(candidate.index);
            }
            List<Node> headsToAdd = new ArrayList<>();
            for (Node parent : candidate.normalizedDown) {
                if (todo.get(parent.index) && !current.contains(parent)) {
                    headsToAdd.add(parent);
                }
            }
            if (headsToAdd.isEmpty()) {
                current.remove(candidateIdx);
                ancestorsByIdx.remove(candidateIdx);
                candidateIdx = Math.max(candidateIdx - 1, 0);
            } else {
                current.set(candidateIdx, headsToAdd.get(0));
                ancestorsByIdx.set(candidateIdx, ancestors(List.of(headsToAdd.get(0))));
                for (Node extra : headsToAdd.subList(1, headsToAdd.size())) {
                    current.add(extra);
                    ancestorsByIdx.add(ancestors(List.of(extra)));
                }
            }
        }
        if (!todo.isEmpty()) {
            throw new RangeNotAncestorException("left over: " + graph.nodesOf(todo));
        }
        return output;
    }

    /**
     * A label applies to the revision declaring it and all its descendants through down revisions,
     * and, when those form a single line, to the revisions below its tip back to the first real
     * branch point or merge point (RevisionGraph#propagateLabels).
     */
    private static Set<String> labelsByDefinition(RevisionGraph graph, Node node) {
        Set<String> labels = new TreeSet<>();
        for (Node declaring : graph.nodes) {
            List<String> declared = declaring.revision.branchLabels();
            if (declared.isEmpty()) {
                continue;
            }
            if (reachable(declaring, n -> n.next).get(node.index)) {
                labels.addAll(declared);
            }
            Node tip = declaring;
            while (tip.next.size() == 1) {
                tip = tip.next.get(0);
            }
            if (tip.next.size() > 1) {
                continue;
            }
            Node walker = tip;
            while (!walker.isRealBranchPoint() && !walker.isMergePoint()) {
                if (walker == node) {
                    labels.addAll(declared);
                }
                if (walker.down.isEmpty()) {
                    break;
                }
                walker = walker.down.get(0);
            }
        }
        return labels;
    }

    /** The dependencies no ancestor through down revisions also declares. */
    private static List<Node> normalizedDepsByDefinition(RevisionGraph graph, Node node) {
        List<Node> kept = new ArrayList<>(node.resolvedDeps);
        BitSet below = reachable(node, n -> n.down);
        below.clear(node.index);
        for (Node ancestor : graph.nodesOf(below)) {
            kept.removeAll(ancestor.resolvedDeps);
        }
        return kept;
    }

    /** The node and everything reached from it over these edges. */
    private static BitSet reachable(Node start, RevisionGraph.Edges edges) {
        BitSet result = new BitSet();
        Deque<Node> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!result.get(node.index)) {
                result.set(node.index);
                todo.addAll(edges.of(node));
            }
        }
        return result;
    }
}
