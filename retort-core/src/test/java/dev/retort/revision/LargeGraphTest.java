package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sanity check that the graph copes with ten thousand revisions full of branches and merges: heads,
 * history, planning {@code upgrade heads} from an empty database and {@code downgrade base} back
 * must finish and be right. Nothing here is timed; the suite's own timeout is the limit.
 */
class LargeGraphTest {

    private static final int SIZE = 10_000;
    private static List<Revision> revisions;
    private static RevisionGraph graph;
    private static RevisionPlanner planner;

    @BeforeAll
    static void build() {
        revisions = randomGraph(new Random(20_240_601L), SIZE);
        graph = RevisionGraph.of(revisions);
        planner = new RevisionPlanner(graph);
    }

    /**
     * Mostly lines, with branches (20%), two- and three-way merges of open heads (10%), new bases
     * (2%) and dependencies on earlier revisions (5%); twelve-character hex ids in load order.
     */
    static List<Revision> randomGraph(Random random, int size) {
        List<Revision> out = new ArrayList<>(size);
        List<String> ids = new ArrayList<>(size);
        List<String> open = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < size; i++) {
            String id;
            do {
                id = String.format("%012x", random.nextLong() & 0xffffffffffffL);
            } while (!taken.add(id));
            List<String> down = new ArrayList<>();
            double roll = random.nextDouble();
            if (i == 0 || roll < 0.02) {
                down.clear();
            } else if (roll < 0.12 && open.size() >= 2) {
                int parents = open.size() >= 3 && random.nextBoolean() ? 3 : 2;
                while (down.size() < parents) {
                    String parent = open.get(random.nextInt(open.size()));
                    if (!down.contains(parent)) {
                        down.add(parent);
                    }
                }
            } else if (roll < 0.32) {
                down.add(ids.get(random.nextInt(ids.size())));
            } else {
                down.add(open.isEmpty() ? ids.get(ids.size() - 1) : open.get(open.size() - 1));
            }
            Revision revision = Revision.of(id, down.toArray(String[]::new));
            if (i > 10 && random.nextDouble() < 0.05) {
                revision = revision.withDependsOn(ids.get(random.nextInt(ids.size() - 5)));
            }
            open.removeAll(down);
            open.add(id);
            ids.add(id);
            out.add(revision);
        }
        return out;
    }

    @Test
    void headsAreTheRevisionsNothingBuildsOn() {
        Set<String> parents = new HashSet<>();
        Set<String> dependedOn = new HashSet<>();
        for (Revision revision : revisions) {
            parents.addAll(revision.downRevisions());
            dependedOn.addAll(revision.dependsOn());
        }
        List<String> expected = revisions.stream().map(Revision::id).filter(id -> !parents.contains(id)).toList();
        assertThat(graph.heads()).containsExactlyElementsOf(expected);
        assertThat(graph.heads()).hasSizeGreaterThan(100);
        assertThat(graph.realHeads()).containsExactlyElementsOf(
                expected.stream().filter(id -> !dependedOn.contains(id)).toList());
    }

    @Test
    void historyListsEveryRevisionOnceAfterEverythingAboveIt() {
        List<Revision> history = planner.history("base", "heads");
        assertThat(history).hasSize(SIZE);
        assertRunsAfterItsParents(reversed(ids(history)));
    }

    @Test
    void upgradeHeadsFromEmptyRunsEverythingParentsFirstAndLeavesTheRealHeads() {
        List<MigrationStep> steps = planner.upgrade("heads", List.of());
        List<String> order = ids(steps);
        assertThat(order).hasSize(SIZE).doesNotHaveDuplicates();
        assertRunsAfterItsParents(order);
        VersionHeads rows = new VersionHeads(graph, List.of());
        steps.forEach(rows::apply);
        assertThat(rows.heads()).containsExactlyInAnyOrderElementsOf(graph.realHeads());
    }

    @Test
    void downgradeBaseFromTheRealHeadsRunsEverythingChildrenFirstAndEmptiesTheTable() {
        List<MigrationStep> steps = planner.downgrade("base", graph.realHeads());
        List<String> order = ids(steps);
        assertThat(order).hasSize(SIZE).doesNotHaveDuplicates();
        assertRunsAfterItsParents(reversed(order));
        VersionHeads rows = new VersionHeads(graph, graph.realHeads());
        steps.forEach(rows::apply);
        assertThat(rows.heads()).isEmpty();
    }

    /** In upgrade order, every revision comes after its down revisions and dependencies. */
    private static void assertRunsAfterItsParents(List<String> upgradeOrder) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < upgradeOrder.size(); i++) {
            position.put(upgradeOrder.get(i), i);
        }
        for (Revision revision : revisions) {
            int at = position.get(revision.id());
            for (String parent : graph.normalizedDownRevisions(revision.id())) {
                assertThat(position.get(parent)).as("%s before %s", parent, revision.id()).isLessThan(at);
            }
        }
    }

    private static List<String> ids(List<?> items) {
        return GraphFixtures.ids(items);
    }

    private static List<String> reversed(List<String> list) {
        List<String> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }
}
