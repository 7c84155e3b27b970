package dev.retort.javarev.sqlite;

import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** The second SQLite example: change a column's type (text to integer), by rebuilding the table. */
@Revision(id = "s3type", down = "s2dropcol", message = "books.pages becomes an integer")
class ChangeColumnType implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.batchAlterTable("books", b -> b.alterColumn("pages", c -> c.type(integer())));
    }

    @Override
    public void downgrade(Operations op) {
        op.batchAlterTable("books", b -> b.alterColumn("pages", c -> c.type(text())));
    }
}
