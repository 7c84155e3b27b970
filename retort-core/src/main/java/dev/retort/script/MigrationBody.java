package dev.retort.script;

import dev.retort.dialect.Dialect;
import java.sql.SQLException;

/**
 * The work of one direction of one revision. It runs against an {@link ExecutionContext} that
 * either executes on a connection or prints an offline script; the runner, not the body, decides
 * transactions and version-table writes.
 */
@FunctionalInterface
public interface MigrationBody {

    void run(ExecutionContext context) throws SQLException;

    /**
     * Finds, before anything runs, what would make this body fail for reasons other than the
     * database (SQL that cannot be split, say), by throwing. Nothing by default.
     */
    default void check(Dialect dialect) {
    }
}
