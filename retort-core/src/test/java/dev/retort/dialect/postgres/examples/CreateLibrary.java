package dev.retort.dialect.postgres.examples;

import static dev.retort.schema.ReferentialAction.CASCADE;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The schema the examples start from: users with their preferences in a JSON column, books, progress. */
@Revision(id = "pg0library", message = "create users, books and reading_progress", created = "2025-10-01 09:00:00")
class CreateLibrary implements Migration {

    static final UUID ANNA = UUID.fromString("6f1c1e9a-3f4b-4d8e-9a51-2f0d5c7b8e10");
    static final UUID BORIS = UUID.fromString("0b7d2c44-8a9e-4f11-b3c2-9d5e6f708192");

    @Override
    public void upgrade(Operations op) {
        op.createTable("users",
                column("id", uuid()).primaryKey().serverDefaultExpression("gen_random_uuid()"),
                column("email", varchar(255)).notNull(),
                column("preferences", json()),
                column("created_at", timestampTz()).notNull().serverDefaultExpression("now()"),
                unique("uq_users_email", "email"));
        op.createTable("books",
                column("id", bigint()).autoincrement().primaryKey(),
                column("title", varchar(500)).notNull(),
                column("author", varchar(255)),
                column("is_parsed", bool()).notNull().serverDefault(false),
                column("created_at", timestampTz()).notNull().serverDefaultExpression("now()"));
        op.createTable("reading_progress",
                column("id", bigint()).autoincrement().primaryKey(),
                column("book_id", bigint()).notNull(),
                column("user_id", uuid()).notNull(),
                column("page", integer()).notNull().serverDefault(0),
                foreignKey("fk_reading_progress_book", "book_id").references("books", "id").onDelete(CASCADE),
                foreignKey("fk_reading_progress_user", "user_id").references("users", "id").onDelete(CASCADE));

        op.bulkInsert("users", List.of(
                user(ANNA, "anna@example.com", "{\"theme\": \"dark\", \"language\": \"ru\", \"notifications\": false}"),
                user(BORIS, "boris@example.com",
                        "{\"theme\": \"sepia\", \"language\": \"en\", \"notifications\": true}")));
        op.bulkInsert("books", List.of(
                book("Война и мир", "Лев Толстой", true),
                book("Анна Каренина", "Лев Толстой", false),
                book("Dune", "Frank Herbert", false),
                book("Мастер и Маргарита", null, false)));
        // the identity numbers the books 1 to 4 in this order
        op.bulkInsert("reading_progress", List.of(progress(1, ANNA, 120), progress(3, ANNA, 0),
                progress(2, BORIS, 5)));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("reading_progress");
        op.dropTable("books");
        op.dropTable("users");
    }

    private static Map<String, Object> user(UUID id, String email, String preferences) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", email);
        row.put("preferences", preferences);
        row.put("created_at", Instant.parse("2025-10-01T09:00:00Z"));
        return row;
    }

    private static Map<String, Object> book(String title, String author, boolean parsed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", title);
        row.put("author", author);
        row.put("is_parsed", parsed);
        return row;
    }

    private static Map<String, Object> progress(long book, UUID user, int page) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("book_id", book);
        row.put("user_id", user);
        row.put("page", page);
        return row;
    }
}
