package dev.retort.script;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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
    default void execute(SqlStatement statement, boolean transactional) throws SQLException {
        execute(statement, transactional, List.of());
    }

    /**
     * Executes a statement with bind parameters: once per row of {@code bindings} (in one batch when
     * there are several), or plainly when there are none. Offline scripts take no parameters: the
     * renderer writes them as literals there.
     */
    void execute(SqlStatement statement, boolean transactional, List<List<Object>> bindings) throws SQLException;

    /** What renderers may read of the database now (nothing, offline). */
    RenderContext renderContext();

    /** The {@code -x KEY=VALUE} arguments of the run. */
    Map<String, String> arguments();

    /**
     * The live connection, for data migrations.
     *
     * @throws IllegalStateException offline, where there is none
     */
    Connection connection();
}
