package dev.retort.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MySQL's and MariaDB's scratch database: a database of its own on the target's server, with the
 * target database's character set and collation, used through the target's connection and dropped
 * on close, also after a failure.
 */
class MySqlScratchDatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void isADatabaseWithTheTargetsDefaultsOnItsConnectionDroppedOnClose(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection target = db.connect()) {
            execute(target, "ALTER DATABASE " + db.databaseName() + " CHARACTER SET ascii COLLATE ascii_bin");
            execute(target, "CREATE TABLE own (id INT PRIMARY KEY)");
            Dialect dialect = Dialects.forMetaData(target.getMetaData());
            String scratchName;
            try (ScratchDatabase scratch = dialect.scratchDatabase(target)) {
                assertThat(scratch.connection()).isSameAs(target);
                scratchName = value(target, "SELECT DATABASE()");
                assertThat(scratchName).matches("retort_scratch_[0-9a-f]{12}");
                assertThat(value(target, "SELECT @@collation_database")).isEqualTo("ascii_bin");
                execute(target, "CREATE TABLE book (id INT PRIMARY KEY, title VARCHAR(10))");

                DatabaseSchema read = dialect.introspector().read(target, IntrospectionFilter.excluding());
                assertThat(read.tables()).extracting(t -> t.name().name()).containsExactly("book");
                assertThat(read.table(QualifiedName.of("book")).orElseThrow().mysqlOptions())
                        .as("the database's collation is no option of its tables").isEmpty();
            }

            assertThat(value(target, "SELECT DATABASE()")).isEqualTo(db.databaseName());
            assertThat(scratchDatabases(target)).doesNotContain(scratchName);
            assertThat(dialect.introspector().read(target, IntrospectionFilter.excluding()).tables())
                    .extracting(t -> t.name().name()).containsExactly("own");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void isDroppedAfterAFailureToo(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection target = db.connect()) {
            Dialect dialect = Dialects.forMetaData(target.getMetaData());
            List<String> names = new ArrayList<>();
            assertThatThrownBy(() -> {
                try (ScratchDatabase scratch = dialect.scratchDatabase(target)) {
                    names.add(value(scratch.connection(), "SELECT DATABASE()"));
                    execute(scratch.connection(), "CREATE TABLE broken (id nosuchtype)");
                }
            }).isInstanceOf(SQLException.class);

            assertThat(scratchDatabases(target)).doesNotContain(names.get(0));
            assertThat(value(target, "SELECT DATABASE()")).isEqualTo(db.databaseName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aScratchDatabaseThatCannotBeDroppedIsNamedWithTheStatementThatDropsIt(DatabaseKind kind)
            throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        Connection target = db.connect();
        Dialect dialect = Dialects.forMetaData(target.getMetaData());
        ScratchDatabase scratch = dialect.scratchDatabase(target);
        String name = value(target, "SELECT DATABASE()");
        target.close(); // the connection is lost while the model is read

        assertThatThrownBy(scratch::close).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("the scratch database " + name + " could not be dropped (")
                .hasMessageEndingWith("); drop it by hand: DROP DATABASE " + name);
        try (Connection c = db.connect()) {
            assertThat(scratchDatabases(c)).contains(name);
            execute(c, "DROP DATABASE " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aUserWhoMayNotCreateDatabasesIsToldTheGrantThatLetsHim(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.freshWithOwnUser(kind);
        try (Connection target = db.connect()) {
            Dialect dialect = Dialects.forMetaData(target.getMetaData());

            assertThatThrownBy(() -> dialect.scratchDatabase(target))
                    .isInstanceOf(RetortException.class)
                    .hasMessageMatching("Comparing with a model needs a scratch database on the MariaDB server, and"
                            + " CREATE DATABASE retort_scratch_[0-9a-f]{12} failed: .*Access denied for user '"
                            + db.user() + "'@'%' to database 'retort_scratch_[0-9a-f]{12}'\\. Let the user create"
                            + " and drop the scratch databases: GRANT ALL PRIVILEGES ON"
                            + " `retort\\\\_scratch\\\\_%`\\.\\* TO '" + db.user() + "'@'%'; or compare with"
                            + " another database that has the model \\(--model db:URL\\)");
            assertThat(value(target, "SELECT DATABASE()")).isEqualTo(db.databaseName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void otherDatabasesAreNotReadFromAScratchDatabase(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        FreshDatabase other = TestDatabases.fresh(kind);
        try (Connection target = db.connect()) {
            Dialect dialect = Dialects.forMetaData(target.getMetaData());
            try (ScratchDatabase scratch = dialect.scratchDatabase(target)) {
                assertThatThrownBy(() -> dialect.introspector().read(scratch.connection(),
                        IntrospectionFilter.excluding().withSchemas(List.of(other.databaseName()))))
                        .isInstanceOf(RetortException.class)
                        .hasMessageStartingWith("A model is read from a scratch database, which holds the tables of"
                                + " one MariaDB database; a model's tables in other databases (" + other.databaseName()
                                + ") would be made in those very databases of the server");
            }
        }
    }

    private static List<String> scratchDatabases(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                     + " WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
