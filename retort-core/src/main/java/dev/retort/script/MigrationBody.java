package dev.retort.script;

import dev.retort.dialect.Dialect;
import java.sql.SQLException;
import java.util.Map;

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
     * database (SQL that cannot be split, an operation the database cannot perform), by throwing.
     * Nothing by default.
     *
     * @param dialect   the database it will run on
     * @param offline   whether it will be rendered as an offline script
     * @param arguments the run's {@code -x} arguments, which a Java revision may read
     */
    default void check(Dialect dialect, boolean offline, Map<String, String> arguments) {
    }

    /**
     * Whether the body has an operation that {@linkplain Dialect#needsForeignKeysOff needs foreign key
     * enforcement off} for its transaction (a SQLite table rebuild), which the runner must know
     * before that transaction begins. Only operations found without running anything count: a Java
     * revision's operations after it reads {@code op.connection()} are not seen. False by default.
     */
    default boolean needsForeignKeysOff(Dialect dialect, boolean offline, Map<String, String> arguments) {
        return false;
    }
}
