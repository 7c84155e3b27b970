package dev.retort.javarev.sqlite;

import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.BatchOperations;
import dev.retort.ops.Operations;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import java.util.function.Consumer;

/**
 * The third SQLite example: add a check constraint to a table with rows, by rebuilding it
 * (every row is checked on the way). Online the batch reads the table; an offline script cannot, so
 * there it is given the table's definition, as Alembic's {@code copy_from}.
 */
@Revision(id = "s4check", down = "s3type", message = "books.progress lies between 0 and 100")
class AddCheckConstraint implements Migration {

    /** books as s3type leaves it. */
    static final Table BOOKS = Table.of(QualifiedName.of("books"),
            column("id", integer()).autoincrement().primaryKey(),
            column("title", varchar(200)).notNull(),
            column("author_id", integer()).notNull(),
            column("pages", integer()),
            column("progress", doublePrecision()).notNull().serverDefault(0.0),
            foreignKey("fk_books_author", "author_id").references("authors", "id")
                    .onDelete(ReferentialAction.CASCADE));

    @Override
    public void upgrade(Operations op) {
        batch(op, b -> b.createCheckConstraint("ck_books_progress", "progress >= 0.0 AND progress <= 100.0"));
    }

    @Override
    public void downgrade(Operations op) {
        batch(op, b -> b.dropConstraint("ck_books_progress"));
    }

    private static void batch(Operations op, Consumer<BatchOperations> changes) {
        if (op.isOffline()) {
            op.batchAlterTable("books", BOOKS, changes);
        } else {
            op.batchAlterTable("books", changes);
        }
    }
}
