package dev.retort.javarev.mysqlh2;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

@Revision(id = "m2cfi", down = "m1users", message = "add reading_location_cfi field")
class AddReadingLocation implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("reading_progress", column("reading_location_cfi", varchar(500))
                .comment("EPUB CFI of the reading position"));
        op.createIndex("idx_reading_progress_cfi", "reading_progress", "book_id", "user_id", "reading_location_cfi");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropIndex("idx_reading_progress_cfi", "reading_progress");
        op.dropColumn("reading_progress", "reading_location_cfi");
    }
}
