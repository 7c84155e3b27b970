package dev.retort.javarev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.dialect.Dialects;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQLite examples as precompiled Java revisions ({@code dev.retort.javarev.sqlite}): drop
 * an indexed column, change a column's type, add a check constraint to a table with rows, and rebuild
 * a table other tables reference ON DELETE CASCADE; up to head and back to base, every row kept, with
 * foreign keys enforced on the connection and without.
 */
class SqliteJavaRevisionsTest {

    private static final String PACKAGE = "dev.retort.javarev.sqlite";
    private static final String BOOKS = "SELECT id, title, author_id, pages, typeof(pages), progress FROM books ORDER"
            + " BY id";

    @ParameterizedTest(name = "foreign keys enforced: {0}")
    @ValueSource(booleans = {true, false})
    void theExamplesRunUpAndDownKeepingEveryRow(boolean enforced) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl() + "?foreign_keys=" + enforced)) {
            Retort retort = Retort.configure().dataSource(new OneConnection(connection)).classpathPackage(PACKAGE)
                    .load();

            retort.upgrade("s1library");
            List<String> authors = rows(connection, "SELECT * FROM authors ORDER BY id");
            assertThat(rows(connection, BOOKS)).containsExactly("1|Dune|1|412|text|12.5",
                    "2|Children of Dune|1|444|text|100.0", "3|Emma|2|474|text|0.0");

            retort.upgrade("s2dropcol");
            assertThat(columns(connection, "books")).containsExactly("id", "title", "author_id", "pages", "progress");
            assertThat(rows(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix%'"))
                    .isEmpty();
            assertThat(rows(connection, BOOKS)).containsExactly("1|Dune|1|412|text|12.5",
                    "2|Children of Dune|1|444|text|100.0", "3|Emma|2|474|text|0.0");

            retort.upgrade("s3type");
            assertThat(rows(connection, BOOKS)).containsExactly("1|Dune|1|412|integer|12.5",
                    "2|Children of Dune|1|444|integer|100.0", "3|Emma|2|474|integer|0.0");

            retort.upgrade("s4check");
            assertThat(rows(connection, BOOKS)).hasSize(3);
            assertThatThrownBy(() -> execute(connection, "UPDATE books SET progress = 150 WHERE id = 1"))
                    .hasMessageContaining("CHECK constraint failed: ck_books_progress");

            retort.upgrade("s5authors");
            assertThat(rows(connection, "SELECT * FROM authors ORDER BY id")).isEqualTo(authors);
            assertThat(rows(connection, BOOKS)).as("no ON DELETE CASCADE ran").containsExactly(
                    "1|Dune|1|412|integer|12.5", "2|Children of Dune|1|444|integer|100.0", "3|Emma|2|474|integer|0.0");
            assertThat(rows(connection, "SELECT sql FROM sqlite_master WHERE name = 'authors'")).singleElement()
                    .asString().contains("name VARCHAR(200) NOT NULL").contains("CONSTRAINT ck_authors_name CHECK");
            assertIntact(connection, enforced);

            retort.downgrade("s4check");
            assertThat(rows(connection, "SELECT * FROM authors ORDER BY id")).isEqualTo(authors);
            assertThat(rows(connection, BOOKS)).hasSize(3);
            assertIntact(connection, enforced);

            retort.downgrade("s3type");
            execute(connection, "UPDATE books SET progress = 150 WHERE id = 1");
            execute(connection, "UPDATE books SET progress = 12.5 WHERE id = 1");

            retort.downgrade("s2dropcol");
            assertThat(rows(connection, BOOKS)).containsExactly("1|Dune|1|412|text|12.5",
                    "2|Children of Dune|1|444|text|100.0", "3|Emma|2|474|text|0.0");

            retort.downgrade("s1library");
            assertThat(rows(connection, "SELECT id, title, author_name FROM books ORDER BY id"))
                    .containsExactly("1|Dune|Frank Herbert", "2|Children of Dune|Frank Herbert", "3|Emma|Jane Austen");
            assertThat(rows(connection, "SELECT name FROM pragma_index_list('books') WHERE origin = 'c'"))
                    .containsExactly("ix_books_author_name");
            assertIntact(connection, enforced);

            retort.downgrade("base");
            assertThat(rows(connection, "SELECT name FROM sqlite_master WHERE name IN ('books', 'authors')")).isEmpty();
        }
    }

    @Test
    void aRebuildThatLeavesARowWithoutItsParentFailsAndChangesNothing() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl() + "?foreign_keys=true")) {
            Retort retort = Retort.configure().dataSource(new OneConnection(connection))
                    .classpathPackage("dev.retort.javarev.sqlitefk").load();
            retort.upgrade("f1orphans");
            List<String> definition = rows(connection, "SELECT sql FROM sqlite_master WHERE name = 'children'");

            assertThatThrownBy(() -> retort.upgrade("f2fk"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessage("upgrade f2fk (classpath:dev.retort.javarev.sqlitefk.AddForeignKey) failed: after it"
                            + " rebuilt a table with foreign key enforcement off, as SQLite requires, rows break a"
                            + " foreign key: row 11 of children references a row of parents that does not exist."
                            + " Nothing of the migration is kept; make its changes keep every reference, or fix those"
                            + " rows first. The database stays at f1orphans; the failure is recorded in"
                            + " retort_history.");

            assertThat(retort.current().versionRows()).containsExactly("f1orphans");
            assertThat(rows(connection, "SELECT sql FROM sqlite_master WHERE name = 'children'")).isEqualTo(definition);
            assertThat(rows(connection, "SELECT * FROM children ORDER BY id")).containsExactly("10|1", "11|2");
            assertThat(rows(connection, "PRAGMA foreign_keys")).as("enforcement is back on").containsExactly("1");
        }
    }

    @Test
    void withOneTransactionForTheRunEnforcementIsOffForAllOfItAndBackOnAfter() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl() + "?foreign_keys=true")) {
            Retort retort = Retort.configure().dataSource(new OneConnection(connection)).classpathPackage(PACKAGE)
                    .transactionPerMigration(false).load();

            retort.upgrade("head");

            assertThat(rows(connection, BOOKS)).containsExactly("1|Dune|1|412|integer|12.5",
                    "2|Children of Dune|1|444|integer|100.0", "3|Emma|2|474|integer|0.0");
            assertIntact(connection, true);

            retort.downgrade("s1library");

            assertThat(rows(connection, "SELECT count(*) FROM books")).containsExactly("3");
            assertIntact(connection, true);
        }
    }

    @Test
    void withOneTransactionForTheRunABrokenReferenceRollsBackEveryStep() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl() + "?foreign_keys=true")) {
            Retort retort = Retort.configure().dataSource(new OneConnection(connection))
                    .classpathPackage("dev.retort.javarev.sqlitefk").transactionPerMigration(false).load();

            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("rows break a foreign key: row 11 of children references a row of parents"
                            + " that does not exist")
                    .hasMessageContaining("The database stays at base");

            assertThat(rows(connection, "SELECT name FROM sqlite_master WHERE name IN ('parents', 'children')"))
                    .isEmpty();
            assertThat(rows(connection, "PRAGMA foreign_keys")).containsExactly("1");
        }
    }

    @Test
    void anOfflineScriptTurnsForeignKeysOffAroundARebuildGivenTheTablesDefinition() {
        Retort retort = Retort.configure().classpathPackage(PACKAGE).load();

        String sql = retort.upgradeSql("s3type:s4check", Dialects.forName("sqlite"));

        String step = sql.substring(sql.indexOf("-- A table is rebuilt below"));
        assertThat(step).startsWith("""
                -- A table is rebuilt below: foreign key enforcement goes off first (it cannot change inside a \
                transaction), and stays off for the rest of this script
                PRAGMA foreign_keys = OFF;

                BEGIN;

                -- Running upgrade s3type -> s4check

                CREATE TABLE _retort_tmp_books (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title VARCHAR(200) NOT NULL,
                    author_id INTEGER NOT NULL,
                    pages INTEGER,
                    progress DOUBLE PRECISION DEFAULT 0.0 NOT NULL,
                    CONSTRAINT ck_books_progress CHECK (progress >= 0.0 AND progress <= 100.0),
                    CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE
                );

                INSERT INTO _retort_tmp_books (id, title, author_id, pages, progress)
                SELECT id, title, author_id, pages, progress FROM books;

                UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = \
                'books' COLLATE NOCASE), 0)) WHERE name = '_retort_tmp_books';

                INSERT INTO sqlite_sequence (name, seq) SELECT '_retort_tmp_books', seq FROM sqlite_sequence WHERE \
                name = 'books' COLLATE NOCASE AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = \
                '_retort_tmp_books');

                DROP TABLE books;

                PRAGMA legacy_alter_table = ON;

                ALTER TABLE _retort_tmp_books RENAME TO books;

                PRAGMA legacy_alter_table = OFF;

                UPDATE retort_version SET version_num = 's4check' WHERE version_num = 's3type';
                """);
        assertThat(step).contains("""
                -- Lists the rows that break a foreign key, if any: they must be fixed before COMMIT
                PRAGMA foreign_key_check;

                COMMIT;
                """);
    }

    @Test
    void offlineABatchWithoutTheTablesDefinitionIsRefusedNamingTheRevisionLine() {
        Retort retort = Retort.configure().classpathPackage(PACKAGE).load();

        assertThatThrownBy(() -> retort.upgradeSql("s2dropcol:s3type", Dialects.forName("sqlite")))
                .isInstanceOf(RetortException.class)
                .hasMessage("classpath:" + PACKAGE + ".ChangeColumnType:15: SQLite cannot batch alter table books (1"
                        + " change): rebuilding the table needs its definition, which an offline script cannot read."
                        + " Give it to the batch, as Alembic's copy_from: op.batchAlterTable(\"books\", Table.of("
                        + "QualifiedName.of(\"books\"), column(...), ...), b -> ...), or run this revision online");
    }

    private static void assertIntact(Connection connection, boolean enforced) throws SQLException {
        assertThat(rows(connection, "PRAGMA foreign_key_check")).isEmpty();
        assertThat(rows(connection, "PRAGMA foreign_keys")).as("enforcement as the connection had it")
                .containsExactly(enforced ? "1" : "0");
        assertThat(rows(connection, "SELECT name FROM sqlite_master WHERE name LIKE '_retort_tmp%'")).isEmpty();
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        return rows(connection, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /**
     * Hands retort the same connection each time and ignores its {@code close()}, so that the test
     * sees the connection's state (its {@code PRAGMA foreign_keys}) after a run, as a pool would.
     */
    private static final class OneConnection implements DataSource {
        private final Connection connection;

        OneConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, arguments);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
