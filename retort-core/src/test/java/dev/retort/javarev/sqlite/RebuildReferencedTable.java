package dev.retort.javarev.sqlite;

import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/**
 * Rebuilds authors, which books reference ON DELETE CASCADE: with foreign keys enforced, dropping
 * the old copy of authors would delete every book, unless enforcement is off for the migration.
 */
@Revision(id = "s5authors", down = "s4check", message = "authors.name grows to 200, and may not be empty")
class RebuildReferencedTable implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.batchAlterTable("authors", b -> {
            b.alterColumn("name", c -> c.type(varchar(200)));
            b.createCheckConstraint("ck_authors_name", "length(name) > 0");
        });
    }

    @Override
    public void downgrade(Operations op) {
        op.batchAlterTable("authors", b -> {
            b.dropConstraint("ck_authors_name");
            b.alterColumn("name", c -> c.type(varchar(100)));
        });
    }
}
