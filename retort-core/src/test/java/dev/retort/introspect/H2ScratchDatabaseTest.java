package dev.retort.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.RevisionFiles;
import dev.retort.autogen.DdlFileModel;
import dev.retort.autogen.Difference;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaDiff;
import dev.retort.dialect.Dialects;
import dev.retort.schema.QualifiedName;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2's scratch database: in memory, with the target's mode and name folding, gone when closed. */
class H2ScratchDatabaseTest {

    @TempDir
    Path project;

    @Test
    void copiesTheTargetsModeAndNameFoldingAndLeavesTheTargetAlone() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.H2);
        try (Connection target = DriverManager.getConnection(db.jdbcUrl() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                db.user(), db.password());
             ScratchDatabase scratch = Dialects.forName("h2").scratchDatabase(target)) {
            assertThat(setting(scratch.connection(), "MODE")).isEqualTo("PostgreSQL");
            assertThat(setting(scratch.connection(), "DATABASE_TO_LOWER")).isEqualToIgnoringCase("true");
            assertThat(scratch.connection().getMetaData().getURL()).startsWith("jdbc:h2:mem:retort_scratch_");
            try (Statement statement = scratch.connection().createStatement()) {
                statement.execute("CREATE TABLE book (id INTEGER PRIMARY KEY)");
            }

            assertThat(Dialects.forName("h2").introspector().read(scratch.connection(), IntrospectionFilter.excluding())
                    .table(QualifiedName.of("book"))).isPresent();
            assertThat(Dialects.forName("h2").introspector().read(target, IntrospectionFilter.excluding()).tables())
                    .isEmpty();
        }
    }

    @Test
    void isGoneOnceClosed() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.H2);
        String url;
        try (Connection target = db.connect();
             ScratchDatabase scratch = Dialects.forName("h2").scratchDatabase(target)) {
            url = scratch.connection().getMetaData().getURL();
            assertThat(setting(scratch.connection(), "MODE")).isEqualTo("REGULAR");
        }

        assertThatThrownBy(() -> DriverManager.getConnection(url + ";IFEXISTS=TRUE").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("not found");
    }

    @Test
    void aDdlModelComparesWithAnH2Database() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.H2);
        new RevisionFiles(project).write("a1", "", "base", "CREATE TABLE users (id BIGINT PRIMARY KEY);",
                "DROP TABLE users;");
        Files.writeString(project.resolve("model.sql"), """
                CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL);
                CREATE TABLE books (id BIGINT PRIMARY KEY, owner_id BIGINT REFERENCES users (id));""");
        Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
        retort.upgrade("head");

        SchemaDiff diff = retort.compare(new DdlFileModel(project.resolve("model.sql"), "model.sql"), Renames.none(),
                IntrospectionFilter.excluding());

        assertThat(diff.differences()).extracting(Difference::describe)
                .containsExactlyInAnyOrder("missing column USERS.EMAIL", "missing table BOOKS");
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
