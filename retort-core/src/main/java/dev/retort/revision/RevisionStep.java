package dev.retort.revision;

import java.util.List;

/**
 * Running one revision's upgrade or downgrade.
 *
 * @param revision       the revision
 * @param isUpgrade      direction
 * @param normalizedDown the revision's down revisions plus normalized dependencies, which decide
 *                       the version-table change
 */
public record RevisionStep(Revision revision, boolean isUpgrade, List<String> normalizedDown)
        implements MigrationStep {

    public RevisionStep {
        normalizedDown = List.copyOf(normalizedDown);
    }

    @Override
    public List<String> fromRevisions() {
        return isUpgrade ? revision.downRevisions() : List.of(revision.id());
    }

    @Override
    public List<String> toRevisions() {
        return isUpgrade ? List.of(revision.id()) : revision.downRevisions();
    }

    @Override
    public String name() {
        return isUpgrade ? "upgrade" : "downgrade";
    }

    @Override
    public String doc() {
        return revision.message();
    }
}
