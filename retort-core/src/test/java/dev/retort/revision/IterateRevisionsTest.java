package dev.retort.revision;

import static dev.retort.revision.GraphFixtures.assertIteration;
import static dev.retort.revision.GraphFixtures.graph;
import static dev.retort.revision.GraphFixtures.ids;
import static dev.retort.revision.GraphFixtures.iterate;
import static dev.retort.revision.GraphFixtures.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ported from Alembic's {@code tests/test_revision.py}: the {@code DownIterateTest} scenario classes
 * ({@code iterate_revisions} on fixed graphs, head-to-base order) and the "heads"/"bases" checks that
 * go with them. Graphs are declared in Alembic's order, which is the map order. One nested class per
 * Alembic class, same name.
 *
 * <p>Not ported: {@code DepResolutionFailedTest}, which corrupts Alembic's map after loading it to
 * reach a "broken map" error; retort's graph is validated when built and immutable afterwards.
 */
class IterateRevisionsTest {

    /** Alembic: {@code DiamondTest}. */
    @Nested
    class DiamondTest {
        private final RevisionGraph map = graph(
                rev("a"), rev("b1", "a"), rev("b2", "a"), rev("c", "b1", "b2"), rev("d", "c"));

        @Test
        void iterateSimpleDiamond() {
            assertIteration(map, "d", "a", List.of("d", "c", "b1", "b2", "a"));
        }
    }

    /** Alembic: {@code EmptyMapTest} (issue #258). */
    @Nested
    class EmptyMapTest {
        @Test
        void iterate() {
            assertIteration(graph(), "head", "base", List.of());
        }
    }

    /** Alembic: {@code LongShortBranchTest}. */
    @Nested
    class LongShortBranchTest {
        private final RevisionGraph map = graph(
                rev("a"), rev("b1", "a"), rev("b2", "a"), rev("c1", "b1"), rev("d11", "c1"), rev("d12", "c1"));

        @Test
        void iterateFull() {
            assertIteration(map, "heads", "base", List.of("b2", "d11", "d12", "c1", "b1", "a"));
        }
    }

    /** Alembic: {@code MultipleBranchTest}. */
    @Nested
    class MultipleBranchTest {
        private final RevisionGraph map = graph(
                rev("a"), rev("b1", "a"), rev("b2", "a"), rev("cb1", "b1"), rev("cb2", "b2"),
                rev("d1cb1", "cb1"), rev("d2cb1", "cb1"), rev("d1cb2", "cb2"), rev("d2cb2", "cb2"),
                rev("d3cb2", "cb2"), rev("d1d2cb2", "d1cb2", "d2cb2"));

        @Test
        void iterateFromMergePoint() {
            assertIteration(map, "d1d2cb2", "a", List.of("d1d2cb2", "d1cb2", "d2cb2", "cb2", "b2", "a"));
        }

        @Test
        void iterateMultipleHeads() {
            assertIteration(map, List.of("d2cb2", "d3cb2"), "a", List.of("d2cb2", "d3cb2", "cb2", "b2", "a"));
        }

        @Test
        void iterateSingleBranch() {
            assertIteration(map, "d3cb2", "a", List.of("d3cb2", "cb2", "b2", "a"));
        }

        @Test
        void iterateSingleBranchToBase() {
            assertIteration(map, "d3cb2", "base", List.of("d3cb2", "cb2", "b2", "a"));
        }

        @Test
        void iterateMultipleBranchToBase() {
            assertIteration(map, List.of("d3cb2", "cb1"), "base", List.of("cb1", "b1", "d3cb2", "cb2", "b2", "a"));
        }

        @Test
        void iterateMultipleHeadsSingleBase() {
            // head d1cb1 is omitted as it is not a descendant of b2
            assertIteration(map, List.of("d1cb1", "d2cb2", "d3cb2"), "b2", List.of("d2cb2", "d3cb2", "cb2", "b2"));
        }

        @Test
        void sameBranchWrongDirection() {
            // d1cb1 is a descendant of b1
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate("b1", "d1cb1", false, false, true, false))
                    .isInstanceOf(RangeNotAncestorException.class);
        }

        @Test
        void distinctBranches() {
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate("d2cb2", "b1", false, false, true, false))
                    .isInstanceOf(RangeNotAncestorException.class);
        }

        @Test
        void wrongDirectionToBaseAsNone() {
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate((String) null, "d1cb1", false, false, true,
                    false)).isInstanceOf(RangeNotAncestorException.class);
        }

        @Test
        void wrongDirectionToBaseAsEmpty() {
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate(List.of(), "d1cb1", false, false, true, false))
                    .isInstanceOf(RangeNotAncestorException.class);
        }
    }

    /** Alembic: {@code MultipleBranchEffectiveHead}. */
    @Nested
    class MultipleBranchEffectiveHead {
        private final RevisionGraph map = graph(
                rev("y1").withLabels("y"), rev("x1").withLabels("x"), rev("y2", "y1").withDependsOn("x1"),
                rev("x2", "x1"));

        @Test
        void otherDowngrade() {
            assertIteration(map, List.of("x2", "y2"), "x@-1", List.of("x2"), false, false, true);
        }

        @Test
        void useAllCurrent() {
            assertIteration(map, List.of("x1", "y2"), "x@-1", List.of("y2", "x1"), false, false, true);
        }

        @Test
        void effectiveHead() {
            assertIteration(map, "y2", "x@-1", List.of("y2", "x1"), false, false, true);
        }
    }

    /**
     * Alembic: {@code BranchTravellingTest}. Depth-first along branches, but every branch ends at its
     * branch point before the revisions below it.
     */
    @Nested
    class BranchTravellingTest {
        private final RevisionGraph map = graph(
                rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("b1", "a3"), rev("b2", "a3"), rev("cb1", "b1"),
                rev("cb2", "b2"), rev("db1", "cb1"), rev("db2", "cb2"), rev("e1b1", "db1"), rev("fe1b1", "e1b1"),
                rev("e2b1", "db1"), rev("e2b2", "db2"), rev("merge", "e2b1", "e2b2"));

        @Test
        void iterateOneBranchBothToMerge() {
            // at a merge point, implicit base fills in every branch that supplies it
            assertIteration(map, "merge", "db1", List.of("merge", "e2b1", "db1", "e2b2", "db2", "cb2", "b2"),
                    true, true, false);
        }

        @Test
        void threeBranchesEndInSingleBranch() {
            assertIteration(map, List.of("merge", "fe1b1"), "a3", List.of("fe1b1", "e1b1", "merge", "e2b1", "db1",
                    "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3"));
        }

        @Test
        void twoBranchesToRoot() {
            // a3 is a "stop" branch point, db1 is not (it is traversed once)
            assertIteration(map, "merge", "a1", List.of("merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2",
                    "b2", "a3", "a2", "a1"));
        }

        @Test
        void twoBranchesEndInBranch() {
            assertIteration(map, "merge", "b1", List.of("merge", "e2b1", "db1", "cb1", "b1"));
        }

        @Test
        void twoBranchesEndBehindBranch() {
            assertIteration(map, "merge", "a2", List.of("merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2",
                    "b2", "a3", "a2"));
        }

        @Test
        void threeBranchesToRoot() {
            // both a3 and db1 are stop points
            assertIteration(map, List.of("merge", "fe1b1"), "a1", List.of("fe1b1", "e1b1", "merge", "e2b1", "db1",
                    "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2", "a1"));
        }

        @Test
        void threeBranchesEndMultipleBases() {
            assertIteration(map, List.of("merge", "fe1b1"), List.of("cb1", "cb2"), List.of("fe1b1", "e1b1", "merge",
                    "e2b1", "db1", "cb1", "e2b2", "db2", "cb2"));
        }

        @Test
        void threeBranchesEndMultipleBasesExclusive() {
            assertIteration(map, List.of("merge", "fe1b1"), List.of("cb1", "cb2"),
                    List.of("fe1b1", "e1b1", "merge", "e2b1", "db1", "e2b2", "db2"), false, false, false);
        }

        @Test
        void detectInvalidHeadSelection() {
            // db1 is an ancestor of fe1b1
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate(List.of("db1", "b2", "fe1b1"), List.of(),
                    false, false, true, false))
                    .isInstanceOf(RevisionException.class)
                    .hasMessageContaining("overlaps with other requested revisions");
        }

        @Test
        void threeBranchesEndMultipleBasesExclusiveBlank() {
            assertIteration(map, List.of("e2b1", "b2", "fe1b1"), List.of(),
                    List.of("b2", "fe1b1", "e1b1", "e2b1", "db1", "cb1", "b1", "a3", "a2", "a1"), false, false, false);
        }

        @Test
        void iterateToSymbolicBase() {
            assertIteration(map, List.of("fe1b1"), "base",
                    List.of("fe1b1", "e1b1", "db1", "cb1", "b1", "a3", "a2", "a1"), false, false, false);
        }

        @Test
        void ancestorNodes() {
            BitSet ancestors = map.ancestors(List.of(map.node("merge")), true);
            assertThat(RevisionGraph.ids(map.nodesOf(ancestors))).containsExactlyInAnyOrder("a1", "e2b2", "e2b1",
                    "cb2", "merge", "a3", "a2", "b1", "b2", "db1", "db2", "cb1");
        }
    }

    /** Alembic: {@code MultipleBaseTest}. */
    @Nested
    class MultipleBaseTest {
        private final RevisionGraph map = graph(
                rev("base1"), rev("base2"), rev("base3"), rev("a1a", "base1"), rev("a1b", "base1"), rev("a2", "base2"),
                rev("a3", "base3"), rev("b1a", "a1a"), rev("b1b", "a1b"), rev("b2", "a2"), rev("b3", "a3"),
                rev("c2", "b2"), rev("d2", "c2"), rev("mergeb3d2", "b3", "d2"));

        private final List<String> all = List.of("b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2", "b3", "a3",
                "base3", "d2", "c2", "b2", "a2", "base2");

        @Test
        void headsToBase() {
            assertIteration(map, "heads", "base", all);
        }

        @Test
        void headsToBaseExclusive() {
            assertIteration(map, "heads", "base", all, false, false, false);
        }

        @Test
        void headsToBlank() {
            assertIteration(map, "heads", null, all);
        }

        @Test
        void detectInvalidBaseSelection() {
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate(List.of("c2"), List.of("a2", "b2"), false,
                    false, true, false))
                    .isInstanceOf(RevisionException.class)
                    .hasMessageContaining("overlaps with other requested revisions");
        }

        @Test
        void headsToRevsPlusImplicitBaseExclusive() {
            assertIteration(map, "heads", List.of("c2"), List.of("b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2",
                    "b3", "a3", "base3", "d2"), false, true, false);
        }

        @Test
        void headsToRevsBaseExclusive() {
            assertIteration(map, "heads", List.of("c2"), List.of("mergeb3d2", "d2"), false, false, false);
        }

        @Test
        void headsToRevsPlusImplicitBaseInclusive() {
            assertIteration(map, "heads", List.of("c2"), List.of("b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2",
                    "b3", "a3", "base3", "d2", "c2"), true, true, false);
        }

        @Test
        void specificPathOne() {
            assertIteration(map, "b3", "base3", List.of("b3", "a3", "base3"));
        }

        @Test
        void specificPathTwoImplicitBase() {
            assertIteration(map, List.of("b3", "b2"), "base3", List.of("b2", "a2", "base2", "b3", "a3"), false, true,
                    false);
        }
    }

    /** Alembic: {@code MultipleBaseCrossDependencyTestOne}. */
    @Nested
    class MultipleBaseCrossDependencyTestOne {
        //  base1 -> a1a -> b1a;  base1 -> a1b -> b1b (depends on a3)
        //  base2 -> a2 -> b2 -> c2 (depends on a3) -> d2;  base3 -> a3 -> b3
        private final RevisionGraph map = graph(
                rev("base1").withLabels("b_1"), rev("a1a", "base1"), rev("a1b", "base1"), rev("b1a", "a1a"),
                rev("b1b", "a1b").withDependsOn("a3"), rev("base2").withLabels("b_2"), rev("a2", "base2"),
                rev("b2", "a2"), rev("c2", "b2").withDependsOn("a3"), rev("d2", "c2"), rev("base3").withLabels("b_3"),
                rev("a3", "base3"), rev("b3", "a3"));

        @Test
        void whatAreTheHeads() {
            assertThat(map.heads()).containsExactly("b1a", "b1b", "d2", "b3");
        }

        @Test
        void headsToBase() {
            assertIteration(map, "heads", "base", List.of("b1a", "a1a", "b1b", "a1b", "base1", "d2", "c2", "b2", "a2",
                    "base2", "b3", "a3", "base3"));
        }

        @Test
        void headsToBaseDowngrade() {
            assertIteration(map, "heads", "base", List.of("b1a", "a1a", "b1b", "a1b", "base1", "d2", "c2", "b2", "a2",
                    "base2", "b3", "a3", "base3"), true, false, true);
        }

        @Test
        void sameBranchWrongDirection() {
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate("b2", "d2", false, false, true, false))
                    .isInstanceOf(RangeNotAncestorException.class);
        }

        @Test
        void differentBranchNotWrongDirection() {
            assertThatThrownBy(() -> new RevisionPlanner(map).iterate("b3", "d2", false, false, true, false))
                    .isInstanceOf(RangeNotAncestorException.class);
        }

        @Test
        void weNeedHead2Upgrade() {
            // the 2 branch relies on the 3 branch
            assertIteration(map, "b_2@head", "base", List.of("d2", "c2", "b2", "a2", "base2", "a3", "base3"));
        }

        @Test
        void weNeedHead2Downgrade() {
            // going down, the 3 branch need not be touched
            assertIteration(map, "b_2@head", "b_2@base", List.of("d2", "c2", "b2", "a2", "base2"), true, false, true);
        }

        @Test
        void weNeedHead3Upgrade() {
            assertIteration(map, "b_3@head", "base", List.of("b3", "a3", "base3"));
        }

        @Test
        void weNeedHead3Downgrade() {
            assertIteration(map, "b_3@head", "base", List.of("b3", "a3", "base3"), true, false, true);
        }

        @Test
        void weNeedHead1Upgrade() {
            assertIteration(map, "b1b@head", "base", List.of("b1b", "a1b", "base1", "a3", "base3"));
        }

        @Test
        void weNeedHead1Downgrade() {
            assertIteration(map, "b1b@head", "b1b@base", List.of("b1b", "a1b", "base1"), true, false, true);
        }

        @Test
        void weNeedBase2Upgrade() {
            assertIteration(map, "heads", "b_2@base", List.of("d2", "c2", "b2", "a2", "base2", "a3", "base3"));
        }

        @Test
        void weNeedBase2Downgrade() {
            assertIteration(map, "heads", "b_2@base", List.of("d2", "c2", "b2", "a2", "base2"), true, false, true);
        }

        @Test
        void weNeedBase3Upgrade() {
            assertIteration(map, "heads", "b_3@base", List.of("b3", "a3", "base3"));
        }

        @Test
        void weNeedBase3Downgrade() {
            // everything that depends on a3 (b1b, c2 and above) goes first
            assertIteration(map, "heads", "b_3@base", List.of("b1b", "d2", "c2", "b3", "a3", "base3"), true, false,
                    true);
        }
    }

    /** Alembic: {@code MultipleBaseCrossDependencyTestTwo}. */
    @Nested
    class MultipleBaseCrossDependencyTestTwo {
        private final RevisionGraph map = graph(
                rev("base1").withLabels("b_1"), rev("a1", "base1"), rev("b1", "a1"), rev("c1", "b1"),
                rev("base2").withDependsOn("b_1").withLabels("b_2"), rev("a2", "base2"), rev("b2", "a2"),
                rev("c2", "b2"), rev("d2", "c2"), rev("base3").withLabels("b_3"), rev("a3", "base3"), rev("b3", "a3"),
                rev("c3", "b3").withDependsOn("b2"), rev("d3", "c3"));

        @Test
        void whatAreTheHeads() {
            assertThat(map.heads()).containsExactly("c1", "d2", "d3");
        }

        @Test
        void headsToBase() {
            assertIteration(map, "heads", "base", List.of("c1", "b1", "a1", "d2", "c2", "d3", "c3", "b3", "a3",
                    "base3", "b2", "a2", "base2", "base1"));
        }

        @Test
        void weNeedHead2() {
            assertIteration(map, "b_2@head", "base", List.of("d2", "c2", "b2", "a2", "base2", "base1"));
        }

        @Test
        void weNeedHead3() {
            assertIteration(map, "b_3@head", "base", List.of("d3", "c3", "b3", "a3", "base3", "b2", "a2", "base2",
                    "base1"));
        }

        @Test
        void weNeedHead1() {
            assertIteration(map, "b_1@head", "base", List.of("c1", "b1", "a1", "base1"));
        }

        @Test
        void weNeedBase1() {
            assertIteration(map, "heads", "b_1@base", List.of("c1", "b1", "a1", "base1"));
        }

        @Test
        void weNeedBase2() {
            assertIteration(map, "heads", "b_2@base", List.of("d2", "c2", "b2", "a2", "base2", "base1"));
        }

        @Test
        void weNeedBase3() {
            assertIteration(map, "heads", "b_3@base", List.of("d3", "c3", "b3", "a3", "base3", "b2", "a2", "base2",
                    "base1"));
        }
    }

    /** Alembic: {@code MultipleBaseCrossDependencyTestThree}. */
    @Nested
    class MultipleBaseCrossDependencyTestThree {
        @Test
        void traverseNoParentButADep() {
            RevisionGraph map = graph(rev("base1"), rev("a1", "base1"), rev("b1", "a1"),
                    rev("c2").withDependsOn("a1"), rev("c3", "c2"));
            assertIteration(map, "heads", "base", List.of("b1", "c3", "c2", "a1", "base1"));
        }
    }

    /** Alembic: {@code NormalizedDownRevTest}. */
    @Nested
    class NormalizedDownRevTest {
        private final RevisionGraph map = graph(
                rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("b1"), rev("b2", "b1").withDependsOn("a3"),
                rev("b3", "b2"), rev("b4", "b3").withDependsOn("a3"), rev("b5", "b4").withDependsOn("b4"));

        @Test
        void normalizedDownRevisions() {
            assertThat(map.resolvedDependencies("b4")).containsExactly("a3");
            // a3 is left out: ancestor b2 depends on it already
            assertThat(map.normalizedDownRevisions("b4")).containsExactly("b3");
        }

        @Test
        void dupeDependency() {
            assertThat(map.normalizedDownRevisions("b5")).containsExactly("b4");
        }

        @Test
        void branchTraversal() {
            assertIteration(map, "b4", "b1@base", List.of("b4", "b3", "b2", "b1"), true, false, true);
        }

        @Test
        void allTraversal() {
            assertIteration(map, "heads", "base", List.of("b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1"), true, false,
                    true);
        }

        @Test
        void partialTraversal() {
            assertIteration(map, "heads", "a2", List.of("b5", "b4", "b3", "b2", "a3", "a2"), true, false, true);
        }

        @Test
        void partialTraversalImplicitBaseOne() {
            assertIteration(map, "heads", "a2", List.of("b5", "b4", "b3", "b2", "b1", "a3", "a2"), true, true, true);
        }

        @Test
        void partialTraversalImplicitBaseTwo() {
            assertIteration(map, "b5", List.of("b1"), List.of("b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1"), true,
                    true, false);
        }

        @Test
        void partialTraversalImplicitBaseThree() {
            RevisionGraph other = graph(rev("c1"), rev("a1"), rev("a2", "a1").withDependsOn("c1"),
                    rev("a3", "a2").withDependsOn("c1"), rev("b1"), rev("b2", "b1").withDependsOn("a3"),
                    rev("b3", "b2"), rev("b4", "b3").withDependsOn("a3"), rev("b5", "b4"));
            assertIteration(other, "b5", List.of("b1"), List.of("b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1", "c1"),
                    true, true, false);
        }
    }

    /** Alembic: {@code GraphWithLoopTest}, the graphs that are not loops. */
    @Nested
    class OverlappingSubstringsTest {
        @Test
        void revisionDupeHead() {
            RevisionGraph map = graph(rev("user_foo"), rev("user", "user_foo").withDependsOn("user_foo"));
            assertIteration(map, "heads", null, List.of("user", "user_foo"));
        }

        @Test
        void noLoopWithOverlappingSubstrings() {
            RevisionGraph map = graph(rev("user_foo"), rev("user", "user_foo"));
            assertIteration(map, "heads", null, List.of("user", "user_foo"));
        }

        @Test
        void noLoopWithOverlappingSubstringsDependencies() {
            RevisionGraph map = graph(rev("user_foo"), rev("user").withDependsOn("user_foo"));
            assertIteration(map, "heads", null, List.of("user", "user_foo"));
        }
    }

    /**
     * Alembic: {@code LargeMapTest} on the 142-revision graph of {@code tests/_large_map.py}: every
     * revision is listed once, and each comes before all its ancestors, which never overlap its
     * descendants.
     */
    @Nested
    class LargeMapTest {
        @Test
        void all() {
            RevisionGraph map = LargeMap.GRAPH;
            List<String> revs = ids(iterate(new RevisionPlanner(map), "heads", "base", false, false, false));
            assertThat(revs).containsExactlyInAnyOrderElementsOf(ids(map.revisions()));
            for (int idx = 0; idx < revs.size(); idx++) {
                RevisionGraph.Node node = map.node(revs.get(idx));
                BitSet ancestors = (BitSet) map.ancestors(List.of(node), true).clone();
                ancestors.clear(node.index);
                BitSet descendants = map.descendants(List.of(node), true);
                descendants.clear(node.index);
                assertThat(ancestors.intersects(descendants)).isFalse();
                List<String> remaining = revs.subList(idx + 1, revs.size());
                List<String> ancestorIds = RevisionGraph.ids(map.nodesOf(ancestors));
                for (String ancestor : ancestorIds) {
                    assertThat(remaining).as("ancestor %s of %s comes later", ancestor, revs.get(idx))
                            .contains(ancestor);
                }
                if (!remaining.isEmpty()) {
                    assertThat(remaining).containsAnyElementsOf(ancestorIds);
                }
            }
        }
    }
}
