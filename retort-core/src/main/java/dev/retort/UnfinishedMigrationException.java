package dev.retort;

import dev.retort.runtime.HistoryEntry;
import java.util.List;

/**
 * A step stopped partway and left part of its work in the database (a failure after statements
 * that committed by themselves, or a killed run), so nothing else may run until it is repaired. The
 * message tells what the history table knows and the two ways out: {@code retort repair REV
 * --resume} and {@code retort repair REV --mark-rolled-back}.
 */
public final class UnfinishedMigrationException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final transient List<HistoryEntry> unfinished;

    UnfinishedMigrationException(String message, List<HistoryEntry> unfinished) {
        super(message);
        this.unfinished = List.copyOf(unfinished);
    }

    /** The history rows of the unfinished steps, oldest first. */
    public List<HistoryEntry> unfinished() {
        return unfinished;
    }
}
