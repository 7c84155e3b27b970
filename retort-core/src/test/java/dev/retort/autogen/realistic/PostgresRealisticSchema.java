package dev.retort.autogen.realistic;

import static dev.retort.autogen.realistic.SchemaChange.appending;
import static dev.retort.autogen.realistic.SchemaChange.removing;
import static dev.retort.autogen.realistic.SchemaChange.replacing;

import dev.retort.autogen.Renames;
import dev.retort.schema.QualifiedName;
import dev.retort.testkit.DatabaseKind;
import java.util.List;
import java.util.Map;

/** A lending library on PostgreSQL: postgres.ddl, and a change of every kind PostgreSQL has. */
final class PostgresRealisticSchema extends RealisticSchema {

    PostgresRealisticSchema() {
        super(DatabaseKind.POSTGRES, "postgresql", "postgres.ddl");
    }

    @Override
    public List<String> schemas() {
        return List.of("billing", "archive");
    }

    @Override
    public List<SchemaChange> changes() {
        return List.of(
                // tables
                appending("add table", """
                        CREATE TABLE wishlists (
                            member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
                            book_id bigint NOT NULL REFERENCES books (id),
                            added_at timestamptz NOT NULL DEFAULT now(),
                            PRIMARY KEY (member_id, book_id)
                        );
                        CREATE INDEX ix_wishlists_book ON wishlists (book_id);""")
                        .expect("create table wishlists"),
                appending("add table in another schema", """
                        CREATE TABLE billing.refunds (
                            payment_id bigint PRIMARY KEY REFERENCES billing.payments (id),
                            amount numeric(12, 2) NOT NULL,
                            status billing.invoice_status NOT NULL DEFAULT 'draft'
                        );""")
                        .expect("create table billing.refunds"),
                appending("drop table", "DROP TABLE import_rows;")
                        .expect("drop table import_rows")
                        .warns("drops table import_rows and its data"),
                appending("rename table, hinted", "ALTER TABLE series RENAME TO book_series;")
                        .renaming(new Renames(Map.of(QualifiedName.of("series"), "book_series"), Map.of()))
                        .expect("rename table series to book_series"),
                appending("rename table, not hinted", "ALTER TABLE series RENAME TO book_series;")
                        .expect("drop foreign key series_books_series_id_fkey on series_books",
                                "drop table series", "create table book_series",
                                "add foreign key series_books_series_id_fkey on series_books")
                        .warns("drops table series and its data; if it was renamed to book_series, say so with"
                                + " --rename-table series=book_series"),
                appending("add table comment", "COMMENT ON TABLE authors IS 'who wrote the books';")
                        .expect("set the comment of table authors"),
                appending("change table comment", "COMMENT ON TABLE books IS 'one row per edition and printing';")
                        .expect("set the comment of table books"),
                appending("drop table comment", "COMMENT ON TABLE audit_log IS NULL;")
                        .expect("drop the comment of table audit_log"),
                appending("set storage parameter", "ALTER TABLE reviews SET (fillfactor = 80);")
                        .expect("set storage parameters fillfactor of reviews"),
                appending("change storage parameter", "ALTER TABLE audit_log SET (fillfactor = 95);")
                        .expect("set storage parameters fillfactor of audit_log"),
                appending("reset storage parameter", "ALTER TABLE books RESET (fillfactor);")
                        .expect("reset storage parameters fillfactor of books"),
                // columns
                appending("add column", "ALTER TABLE books ADD COLUMN edition smallint NOT NULL DEFAULT 1;")
                        .expect("add column books.edition"),
                appending("drop column", "ALTER TABLE copies DROP COLUMN price_paid;")
                        .expect("drop column copies.price_paid")
                        .warns("drops column copies.price_paid and its data")
                        .movesColumnsLast(),
                appending("rename column, hinted", "ALTER TABLE members RENAME COLUMN display_name TO nickname;")
                        .renaming(new Renames(Map.of(), Map.of(QualifiedName.of("members"),
                                Map.of("display_name", "nickname"))))
                        .expect("alter column members.display_name (rename to nickname)"),
                appending("column type", "ALTER TABLE publishers ALTER COLUMN website TYPE varchar(300);")
                        .expect("alter column publishers.website (type)"),
                appending("column type with a default",
                        "ALTER TABLE reviews ALTER COLUMN helpful_votes TYPE bigint;")
                        .expect("alter column reviews.helpful_votes (type)"),
                appending("column type to an enum", """
                        CREATE TYPE address_kind AS ENUM ('home', 'work', 'other');
                        ALTER TABLE member_addresses DROP CONSTRAINT member_addresses_kind_check;
                        ALTER TABLE member_addresses ALTER COLUMN kind TYPE address_kind USING kind::address_kind;""")
                        .expect("create enum type address_kind",
                                "drop check constraint member_addresses_kind_check on member_addresses",
                                "alter column member_addresses.kind (type)"),
                appending("set NOT NULL", "ALTER TABLE authors ALTER COLUMN born SET NOT NULL;")
                        .expect("alter column authors.born (set NOT NULL)"),
                appending("drop NOT NULL", "ALTER TABLE books ALTER COLUMN isbn DROP NOT NULL;")
                        .expect("alter column books.isbn (drop NOT NULL)"),
                appending("add default", "ALTER TABLE members ALTER COLUMN display_name SET DEFAULT 'reader';")
                        .expect("alter column members.display_name (default)"),
                appending("change default", "ALTER TABLE shelves ALTER COLUMN floor SET DEFAULT 1;")
                        .expect("alter column shelves.floor (default)"),
                appending("drop default", "ALTER TABLE books ALTER COLUMN language DROP DEFAULT;")
                        .expect("alter column books.language (drop default)"),
                appending("add column comment", "COMMENT ON COLUMN books.title IS 'as printed on the cover';")
                        .expect("alter column books.title (comment)"),
                appending("drop column comment", "COMMENT ON COLUMN authors.bio IS NULL;")
                        .expect("alter column authors.bio (drop comment)"),
                appending("generated column's expression", """
                        DROP INDEX ix_books_search;
                        ALTER TABLE books DROP COLUMN search;
                        ALTER TABLE books ADD COLUMN search tsvector
                            GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED;
                        CREATE INDEX ix_books_search ON books USING gin (search);""")
                        .expect("drop index ix_books_search on books", "drop column books.search",
                                "add column books.search", "create index ix_books_search on books")
                        .warns("column books.search is a generated column whose expression changed")
                        .movesColumnsLast(),
                // primary keys
                appending("add primary key", "ALTER TABLE search_log ADD PRIMARY KEY (query, searched_at);")
                        .expect("add primary key search_log_pkey on search_log"),
                appending("drop primary key", "ALTER TABLE translations DROP CONSTRAINT translations_pkey;")
                        .expect("drop primary key translations_pkey on translations"),
                appending("change primary key", """
                        ALTER TABLE book_genres DROP CONSTRAINT pk_book_genres;
                        ALTER TABLE book_genres ADD CONSTRAINT pk_book_genres PRIMARY KEY (book_id, genre_id);""")
                        .expect("drop primary key pk_book_genres on book_genres",
                                "add primary key pk_book_genres on book_genres"),
                // unique constraints
                appending("add unique", "ALTER TABLE libraries ADD CONSTRAINT uq_libraries_name UNIQUE (name);")
                        .expect("add unique constraint uq_libraries_name on libraries"),
                appending("drop unique", "ALTER TABLE series_books DROP CONSTRAINT series_books_series_id_book_id_key;")
                        .expect("drop unique constraint series_books_series_id_book_id_key on series_books"),
                appending("change unique", """
                        ALTER TABLE shelves DROP CONSTRAINT uq_shelves_code;
                        ALTER TABLE shelves ADD CONSTRAINT uq_shelves_code UNIQUE (code, library_id);""")
                        .expect("drop unique constraint uq_shelves_code on shelves",
                                "add unique constraint uq_shelves_code on shelves"),
                replacing("make a unique deferrable", "UNIQUE (list_id, position) DEFERRABLE INITIALLY DEFERRED",
                        "UNIQUE (list_id, position)")
                        .expect("drop unique constraint uq_reading_list_items_position on reading_list_items",
                                "add unique constraint uq_reading_list_items_position on reading_list_items"),
                // check constraints
                appending("add check",
                        "ALTER TABLE series_books ADD CONSTRAINT ck_series_books_volume CHECK (volume > 0);")
                        .expect("add check constraint ck_series_books_volume on series_books"),
                appending("drop check", "ALTER TABLE staff DROP CONSTRAINT ck_staff_role;")
                        .expect("drop check constraint ck_staff_role on staff"),
                appending("change check", """
                        ALTER TABLE reviews DROP CONSTRAINT reviews_rating_check;
                        ALTER TABLE reviews ADD CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 0 AND 10);""")
                        .expect("drop check constraint reviews_rating_check on reviews",
                                "add check constraint reviews_rating_check on reviews"),
                // foreign keys
                appending("add foreign key", """
                        ALTER TABLE members ADD CONSTRAINT fk_members_favourite_genre
                            FOREIGN KEY (favourite_genre_id) REFERENCES genres (id) ON DELETE SET NULL;""")
                        .expect("add foreign key fk_members_favourite_genre on members"),
                appending("add foreign key across schemas",
                        "ALTER TABLE notifications ADD COLUMN invoice_id bigint REFERENCES billing.invoices (id);")
                        .expect("add column notifications.invoice_id",
                                "add foreign key notifications_invoice_id_fkey on notifications"),
                appending("drop foreign key", "ALTER TABLE import_rows DROP CONSTRAINT import_rows_book_id_fkey;")
                        .expect("drop foreign key import_rows_book_id_fkey on import_rows"),
                appending("change foreign key's action", """
                        ALTER TABLE copies DROP CONSTRAINT copies_shelf_id_fkey;
                        ALTER TABLE copies ADD CONSTRAINT copies_shelf_id_fkey
                            FOREIGN KEY (shelf_id) REFERENCES shelves (id) ON DELETE CASCADE;""")
                        .expect("drop foreign key copies_shelf_id_fkey on copies",
                                "add foreign key copies_shelf_id_fkey on copies"),
                appending("make a foreign key not deferrable",
                        "ALTER TABLE loans ALTER CONSTRAINT fk_loans_copy NOT DEFERRABLE;")
                        .expect("drop foreign key fk_loans_copy on loans", "add foreign key fk_loans_copy on loans"),
                // indexes
                appending("add index", "CREATE INDEX ix_authors_name ON authors (name);")
                        .expect("create index ix_authors_name on authors"),
                appending("add index in another schema",
                        "CREATE INDEX ix_accounts_opened ON billing.accounts (opened_at DESC);")
                        .expect("create index ix_accounts_opened on billing.accounts"),
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
                appending("change index method and operator class", """
                        DROP INDEX ix_members_name_trgm;
                        CREATE INDEX ix_members_name_trgm ON members USING gin (display_name gin_trgm_ops);""")
                        .expect("drop index ix_members_name_trgm on members",
                                "create index ix_members_name_trgm on members"),
                appending("change index include", """
                        DROP INDEX ix_books_title_lower;
                        CREATE INDEX ix_books_title_lower ON books (lower(title) DESC NULLS LAST)
                            INCLUDE (published_on, language);""")
                        .expect("drop index ix_books_title_lower on books",
                                "create index ix_books_title_lower on books"),
                appending("change index storage parameter", "ALTER INDEX ix_books_publisher SET (fillfactor = 50);")
                        .expect("drop index ix_books_publisher on books",
                                "create index ix_books_publisher on books"),
                // views
                appending("add view", """
                        CREATE VIEW top_rated AS
                            SELECT book_id, avg(rating) AS rating FROM reviews GROUP BY book_id HAVING count(*) > 2;""")
                        .expect("create view top_rated"),
                appending("drop view", "DROP VIEW overdue_loans;")
                        .expect("drop view overdue_loans"),
                appending("change view", """
                        CREATE OR REPLACE VIEW billing.open_invoices AS
                            SELECT i.id, i.account_id, i.total FROM billing.invoices i
                            WHERE i.status IN ('issued', 'draft');""")
                        .expect("drop view billing.open_invoices", "create view billing.open_invoices"),
                // enum types
                appending("add enum type", """
                        CREATE TYPE book_format AS ENUM ('print', 'ebook', 'audio');
                        ALTER TABLE books ADD COLUMN format book_format NOT NULL DEFAULT 'print';""")
                        .expect("create enum type book_format", "add column books.format"),
                appending("drop enum type", """
                        ALTER TABLE members DROP COLUMN mood;
                        DROP TYPE mood;""")
                        .expect("drop column members.mood", "drop enum type mood")
                        .warns("drops column members.mood and its data")
                        .movesColumnsLast(),
                appending("add enum value", "ALTER TYPE loan_status ADD VALUE 'overdue' AFTER 'open';")
                        .expect("add value 'overdue' to enum type loan_status")
                        .notRestoredExactly(),
                appending("add enum value in another schema",
                        "ALTER TYPE billing.invoice_status ADD VALUE 'refunded';")
                        .expect("add value 'refunded' to enum type billing.invoice_status")
                        .notRestoredExactly(),
                appending("rename enum value", "ALTER TYPE loan_status RENAME VALUE 'lost' TO 'missing';")
                        .warns("enum type loan_status has values [open, returned, lost] but the model has"
                                + " [open, returned, missing]"),
                // sequences
                appending("add sequence", "CREATE SEQUENCE barcode_numbers START WITH 500;")
                        .expect("create sequence barcode_numbers"),
                appending("drop sequence", "DROP SEQUENCE legacy_member_ids;")
                        .expect("drop sequence legacy_member_ids"),
                appending("change sequence", "ALTER SEQUENCE ticket_numbers INCREMENT BY 5;")
                        .warns("sequence ticket_numbers differs from the model in its options"),
                // extensions
                // IF NOT EXISTS: the scratch schema is in the target's database, which has it once upgraded
                appending("add extension", "CREATE EXTENSION IF NOT EXISTS btree_gist;")
                        .expect("create extension btree_gist"),
                removing("drop extension", "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;\n")
                        .expect("drop extension fuzzystrmatch"),
                // schemas
                appending("add schema", """
                        CREATE SCHEMA reporting;
                        CREATE TABLE reporting.daily_loans (day date PRIMARY KEY, loans integer NOT NULL);""")
                        .comparingSchemas("reporting")
                        .expect("create schema reporting", "create table reporting.daily_loans"),
                removing("drop schema", "CREATE SCHEMA archive;\n")
                        .expect("drop schema archive"));
    }
}
