package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shorthands for the ported Alembic graph tests. */
final class GraphFixtures {

    private GraphFixtures() {
    }

    static RevisionGraph graph(Revision... revisions) {
        return RevisionGraph.of(List.of(revisions));
    }

    static Revision rev(String id, String... down) {
        return Revision.of(id, down);
    }

    /** Ids of revisions or of revision steps, in order. */
    static List<String> ids(List<?> items) {
        List<String> ids = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof RevisionStep step) {
                ids.add(step.revision().id());
            } else {
                ids.add(((Revision) item).id());
            }
        }
        return ids;
    }

    /**
     * Alembic's {@code DownIterateTest._assert_iteration}: {@code iterate_revisions} gives exactly
     * {@code expected}, and read backwards it runs every revision after its normalized down
     * revisions. Alembic's default {@code assert_relative_length=True}.
     */
    static void assertIteration(RevisionGraph graph, Object upper, Object lower, List<String> expected,
                                boolean inclusive, boolean implicitBase, boolean selectForDowngrade) {
        List<Revision> result = iterate(new RevisionPlanner(graph), upper, lower, inclusive, implicitBase,
                selectForDowngrade);
        assertConformsToPartialOrdering(graph, ids(result));
        assertThat(ids(result)).containsExactlyElementsOf(expected);
    }

    /** {@link #assertIteration} with Alembic's helper defaults: inclusive, no implicit base, upgrade. */
    static void assertIteration(RevisionGraph graph, Object upper, Object lower, List<String> expected) {
        assertIteration(graph, upper, lower, expected, true, false, false);
    }

    @SuppressWarnings("unchecked")
    static List<Revision> iterate(RevisionPlanner planner, Object upper, Object lower, boolean inclusive,
                                  boolean implicitBase, boolean selectForDowngrade) {
        if (upper instanceof List<?> && lower instanceof List<?>) {
            return planner.iterate((List<String>) upper, (List<String>) lower, inclusive, implicitBase, true,
                    selectForDowngrade);
        }
        if (upper instanceof List<?>) {
            return planner.iterate((List<String>) upper, (String) lower, inclusive, implicitBase, true,
                    selectForDowngrade);
        }
        if (lower instanceof List<?>) {
            return planner.iterate((String) upper, (List<String>) lower, inclusive, implicitBase, true,
                    selectForDowngrade);
        }
        return planner.iterate((String) upper, (String) lower, inclusive, implicitBase, true, selectForDowngrade);
    }

    /** Read backwards (the upgrade order), every revision comes after its normalized down revisions. */
    static void assertConformsToPartialOrdering(RevisionGraph graph, List<String> headFirst) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < headFirst.size(); i++) {
            position.put(headFirst.get(i), headFirst.size() - 1 - i);
        }
        for (String id : headFirst) {
            for (String down : graph.normalizedDownRevisions(id)) {
                if (position.containsKey(down)) {
                    assertThat(position.get(down)).as("%s runs before %s", down, id).isLessThan(position.get(id));
                }
            }
        }
    }

    /**
     * Alembic's {@code MigrationTest._assert_upgrade}: the steps of {@code upgrade destination} from
     * {@code source}, then the version rows after running them from {@code source}.
     */
    static void assertUpgrade(RevisionGraph graph, String destination, List<String> source, List<String> expectedSteps,
                              Set<String> expectedHeads) {
        List<MigrationStep> steps = new RevisionPlanner(graph).upgrade(destination, source);
        assertSteps(steps, true, expectedSteps);
        assertThat(run(graph, source, steps)).containsExactlyInAnyOrderElementsOf(expectedHeads);
    }

    /** Alembic's {@code MigrationTest._assert_downgrade}. */
    static void assertDowngrade(RevisionGraph graph, String destination, List<String> source,
                                List<String> expectedSteps, Set<String> expectedHeads) {
        List<MigrationStep> steps = new RevisionPlanner(graph).downgrade(destination, source);
        assertSteps(steps, false, expectedSteps);
        assertThat(run(graph, source, steps)).containsExactlyInAnyOrderElementsOf(expectedHeads);
    }

    static void assertSteps(List<MigrationStep> steps, boolean upgrade, List<String> expected) {
        assertThat(steps).allSatisfy(step -> assertThat(step.isUpgrade()).isEqualTo(upgrade));
        assertThat(ids(steps)).containsExactlyElementsOf(expected);
    }

    /** The version rows after applying the steps to {@code rows} (HeadMaintainer). */
    static Set<String> run(RevisionGraph graph, List<String> rows, List<MigrationStep> steps) {
        VersionHeads heads = new VersionHeads(graph, new ArrayList<>(new LinkedHashSet<>(rows)));
        for (MigrationStep step : steps) {
            heads.apply(step);
        }
        return Set.copyOf(heads.heads());
    }

    static Set<String> set(String... ids) {
        return Set.of(ids);
    }
}
