package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of reference/alembic.md §2.6–§2.8 and of the core issue. */
class RunOrderExamplesTest {

    /** a0 → b0 → {c1 → d1, c2 → d2}, files sorted by id. */
    private static final RevisionGraph TWO_BRANCHES = RevisionGraph.of(List.of(
            Revision.of("a0"),
            Revision.of("b0", "a0"),
            Revision.of("c1", "b0").withLabels("c1branch"),
            Revision.of("c2", "b0").withLabels("c2branch"),
            Revision.of("d1", "c1"),
            Revision.of("d2", "c2")));

    private static final RevisionPlanner PLAN = new RevisionPlanner(TWO_BRANCHES);

    @Test
    void upgradeHeadsWalksTheBranchFirstInFileOrderLast() {
        assertThat(ids(PLAN.upgrade("heads", List.of()))).containsExactly("a0", "b0", "c2", "d2", "c1", "d1");
    }

    @Test
    void downgradeBaseRunsTheReverseWalk() {
        assertThat(ids(PLAN.downgrade("base", List.of("d1", "d2"))))
                .containsExactly("d1", "c1", "d2", "c2", "b0", "a0");
    }

    @Test
    void downgradeOneBranchToItsBase() {
        assertThat(ids(PLAN.downgrade("c2branch@base+2", List.of("d2", "d1")))).containsExactly("d2", "c2");
    }

    @Test
    void downgradeBasePlusTwoUnwindsBothBranches() {
        assertThat(ids(PLAN.downgrade("base+2", List.of("d2", "d1")))).containsExactly("d1", "c1", "d2", "c2");
    }

    @Test
    void downgradeRelativeToARevision() {
        assertThat(ids(PLAN.downgrade("d2-1", List.of("d2", "d1")))).containsExactly("d2");
    }

    @Test
    void upgradeBranchRelative() {
        assertThat(ids(PLAN.upgrade("c2branch@+1", List.of("c1")))).containsExactly("c2");
        assertThat(ids(PLAN.upgrade("c2branch@+1", List.of("c1", "c2")))).containsExactly("d2");
    }

    @Test
    void upgradePlusOneFromTwoHeadsIsAmbiguous() {
        assertThatThrownBy(() -> PLAN.upgrade("+1", List.of("c1", "c2")))
                .isInstanceOf(RevisionException.class)
                .hasMessageStartingWith("Ambiguous upgrade from multiple current revisions");
    }

    @Test
    void diamondUpgradesTheLastListedParentFirst() {
        RevisionGraph diamond = RevisionGraph.of(List.of(
                Revision.of("a"), Revision.of("b1", "a"), Revision.of("b2", "a"),
                Revision.of("c", "b1", "b2"), Revision.of("d", "c")));
        RevisionPlanner planner = new RevisionPlanner(diamond);
        assertThat(ids(planner.iterate("d", "a", true, false, true, false)))
                .containsExactly("d", "c", "b1", "b2", "a");
        assertThat(ids(planner.upgrade("d", List.of()))).containsExactly("a", "b2", "b1", "c", "d");
    }

    @Test
    void versionTableChangesOfTheBranchesExample() {
        // branches.rst: 1975 → {27c6 , ae10} → merge 53ff
        RevisionGraph graph = RevisionGraph.of(List.of(
                Revision.of("1975ea83b712"),
                Revision.of("27c6a30d7c24", "1975ea83b712"),
                Revision.of("ae1027a6acf", "1975ea83b712"),
                Revision.of("53fffde5ad5", "ae1027a6acf", "27c6a30d7c24")));
        RevisionPlanner planner = new RevisionPlanner(graph);
        VersionHeads heads = new VersionHeads(graph, List.of());
        List<String> sql = new ArrayList<>();
        for (MigrationStep step : planner.upgrade("heads", List.of())) {
            sql.add("-- Running " + step.shortLog());
            for (VersionChange change : heads.apply(step)) {
                sql.add(render(change));
            }
        }
        assertThat(sql).containsExactly(
                "-- Running upgrade  -> 1975ea83b712",
                "INSERT ('1975ea83b712')",
                "-- Running upgrade 1975ea83b712 -> 27c6a30d7c24",
                "UPDATE '1975ea83b712' -> '27c6a30d7c24'",
                "-- Running upgrade 1975ea83b712 -> ae1027a6acf",
                "INSERT ('ae1027a6acf')",
                "-- Running upgrade ae1027a6acf, 27c6a30d7c24 -> 53fffde5ad5",
                "DELETE ('ae1027a6acf')",
                "UPDATE '27c6a30d7c24' -> '53fffde5ad5'");
        assertThat(heads.heads()).containsExactly("53fffde5ad5");
    }

    private static String render(VersionChange change) {
        if (change instanceof VersionChange.Insert insert) {
            return "INSERT ('" + insert.version() + "')";
        }
        if (change instanceof VersionChange.Delete delete) {
            return "DELETE ('" + delete.version() + "')";
        }
        VersionChange.Update update = (VersionChange.Update) change;
        return "UPDATE '" + update.from() + "' -> '" + update.to() + "'";
    }

    private static List<String> ids(List<?> items) {
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
}
