package dev.retort.javarev.sqlitefk;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** A parent, and a child table without a foreign key yet, one of whose rows has no parent. */
@Revision(id = "f1orphans", message = "parents and children, one orphaned")
class CreateOrphans implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("parents", column("id", integer()).primaryKey());
        op.createTable("children", column("id", integer()).primaryKey(), column("parent_id", integer()));
        op.execute("INSERT INTO parents (id) VALUES (1)");
        op.execute("INSERT INTO children (id, parent_id) VALUES (10, 1), (11, 2)");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("children");
        op.dropTable("parents");
    }
}
