package dev.retort.autogen.realistic;

import static dev.retort.autogen.realistic.SchemaChange.appending;
import static dev.retort.autogen.realistic.SchemaChange.batch;
import static dev.retort.autogen.realistic.SchemaChange.replacing;

import dev.retort.autogen.Renames;
import dev.retort.schema.QualifiedName;
import dev.retort.testkit.DatabaseKind;
import java.util.List;
import java.util.Map;

/**
 * The lending library on SQLite: sqlite.ddl, and a change of every kind SQLite has. SQLite alters a
 * table in place only to rename it, add, drop or rename a column; every other change of a table is
 * a rebuild, one {@code batch alter table} with all of the table's changes (described here with
 * them). Most changes replace the base's text, since SQLite has no ALTER for them. SQLite has no
 * schemas, comments, sequences, enum types of their own, extensions or storage parameters.
 */
final class SqliteRealisticSchema extends RealisticSchema {

    SqliteRealisticSchema() {
        super(DatabaseKind.SQLITE, "sqlite", "sqlite.ddl");
    }

    @Override
    public List<SchemaChange> changes() {
        return List.of(
                // tables
                appending("add table", """
                        CREATE TABLE wishlists (
                            member_id BLOB NOT NULL CONSTRAINT fk_wishlists_member REFERENCES members (id)
                                ON DELETE CASCADE,
                            book_id INTEGER NOT NULL CONSTRAINT fk_wishlists_book REFERENCES books (id),
                            added_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                            CONSTRAINT pk_wishlists PRIMARY KEY (member_id, book_id)
                        );
                        CREATE INDEX ix_wishlists_book ON wishlists (book_id);""")
                        .expect("create table wishlists"),
                appending("drop table", "DROP TABLE import_rows;")
                        .expect("drop table import_rows")
                        .warns("drops table import_rows and its data"),
                appending("rename table, hinted", "ALTER TABLE series RENAME TO book_series;")
                        .renaming(new Renames(Map.of(QualifiedName.of("series"), "book_series"), Map.of()))
                        .expect("rename table series to book_series"),
                appending("rename table, not hinted", "ALTER TABLE series RENAME TO book_series;")
                        .expect("drop table series", "create table book_series",
                                batch("series_books", "drop foreign key fk_series_books_series on series_books",
                                        "add foreign key fk_series_books_series on series_books"))
                        .warns("drops table series and its data; if it was renamed to book_series, say so with"
                                + " --rename-table series=book_series"),
                // columns
                appending("add column", "ALTER TABLE books ADD COLUMN edition INTEGER NOT NULL DEFAULT 1;")
                        .expect("add column books.edition"),
                appending("add column with a foreign key",
                        "ALTER TABLE notifications ADD COLUMN invoice_id INTEGER REFERENCES invoices (id);")
                        .expect(batch("notifications", "add column notifications.invoice_id",
                                        "add foreign key fk_notifications_invoice_id on notifications")),
                appending("drop column", "ALTER TABLE copies DROP COLUMN price_paid;")
                        .expect("drop column copies.price_paid")
                        .warns("drops column copies.price_paid and its data"),
                appending("rename column, hinted", "ALTER TABLE members RENAME COLUMN display_name TO nickname;")
                        .renaming(new Renames(Map.of(), Map.of(QualifiedName.of("members"),
                                Map.of("display_name", "nickname"))))
                        .expect("alter column members.display_name (rename to nickname)"),
                replacing("column type", "    website TEXT\n", "    website VARCHAR(300)\n")
                        .expect(batch("publishers", "alter column publishers.website (type)")),
                replacing("set NOT NULL", "    born DATE,", "    born DATE NOT NULL,")
                        .expect(batch("authors", "alter column authors.born (set NOT NULL)")),
                replacing("drop NOT NULL", "    isbn CHAR(13) NOT NULL,", "    isbn CHAR(13),")
                        .expect(batch("books", "alter column books.isbn (drop NOT NULL)")),
                replacing("add default", "    display_name VARCHAR(100),",
                        "    display_name VARCHAR(100) DEFAULT 'reader',")
                        .expect(batch("members", "alter column members.display_name (default)")),
                replacing("change default", "    floor INTEGER NOT NULL DEFAULT 0,",
                        "    floor INTEGER NOT NULL DEFAULT 1,")
                        .expect(batch("shelves", "alter column shelves.floor (default)")),
                replacing("drop default", "    language VARCHAR(8) NOT NULL DEFAULT 'en',",
                        "    language VARCHAR(8) NOT NULL,")
                        .expect(batch("books", "alter column books.language (drop default)")),
                replacing("expression default", "DEFAULT (datetime('now', '+21 days'))",
                        "DEFAULT (datetime('now', '+28 days'))")
                        .expect(batch("loans", "alter column loans.due_at (default)")),
                replacing("change collation", "    name TEXT NOT NULL COLLATE NOCASE,\n    born",
                        "    name TEXT NOT NULL COLLATE RTRIM,\n    born")
                        .expect(batch("authors", "alter column authors.name (type)")),
                replacing("generated column's expression", "GENERATED ALWAYS AS (upper(title)) VIRTUAL",
                        "GENERATED ALWAYS AS (upper(coalesce(subtitle, title))) VIRTUAL")
                        .expect(batch("books", "drop column books.title_upper", "add column books.title_upper"))
                        .warns("column books.title_upper is a generated column whose expression changed"),
                replacing("enum's values", "CHECK (status IN ('open', 'returned', 'lost'))",
                        "CHECK (status IN ('open', 'overdue', 'returned', 'lost'))")
                        .expect(batch("loans", "alter column loans.status (type)")),
                // primary keys
                replacing("add primary key", "    results INTEGER\n);",
                        "    results INTEGER,\n    CONSTRAINT pk_search_log PRIMARY KEY (query, searched_at)\n);")
                        .expect(batch("search_log", "add primary key pk_search_log on search_log")),
                replacing("drop primary key", ",\n    CONSTRAINT pk_translations PRIMARY KEY (book_id, language)", "")
                        .expect(batch("translations", "drop primary key pk_translations on translations")),
                replacing("change primary key", "CONSTRAINT pk_book_genres PRIMARY KEY (genre_id, book_id)",
                        "CONSTRAINT pk_book_genres PRIMARY KEY (book_id, genre_id)")
                        .expect(batch("book_genres", "drop primary key pk_book_genres on book_genres",
                                        "add primary key pk_book_genres on book_genres"))
                        .warns(),
                // unique constraints
                replacing("add unique", "    CONSTRAINT ck_libraries_hours",
                        "    CONSTRAINT uq_libraries_name UNIQUE (name),\n    CONSTRAINT ck_libraries_hours")
                        .expect(batch("libraries", "add unique constraint uq_libraries_name on libraries")),
                replacing("drop unique", ",\n    CONSTRAINT uq_series_books_book UNIQUE (series_id, book_id)", "")
                        .expect(batch("series_books", "drop unique constraint uq_series_books_book on series_books")),
                replacing("change unique", "CONSTRAINT uq_shelves_code UNIQUE (library_id, code)",
                        "CONSTRAINT uq_shelves_code UNIQUE (code, library_id)")
                        .expect(batch("shelves", "drop unique constraint uq_shelves_code on shelves",
                                        "add unique constraint uq_shelves_code on shelves")),
                replacing("drop an unnamed unique", "    name TEXT NOT NULL UNIQUE COLLATE NOCASE,",
                        "    name TEXT NOT NULL COLLATE NOCASE,")
                        .expect()
                        .warns("table genres has an unnamed unique constraint the model does not have"),
                // check constraints
                replacing("add check", "    volume NUMERIC(5, 1) NOT NULL,",
                        "    volume NUMERIC(5, 1) NOT NULL CONSTRAINT ck_series_books_volume CHECK (volume > 0),")
                        .expect(batch("series_books", "add check constraint ck_series_books_volume on series_books")),
                replacing("drop check",
                        ",\n    CONSTRAINT ck_staff_role CHECK (role IN ('librarian', 'manager', 'volunteer'))", "")
                        .expect(batch("staff", "drop check constraint ck_staff_role on staff")),
                replacing("change check", "CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5)",
                        "CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 0 AND 10)")
                        .expect(batch("reviews", "drop check constraint ck_reviews_rating on reviews",
                                        "add check constraint ck_reviews_rating on reviews")),
                replacing("add an unnamed check", "    raw TEXT NOT NULL,",
                        "    raw TEXT NOT NULL CHECK (length(raw) > 0),")
                        .expect(batch("import_rows", "add check constraint ck_import_rows on import_rows")),
                // foreign keys
                replacing("add foreign key", "    favourite_genre_id INTEGER,",
                        "    favourite_genre_id INTEGER CONSTRAINT fk_members_favourite_genre REFERENCES genres (id)"
                                + " ON DELETE SET NULL,")
                        .expect(batch("members", "add foreign key fk_members_favourite_genre on members")),
                replacing("drop foreign key", " CONSTRAINT fk_import_rows_book REFERENCES books (id)", "")
                        .expect(batch("import_rows", "drop foreign key fk_import_rows_book on import_rows")),
                replacing("change foreign key's action",
                        "CONSTRAINT fk_copies_shelf REFERENCES shelves (id) ON DELETE SET NULL",
                        "CONSTRAINT fk_copies_shelf REFERENCES shelves (id) ON DELETE CASCADE")
                        .expect(batch("copies", "drop foreign key fk_copies_shelf on copies",
                                        "add foreign key fk_copies_shelf on copies")),
                replacing("make a foreign key not deferrable",
                        "REFERENCES copies (id) DEFERRABLE INITIALLY DEFERRED", "REFERENCES copies (id)")
                        .expect(batch("loans", "drop foreign key fk_loans_copy on loans",
                                        "add foreign key fk_loans_copy on loans")),
                // indexes
                appending("add index", "CREATE INDEX ix_authors_name ON authors (name);")
                        .expect("create index ix_authors_name on authors"),
                appending("drop index", "DROP INDEX ix_books_priced;")
                        .expect("drop index ix_books_priced on books"),
                appending("change index columns", """
                        DROP INDEX ix_copies_book;
                        CREATE INDEX ix_copies_book ON copies (book_id, shelf_id);""")
                        .expect("drop index ix_copies_book on copies", "create index ix_copies_book on copies"),
                appending("change partial index predicate", """
                        DROP INDEX ix_loans_open;
                        CREATE INDEX ix_loans_open ON loans (due_at) WHERE status <> 'returned';""")
                        .expect("drop index ix_loans_open on loans", "create index ix_loans_open on loans"),
                appending("change expression index", """
                        DROP INDEX ix_books_title_lower;
                        CREATE INDEX ix_books_title_lower ON books (lower(title), published_on);""")
                        .expect("drop index ix_books_title_lower on books",
                                "create index ix_books_title_lower on books"),
                appending("change index collation", """
                        DROP INDEX ix_books_title_nocase;
                        CREATE INDEX ix_books_title_nocase ON books (title COLLATE RTRIM);""")
                        .expect("drop index ix_books_title_nocase on books",
                                "create index ix_books_title_nocase on books"),
                appending("make an index unique", """
                        DROP INDEX ix_members_name;
                        CREATE UNIQUE INDEX ix_members_name ON members (display_name);""")
                        .expect("drop index ix_members_name on members", "create index ix_members_name on members"),
                // views
                appending("add view", """
                        CREATE VIEW top_rated AS
                            SELECT book_id, avg(rating) AS rating FROM reviews GROUP BY book_id HAVING count(*) > 2;""")
                        .expect("create view top_rated"),
                appending("drop view", "DROP VIEW overdue_loans;")
                        .expect("drop view overdue_loans"),
                replacing("change view", "WHERE i.status = 'issued';", "WHERE i.status IN ('issued', 'draft');")
                        .expect("drop view open_invoices", "create view open_invoices"));
    }
}
