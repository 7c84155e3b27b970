package dev.retort.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.introspect.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The scratch database a model is applied to on SQLite: private, in memory, gone when closed. */
class SqliteScratchDatabaseTest {

    @Test
    void itIsAnEmptyPrivateDatabaseWithTheTargetsAlterTableBehaviourAndNothingOfTheTargetsTables()
            throws SQLException {
        try (SqliteHarness target = SqliteHarness.fresh()) {
            target.execute("CREATE TABLE target_only (id INTEGER)", "PRAGMA legacy_alter_table = ON");
            ScratchDatabase scratch = target.dialect.scratchDatabase(target.connection);
            ScratchDatabase other = target.dialect.scratchDatabase(target.connection);
            Connection connection = scratch.connection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE model_only (id INTEGER)");
                assertThat(single(statement, "PRAGMA legacy_alter_table")).isEqualTo(1);
                assertThat(single(statement, "SELECT count(*) FROM sqlite_master WHERE name = 'target_only'"))
                        .isZero();
            }
            try (Statement statement = other.connection().createStatement()) {
                assertThat(single(statement, "SELECT count(*) FROM sqlite_master")).isZero();
            }
            scratch.close();
            other.close();

            assertThat(connection.isClosed()).isTrue();
            try (Statement statement = target.connection.createStatement()) {
                assertThat(single(statement, "SELECT count(*) FROM sqlite_master WHERE name = 'model_only'"))
                        .isZero();
            }
        }
    }

    private static int single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
