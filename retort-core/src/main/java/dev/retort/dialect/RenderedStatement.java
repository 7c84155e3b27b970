package dev.retort.dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One statement an operation renders to.
 *
 * @param sql           the SQL, without terminator, with {@code ?} where {@code bindings} go
 * @param transactional false for statements that cannot run inside a transaction block
 *                      ({@code CREATE INDEX CONCURRENTLY}, {@code ALTER TYPE ... ADD VALUE}): the
 *                      runner commits what came before and runs them in autocommit mode
 * @param bindings      the parameter values: none, one row (one execution), or several rows (one
 *                      batched execution, as a bulk insert)
 */
public record RenderedStatement(String sql, boolean transactional, List<List<Object>> bindings) {

    public RenderedStatement {
        Objects.requireNonNull(sql, "sql");
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : bindings) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        bindings = Collections.unmodifiableList(copy);
    }

    /** A statement without parameters, run in the migration's transaction. */
    public static RenderedStatement of(String sql) {
        return new RenderedStatement(sql, true, List.of());
    }

    /** A statement without parameters that must run outside any transaction. */
    public static RenderedStatement outsideTransaction(String sql) {
        return new RenderedStatement(sql, false, List.of());
    }

    /** A statement executed once with these parameters. */
    public static RenderedStatement withParameters(String sql, List<Object> parameters) {
        return new RenderedStatement(sql, true, parameters.isEmpty() ? List.of() : List.of(parameters));
    }
}
