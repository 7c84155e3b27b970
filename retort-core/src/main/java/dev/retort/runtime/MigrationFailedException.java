package dev.retort.runtime;

import dev.retort.RetortException;
import java.util.List;
import java.util.Optional;

/**
 * A migration's statement failed. The message names the revision, its file, the statement (number,
 * line and first line) and the database's error, and says where the database stands now.
 */
public final class MigrationFailedException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final String revision;
    private final transient Optional<Integer> statementIndex;
    private final transient List<String> databaseStaysAt;

    MigrationFailedException(String message, String revision, Optional<Integer> statementIndex,
                             List<String> databaseStaysAt, Throwable cause) {
        super(message, cause);
        this.revision = revision;
        this.statementIndex = statementIndex;
        this.databaseStaysAt = List.copyOf(databaseStaysAt);
    }

    /** The revision whose migration failed. */
    public String revision() {
        return revision;
    }

    /** The 1-based number of the failing statement within its section, when a statement failed. */
    public Optional<Integer> statementIndex() {
        return statementIndex;
    }

    /** The version rows the database was left at. */
    public List<String> databaseStaysAt() {
        return databaseStaysAt;
    }
}
