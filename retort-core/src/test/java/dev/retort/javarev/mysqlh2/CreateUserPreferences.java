package dev.retort.javarev.mysqlh2;

import static dev.retort.schema.ReferentialAction.CASCADE;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/**
 * Moves the users' settings out of their JSON column into a table of their own, and back. The data
 * steps are SQL of each database: H2 has no JSON path functions, so it reads the JSON text.
 */
@Revision(id = "m4prefs", down = "m3scroll", message = "create user_preferences from users.settings")
class CreateUserPreferences implements Migration {
    @Override
    public void upgrade(Operations op) {
        boolean h2 = op.dialect().name().equals("h2");
        op.createTable("user_preferences",
                column("id", uuid()).primaryKey().serverDefaultExpression(h2 ? "RANDOM_UUID()" : "UUID()"),
                column("user_id", uuid()).notNull(),
                column("theme", varchar(20)).notNull().serverDefault("light"),
                column("language", varchar(10)).notNull().serverDefault("en"),
                column("notifications", bool()).notNull().serverDefault(true),
                column("created_at", timestampTz()).notNull().serverDefaultExpression("CURRENT_TIMESTAMP"),
                column("updated_at", timestampTz()).notNull().serverDefaultExpression("CURRENT_TIMESTAMP"),
                foreignKey("fk_user_preferences_user", "user_id").references("users", "id").onDelete(CASCADE),
                unique("uq_user_preferences_user_id", "user_id"));
        op.execute(h2
                ? "INSERT INTO user_preferences (user_id, theme, language) SELECT id,"
                        + " REGEXP_SUBSTR(CAST(settings AS VARCHAR), '\"theme\":\"([^\"]*)\"', 1, 1, '', 1),"
                        + " REGEXP_SUBSTR(CAST(settings AS VARCHAR), '\"language\":\"([^\"]*)\"', 1, 1, '', 1)"
                        + " FROM users WHERE settings IS NOT NULL"
                : "INSERT INTO user_preferences (user_id, theme, language) SELECT id, JSON_VALUE(settings, '$.theme'),"
                        + " JSON_VALUE(settings, '$.language') FROM users WHERE settings IS NOT NULL");
        op.dropColumn("users", "settings");
    }

    @Override
    public void downgrade(Operations op) {
        boolean h2 = op.dialect().name().equals("h2");
        op.addColumn("users", column("settings", json()));
        op.execute("UPDATE users SET settings = (SELECT " + (h2
                ? "JSON_OBJECT('theme': p.theme, 'language': p.language)"
                : "JSON_OBJECT('theme', p.theme, 'language', p.language)")
                + " FROM user_preferences p WHERE p.user_id = users.id)");
        op.dropTable("user_preferences");
    }
}
