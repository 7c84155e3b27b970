package dev.retort.revision;

import java.util.List;

/**
 * Moving the version table from some rows to others without running any migration.
 *
 * @param from       the rows the stamp replaces (empty for a new branch)
 * @param to         the revisions it writes (empty to delete the rows, i.e. stamp to base)
 * @param isUpgrade  whether the move goes up the graph
 * @param branchMove whether it creates or deletes a branch row rather than moving one
 */
public record StampStep(List<String> from, List<String> to, boolean isUpgrade, boolean branchMove)
        implements MigrationStep {

    public StampStep {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    @Override
    public List<String> fromRevisions() {
        return from;
    }

    @Override
    public List<String> toRevisions() {
        return to;
    }

    @Override
    public String name() {
        return "stamp_revision";
    }

    @Override
    public String doc() {
        return "";
    }
}
