package dev.retort.dialect.sqlite;

import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.schema.Column;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import java.util.Optional;

/** SQLite's spelling of operations. */
final class SqliteRenderer extends OperationRenderer {

    SqliteRenderer(SqliteDialect dialect, RenderContext context) {
        super(dialect, context);
    }

    @Override
    protected String columnDefinition(Column column, Optional<Table> table) {
        if (column.identity().isPresent()) {
            // only "INTEGER PRIMARY KEY" aliases the rowid; BIGINT would make a plain column
            return id(column.name()) + " INTEGER PRIMARY KEY AUTOINCREMENT";
        }
        return super.columnDefinition(column, table);
    }

    @Override
    protected boolean constraintInlined(TableConstraint constraint, Table table) {
        return constraint instanceof PrimaryKey && table.columns().stream().anyMatch(c -> c.identity().isPresent());
    }
}
