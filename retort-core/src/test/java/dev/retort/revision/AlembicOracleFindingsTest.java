package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One small case for each difference from Alembic that the differential oracle
 * ({@link AlembicOracleTest}) found in retort's graph code and that was fixed. Each expectation was
 * checked against Alembic 1.20 (the comment says what Alembic does); where Alembic only fails an
 * internal assertion or raises a {@code KeyError}, retort fails with a {@link RevisionException}
 * that says what is wrong.
 */
class AlembicOracleFindingsTest {

    private static final RevisionGraph CHAIN = RevisionGraph.of(List.of(
            Revision.of("a"), Revision.of("b", "a"), Revision.of("c", "b")));

    @Test
    void aMissingEndOfARangeIsBase() {
        // iterate_revisions(None, 'c') -> RangeNotAncestorError; (None, 'base', inclusive) -> []
        RevisionPlanner planner = new RevisionPlanner(CHAIN);
        assertThatThrownBy(() -> planner.iterate((String) null, "c", false, false, true, false))
                .isInstanceOf(RangeNotAncestorException.class);
        assertThat(planner.iterate((String) null, "base", true, false, true, false)).isEmpty();
    }

    @Test
    void anIdMadeOfDigitsIsAnIdNotAWalk() {
        // only a negative number walks down from the heads; '1000' is a revision like any other
        RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("1000"), Revision.of("2000", "1000")));
        RevisionPlanner planner = new RevisionPlanner(graph);
        assertThat(ids(graph.resolve("1000"))).containsExactly("1000");
        assertThat(steps(planner.upgrade("2000", List.of()))).containsExactly("1000", "2000");
        assertThat(ids(graph.resolve("-1"))).containsExactly("1000");
        // a walk that long runs past the base (Alembic's get_revisions answers None)
        assertThatThrownBy(() -> graph.resolve("-99999999999999999999")).isInstanceOf(RevisionException.class);
    }

    @Test
    void stepsThatDoNotFitTheRowsAreRefusedNotWritten() {
        // _stamp_revs(('b', 'c'), ('d',)): two stamp steps both moving row d; HeadMaintainer: KeyError 'd'
        RevisionGraph graph = RevisionGraph.of(List.of(
                Revision.of("a"), Revision.of("b", "a"), Revision.of("c", "b"), Revision.of("d", "c")));
        List<MigrationStep> steps = new RevisionPlanner(graph).stamp(List.of("b", "c"), List.of("d"));
        VersionHeads heads = new VersionHeads(graph, List.of("d"));
        assertThat(heads.apply(steps.get(0))).containsExactly(new VersionChange.Update("d", "b"));
        assertThatThrownBy(() -> heads.apply(steps.get(1)))
                .isInstanceOf(RevisionException.class)
                .hasMessageContaining("no version row 'd'");
    }

    @Test
    void aLowerEndThatWalksToBaseIsNotBelowAnything() {
        // two lines a -> b and x; '-1' walks b -> a and x -> base.
        // iterate_revisions('b', '-1') -> RangeNotAncestorError; with implicit_base -> AssertionError
        RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a"), Revision.of("x")));
        RevisionPlanner planner = new RevisionPlanner(graph);
        assertThatThrownBy(() -> planner.iterate("b", "-1", false, false, true, false))
                .isInstanceOf(RangeNotAncestorException.class);
        assertThatThrownBy(() -> planner.iterate("b", "-1", false, true, true, false))
                .isInstanceOf(RevisionException.class)
                .hasMessageContaining("walks down to the base");
    }

    @Test
    void labelAtBaseNeedsAnExistingLabelWhereOneRevisionIsAsked() {
        // get_revision('nosuch@base') -> "No such branch: 'nosuch'"; get_revisions('nosuch@base') -> ()
        assertThatThrownBy(() -> CHAIN.resolveOne("nosuch@base")).isInstanceOf(ResolutionException.class);
        assertThat(CHAIN.resolve("nosuch@base")).isEmpty();
    }

    @Test
    void aDowngradeGoesToOneTargetFromRealRevisions() {
        // iterate_revisions(('c',), ('a', 'b'), select_for_downgrade=True) -> AssertionError "Expected
        // downgrade target in string form"; an upper end walking to base ('-2') -> AssertionError
        RevisionPlanner planner = new RevisionPlanner(CHAIN);
        assertThatThrownBy(() -> planner.iterate(List.of("c"), List.of("a", "b"), false, false, true, true))
                .isInstanceOf(RevisionException.class);
        RevisionGraph twoLines = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a"), Revision.of("x")));
        assertThatThrownBy(() -> new RevisionPlanner(twoLines).iterate("-2", "a", false, false, true, true))
                .isInstanceOf(RevisionException.class);
    }

    @Test
    void anInclusiveLowerEndAboveTheUpperEndIsNotARange() {
        // iterate_revisions(None, 'c', inclusive=True, implicit_base=True) -> AssertionError in the sort
        RevisionPlanner planner = new RevisionPlanner(CHAIN);
        assertThatThrownBy(() -> planner.iterate((String) null, "c", true, true, true, false))
                .isInstanceOf(RangeNotAncestorException.class);
    }

    @Test
    void revisionAtInALowerEndNeedsExactlyOneLabel() {
        // iterate_revisions('heads', 'a@a') with a unlabelled -> AssertionError; with one label it
        // stands for that label
        RevisionGraph unlabelled = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a")));
        assertThatThrownBy(() -> new RevisionPlanner(unlabelled).iterate("heads", "a@a", false, false, true, false))
                .isInstanceOf(RevisionException.class)
                .hasMessageContaining("no branch label");
        RevisionGraph labelled = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a"),
                Revision.of("c", "b").withLabels("lbl"), Revision.of("x").withLabels("other")));
        assertThat(ids(new RevisionPlanner(labelled).iterate("heads", "c@c", true, false, true, false)))
                .containsExactly("c");
    }

    @Test
    void plusOneFromOneIdentifierNamingTwoHeadsIsMultipleHeads() {
        // iterate_revisions('+1', 'a@heads', ...) -> MultipleHeads: the current identifiers are
        // counted before the one to walk from is resolved
        RevisionGraph graph = RevisionGraph.of(List.of(
                Revision.of("a"), Revision.of("b1", "a"), Revision.of("b2", "a")));
        assertThatThrownBy(() -> new RevisionPlanner(graph).history("a@heads", "+1"))
                .isInstanceOf(MultipleHeadsException.class);
        assertThatThrownBy(() -> new RevisionPlanner(graph).upgrade("+1", List.of("b1", "b2")))
                .isInstanceOf(RevisionException.class)
                .hasMessageStartingWith("Ambiguous upgrade from multiple current revisions");
    }

    @Test
    void labelMinusNReadsTheCurrentRevisionsAsIds() {
        // iterate_revisions('lbl@head', 'lbl@-1', select_for_downgrade=True) -> ResolutionError
        // "No such revision or branch 'lbl@head'"; with ('c',) -> ['c']
        RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a"),
                Revision.of("c", "b").withLabels("lbl"), Revision.of("x").withLabels("other")));
        RevisionPlanner planner = new RevisionPlanner(graph);
        assertThatThrownBy(() -> planner.iterate("lbl@head", "lbl@-1", false, false, true, true))
                .isInstanceOf(ResolutionException.class);
        assertThat(ids(planner.iterate(List.of("c"), "lbl@-1", false, false, true, true))).containsExactly("c");
    }

    @Test
    void aWalkToBaseIsNoRevisionOnABranch() {
        // iterate_revisions('lbl@+1', '-1', inclusive=True, ...) with '-1' walking a head to base ->
        // ResolutionError "No such revision or branch 'base'"
        RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a"),
                Revision.of("c", "b").withLabels("lbl"), Revision.of("x").withLabels("other")));
        assertThatThrownBy(() -> new RevisionPlanner(graph).history("-1", "lbl@+1"))
                .isInstanceOf(ResolutionException.class);
    }

    @Test
    void stampingBetweenARowAndItsAncestorIsRefused() {
        // _stamp_revs(('b',), ('a', 'c')) on a -> b -> c -> d: AssertionError
        RevisionGraph graph = RevisionGraph.of(List.of(
                Revision.of("a"), Revision.of("b", "a"), Revision.of("c", "b"), Revision.of("d", "c")));
        assertThatThrownBy(() -> new RevisionPlanner(graph).stamp(List.of("b"), List.of("a", "c")))
                .isInstanceOf(RevisionException.class)
                .hasMessageContaining("both above and below");
    }

    @Test
    void aMergeThatNamesAnAncestorOfItsOtherParentsSaysWhichToRemove() {
        // a -> b -> {c1, c2}; m merges c1, c2 and a, which lies below both. upgrade heads runs a, b,
        // c2, c1, then Alembic's HeadMaintainer fails on m with KeyError 'a' (as in
        // lablup/backend.ai#11131). retort fails on the same step, naming what to remove.
        RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("a"), Revision.of("b", "a"),
                Revision.of("c1", "b"), Revision.of("c2", "b"), Revision.of("m", "c1", "c2", "a")));
        List<MigrationStep> plan = new RevisionPlanner(graph).upgrade("heads", List.of());
        assertThat(steps(plan)).containsExactly("a", "b", "c2", "c1", "m");
        VersionHeads heads = new VersionHeads(graph, List.of());
        plan.subList(0, 4).forEach(heads::apply);
        assertThatThrownBy(() -> heads.apply(plan.get(4)))
                .isInstanceOf(RevisionException.class)
                .hasMessageContaining("its parent a already lies below another of its parents")
                .hasMessageContaining("Remove a from the down_revision and depends_on of m");
        assertThat(heads.heads()).containsExactlyInAnyOrder("c1", "c2");
    }

    private static List<String> ids(List<Revision> revisions) {
        return revisions.stream().map(Revision::id).toList();
    }

    private static List<String> steps(List<MigrationStep> steps) {
        List<String> ids = new ArrayList<>();
        for (MigrationStep step : steps) {
            ids.add(((RevisionStep) step).revision().id());
        }
        return ids;
    }
}
