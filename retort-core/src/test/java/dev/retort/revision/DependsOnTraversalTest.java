package dev.retort.revision;

import static dev.retort.revision.GraphFixtures.assertDowngrade;
import static dev.retort.revision.GraphFixtures.assertUpgrade;
import static dev.retort.revision.GraphFixtures.graph;
import static dev.retort.revision.GraphFixtures.rev;
import static dev.retort.revision.GraphFixtures.run;
import static dev.retort.revision.GraphFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ported from Alembic's {@code tests/test_version_traversal.py}, second half: merge points fed by the
 * same branches ({@code TwinMergeTest}, issue #297) and {@code depends_on} between branches, where
 * the version rows {@code HeadMaintainer} keeps are the point. Graphs are declared in Alembic's
 * generation order (its map order); see {@link VersionTraversalTest} on fixed ids and fresh maps.
 */
class DependsOnTraversalTest {

    private static MigrationStep up(RevisionGraph map, String id) {
        return new RevisionStep(map.find(id).orElseThrow(), true, map.normalizedDownRevisions(id));
    }

    private static MigrationStep down(RevisionGraph map, String id) {
        return new RevisionStep(map.find(id).orElseThrow(), false, map.normalizedDownRevisions(id));
    }

    /** Alembic: {@code TwinMergeTest}: a -> {b1, b2, b3}; c1 and c2 both merge b1, b2, b3. */
    @Nested
    class TwinMergeTest {
        private final RevisionGraph map = graph(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("b3", "a"),
                rev("c1", "b1", "b2", "b3"), rev("c2", "b1", "b2", "b3"), rev("d1", "c1"), rev("d2", "c2"));

        @Test
        void upgrade() {
            VersionHeads heads = new VersionHeads(map, List.of("a"));
            String[][] steps = {
                {"b3", "b3"}, {"b1", "b1 b3"}, {"b2", "b1 b2 b3"}, {"c2", "c2"}, {"d2", "d2"}, {"c1", "c1 d2"},
                {"d1", "d1 d2"}};
            for (String[] step : steps) {
                heads.apply(up(map, step[0]));
                assertThat(heads.heads()).as("after %s", step[0]).containsExactlyInAnyOrder(step[1].split(" "));
            }
        }
    }

    /** Alembic: {@code NotQuiteTwinMergeTest}: c1 merges b1, b2; c2 merges b2, b3. */
    @Nested
    class NotQuiteTwinMergeTest {
        private final RevisionGraph map = graph(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("b3", "a"),
                rev("c1", "b1", "b2"), rev("c2", "b2", "b3"), rev("d1", "c1"), rev("d2", "c2"));

        @Test
        void upgrade() {
            VersionHeads heads = new VersionHeads(map, List.of("a"));
            String[][] steps = {
                {"b2", "b2"}, {"b3", "b2 b3"}, {"c2", "c2"}, {"d2", "d2"}, {"b1", "b1 d2"}, {"c1", "c1 d2"},
                {"d1", "d1 d2"}};
            for (String[] step : steps) {
                heads.apply(up(map, step[0]));
                assertThat(heads.heads()).as("after %s", step[0]).containsExactlyInAnyOrder(step[1].split(" "));
            }
        }
    }

    /**
     * Alembic: {@code DependsOnBranchTestOne}: a1 (lib1) -> b1 -> c1 -> d1 -> e1 -> f1; a2 -> b2 -> c2,
     * c2 depends on c1.
     */
    @Nested
    class DependsOnBranchTestOne {
        private final RevisionGraph map = graph(rev("a1").withLabels("lib1"), rev("b1", "a1"), rev("c1", "b1"),
                rev("a2"), rev("b2", "a2"), rev("c2", "b2").withDependsOn("c1"), rev("d1", "c1"), rev("e1", "d1"),
                rev("f1", "e1"));

        @Test
        void downgradeToDependency() {
            VersionHeads heads = new VersionHeads(map, List.of("c2", "d1"));
            heads.apply(down(map, "d1"));
            assertThat(heads.heads()).containsExactly("c2");
        }

        @Test
        void stampAcrossDependency() {
            List<String> rows = List.of("e1", "c2");
            List<MigrationStep> steps = new RevisionPlanner(map).stamp(List.of("b1"), rows);
            assertThat(run(map, rows, steps)).containsExactly("b1");
        }
    }

    /**
     * Alembic: {@code DependsOnBranchTestTwo}: three merges of bases (amerge of a1..a3, bmerge of b1,
     * b2, cmerge of c1..c3) and d1, a base depending on a3, b2 and c1.
     */
    @Nested
    class DependsOnBranchTestTwo {
        private final RevisionGraph map = graph(rev("a1"), rev("a2"), rev("a3"), rev("amerge", "a1", "a2", "a3"),
                rev("b1"), rev("b2"), rev("bmerge", "b1", "b2"), rev("c1"), rev("c2"), rev("c3"),
                rev("cmerge", "c1", "c2", "c3"), rev("d1").withDependsOn("a3", "b2", "c1"));

        @Test
        void kaboom() {
            // b2 is not a row afterwards, but d1 is, which implies b2
            assertDowngrade(map, "b2", List.of("amerge", "bmerge", "cmerge", "d1"), List.of("bmerge"),
                    set("amerge", "b1", "cmerge", "d1"));
            // b2 has to be inserted, because it was implied by d1
            assertDowngrade(map, "d1@base", List.of("amerge", "d1", "b1", "cmerge"), List.of("d1"),
                    set("amerge", "b1", "b2", "cmerge"));
            // all heads: the order follows the map order
            assertDowngrade(map, "base", List.of("amerge", "b1", "b2", "cmerge"),
                    List.of("amerge", "a1", "b1", "b2", "cmerge", "c1", "a2", "a3", "c2", "c3"), set());
        }
    }

    /** Alembic: {@code DependsOnBranchTestThree} (issue #377): a criss-cross of dependencies. */
    @Nested
    class DependsOnBranchTestThree {
        private final RevisionGraph map = graph(rev("a1"), rev("a2", "a1"), rev("b1"),
                rev("b2", "b1").withDependsOn("a2"), rev("b3", "b2"), rev("a3", "a2").withDependsOn("b1"));

        @Test
        void downgradeOverCrisscross() {
            // half of a "merge point" is removed: b1 stays implied by a3
            assertDowngrade(map, "b1", List.of("a3", "b2"), List.of("b2"), set("a3"));
        }
    }

    /** Alembic: {@code DependsOnOwnDownrevTest} (issue #843): a2 depends on its own parent a1. */
    @Nested
    class DependsOnOwnDownrevTest {
        private final RevisionGraph map = graph(rev("a1"), rev("a2", "a1").withDependsOn("a1"));

        @Test
        void traverse() {
            assertUpgrade(map, "a2", List.of(), List.of("a1", "a2"), set("a2"));
        }

        @Test
        void traverseDown() {
            assertDowngrade(map, "a1", List.of("a2"), List.of("a2"), set("a1"));
        }
    }

    /** Alembic: {@code DependsOnBranchTestFour} (issue #789): b2 and b4 both depend on a3. */
    @Nested
    class DependsOnBranchTestFour {
        private final RevisionGraph map = graph(rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("b1"),
                rev("b2", "b1").withDependsOn("a3"), rev("b3", "b2"), rev("b4", "b3").withDependsOn("a3"));

        @Test
        void dependenciesAreNormalized() {
            // a3 is not a row: b3 still implies it
            assertDowngrade(map, "b3", List.of("b4"), List.of("b4"), set("b3"));
        }
    }

    /** Alembic: {@code DependsOnBranchTestFive} (issue #1373): b1 depends on a1, bmerge merges a1 and b1. */
    @Nested
    class DependsOnBranchTestFive {
        private final RevisionGraph map = graph(rev("a1"), rev("b1").withDependsOn("a1"), rev("bmerge", "a1", "b1"));

        @Test
        void downgradeToDependsOn() {
            assertUpgrade(map, "b1", List.of("a1"), List.of("b1"), set("b1"));
            assertUpgrade(map, "bmerge", List.of("b1"), List.of("bmerge"), set("bmerge"));
            assertDowngrade(map, "a1", List.of("bmerge"), List.of("bmerge"), set("b1"));
            assertDowngrade(map, "b1", List.of("bmerge"), List.of("bmerge"), set("b1"));
        }
    }

    /** Alembic: {@code DependsOnBranchLabelTest}: c2 depends on the label c1lib. */
    @Nested
    class DependsOnBranchLabelTest {
        private final RevisionGraph map = graph(rev("a1").withLabels("lib1"), rev("b1", "a1"),
                rev("c1", "b1").withLabels("c1lib"), rev("a2"), rev("b2", "a2"),
                rev("c2", "b2").withDependsOn("c1lib"), rev("d1", "c1"), rev("e1", "d1"), rev("f1", "e1"));

        @Test
        void upgradePath() {
            assertUpgrade(map, "c2", List.of("a2"), List.of("a1", "b1", "c1", "b2", "c2"), set("c2"));
        }
    }
}
