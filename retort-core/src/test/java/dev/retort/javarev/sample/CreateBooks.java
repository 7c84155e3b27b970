package dev.retort.javarev.sample;

import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;
import java.util.List;
import java.util.Map;

@Revision(id = "a1books", message = "create books", created = "2026-12-01 10:00:00")
class CreateBooks implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("books",
                column("id", bigint()).autoincrement().primaryKey(),
                column("title", varchar(200)).notNull(),
                column("pages", integer()).serverDefault(0),
                unique("uq_books_title", "title"),
                index("ix_books_pages", "pages"));
        op.bulkInsert("books", List.of(Map.of("title", "Dune", "pages", 412), Map.of("title", "Emma", "pages", 474)));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("books");
    }
}
