package dev.retort.dialect.postgres.examples;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.enumType;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/**
 * An enum type, and a value added to it and used at once: ALTER TYPE ... ADD VALUE runs outside the
 * transaction, so the UPDATE after it may use the new value.
 */
@Revision(id = "pg6status", down = "pg5trgm", message = "reading status", created = "2025-10-25 12:00:00")
class ReadingStatus implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createEnumType("reading_status", "reading", "finished");
        op.addColumn("reading_progress", column("status", enumType("reading_status", "reading", "finished"))
                .notNull().serverDefault("reading"));
        op.addEnumValueBefore("reading_status", "planned", "reading");
        op.execute("UPDATE reading_progress SET status = 'planned' WHERE page = 0");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("reading_progress", "status");
        op.dropEnumType("reading_status");
    }
}
