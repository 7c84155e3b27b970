package dev.retort.script;

import dev.retort.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** What a {@link MigrationBody} may use while it runs. Not thread-safe; one per running step. */
public interface ExecutionContext {

    Dialect dialect();

    /** True when statements are printed as an offline script rather than executed. */
    boolean isOffline();

    /**
     * Executes (or, offline, prints) one statement. With {@code transactional} false the statement
     * runs outside any transaction: whatever the migration did before is committed first, as
     * {@code CREATE INDEX CONCURRENTLY} and {@code ALTER TYPE ... ADD VALUE} require.
     */
    void execute(SqlStatement statement, boolean transactional) throws SQLException;

    /**
     * The live connection, for data migrations.
     *
     * @throws IllegalStateException offline, where there is none
     */
    Connection connection();
}
