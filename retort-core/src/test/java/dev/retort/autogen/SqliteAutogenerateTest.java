package dev.retort.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionFiles;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database vs DDL model on real SQLite files: differences, operations that remove them (a table's
 * changes that SQLite's ALTER TABLE cannot make gathered into one rebuild), and back, rows kept.
 */
class SqliteAutogenerateTest {

    @TempDir
    Path project;

    private static final String BASE = """
            CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL, nickname TEXT,
                mood TEXT CONSTRAINT ck_users_mood_enum CHECK (mood IN ('sad', 'ok')));
            CREATE TABLE books (id INTEGER PRIMARY KEY, owner_id INTEGER CONSTRAINT fk_books_owner
                REFERENCES users (id), title TEXT, legacy TEXT, CHECK (length(title) < 500));
            CREATE INDEX ix_books_title ON books (title);
            CREATE INDEX ix_books_legacy ON books (legacy);
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, draft TEXT);
            CREATE INDEX ix_notes_draft ON notes (draft);
            INSERT INTO users (id, email, nickname, mood) VALUES (1, 'a@example.com', 'a', 'sad'),
                (2, 'b@example.com', NULL, NULL);
            INSERT INTO books (id, owner_id, title, legacy) VALUES (10, 1, 'Dune', 'x'), (11, 2, 'Emma', NULL);
            INSERT INTO notes (id, body, draft) VALUES (100, 'hello', 'd');""";

    private static final String MODEL = """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                email VARCHAR(300) NOT NULL CONSTRAINT uq_users_email UNIQUE,
                nickname TEXT DEFAULT 'anon',
                mood TEXT DEFAULT 'ok' CONSTRAINT ck_users_mood_enum CHECK (mood IN ('sad', 'ok', 'happy')),
                created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
            );
            CREATE TABLE reviews (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                book_id INTEGER NOT NULL CONSTRAINT fk_reviews_book REFERENCES books (id),
                body TEXT CHECK (length(body) > 0)
            );
            CREATE TABLE books (
                id INTEGER PRIMARY KEY,
                owner_id INTEGER CONSTRAINT fk_books_owner REFERENCES users (id) ON DELETE CASCADE,
                title TEXT NOT NULL DEFAULT '',
                pages INTEGER,
                shout TEXT GENERATED ALWAYS AS (upper(title)) STORED,
                CHECK (length(title) < 500),
                CONSTRAINT ck_books_pages CHECK (pages > 0)
            );
            CREATE INDEX ix_books_title ON books (lower(title) DESC);
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, pinned BOOLEAN NOT NULL DEFAULT 0);
            CREATE INDEX ix_notes_pinned ON notes (pinned) WHERE pinned = 1;
            CREATE VIEW titled AS SELECT id, title FROM books WHERE title IS NOT NULL;""";

    private Retort retort(FreshDatabase db) throws IOException {
        new RevisionFiles(project).write("a1", "", "base", BASE, "DROP TABLE books; DROP TABLE users;"
                + " DROP TABLE notes;");
        Files.writeString(project.resolve("model.sql"), MODEL);
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    private DdlFileModel model() {
        return new DdlFileModel(project.resolve("model.sql"), "model.sql");
    }

    @Test
    void theOperationsOfTheDiffMakeTheDatabaseMatchAndTheirInversesRestoreItRowsAndAll() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = retort(db);
        retort.upgrade("head");
        DatabaseSchema before = retort.inspect(IntrospectionFilter.excluding());
        List<String> rowsBefore = rows(db);

        SchemaDiff diff = retort.compare(model(), Renames.none(), IntrospectionFilter.excluding());

        assertThat(diff.differences()).extracting(Difference::describe).contains(
                "missing table reviews", "missing view titled", "changed column users.email (type)",
                "changed column users.nickname (default)", "changed column users.mood (type, default)",
                "missing unique constraint uq_users_email on users", "changed column books.title (nullable, default)",
                "unexpected column books.legacy", "missing check constraint ck_books_pages on books",
                "changed index ix_books_title on books (definition)",
                "changed foreign key fk_books_owner on books (definition)", "missing column notes.pinned",
                "unexpected column notes.draft");
        assertThat(diff.warnings()).containsExactly("drops column books.legacy and its data; if it was renamed to"
                + " shout, say so with --rename-column books.legacy=shout (or @RenamedFrom) and run again",
                "drops column notes.draft and its data");
        // what SQLite's ALTER TABLE cannot do rebuilds the table once, with all of its changes; notes
        // only adds a column SQLite can add and drops one whose index goes first, so it stays in place
        assertThat(described(diff.upgrade())).containsExactly("drop index ix_notes_draft on notes",
                "create table reviews", "batch alter table books (10 changes)", "add column notes.pinned",
                "batch alter table users (5 changes)", "drop column notes.draft",
                "create index ix_notes_pinned on notes", "create view titled");
        BatchAlterTable books = (BatchAlterTable) diff.upgrade().get(2);
        assertThat(described(books.operations())).containsExactly("drop foreign key fk_books_owner on books",
                "drop index ix_books_title on books", "drop index ix_books_legacy on books",
                "alter column books.title (set NOT NULL, default)", "add column books.pages",
                "add column books.shout", "drop column books.legacy", "add check constraint ck_books_pages on books",
                "create index ix_books_title on books", "add foreign key fk_books_owner on books");
        assertThat(books.copyFrom()).isEqualTo(before.table(books.table()));

        apply(db, diff.upgrade());
        assertThat(retort.compare(model(), Renames.none(), IntrospectionFilter.excluding()).differences()).isEmpty();
        assertThat(rows(db)).contains("users 1 a@example.com a sad", "books 10 1 Dune", "notes 100 hello");

        apply(db, diff.downgrade());
        assertThat(retort.inspect(IntrospectionFilter.excluding())).isEqualTo(before);
        assertThat(rows(db)).isEqualTo(rowsBefore);
    }

    @Test
    void aSqlRevisionOfTheDiffRebuildsOfflineAndSaysWhatThatLeavesUndone() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = retort(db);
        retort.upgrade("head");

        SchemaDiff diff = retort.compare(model(), Renames.none(), IntrospectionFilter.excluding());
        String up = RevisionBodies.sql(diff, Dialects.forName("sqlite")).upgrade();

        assertThat(up).contains("-- WARNING: this rebuilds table books (SQLite's ALTER TABLE cannot make these"
                + " changes) from its definition as it was read when this revision was written")
                .contains("CREATE TABLE _retort_tmp_books (").contains("INSERT INTO _retort_tmp_books (")
                .contains("DROP TABLE books;").contains("ALTER TABLE _retort_tmp_books RENAME TO books;")
                .contains("ALTER TABLE notes ADD COLUMN pinned BOOLEAN DEFAULT 0 NOT NULL;");
        assertThat(up).doesNotContain("WARNING: this rebuilds table notes");
    }

    @Test
    void anUnchangedDatabaseShowsNoDifference() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = retort(db);
        retort.upgrade("head");
        Files.writeString(project.resolve("same.sql"), BASE.substring(0, BASE.indexOf("INSERT")));

        SchemaDiff diff = retort.compare(new DdlFileModel(project.resolve("same.sql"), "same.sql"), Renames.none(),
                IntrospectionFilter.excluding());

        assertThat(diff.differences()).isEmpty();
    }

    @Test
    void unnamedConstraintsTheModelAddsAreMatchedByDefinitionOnceTheyHaveANameOfTheirOwn() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = retort(db);
        retort.upgrade("head");
        Files.writeString(project.resolve("checks.sql"), """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL CHECK (email LIKE '%@%'),
                    nickname TEXT CHECK (nickname <> ''),
                    mood TEXT CONSTRAINT ck_users_mood_enum CHECK (mood IN ('sad', 'ok')), UNIQUE (email));
                CREATE TABLE books (id INTEGER PRIMARY KEY, owner_id INTEGER CONSTRAINT fk_books_owner
                    REFERENCES users (id), title TEXT, legacy TEXT, CHECK (length(title) < 500));
                CREATE INDEX ix_books_title ON books (title);
                CREATE INDEX ix_books_legacy ON books (legacy);
                CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, draft TEXT);
                CREATE INDEX ix_notes_draft ON notes (draft);""");
        DdlFileModel checks = new DdlFileModel(project.resolve("checks.sql"), "checks.sql");

        SchemaDiff diff = retort.compare(checks, Renames.none(), IntrospectionFilter.excluding());
        BatchAlterTable users = (BatchAlterTable) diff.upgrade().get(0);

        // two unnamed checks of one table get two names
        assertThat(described(users.operations())).containsExactly("add unique constraint uq_users_email on users",
                "add check constraint ck_users on users", "add check constraint ck_users_2 on users");
        apply(db, diff.upgrade());
        assertThat(retort.compare(checks, Renames.none(), IntrospectionFilter.excluding()).differences()).isEmpty();
    }

    @Test
    void aModelStatementSqliteRefusesNamesTheFileAndLine() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = retort(db);
        retort.upgrade("head");
        Files.writeString(project.resolve("bad.sql"), "CREATE TABLE ok (id INTEGER);\n\nCREATE INDEX ix ON nosuchtable"
                + " (id);");

        assertThatThrownBy(() -> retort.compare(new DdlFileModel(project.resolve("bad.sql"), "bad.sql"),
                Renames.none(), IntrospectionFilter.excluding()))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("bad.sql:3: SQLite refuses the model's statement 2 (CREATE INDEX ix ON"
                        + " nosuchtable (id)): [SQLITE_ERROR] SQL error or missing database (no such table:"
                        + " main.nosuchtable)");
    }

    private static List<String> described(List<Operation> operations) {
        return operations.stream().map(Operation::describe).toList();
    }

    /** The rows of the columns that both the database and the model have. */
    private static List<String> rows(FreshDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String query : List.of("SELECT 'users', id, email, nickname, mood FROM users ORDER BY id",
                    "SELECT 'books', id, owner_id, title FROM books ORDER BY id",
                    "SELECT 'notes', id, body FROM notes ORDER BY id")) {
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(i == 1 ? "" : " ").append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    /** Applies the operations as an offline script would: rendered without a database, run in order. */
    private static void apply(FreshDatabase db, List<Operation> operations) throws SQLException {
        Dialect dialect = Dialects.forName("sqlite");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Operation operation : operations) {
                for (RenderedStatement sql : dialect.render(operation, RenderContext.OFFLINE)) {
                    s.execute(sql.sql());
                }
            }
        }
    }
}
