package dev.retort.javarev.mysqlh2;

import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Users with their settings in a JSON column, and their reading progress. */
@Revision(id = "m1users", message = "create users and reading_progress", created = "2026-12-01 09:00:00")
class CreateUsers implements Migration {

    static final UUID ANNA = UUID.fromString("6f0c4a52-8f0e-4c3a-9d7e-2b1f3c4d5e6f");
    static final UUID BORIS = UUID.fromString("7a1d5b63-9a1f-4d4b-8e8f-3c2a4d5e6f70");

    @Override
    public void upgrade(Operations op) {
        op.createTable("users",
                column("id", uuid()).primaryKey(),
                column("email", varchar(255)).notNull(),
                column("name", varchar(100)).comment("shown to other readers"),
                column("settings", json()),
                column("created_at", timestampTz()).notNull().serverDefaultExpression("CURRENT_TIMESTAMP"),
                unique("uq_users_email", "email"));
        op.createTable("reading_progress",
                column("id", bigint()).autoincrement().primaryKey(),
                column("user_id", uuid()).notNull(),
                column("book_id", bigint()).notNull(),
                column("page", integer()).notNull().serverDefault(0));
        op.bulkInsert("users", List.of(
                Map.of("id", ANNA, "email", "anna@example.org", "name", "Anna",
                        "settings", "{\"theme\": \"dark\", \"language\": \"ru\"}"),
                Map.of("id", BORIS, "email", "boris@example.org", "name", "Boris",
                        "settings", "{\"theme\": \"sepia\", \"language\": \"de\"}")));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("reading_progress");
        op.dropTable("users");
    }
}
