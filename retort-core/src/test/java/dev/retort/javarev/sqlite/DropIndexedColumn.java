package dev.retort.javarev.sqlite;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/**
 * The first SQLite example: drop a column that is indexed, which SQLite's DROP COLUMN
 * refuses; the batch rebuilds the table without it (and its index). The downgrade adds it back in
 * place and fills it again from the authors.
 */
@Revision(id = "s2dropcol", down = "s1library", message = "drop books.author_name")
class DropIndexedColumn implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.batchAlterTable("books", b -> b.dropColumn("author_name"));
    }

    @Override
    public void downgrade(Operations op) {
        op.batchAlterTable("books", b -> {
            b.addColumn(column("author_name", varchar(100)));
            b.createIndex("ix_books_author_name", "author_name");
            b.execute("UPDATE books SET author_name = (SELECT name FROM authors WHERE authors.id = books.author_id)");
        });
    }
}
