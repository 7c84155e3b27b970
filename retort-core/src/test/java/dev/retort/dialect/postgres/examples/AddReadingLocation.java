package dev.retort.dialect.postgres.examples;

import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** The first example: a nullable varchar(500) with a comment, and a composite btree index over it. */
@Revision(id = "pg1cfi", down = "pg0library", message = "add reading_location_cfi field",
        created = "2025-10-19 23:48:00")
class AddReadingLocation implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("reading_progress", column("reading_location_cfi", varchar(500))
                .comment("EPUB CFI of the reading position"));
        op.createIndex("reading_progress", index("idx_reading_progress_cfi", "book_id", "user_id",
                "reading_location_cfi").using("btree"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropIndex("idx_reading_progress_cfi");
        op.dropColumn("reading_progress", "reading_location_cfi");
    }
}
