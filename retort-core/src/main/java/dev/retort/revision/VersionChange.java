package dev.retort.revision;

/** One row change of the version table, computed from a step by {@link VersionHeads}. */
public sealed interface VersionChange {

    /** A new branch row. */
    record Insert(String version) implements VersionChange {
    }

    /** A branch row that goes away. */
    record Delete(String version) implements VersionChange {
    }

    /** A row that moves from one revision to another. */
    record Update(String from, String to) implements VersionChange {
    }
}
