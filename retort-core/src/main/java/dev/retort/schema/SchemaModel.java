package dev.retort.schema;

/**
 * A Java schema model: what the database should look like, declared with the same builders as the
 * operations API, for {@code revision --autogenerate} and {@code check}. Renames are hinted with
 * {@link RenamedFrom} on the class.
 *
 * <pre>{@code
 * @RenamedFrom(table = "people", to = "users")
 * class AppSchema implements SchemaModel {
 *     public void define(SchemaBuilder schema) {
 *         schema.enumType("mood", "sad", "ok", "happy");
 *         schema.table("users",
 *                 column("id", bigint()).autoincrement().primaryKey(),
 *                 column("email", varchar(200)).notNull(),
 *                 unique("uq_users_email", "email"));
 *     }
 * }
 * }</pre>
 *
 * <p>retort creates one instance per use; implementations need a constructor without parameters.
 */
public interface SchemaModel {

    void define(SchemaBuilder schema);
}
