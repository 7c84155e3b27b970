package dev.retort.autogen.realistic;

import static dev.retort.autogen.realistic.SchemaChange.appending;
import static dev.retort.autogen.realistic.SchemaChange.removing;
import static dev.retort.autogen.realistic.SchemaChange.replacing;

import dev.retort.autogen.Renames;
import dev.retort.schema.QualifiedName;
import dev.retort.testkit.DatabaseKind;
import java.util.List;
import java.util.Map;

/**
 * The lending library on H2: h2.ddl, and a change of every kind H2 has. Names are H2's: upper case.
 * H2 has no partial or expression indexes, index methods or operator classes, deferrable constraints,
 * enum types of their own, extensions or storage parameters.
 */
final class H2RealisticSchema extends RealisticSchema {

    H2RealisticSchema() {
        super(DatabaseKind.H2, "h2", "h2.ddl");
    }

    @Override
    public List<String> schemas() {
        return List.of("BILLING", "ARCHIVE");
    }

    @Override
    public List<SchemaChange> changes() {
        return List.of(
                // tables
                appending("add table", """
                        CREATE TABLE wishlists (
                            member_id UUID NOT NULL REFERENCES members (id) ON DELETE CASCADE,
                            book_id BIGINT NOT NULL REFERENCES books (id),
                            added_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
                            PRIMARY KEY (member_id, book_id)
                        );
                        CREATE INDEX ix_wishlists_book ON wishlists (book_id);""")
                        .expect("create table WISHLISTS"),
                appending("add table in another schema", """
                        CREATE TABLE billing.refunds (
                            payment_id BIGINT PRIMARY KEY REFERENCES billing.payments (id),
                            amount NUMERIC(12, 2) NOT NULL,
                            member_id UUID REFERENCES public.members (id)
                        );""")
                        .expect("create table BILLING.REFUNDS"),
                appending("drop table", "DROP TABLE import_rows;")
                        .expect("drop table IMPORT_ROWS")
                        .warns("drops table IMPORT_ROWS and its data"),
                appending("rename table, hinted", "ALTER TABLE series RENAME TO book_series;")
                        .renaming(new Renames(Map.of(QualifiedName.of("SERIES"), "BOOK_SERIES"), Map.of()))
                        .expect("rename table SERIES to BOOK_SERIES"),
                appending("rename table, not hinted", "ALTER TABLE series RENAME TO book_series;")
                        .expect("drop foreign key FK_SERIES_BOOKS_SERIES on SERIES_BOOKS", "drop table SERIES",
                                "create table BOOK_SERIES", "add foreign key FK_SERIES_BOOKS_SERIES on SERIES_BOOKS")
                        .warns("drops table SERIES and its data; if it was renamed to BOOK_SERIES, say so with"
                                + " --rename-table SERIES=BOOK_SERIES"),
                appending("add table comment", "COMMENT ON TABLE authors IS 'who wrote the books';")
                        .expect("set the comment of table AUTHORS"),
                appending("change table comment", "COMMENT ON TABLE books IS 'one row per edition and printing';")
                        .expect("set the comment of table BOOKS"),
                appending("drop table comment", "COMMENT ON TABLE audit_log IS NULL;")
                        .expect("drop the comment of table AUDIT_LOG"),
                // columns
                appending("add column", "ALTER TABLE books ADD COLUMN edition SMALLINT DEFAULT 1 NOT NULL;")
                        .expect("add column BOOKS.EDITION"),
                appending("drop column", "ALTER TABLE copies DROP COLUMN price_paid;")
                        .expect("drop column COPIES.PRICE_PAID")
                        .warns("drops column COPIES.PRICE_PAID and its data"),
                appending("rename column, hinted",
                        "ALTER TABLE members ALTER COLUMN display_name RENAME TO nickname;")
                        .renaming(new Renames(Map.of(), Map.of(QualifiedName.of("MEMBERS"),
                                Map.of("DISPLAY_NAME", "NICKNAME"))))
                        .expect("alter column MEMBERS.DISPLAY_NAME (rename to NICKNAME)"),
                appending("column type", "ALTER TABLE publishers ALTER COLUMN website SET DATA TYPE VARCHAR(2000);")
                        .expect("alter column PUBLISHERS.WEBSITE (type)"),
                appending("column type with a default",
                        "ALTER TABLE reviews ALTER COLUMN helpful_votes SET DATA TYPE BIGINT;")
                        .expect("alter column REVIEWS.HELPFUL_VOTES (type)"),
                appending("inline enum's values", """
                        ALTER TABLE loans ALTER COLUMN status
                            SET DATA TYPE ENUM('open', 'overdue', 'returned', 'lost');""")
                        .expect("alter column LOANS.STATUS (type)"),
                appending("set NOT NULL", "ALTER TABLE authors ALTER COLUMN born SET NOT NULL;")
                        .expect("alter column AUTHORS.BORN (set NOT NULL)"),
                appending("drop NOT NULL", "ALTER TABLE books ALTER COLUMN isbn SET NULL;")
                        .expect("alter column BOOKS.ISBN (drop NOT NULL)"),
                appending("add default", "ALTER TABLE members ALTER COLUMN display_name SET DEFAULT 'reader';")
                        .expect("alter column MEMBERS.DISPLAY_NAME (default)"),
                appending("change default", "ALTER TABLE shelves ALTER COLUMN floor SET DEFAULT 1;")
                        .expect("alter column SHELVES.FLOOR (default)"),
                appending("drop default", "ALTER TABLE books ALTER COLUMN language DROP DEFAULT;")
                        .expect("alter column BOOKS.LANGUAGE (drop default)"),
                appending("add column comment", "COMMENT ON COLUMN books.title IS 'as printed on the cover';")
                        .expect("alter column BOOKS.TITLE (comment)"),
                appending("drop column comment", "COMMENT ON COLUMN authors.bio IS NULL;")
                        .expect("alter column AUTHORS.BIO (drop comment)"),
                replacing("generated column's expression", "GENERATED ALWAYS AS (UPPER(title))",
                        "GENERATED ALWAYS AS (UPPER(COALESCE(subtitle, title)))")
                        .expect("drop index IX_BOOKS_TITLE_UPPER on BOOKS", "drop column BOOKS.TITLE_UPPER",
                                "add column BOOKS.TITLE_UPPER", "create index IX_BOOKS_TITLE_UPPER on BOOKS")
                        .warns("column BOOKS.TITLE_UPPER is a generated column whose expression changed")
                        .movesColumnsLast(),
                // primary keys
                appending("add primary key",
                        "ALTER TABLE search_log ADD CONSTRAINT pk_search_log PRIMARY KEY (query, searched_at);")
                        .expect("add primary key PK_SEARCH_LOG on SEARCH_LOG"),
                appending("drop primary key", "ALTER TABLE translations DROP CONSTRAINT pk_translations;")
                        .expect("drop primary key PK_TRANSLATIONS on TRANSLATIONS"),
                appending("change primary key", """
                        ALTER TABLE book_genres DROP CONSTRAINT pk_book_genres;
                        ALTER TABLE book_genres ADD CONSTRAINT pk_book_genres PRIMARY KEY (book_id, genre_id);""")
                        .expect("drop primary key PK_BOOK_GENRES on BOOK_GENRES",
                                "add primary key PK_BOOK_GENRES on BOOK_GENRES"),
                // unique constraints
                appending("add unique", "ALTER TABLE libraries ADD CONSTRAINT uq_libraries_name UNIQUE (name);")
                        .expect("add unique constraint UQ_LIBRARIES_NAME on LIBRARIES"),
                appending("drop unique", "ALTER TABLE series_books DROP CONSTRAINT uq_series_books_book;")
                        .expect("drop unique constraint UQ_SERIES_BOOKS_BOOK on SERIES_BOOKS"),
                appending("change unique", """
                        ALTER TABLE shelves DROP CONSTRAINT uq_shelves_code;
                        ALTER TABLE shelves ADD CONSTRAINT uq_shelves_code UNIQUE (code, library_id);""")
                        .expect("drop unique constraint UQ_SHELVES_CODE on SHELVES",
                                "add unique constraint UQ_SHELVES_CODE on SHELVES"),
                // check constraints
                appending("add check",
                        "ALTER TABLE series_books ADD CONSTRAINT ck_series_books_volume CHECK (volume > 0);")
                        .expect("add check constraint CK_SERIES_BOOKS_VOLUME on SERIES_BOOKS"),
                appending("drop check", "ALTER TABLE staff DROP CONSTRAINT ck_staff_role;")
                        .expect("drop check constraint CK_STAFF_ROLE on STAFF"),
                appending("change check", """
                        ALTER TABLE reviews DROP CONSTRAINT ck_reviews_rating;
                        ALTER TABLE reviews ADD CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 0 AND 10);""")
                        .expect("drop check constraint CK_REVIEWS_RATING on REVIEWS",
                                "add check constraint CK_REVIEWS_RATING on REVIEWS"),
                // foreign keys
                appending("add foreign key", """
                        ALTER TABLE members ADD CONSTRAINT fk_members_favourite_genre
                            FOREIGN KEY (favourite_genre_id) REFERENCES genres (id) ON DELETE SET NULL;""")
                        .expect("add foreign key FK_MEMBERS_FAVOURITE_GENRE on MEMBERS"),
                appending("add foreign key across schemas", """
                        ALTER TABLE notifications ADD COLUMN invoice_id BIGINT;
                        ALTER TABLE notifications ADD CONSTRAINT fk_notifications_invoice
                            FOREIGN KEY (invoice_id) REFERENCES billing.invoices (id);""")
                        .expect("add column NOTIFICATIONS.INVOICE_ID",
                                "add foreign key FK_NOTIFICATIONS_INVOICE on NOTIFICATIONS"),
                appending("drop foreign key", "ALTER TABLE import_rows DROP CONSTRAINT fk_import_rows_book;")
                        .expect("drop foreign key FK_IMPORT_ROWS_BOOK on IMPORT_ROWS"),
                appending("change foreign key's action", """
                        ALTER TABLE copies DROP CONSTRAINT fk_copies_shelf;
                        ALTER TABLE copies ADD CONSTRAINT fk_copies_shelf
                            FOREIGN KEY (shelf_id) REFERENCES shelves (id) ON DELETE CASCADE;""")
                        .expect("drop foreign key FK_COPIES_SHELF on COPIES",
                                "add foreign key FK_COPIES_SHELF on COPIES"),
                // indexes
                appending("add index", "CREATE INDEX ix_authors_name ON authors (name);")
                        .expect("create index IX_AUTHORS_NAME on AUTHORS"),
                appending("add index in another schema",
                        "CREATE INDEX billing.ix_accounts_opened ON billing.accounts (opened_at DESC);")
                        .expect("create index IX_ACCOUNTS_OPENED on BILLING.ACCOUNTS"),
                appending("drop index", "DROP INDEX ix_books_priced;")
                        .expect("drop index IX_BOOKS_PRICED on BOOKS"),
                appending("change index columns", """
                        DROP INDEX ix_copies_book;
                        CREATE INDEX ix_copies_book ON copies (book_id, shelf_id);""")
                        // H2 gave the index to the foreign key on its column, added after it
                        .expect("drop foreign key FK_COPIES_BOOK on COPIES", "drop index IX_COPIES_BOOK on COPIES",
                                "create index IX_COPIES_BOOK on COPIES", "add foreign key FK_COPIES_BOOK on COPIES"),
                appending("change index order", """
                        DROP INDEX ix_books_publisher;
                        CREATE INDEX ix_books_publisher ON books (publisher_id, published_on);""")
                        .expect("drop index IX_BOOKS_PUBLISHER on BOOKS",
                                "create index IX_BOOKS_PUBLISHER on BOOKS"),
                appending("make an index unique", """
                        DROP INDEX ix_members_name;
                        CREATE UNIQUE INDEX ix_members_name ON members (display_name);""")
                        .expect("drop index IX_MEMBERS_NAME on MEMBERS", "create index IX_MEMBERS_NAME on MEMBERS"),
                // views
                appending("add view", """
                        CREATE VIEW top_rated AS
                            SELECT book_id, AVG(rating) AS rating FROM reviews GROUP BY book_id HAVING COUNT(*) > 2;""")
                        .expect("create view TOP_RATED"),
                appending("drop view", "DROP VIEW overdue_loans;")
                        .expect("drop view OVERDUE_LOANS"),
                appending("change view", """
                        CREATE OR REPLACE VIEW billing.open_invoices AS
                            SELECT i.id, i.account_id, i.total FROM billing.invoices i
                            WHERE i.status IN ('issued', 'draft');""")
                        .expect("drop view BILLING.OPEN_INVOICES", "create view BILLING.OPEN_INVOICES"),
                // sequences
                appending("add sequence", "CREATE SEQUENCE barcode_numbers START WITH 500;")
                        .expect("create sequence BARCODE_NUMBERS"),
                appending("add sequence in another schema", "CREATE SEQUENCE billing.refund_numbers;")
                        .expect("create sequence BILLING.REFUND_NUMBERS"),
                appending("drop sequence", "DROP SEQUENCE legacy_member_ids;")
                        .expect("drop sequence LEGACY_MEMBER_IDS"),
                appending("change sequence", "ALTER SEQUENCE ticket_numbers INCREMENT BY 5;")
                        .warns("sequence TICKET_NUMBERS differs from the model in its options"),
                // schemas
                appending("add schema", """
                        CREATE SCHEMA reporting;
                        CREATE TABLE reporting.daily_loans (loan_day DATE PRIMARY KEY, loans INTEGER NOT NULL);""")
                        .comparingSchemas("REPORTING")
                        .expect("create schema REPORTING", "create table REPORTING.DAILY_LOANS"),
                removing("drop schema", "CREATE SCHEMA archive;\n")
                        .expect("drop schema ARCHIVE"));
    }
}
