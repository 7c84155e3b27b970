package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static List<String> ids(List<Revision> revisions) {
        return revisions.stream().map(Revision::id).toList();
    }
}
