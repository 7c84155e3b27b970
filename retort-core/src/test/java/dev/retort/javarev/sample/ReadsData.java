package dev.retort.javarev.sample;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;
import java.sql.SQLException;
import java.sql.Statement;

/** Uses the connection without asking whether there is one. */
@Revision(id = "d4data", down = "c3irrev", message = "reads data")
class ReadsData implements Migration {
    @Override
    public void upgrade(Operations op) {
        try (Statement statement = op.connection().createStatement()) {
            statement.execute("UPDATE books SET pages = pages + 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
