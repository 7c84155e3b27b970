package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sanity check that the graph copes with ten thousand revisions full of branches and merges: heads,
 * history, planning {@code upgrade heads} from an empty database and {@code downgrade base} back
 * must finish and be right, down to Alembic's exact order. Nothing here is timed.
 */
class LargeGraphTest {

    private static final int SIZE = 10_000;

    // SHA-256 of the ids, newline-joined, in the order Alembic 1.20 gives for this graph; obtained
    // with src/test/alembic-oracle/large_graph.py (see there how to export the graph)
    private static final String ALEMBIC_HISTORY = "2975c6eebccc15000c6708ca6dd8e3d3c24f8e9bf45b34e9f337ae09abad9e65";
    private static final String ALEMBIC_UPGRADE = "7498127e5346f6aeaffa7e8859f4690c8311699c44f25bf7fc0e9ea26446415e";
    private static final String ALEMBIC_DOWNGRADE = "2975c6eebccc15000c6708ca6dd8e3d3c24f8e9bf45b34e9f337ae09abad9e65";
    private static List<Revision> revisions;
    private static RevisionGraph graph;
    private static RevisionPlanner planner;

    @BeforeAll
    static void build() throws IOException {
        revisions = randomGraph(new Random(20_240_601L), SIZE);
        graph = RevisionGraph.of(revisions);
        planner = new RevisionPlanner(graph);
        String export = System.getProperty("large.graph.export");
        if (export != null && !export.isBlank()) {
            Files.writeString(Path.of(export), asJson(revisions));
        }
    }

    /** [[id, [down...], [depends_on...]], ...] for large_graph.py. */
    private static String asJson(List<Revision> revisions) {
        StringBuilder out = new StringBuilder("[");
        for (Revision revision : revisions) {
            out.append(out.length() > 1 ? ",\n" : "").append("[\"").append(revision.id()).append("\", ")
                    .append(jsonList(revision.downRevisions())).append(", ").append(jsonList(revision.dependsOn()))
                    .append(']');
        }
        return out.append("]\n").toString();
    }

    private static String jsonList(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ", "[", "]"));
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

    @Test
    void theOrdersAreAlembics() {
        assertThat(sha256(ids(planner.history("base", "heads")))).isEqualTo(ALEMBIC_HISTORY);
        assertThat(sha256(ids(planner.upgrade("heads", List.of())))).isEqualTo(ALEMBIC_UPGRADE);
        assertThat(sha256(ids(planner.downgrade("base", graph.realHeads())))).isEqualTo(ALEMBIC_DOWNGRADE);
    }

    private static String sha256(List<String> ids) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
