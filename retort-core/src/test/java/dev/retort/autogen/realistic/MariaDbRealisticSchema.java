package dev.retort.autogen.realistic;

import static dev.retort.autogen.realistic.SchemaChange.appending;
import static dev.retort.autogen.realistic.SchemaChange.replacing;

import dev.retort.autogen.Renames;
import dev.retort.dialect.Dialects;
import dev.retort.schema.QualifiedName;
import dev.retort.testkit.DatabaseKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The lending library on MariaDB: mariadb.ddl, and a change of every kind MariaDB has; through
 * MariaDB's driver ({@link DatabaseKind#MARIADB}) or MySQL's ({@link DatabaseKind#MYSQL}), against the
 * test kit's MariaDB server either way (the MySQL dialect's SQL for a MySQL server differs: sequences,
 * {@code DEFAULT (NEXT VALUE FOR ...)} and Aria tables are MariaDB's).
 *
 * <p>Not compared here, as retort refuses it on these servers: tables in other databases (a model is
 * read from a scratch database, which holds one database's tables; MySqlIntrospector says
 * so, and MySqlAutogenerateTest asserts its message). MariaDB has no partial or expression
 * indexes, deferrable constraints, enum types of their own, extensions or storage parameters.
 */
final class MariaDbRealisticSchema extends RealisticSchema {

    MariaDbRealisticSchema(DatabaseKind kind) {
        super(kind, "mariadb", "mariadb.ddl");
    }

    @Override
    void checkServer(AutogenerateProject project) {
        try (Connection connection = project.database().connect()) {
            if (!Dialects.forMetaData(connection.getMetaData()).name().equals("mariadb")) {
                throw new AssertionError(this + ": the realistic schema is MariaDB's (its sequences, Aria tables"
                        + " and DEFAULT (NEXT VALUE FOR ...)), and " + kind() + " reached "
                        + connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion());
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public List<SchemaChange> changes() {
        return List.of(
                // tables
                appending("add table", """
                        CREATE TABLE wishlists (
                            member_id CHAR(36) NOT NULL,
                            book_id BIGINT NOT NULL,
                            added_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                            PRIMARY KEY (member_id, book_id),
                            CONSTRAINT fk_wishlists_member FOREIGN KEY (member_id) REFERENCES members (id)
                                ON DELETE CASCADE,
                            CONSTRAINT fk_wishlists_book FOREIGN KEY (book_id) REFERENCES books (id)
                        );
                        CREATE INDEX ix_wishlists_book ON wishlists (book_id);""")
                        .expect("create table wishlists"),
                appending("drop table", "DROP TABLE import_rows;")
                        .expect("drop table import_rows")
                        .warns("drops table import_rows and its data"),
                appending("rename table, hinted", "RENAME TABLE series TO book_series;")
                        .renaming(new Renames(Map.of(QualifiedName.of("series"), "book_series"), Map.of()))
                        .expect("rename table series to book_series"),
                appending("rename table, not hinted", "RENAME TABLE series TO book_series;")
                        .expect("drop foreign key fk_series_books_series on series_books", "drop table series",
                                "create table book_series", "add foreign key fk_series_books_series on series_books")
                        .warns("drops table series and its data; if it was renamed to book_series, say so with"
                                + " --rename-table series=book_series"),
                appending("add table comment", "ALTER TABLE authors COMMENT 'who wrote the books';")
                        .expect("set the comment of table authors"),
                appending("change table comment", "ALTER TABLE books COMMENT 'one row per edition and printing';")
                        .expect("set the comment of table books"),
                appending("drop table comment", "ALTER TABLE audit_log COMMENT '';")
                        .expect("drop the comment of table audit_log"),
                // retort does not change a table's engine or collation (going back to a default needs its name)
                appending("change engine", "ALTER TABLE search_log ENGINE = InnoDB;")
                        .expect()
                        .warns("table search_log has the options ENGINE = MyISAM and the model of the defaults"),
                appending("change collation",
                        "ALTER TABLE settings CONVERT TO CHARACTER SET latin1 COLLATE latin1_bin;")
                        .expect()
                        .warns("table settings has the options COLLATE = ascii_bin and the model COLLATE = latin1_bin"),
                // columns
                appending("add column", "ALTER TABLE books ADD COLUMN edition SMALLINT NOT NULL DEFAULT 1;")
                        .expect("add column books.edition"),
                appending("drop column", "ALTER TABLE copies DROP COLUMN price_paid;")
                        .expect("drop column copies.price_paid")
                        .warns("drops column copies.price_paid and its data"),
                appending("rename column, hinted", "ALTER TABLE members RENAME COLUMN display_name TO nickname;")
                        .renaming(new Renames(Map.of(), Map.of(QualifiedName.of("members"),
                                Map.of("display_name", "nickname"))))
                        .expect("alter column members.display_name (rename to nickname)"),
                appending("column type", "ALTER TABLE publishers MODIFY website VARCHAR(300);")
                        .expect("alter column publishers.website (type)"),
                appending("column type with a default", "ALTER TABLE reviews MODIFY helpful_votes BIGINT NOT NULL"
                        + " DEFAULT 0;")
                        .expect("alter column reviews.helpful_votes (type)"),
                appending("inline enum's values", "ALTER TABLE loans MODIFY status ENUM('open', 'overdue',"
                        + " 'returned', 'lost') NOT NULL DEFAULT 'open';")
                        .expect("alter column loans.status (type)"),
                appending("set's values", "ALTER TABLE books MODIFY formats SET('print', 'ebook', 'audio', 'braille')"
                        + " NOT NULL DEFAULT 'print';")
                        .expect("alter column books.formats (type)"),
                appending("set NOT NULL", "ALTER TABLE authors MODIFY born DATE NOT NULL;")
                        .expect("alter column authors.born (set NOT NULL)"),
                appending("drop NOT NULL", "ALTER TABLE books MODIFY isbn CHAR(13) COMMENT 'ISBN-13, digits only';")
                        .expect("alter column books.isbn (drop NOT NULL)"),
                appending("add default", "ALTER TABLE members ALTER COLUMN display_name SET DEFAULT 'reader';")
                        .expect("alter column members.display_name (default)"),
                appending("change default", "ALTER TABLE shelves ALTER COLUMN floor SET DEFAULT 1;")
                        .expect("alter column shelves.floor (default)"),
                appending("drop default", "ALTER TABLE books ALTER COLUMN language DROP DEFAULT;")
                        .expect("alter column books.language (drop default)"),
                appending("change expression default", "ALTER TABLE loans ALTER COLUMN due_at SET DEFAULT"
                        + " (CURRENT_TIMESTAMP(6) + INTERVAL 28 DAY);")
                        .expect("alter column loans.due_at (default)"),
                appending("add column comment", "ALTER TABLE books MODIFY title VARCHAR(500) NOT NULL"
                        + " COMMENT 'as printed on the cover';")
                        .expect("alter column books.title (comment)"),
                appending("drop column comment", "ALTER TABLE authors MODIFY bio TEXT;")
                        .expect("alter column authors.bio (drop comment)"),
                appending("change ON UPDATE", "ALTER TABLE reading_progress MODIFY updated_at DATETIME(6) NOT NULL"
                        + " DEFAULT CURRENT_TIMESTAMP(6);")
                        .expect("alter column reading_progress.updated_at (type)"),
                replacing("stored generated column's expression", "AS (LOWER(COALESCE(subtitle, title))) STORED",
                        "AS (LOWER(title)) STORED")
                        .expect("drop column books.sort_title", "add column books.sort_title")
                        .warns("column books.sort_title is a generated column whose expression changed")
                        .movesColumnsLast(),
                replacing("virtual generated column's expression", "AS (UPPER(title)) VIRTUAL",
                        "AS (UPPER(COALESCE(subtitle, title))) VIRTUAL")
                        .expect("alter column books.title_upper (type)"),
                // primary keys
                appending("add primary key", "ALTER TABLE search_log ADD PRIMARY KEY (query, searched_at);")
                        .expect("add primary key PRIMARY on search_log"),
                appending("drop primary key", "ALTER TABLE settings DROP PRIMARY KEY;")
                        .expect("drop primary key PRIMARY on settings"),
                appending("change primary key", "ALTER TABLE sessions DROP PRIMARY KEY,"
                        + " ADD PRIMARY KEY (token, member_id);")
                        .expect("drop primary key PRIMARY on sessions", "add primary key PRIMARY on sessions"),
                // unique constraints
                appending("add unique", "ALTER TABLE libraries ADD CONSTRAINT uq_libraries_name UNIQUE (name);")
                        .expect("add unique constraint uq_libraries_name on libraries"),
                appending("drop unique", "ALTER TABLE series_books DROP INDEX uq_series_books_book;")
                        .expect("drop unique constraint uq_series_books_book on series_books"),
                appending("change unique", "ALTER TABLE invoices DROP INDEX uq_invoices_number,"
                        + " ADD CONSTRAINT uq_invoices_number UNIQUE (number, account_id);")
                        .expect("drop unique constraint uq_invoices_number on invoices",
                                "add unique constraint uq_invoices_number on invoices"),
                // check constraints
                appending("add check",
                        "ALTER TABLE series_books ADD CONSTRAINT ck_series_books_volume CHECK (volume > 0);")
                        .expect("add check constraint ck_series_books_volume on series_books"),
                appending("drop check", "ALTER TABLE staff DROP CONSTRAINT ck_staff_role;")
                        .expect("drop check constraint ck_staff_role on staff"),
                appending("change check", """
                        ALTER TABLE libraries DROP CONSTRAINT ck_libraries_hours;
                        ALTER TABLE libraries ADD CONSTRAINT ck_libraries_hours CHECK (closes >= opens);""")
                        .expect("drop check constraint ck_libraries_hours on libraries",
                                "add check constraint ck_libraries_hours on libraries"),
                replacing("change a column check", "CHECK (rating BETWEEN 1 AND 5)", "CHECK (rating BETWEEN 0 AND 10)")
                        .expect("alter column reviews.rating (type)"),
                // foreign keys
                appending("add foreign key", """
                        ALTER TABLE members ADD CONSTRAINT fk_members_favourite_genre
                            FOREIGN KEY (favourite_genre_id) REFERENCES genres (id) ON DELETE SET NULL;""")
                        .expect("create index fk_members_favourite_genre on members",
                                "add foreign key fk_members_favourite_genre on members"),
                appending("drop foreign key", "ALTER TABLE import_rows DROP FOREIGN KEY fk_import_rows_book;")
                        .expect("drop foreign key fk_import_rows_book on import_rows"),
                appending("change foreign key's action", """
                        ALTER TABLE copies DROP FOREIGN KEY fk_copies_shelf;
                        ALTER TABLE copies ADD CONSTRAINT fk_copies_shelf
                            FOREIGN KEY (shelf_id) REFERENCES shelves (id) ON DELETE CASCADE;""")
                        .expect("drop foreign key fk_copies_shelf on copies",
                                "add foreign key fk_copies_shelf on copies"),
                // indexes
                appending("add index", "CREATE INDEX ix_authors_name ON authors (name);")
                        .expect("create index ix_authors_name on authors"),
                appending("drop index", "DROP INDEX ix_books_priced ON books;")
                        .expect("drop index ix_books_priced on books"),
                // the index serves the foreign key on book_id: InnoDB takes its change in one statement
                appending("change index columns",
                        "ALTER TABLE copies DROP INDEX ix_copies_book, ADD INDEX ix_copies_book (book_id, shelf_id);")
                        .expect("drop foreign key fk_copies_book on copies", "drop index ix_copies_book on copies",
                                "create index ix_copies_book on copies", "add foreign key fk_copies_book on copies"),
                appending("change index prefix", """
                        DROP INDEX ix_books_title ON books;
                        CREATE INDEX ix_books_title ON books (title(60));""")
                        .expect("drop index ix_books_title on books", "create index ix_books_title on books"),
                appending("change full-text index", """
                        DROP INDEX ix_books_fulltext ON books;
                        CREATE FULLTEXT INDEX ix_books_fulltext ON books (title);""")
                        .expect("drop index ix_books_fulltext on books", "create index ix_books_fulltext on books"),
                appending("make an index unique", """
                        DROP INDEX ix_members_name ON members;
                        CREATE UNIQUE INDEX ix_members_name ON members (display_name);""")
                        .expect("drop index ix_members_name on members",
                                "add unique constraint ix_members_name on members"),
                // views
                appending("add view", """
                        CREATE VIEW top_rated AS
                            SELECT book_id, AVG(rating) AS rating FROM reviews GROUP BY book_id HAVING COUNT(*) > 2;""")
                        .expect("create view top_rated"),
                appending("drop view", "DROP VIEW overdue_loans;")
                        .expect("drop view overdue_loans"),
                appending("change view", """
                        CREATE OR REPLACE VIEW open_invoices AS
                            SELECT i.id, i.account_id, i.total FROM invoices i
                            WHERE i.status IN ('issued', 'draft');""")
                        .expect("drop view open_invoices", "create view open_invoices"),
                // sequences
                appending("add sequence", "CREATE SEQUENCE barcode_numbers START WITH 500;")
                        .expect("create sequence barcode_numbers"),
                appending("drop sequence", "DROP SEQUENCE legacy_member_ids;")
                        .expect("drop sequence legacy_member_ids"),
                appending("change sequence", "ALTER SEQUENCE ticket_numbers INCREMENT BY 5;")
                        .warns("sequence ticket_numbers differs from the model in its options"));
    }

    @Override
    public String toString() {
        return kind() == DatabaseKind.MYSQL ? "MySQL driver on MariaDB" : "MariaDB";
    }
}
