package dev.retort.javarev.sqlite;

import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;
import dev.retort.schema.ReferentialAction;
import java.util.List;
import java.util.Map;

/** Authors and their books, with rows; books reference authors ON DELETE CASCADE. */
@Revision(id = "s1library", message = "create authors and books", created = "2026-12-02 10:00:00")
class CreateLibrary implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("authors",
                column("id", integer()).autoincrement().primaryKey(),
                column("name", varchar(100)).notNull(),
                unique("uq_authors_name", "name"));
        op.createTable("books",
                column("id", integer()).autoincrement().primaryKey(),
                column("title", varchar(200)).notNull(),
                column("author_id", integer()).notNull(),
                column("author_name", varchar(100)),
                column("pages", text()),
                column("progress", doublePrecision()).notNull().serverDefault(0.0),
                foreignKey("fk_books_author", "author_id").references("authors", "id")
                        .onDelete(ReferentialAction.CASCADE),
                index("ix_books_author_name", "author_name"));
        op.bulkInsert("authors", List.of(Map.of("name", "Frank Herbert"), Map.of("name", "Jane Austen")));
        op.bulkInsert("books", List.of(
                Map.of("title", "Dune", "author_id", 1, "author_name", "Frank Herbert", "pages", "412",
                        "progress", 12.5),
                Map.of("title", "Children of Dune", "author_id", 1, "author_name", "Frank Herbert", "pages", "444",
                        "progress", 100.0),
                Map.of("title", "Emma", "author_id", 2, "author_name", "Jane Austen", "pages", "474",
                        "progress", 0.0)));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("books");
        op.dropTable("authors");
    }
}
