package dev.retort.javarev.mysqlh2;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.Operations;
import java.util.Map;

/**
 * Column changes MySQL makes by restating the column: each says what the column is now, so that the
 * revision also renders offline (online, the column is read from the database).
 */
@Revision(id = "m5reshape", down = "m4prefs", message = "reshape users")
class ReshapeUsers implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.alterColumn("users", "name", c -> c.type(varchar(200)).notNull().serverDefault("reader")
                .existing(column("name", varchar(100)).comment("shown to other readers")));
        op.alterColumn("users", "email", c -> c.rename("login"));
        op.addColumn("users", column("nickname", varchar(40)).comment("optional"), ColumnPosition.after("name"));
        op.setTableOptions("users", Map.of("ENGINE", "InnoDB"));
        op.createTableComment("users", "people who read");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTableComment("users");
        op.dropColumn("users", "nickname");
        op.alterColumn("users", "login", c -> c.rename("email"));
        op.alterColumn("users", "name", c -> c.type(varchar(100)).nullable(true).dropServerDefault()
                .existing(column("name", varchar(200)).notNull().serverDefault("reader")
                        .comment("shown to other readers")));
    }
}
