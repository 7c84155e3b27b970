package dev.retort.dialect.mysql;

import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.DropIndex;
import dev.retort.schema.Identity;
import java.util.List;

/** MySQL's and MariaDB's spelling of operations. */
final class MySqlRenderer extends OperationRenderer {

    MySqlRenderer(MySqlDialect dialect, RenderContext context) {
        super(dialect, context);
    }

    @Override
    protected String identity(Identity identity) {
        return "AUTO_INCREMENT";
    }

    /** MySQL names an index within its table: {@code DROP INDEX name ON table}. */
    @Override
    public List<RenderedStatement> visit(DropIndex op) {
        if (op.table().isEmpty()) {
            throw refuse(op, "an index is dropped from its table here", "Name the table: op.dropIndex(\""
                    + op.index().name() + "\", \"<table>\")");
        }
        return List.of(RenderedStatement.of("DROP INDEX " + id(op.index().name()) + " ON " + table(op.table().get())));
    }
}
