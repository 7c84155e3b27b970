package dev.retort.dialect.postgres.examples;

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
 * The third example: user_preferences, filled from the JSON column users.preferences, which
 * then goes. The downgrade brings the column back with the data, then drops the table.
 */
@Revision(id = "pg3prefs", down = "pg2scroll", message = "move user preferences into their own table",
        created = "2025-10-22 10:15:00")
class MoveUserPreferences implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("user_preferences",
                column("id", uuid()).primaryKey().serverDefaultExpression("gen_random_uuid()"),
                column("user_id", uuid()).notNull(),
                column("theme", varchar(20)).notNull().serverDefault("light"),
                column("language", varchar(10)).notNull().serverDefault("en"),
                column("notifications_enabled", bool()).notNull().serverDefaultExpression("true"),
                column("created_at", timestampTz()).notNull().serverDefaultExpression("now()"),
                column("updated_at", timestampTz()).notNull().serverDefaultExpression("now()"),
                foreignKey("fk_user_preferences_user", "user_id").references("users", "id").onDelete(CASCADE),
                unique("uq_user_preferences_user_id", "user_id"));
        op.execute("INSERT INTO user_preferences (user_id, theme, language, notifications_enabled)"
                + " SELECT id, COALESCE(preferences->>'theme', 'light'), COALESCE(preferences->>'language', 'en'),"
                + " COALESCE((preferences->>'notifications')::boolean, true)"
                + " FROM users WHERE preferences IS NOT NULL");
        op.dropColumn("users", "preferences");
    }

    @Override
    public void downgrade(Operations op) {
        op.addColumn("users", column("preferences", json()));
        op.execute("UPDATE users SET preferences = json_build_object('theme', p.theme, 'language', p.language,"
                + " 'notifications', p.notifications_enabled) FROM user_preferences p WHERE p.user_id = users.id");
        op.dropTable("user_preferences");
    }
}
