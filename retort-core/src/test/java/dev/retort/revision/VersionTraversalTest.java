package dev.retort.revision;

import static dev.retort.revision.GraphFixtures.assertDowngrade;
import static dev.retort.revision.GraphFixtures.assertUpgrade;
import static dev.retort.revision.GraphFixtures.graph;
import static dev.retort.revision.GraphFixtures.ids;
import static dev.retort.revision.GraphFixtures.rev;
import static dev.retort.revision.GraphFixtures.run;
import static dev.retort.revision.GraphFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ported from Alembic's {@code tests/test_version_traversal.py}, first half: upgrade and downgrade
 * paths ({@code _upgrade_revs}, {@code _downgrade_revs}) with the version rows {@code HeadMaintainer}
 * leaves, and stamps ({@code _stamp_revs}), on linear, branched, merged and forest graphs.
 *
 * <p>Alembic builds these graphs with {@code generate_revision} and random ids; here they get fixed
 * ids, declared in the order Alembic generates them, which is its map order. Alembic adds each
 * generated revision to a live map ({@code add_revision}), which propagates branch labels further
 * down than a fresh load does; retort always builds the graph fresh, as every Alembic command does,
 * and every expectation below was checked against Alembic 1.20 on a freshly loaded map.
 */
class VersionTraversalTest {

    /** Alembic: {@code RevisionPathTest}, a -> b -> c -> d -> e with Alembic's own ids. */
    @Nested
    class RevisionPathTest {
        private static final String A = "e6239818bb3a";
        private static final String B = "548bbb905360";
        private static final String C = "b7ea43dc85e4";
        private static final String D = "1bbe33445780";
        private static final String E = "3975fb1a0125";
        private final RevisionGraph map = graph(rev(A), rev(B, A), rev(C, B), rev(D, C), rev(E, D));

        @Test
        void downgradeBaseNoVersion() {
            assertDowngrade(map, "base", List.of(), List.of(), set());
        }

        @Test
        void downgradeToExisting() {
            // #838: a revision already in the current heads that is not itself a head
            assertDowngrade(map, A, List.of(A), List.of(), set(A));
        }

        @Test
        void downgradeToExistingHead() {
            // #839
            assertDowngrade(map, E, List.of(E), List.of(), set(E));
        }

        @Test
        void upgradePath() {
            assertUpgrade(map, E, List.of(C), List.of(D, E), set(E));
            assertUpgrade(map, C, List.of(), List.of(A, B, C), set(C));
        }

        @Test
        void relativeUpgradePath() {
            assertUpgrade(map, "+2", List.of(A), List.of(B, C), set(C));
            assertUpgrade(map, "+1", List.of(A), List.of(B), set(B));
            assertUpgrade(map, "+3", List.of(B), List.of(C, D, E), set(E));
            assertUpgrade(map, B + "+2", List.of(A), List.of(B, C, D), set(D));
            assertUpgrade(map, D + "-2", List.of(A), List.of(B), set(B));
        }

        @Test
        void invalidRelativeUpgradePath() {
            RevisionPlanner planner = new RevisionPlanner(map);
            assertThatThrownBy(() -> planner.upgrade("-2", List.of(B)))
                    .isInstanceOf(RevisionException.class)
                    .hasMessage("Relative revision -2 didn't produce 2 migrations");
            assertThatThrownBy(() -> planner.upgrade("+5", List.of(B)))
                    .isInstanceOf(RevisionException.class)
                    .hasMessage("Relative revision +5 didn't produce 5 migrations");
        }

        @Test
        void downgradePath() {
            assertDowngrade(map, C, List.of(E), List.of(E, D), set(C));
            assertDowngrade(map, null, List.of(C), List.of(C, B, A), set());
        }

        @Test
        void relativeDowngradePath() {
            assertDowngrade(map, "-1", List.of(C), List.of(C), set(B));
            assertDowngrade(map, "-3", List.of(E), List.of(E, D, C), set(B));
            assertDowngrade(map, A + "+2", List.of(D), List.of(D), set(C));
            assertDowngrade(map, C + "-2", List.of(D), List.of(D, C, B), set(A));
        }

        @Test
        void invalidRelativeDowngradePath() {
            RevisionPlanner planner = new RevisionPlanner(map);
            assertThatThrownBy(() -> planner.downgrade("-5", List.of(B)))
                    .isInstanceOf(RevisionException.class)
                    .hasMessage("Relative revision -5 didn't produce 5 migrations");
            assertThatThrownBy(() -> planner.downgrade("+2", List.of(B)))
                    .isInstanceOf(RevisionException.class)
                    .hasMessage("Relative revision +2 didn't produce 2 migrations");
        }

        @Test
        void invalidMoveRevToNone() {
            assertThatThrownBy(() -> new RevisionPlanner(map).downgrade(B.substring(0, 3), List.of()))
                    .isInstanceOf(RangeNotAncestorException.class)
                    .hasMessageStartingWith("Destination " + B.substring(0, 3)
                            + " is not a valid downgrade target from current head(s)");
        }

        @Test
        void invalidMoveHigherToLower() {
            assertThatThrownBy(() -> new RevisionPlanner(map).downgrade(C.substring(0, 4), List.of(B)))
                    .isInstanceOf(RangeNotAncestorException.class)
                    .hasMessageStartingWith("Destination " + C.substring(0, 4)
                            + " is not a valid downgrade target from current head(s)");
        }

        @Test
        void stampToBase() {
            List<MigrationStep> revs = new RevisionPlanner(map).stamp(List.of("base"), List.of(D));
            assertThat(revs).containsExactly(new StampStep(List.of(D), List.of(), false, true));
            assertThat(new VersionHeads(map, List.of(D)).apply(revs.get(0)))
                    .containsExactly(new VersionChange.Delete(D));
        }
    }

    /**
     * Alembic: {@code BranchedPathTest}: a -> b -> {c1 (c1branch) -> d1, c2 (c2branch) -> d2}, files
     * generated in the order a, b, c1, d1, c2, d2.
     */
    @Nested
    class BranchedPathTest {
        private final RevisionGraph map = graph(rev("a"), rev("b", "a"), rev("c1", "b").withLabels("c1branch"),
                rev("d1", "c1"), rev("c2", "b").withLabels("c2branch"), rev("d2", "c2"));
        private final RevisionPlanner planner = new RevisionPlanner(map);

        @Test
        void stampDownAcrossMultipleBranchToBranchpoint() {
            // DELETE d1, UPDATE c2 to b
            List<String> heads = List.of("d1", "c2");
            List<MigrationStep> revs = planner.stamp(List.of("b"), heads);
            assertThat(revs).containsExactly(new StampStep(List.of("d1", "c2"), List.of("b"), false, false));
            assertThat(new VersionHeads(map, heads).apply(revs.get(0)))
                    .containsExactly(new VersionChange.Delete("d1"), new VersionChange.Update("c2", "b"));
        }

        @Test
        void stampToLabeledBaseMultipleHeads() {
            List<MigrationStep> revs = planner.stamp(List.of("c1branch@base"), List.of("d1", "c2"));
            assertThat(revs).containsExactly(new StampStep(List.of("d1"), List.of(), false, true));
        }

        @Test
        void stampToLabeledHeadMultipleHeads() {
            // c1branch stays as it is
            List<MigrationStep> revs = planner.stamp(List.of("c2branch@head"), List.of("d1", "c2"));
            assertThat(revs).containsExactly(new StampStep(List.of("c2"), List.of("d2"), true, false));
        }

        @Test
        void upgradeSingleBranch() {
            assertUpgrade(map, "d1", List.of("b"), List.of("c1", "d1"), set("d1"));
        }

        @Test
        void upgradeMultipleBranch() {
            // from a single head to two heads; Alembic passes the tuple (d1, d2) programmatically,
            // which a command line cannot, so this goes through the planner's tuple form
            List<Revision> headFirst = new RevisionPlanner(map).iterate(List.of("d1", "d2"), List.of("a"), false,
                    true, true, false);
            assertThat(ids(headFirst)).containsExactly("d1", "c1", "d2", "c2", "b");
            List<MigrationStep> steps = new ArrayList<>();
            for (int i = headFirst.size() - 1; i >= 0; i--) {
                Revision r = headFirst.get(i);
                steps.add(new RevisionStep(r, true, map.normalizedDownRevisions(r.id())));
            }
            assertThat(run(map, List.of("a"), steps)).containsExactlyInAnyOrder("d1", "d2");
        }

        @Test
        void downgradeMultipleBranch() {
            assertDowngrade(map, "a", List.of("d1", "d2"), List.of("d1", "c1", "d2", "c2", "b"), set("a"));
        }

        @Test
        void relativeUpgrade() {
            assertUpgrade(map, "c2branch@head-1", List.of("b"), List.of("c2"), set("c2"));
        }

        @Test
        void relativeDowngradeBasePlus2() {
            // base+2 is b, no label: everything above b goes
            assertDowngrade(map, "base+2", List.of("d2", "d1"), List.of("d1", "c1", "d2", "c2"), set("b"));
        }

        @Test
        void relativeDowngradeBranchPlus2() {
            // only c2branch goes, back to base+2 = b (alembic PR 763)
            assertDowngrade(map, "c2branch@base+2", List.of("d2", "d1"), List.of("d2", "c2"), set("d1"));
        }

        @Test
        void relativeDowngradeBranchPlus3() {
            assertDowngrade(map, "c2", List.of("d2", "d1"), List.of("d2"), set("d1", "c2"));
            assertDowngrade(map, "c2branch@base+3", List.of("d2", "d1"), List.of("d2"), set("d1", "c2"));
        }

        // "-1" from several heads takes the first row (Alembic also warns that this is ambiguous;
        // retort leaves the warning to the command that calls the planner)

        @Test
        void downgradeOnceOrderRight() {
            assertDowngrade(map, "-1", List.of("d2", "d1"), List.of("d2"), set("d1", "c2"));
        }

        @Test
        void downgradeOnceOrderRightUnbalanced() {
            assertDowngrade(map, "-1", List.of("c2", "d1"), List.of("c2"), set("d1"));
        }

        @Test
        void downgradeOnceOrderLeft() {
            assertDowngrade(map, "-1", List.of("d1", "d2"), List.of("d1"), set("d2", "c1"));
        }

        @Test
        void downgradeOnceOrderLeftUnbalanced() {
            assertDowngrade(map, "-1", List.of("c1", "d2"), List.of("c1"), set("d2"));
        }

        @Test
        void downgradeOnceOrderLeftUnbalancedLabelled() {
            assertDowngrade(map, "c1branch@-1", List.of("d1", "d2"), List.of("d1"), set("c1", "d2"));
        }

        @Test
        void downgradeRelativeOrderRight() {
            // alembic #765
            assertDowngrade(map, "d2-1", List.of("d2", "c1"), List.of("d2"), set("c1", "c2"));
        }

        @Test
        void downgradeRelativeOrderLeft() {
            assertDowngrade(map, "d2-1", List.of("c1", "d2"), List.of("d2"), set("c1", "c2"));
        }

        @Test
        void downgradeSingleBranchC1branch() {
            assertDowngrade(map, "c1branch@b", List.of("c1", "d2"), List.of("c1"), set("d2"));
        }

        @Test
        void downgradeSingleBranchC1branchFromD1Head() {
            assertDowngrade(map, "c2branch@b", List.of("c1", "d2"), List.of("d2", "c2"), set("c1"));
        }

        @Test
        void downgradeSingleBranchC2() {
            // a revision on the branch (not its head) names the branch
            assertDowngrade(map, "c2@b", List.of("d1", "d2"), List.of("d2", "c2"), set("d1"));
        }

        @Test
        void downgradeSingleBranchD1() {
            assertDowngrade(map, "d1@b", List.of("d1", "d2"), List.of("d1", "c1"), set("d2"));
        }

        @Test
        void downgradeRelativeToBranchHead() {
            assertDowngrade(map, "c1branch@head-1", List.of("d1", "d2"), List.of("d1"), set("c1", "d2"));
        }

        @Test
        void upgradeOtherBranchFromMergepoint() {
            assertUpgrade(map, "c2branch@+1", List.of("c1"), List.of("c2"), set("c1", "c2"));
        }

        @Test
        void upgradeOneBranchOfHeads() {
            assertUpgrade(map, "c2branch@+1", List.of("c1", "c2"), List.of("d2"), set("c1", "d2"));
        }

        @Test
        void ambiguousUpgrade() {
            assertThatThrownBy(() -> planner.upgrade("+1", List.of("c1", "c2")))
                    .isInstanceOf(RevisionException.class)
                    .hasMessageStartingWith("Ambiguous upgrade from multiple current revisions");
        }

        @Test
        void upgradeFromBase() {
            assertUpgrade(map, "base+1", List.of(), List.of("a"), set("a"));
        }

        @Test
        void upgradeFromBaseImplicit() {
            assertUpgrade(map, "+1", List.of(), List.of("a"), set("a"));
        }

        @Test
        void downgradeMinus1ToBase() {
            assertDowngrade(map, "-1", List.of("a"), List.of("a"), set());
        }

        @Test
        void downgradeMinus1FromBase() {
            assertThatThrownBy(() -> planner.downgrade("-1", List.of()))
                    .isInstanceOf(RevisionException.class)
                    .hasMessage("Relative revision -1 didn't produce 1 migrations");
        }

        @Test
        void downgradeNoEffectBranched() {
            assertDowngrade(map, "c2", List.of("d1", "c2"), List.of(), set("d1", "c2"));
            assertDowngrade(map, "d1", List.of("d1", "c2"), List.of(), set("d1", "c2"));
        }
    }

    /** Alembic: {@code BranchFromMergepointTest}: a1 -> b1 -> c1, a2 -> b2 -> c2, d1 = merge(c1, c2), c2 -> d2. */
    @Nested
    class BranchFromMergepointTest {
        private final RevisionGraph map = graph(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"),
                rev("b2", "a2"), rev("c2", "b2"), rev("d1", "c1", "c2"), rev("d2", "c2"));

        @Test
        void mergepointToOnlyOneSideUpgrade() {
            assertUpgrade(map, "d1", List.of("d2", "b1"), List.of("c1", "d1"), set("d2", "d1"));
        }

        @Test
        void mergepointToOnlyOneSideDowngrade() {
            assertDowngrade(map, "b1", List.of("d2", "d1"), List.of("d1", "c1"), set("d2", "b1"));
        }
    }

    /** Alembic: {@code BranchFrom3WayMergepointTest}: three lines merged into d1, c2 -> d2, c3 -> d3. */
    @Nested
    class BranchFrom3WayMergepointTest {
        private final RevisionGraph map = graph(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"),
                rev("b2", "a2"), rev("c2", "b2"), rev("a3"), rev("b3", "a3"), rev("c3", "b3"),
                rev("d1", "c1", "c2", "c3"), rev("d2", "c2"), rev("d3", "c3"));

        @Test
        void mergepointToOnlyOneSideUpgrade() {
            assertUpgrade(map, "d1", List.of("d3", "d2", "b1"), List.of("c1", "d1"), set("d3", "d2", "d1"));
        }

        @Test
        void mergepointToOnlyOneSideDowngrade() {
            assertDowngrade(map, "b1", List.of("d3", "d2", "d1"), List.of("d1", "c1"), set("d3", "d2", "b1"));
        }

        @Test
        void mergepointToTwoSidesUpgrade() {
            // b2 and b1 merge into d1
            assertUpgrade(map, "d1", List.of("d3", "b2", "b1"), List.of("c2", "c1", "d1"), set("d3", "d1"));
            // and b2's line breaks out again on the way to d2
            assertUpgrade(map, "d2", List.of("d3", "d1"), List.of("d2"), set("d3", "d2", "d1"));
        }
    }

    /** Alembic: {@code ForestTest}: a1 -> b1, a2 -> b2. */
    @Nested
    class ForestTest {
        private final RevisionGraph map = graph(rev("a1"), rev("b1", "a1"), rev("a2"), rev("b2", "a2"));

        @Test
        void baseToHeads() {
            assertThat(ids(new RevisionPlanner(map).upgrade("heads", List.of("base"))))
                    .containsExactly("a2", "b2", "a1", "b1");
        }

        @Test
        void stampToHeads() {
            List<MigrationStep> revs = new RevisionPlanner(map).stamp(List.of("heads"), List.of());
            assertThat(revs).extracting(MigrationStep::toRevisions)
                    .containsExactlyInAnyOrder(List.of("b1"), List.of("b2"));
        }

        @Test
        void stampToHeadsNoMovesNeeded() {
            assertThat(new RevisionPlanner(map).stamp(List.of("heads"), List.of("b1", "b2"))).isEmpty();
        }
    }

    /**
     * Alembic: {@code MergedPathTest}: a -> b -> {c1 -> d1, c2 (c2branch) -> d2} -> e = merge(d1, d2)
     * -> f.
     */
    @Nested
    class MergedPathTest {
        private final RevisionGraph map = graph(rev("a"), rev("b", "a"), rev("c1", "b"), rev("d1", "c1"),
                rev("c2", "b").withLabels("c2branch"), rev("d2", "c2"), rev("e", "d1", "d2"), rev("f", "e"));
        private final RevisionPlanner planner = new RevisionPlanner(map);

        @Test
        void stampDownAcrossMergePointBranch() {
            // no deletes, UPDATE e to c2
            assertThat(planner.stamp(List.of("c2"), List.of("e")))
                    .containsExactly(new StampStep(List.of("e"), List.of("c2"), false, false));
        }

        @Test
        void stampDownAcrossMergePriorBranching() {
            assertThat(planner.stamp(List.of("a"), List.of("e")))
                    .containsExactly(new StampStep(List.of("e"), List.of("a"), false, false));
        }

        @Test
        void stampUpAcrossMergeFromSingleBranch() {
            assertThat(planner.stamp(List.of("e"), List.of("c2")))
                    .containsExactly(new StampStep(List.of("c2"), List.of("e"), true, false));
        }

        @Test
        void stampLabeledHeadAcrossMergeFromMultipleBranch() {
            // d1 shares lineage with c2branch through the head f of both d1 and d2: DELETE d1,
            // UPDATE c2 to f
            List<String> heads = List.of("d1", "c2");
            List<MigrationStep> revs = planner.stamp(List.of("c2branch@head"), heads);
            assertThat(revs).containsExactly(new StampStep(List.of("d1", "c2"), List.of("f"), true, false));
            assertThat(new VersionHeads(map, heads).apply(revs.get(0)))
                    .containsExactly(new VersionChange.Delete("d1"), new VersionChange.Update("c2", "f"));
        }

        @Test
        void stampUpAcrossMergeFromMultipleBranch() {
            List<String> heads = List.of("d1", "c2");
            List<MigrationStep> revs = planner.stamp(List.of("e"), heads);
            assertThat(revs).containsExactly(new StampStep(List.of("d1", "c2"), List.of("e"), true, false));
            assertThat(run(map, heads, revs)).containsExactly("e");
        }

        @Test
        void stampUpAcrossMergePriorBranching() {
            assertThat(planner.stamp(List.of("e"), List.of("b")))
                    .containsExactly(new StampStep(List.of("b"), List.of("e"), true, false));
        }

        @Test
        void upgradeAcrossMergePoint() {
            // b -> c1 creates a new branch row; d1/d2 -> e merges them (DELETE d2, UPDATE d1 -> e)
            List<MigrationStep> steps = planner.upgrade("f", List.of("b"));
            assertThat(ids(steps)).containsExactly("c2", "d2", "c1", "d1", "e", "f");
            VersionHeads heads = new VersionHeads(map, List.of("b"));
            List<List<VersionChange>> changes = steps.stream().map(heads::apply).toList();
            assertThat(changes.get(2)).containsExactly(new VersionChange.Insert("c1"));
            assertThat(changes.get(4)).containsExactly(new VersionChange.Delete("d1"),
                    new VersionChange.Update("d2", "e"));
        }

        @Test
        void downgradeAcrossMergePoint() {
            // e -> d1 and d2 unmerges; c2 -> b deletes a branch row. Deliberate difference: which of
            // d1, d2 Alembic inserts and which it updates e to follows Python set order; retort
            // inserts all but the last parent in declaration order (INSERT d1, UPDATE e -> d2).
            List<MigrationStep> steps = planner.downgrade("b", List.of("f"));
            assertThat(ids(steps)).containsExactly("f", "e", "d1", "c1", "d2", "c2");
            VersionHeads heads = new VersionHeads(map, List.of("f"));
            List<List<VersionChange>> changes = steps.stream().map(heads::apply).toList();
            assertThat(changes.get(1)).containsExactly(new VersionChange.Insert("d1"),
                    new VersionChange.Update("e", "d2"));
            assertThat(changes.get(3)).containsExactly(new VersionChange.Delete("c1"));
            assertThat(heads.heads()).containsExactly("b");
        }
    }

    /**
     * Alembic: {@code BranchedPathTestCrossDependencies}: as {@code BranchedPathTest} but d2 depends
     * on c1.
     */
    @Nested
    class BranchedPathTestCrossDependencies {
        private final RevisionGraph map = graph(rev("a"), rev("b", "a"), rev("c1", "b").withLabels("c1branch"),
                rev("d1", "c1"), rev("c2", "b").withLabels("c2branch"), rev("d2", "c2").withDependsOn("c1"));

        @Test
        void downgradeIndependentBranch() {
            // c2branch depends on c1branch, so it can be taken down on its own
            assertDowngrade(map, "c2branch@b", List.of("d1", "d2"), List.of("d2", "c2"), set("d1"));
        }

        @Test
        void downgradeBranchDependency() {
            // taking c1branch down takes d2 with it
            List<MigrationStep> revs = new RevisionPlanner(map).downgrade("c1branch@b", List.of("d1", "d2"));
            List<String> revIds = ids(revs);
            assertThat(revIds).containsExactlyInAnyOrder("c1", "d1", "d2");
            assertThat(revIds.indexOf("d1")).isLessThan(revIds.indexOf("c1"));
            assertThat(revIds.indexOf("d2")).isLessThan(revIds.indexOf("c1"));
            assertThat(run(map, List.of("d1", "d2"), revs)).containsExactly("c2");
        }
    }
}
