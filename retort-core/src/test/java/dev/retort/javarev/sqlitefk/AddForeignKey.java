package dev.retort.javarev.sqlitefk;

import static dev.retort.schema.Tables.foreignKey;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** Adds the foreign key the orphan breaks: the check after the rebuild must fail the migration. */
@Revision(id = "f2fk", down = "f1orphans", message = "children reference parents")
class AddForeignKey implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.batchAlterTable("children", b -> b.createForeignKey(foreignKey("fk_children_parent", "parent_id")
                .references("parents", "id")));
    }

    @Override
    public void downgrade(Operations op) {
        op.batchAlterTable("children", b -> b.dropConstraint("fk_children_parent"));
    }
}
