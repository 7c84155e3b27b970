package dev.retort.dialect.sqlite;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.engine;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Tables.namedPrimaryKey;
import static dev.retort.schema.Tables.storage;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.binary;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.character;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.date;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.jsonb;
import static dev.retort.schema.Types.numeric;
import static dev.retort.schema.Types.raw;
import static dev.retort.schema.Types.real;
import static dev.retort.schema.Types.smallint;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.time;
import static dev.retort.schema.Types.timeTz;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BatchAlterTable.Recreate;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropEnumType;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.SetTableOptions;
import dev.retort.ops.ValidateConstraint;
import dev.retort.ops.AddConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Deferrable;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden SQL of every operation on SQLite, as an offline script prints it: one row per case, the
 * operation and the statements it renders to. {@link SqliteOperationsTest} runs the same operations
 * on a real database.
 */
class SqliteGoldenSqlTest {

    private static final QualifiedName BOOKS = QualifiedName.of("books");
    private static final QualifiedName PROGRESS = QualifiedName.of("reading_progress");
    private static final UUID ID = UUID.fromString("6f1c2b1e-9a4d-4c55-8d7e-0a1b2c3d4e5f");

    static Stream<Arguments> cases() {
        return Stream.of(
                // tables
                golden("create table: every portable type, defaults, identity, constraints, index; options skipped",
                        new CreateTable(Table.of(BOOKS,
                                column("id", bigint()).autoincrement(),
                                column("title", varchar(200)).notNull().comment("shown in lists"),
                                column("code", character(4)),
                                column("pages", integer()).serverDefault(0),
                                column("rank", smallint()),
                                column("summary", text()),
                                column("price", numeric(10, 2)),
                                column("weight", real()),
                                column("ratio", doublePrecision()).serverDefault(0.5),
                                column("is_parsed", bool()).notNull().serverDefault(false),
                                column("published", date()),
                                column("read_at", time()),
                                column("read_tz", timeTz()),
                                column("added", timestamp()),
                                column("created_at", timestampTz()).notNull()
                                        .serverDefaultExpression("CURRENT_TIMESTAMP"),
                                column("uid", uuid()),
                                column("meta", json()),
                                column("extra", jsonb()),
                                column("cover", binary(100)),
                                column("status", enumType("book_status", "draft", "published")).notNull()
                                        .serverDefault("draft"),
                                column("slug", text()).serverDefaultExpression("lower(hex(randomblob(4)))"),
                                column("double_pages", integer()).generatedAs("pages * 2"),
                                column("author_id", bigint()),
                                column("isbn", raw("VARCHAR(13) COLLATE NOCASE")),
                                unique("uq_books_title", "title"),
                                check("ck_books_pages", "pages >= 0"),
                                foreignKey("fk_books_author", "author_id").references("authors", "id")
                                        .onDelete(ReferentialAction.CASCADE),
                                index("ix_books_pages", "pages"),
                                comment("the books"), storage("fillfactor", "70"), engine("InnoDB")), false),
                        """
                        CREATE TABLE books (
                            id INTEGER PRIMARY KEY AUTOINCREMENT,
                            title VARCHAR(200) NOT NULL,
                            code CHAR(4),
                            pages INTEGER DEFAULT 0,
                            rank SMALLINT,
                            summary TEXT,
                            price NUMERIC(10, 2),
                            weight REAL,
                            ratio DOUBLE PRECISION DEFAULT 0.5,
                            is_parsed BOOLEAN DEFAULT FALSE NOT NULL,
                            published DATE,
                            read_at TIME,
                            read_tz TIME,
                            added TIMESTAMP,
                            created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
                            uid TEXT,
                            meta TEXT,
                            extra TEXT,
                            cover BLOB,
                            status TEXT DEFAULT 'draft' NOT NULL CONSTRAINT ck_books_status_enum CHECK (status IN \
                        ('draft', 'published')),
                            slug TEXT DEFAULT (lower(hex(randomblob(4)))),
                            double_pages INTEGER GENERATED ALWAYS AS (pages * 2) STORED,
                            author_id BIGINT,
                            isbn VARCHAR(13) COLLATE NOCASE,
                            CONSTRAINT uq_books_title UNIQUE (title),
                            CONSTRAINT ck_books_pages CHECK (pages >= 0),
                            CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE
                        )""",
                        "CREATE INDEX ix_books_pages ON books (pages)"),
                golden("create table if not exists: named composite key, deferrable foreign key with every clause",
                        new CreateTable(Table.of(QualifiedName.of("Reading Progress"),
                                column("book_id", bigint()).notNull(),
                                column("User", bigint()).notNull(),
                                column("order", integer()),
                                namedPrimaryKey("pk_progress", "book_id", "User"),
                                foreignKey("fk_progress_book", "book_id").references("books", "id")
                                        .onDelete(ReferentialAction.SET_NULL).onUpdate(ReferentialAction.RESTRICT)
                                        .deferrable(Deferrable.INITIALLY_DEFERRED).match("SIMPLE"),
                                index("ix \"progress\"", "order").unique()), true),
                        """
                        CREATE TABLE IF NOT EXISTS "Reading Progress" (
                            book_id BIGINT NOT NULL,
                            "User" BIGINT NOT NULL,
                            "order" INTEGER,
                            CONSTRAINT pk_progress PRIMARY KEY (book_id, "User"),
                            CONSTRAINT fk_progress_book FOREIGN KEY (book_id) REFERENCES books (id) MATCH SIMPLE \
                        ON DELETE SET NULL ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED
                        )""",
                        "CREATE UNIQUE INDEX IF NOT EXISTS \"ix \"\"progress\"\"\" ON \"Reading Progress\""
                                + " (\"order\")"),
                golden("create table: an autoincrement start goes into sqlite_sequence; a named key stays on the"
                        + " column",
                        new CreateTable(Table.of(QualifiedName.of("tickets"),
                                column("id", integer()).identity(Identity.byDefault().startWith(1000)),
                                column("subject", text()),
                                namedPrimaryKey("pk_tickets", "id")), false),
                        """
                        CREATE TABLE tickets (
                            id INTEGER CONSTRAINT pk_tickets PRIMARY KEY AUTOINCREMENT,
                            subject TEXT
                        )""",
                        "INSERT INTO sqlite_sequence (name, seq) SELECT 'tickets', 999 WHERE NOT EXISTS"
                                + " (SELECT 1 FROM sqlite_sequence WHERE name = 'tickets')"),
                golden("drop table", new DropTable(BOOKS, false, false, Optional.empty()), "DROP TABLE books"),
                golden("drop table if exists", new DropTable(BOOKS, true, false, Optional.empty()),
                        "DROP TABLE IF EXISTS books"),
                golden("rename table", new RenameTable(BOOKS, "Novels"), "ALTER TABLE books RENAME TO \"Novels\""),
                golden("table comment: SQLite keeps none",
                        new SetTableComment(BOOKS, Optional.of("the books"), Optional.empty())),
                golden("drop table comment", new SetTableComment(BOOKS, Optional.empty(), Optional.empty())),

                // columns
                golden("add column: nullable varchar, its comment skipped",
                        new AddColumn(PROGRESS, column("reading_location_cfi", varchar(500)).comment("EPUB CFI"),
                                false, Optional.empty()),
                        "ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500)"),
                golden("add column: NOT NULL with a constant default",
                        new AddColumn(PROGRESS, column("scroll_offset_percent", doublePrecision()).notNull()
                                .serverDefault("0.0"), false, Optional.empty()),
                        "ALTER TABLE reading_progress ADD COLUMN scroll_offset_percent DOUBLE PRECISION DEFAULT '0.0'"
                                + " NOT NULL"),
                golden("add column: boolean default, a constant expression in parentheses, a negative number",
                        new BatchAlterTable(PROGRESS, List.of(
                                new AddColumn(PROGRESS, column("done", bool()).notNull().serverDefault(true), false,
                                        Optional.empty()),
                                new AddColumn(PROGRESS, column("tries", integer()).notNull()
                                        .serverDefaultExpression("(0)"), false, Optional.empty()),
                                new AddColumn(PROGRESS, column("delta", integer()).serverDefault(-1), false,
                                        Optional.empty())), Recreate.AUTO, Optional.empty()),
                        "ALTER TABLE reading_progress ADD COLUMN done BOOLEAN DEFAULT TRUE NOT NULL",
                        "ALTER TABLE reading_progress ADD COLUMN tries INTEGER DEFAULT (0) NOT NULL",
                        "ALTER TABLE reading_progress ADD COLUMN delta INTEGER DEFAULT -1"),
                golden("add column: an enum is TEXT with a named CHECK; a position is ignored",
                        new AddColumn(BOOKS, column("state", enumType("state", "new", "it's old")), false,
                                Optional.of(ColumnPosition.first())),
                        "ALTER TABLE books ADD COLUMN state TEXT CONSTRAINT ck_books_state_enum CHECK (state IN"
                                + " ('new', 'it''s old'))"),
                golden("drop column (offline: SQLite checks what uses it when the script runs)",
                        new DropColumn(BOOKS, "author", false, Optional.empty()),
                        "ALTER TABLE books DROP COLUMN author"),
                golden("rename column", AlterColumn.of(BOOKS, "title").rename("Name"),
                        "ALTER TABLE books RENAME COLUMN title TO \"Name\""),
                golden("rename column, its comment skipped", AlterColumn.of(BOOKS, "title").rename("name")
                        .comment("x"), "ALTER TABLE books RENAME COLUMN title TO name"),
                golden("column comment alone: SQLite keeps none", AlterColumn.of(BOOKS, "title").comment("x")),

                // indexes
                golden("create index", new CreateIndex(Index.of("ix_books_title", BOOKS, "title", "pages"), false,
                        false), "CREATE INDEX ix_books_title ON books (title, pages)"),
                golden("create unique partial index, CONCURRENTLY ignored, IF NOT EXISTS",
                        new CreateIndex(Index.of("ix_books_unparsed", BOOKS, "id").unique()
                                .where("is_parsed = 0"), true, true),
                        "CREATE UNIQUE INDEX IF NOT EXISTS ix_books_unparsed ON books (id) WHERE is_parsed = 0"),
                golden("create expression index with a descending key and a collation; btree accepted, storage skipped",
                        new CreateIndex(Index.of("ix_books_lower", BOOKS).on(expression("lower(title)"),
                                key("pages").desc(), expression("author COLLATE NOCASE")).using("btree")
                                .with("fillfactor", "70"), false, false),
                        "CREATE INDEX ix_books_lower ON books ((lower(title)), pages DESC, (author COLLATE NOCASE))"),
                golden("create index in an attached database: the schema goes on the index, not the table",
                        new CreateIndex(Index.of("ix_t_a", QualifiedName.of("aux", "t"), "a"), false, false),
                        "CREATE INDEX aux.ix_t_a ON t (a)"),
                golden("drop index", new DropIndex(QualifiedName.of("ix_books_title"), Optional.of(BOOKS), false, false,
                        Optional.empty()), "DROP INDEX ix_books_title"),
                golden("drop index if exists, CONCURRENTLY ignored, in an attached database",
                        new DropIndex(QualifiedName.of("aux", "ix_t_a"), Optional.empty(), true, true,
                                Optional.empty()),
                        "DROP INDEX IF EXISTS aux.ix_t_a"),
                golden("validate constraint: SQLite has no NOT VALID constraints",
                        new ValidateConstraint(BOOKS, "ck_books_pages")),

                // data
                golden("execute", new Execute("UPDATE books SET pages = 0 WHERE pages IS NULL", List.of(), true),
                        "UPDATE books SET pages = 0 WHERE pages IS NULL"),
                golden("execute with parameters: offline they are literals, dates as SQLite's text",
                        new Execute("UPDATE books SET title = ?, published = ?, uid = ?, is_parsed = ?, cover = ?"
                                + " WHERE pages > ? AND title <> '?'", Arrays.asList("It's", LocalDate.of(2024, 1, 31),
                                ID, true, null, 10), true),
                        "UPDATE books SET title = 'It''s', published = '2024-01-31', uid = '" + ID + "', is_parsed ="
                                + " TRUE, cover = NULL WHERE pages > 10 AND title <> '?'"),
                golden("bulk insert: one INSERT per row offline",
                        new BulkInsert(BOOKS, List.of("title", "added", "created_at", "read_at", "price", "cover"),
                                List.of(Arrays.asList("Dune", LocalDateTime.of(2024, 1, 31, 12, 30),
                                                OffsetDateTime.of(2024, 1, 31, 12, 30, 5, 0, ZoneOffset.ofHours(2)),
                                                LocalTime.of(9, 5, 1, 500_000_000), new BigDecimal("12.50"),
                                                new byte[] {0, (byte) 0xff}),
                                        Arrays.asList("Emma", LocalDateTime.of(2024, 2, 1, 0, 0, 0, 123_000_000),
                                                Instant.parse("2024-02-01T10:00:00Z"), null, null, null))),
                        "INSERT INTO books (title, added, created_at, read_at, price, cover) VALUES ('Dune',"
                                + " '2024-01-31 12:30:00', '2024-01-31 10:30:05', '09:05:01.5', 12.50, X'00ff')",
                        "INSERT INTO books (title, added, created_at, read_at, price, cover) VALUES ('Emma',"
                                + " '2024-02-01 00:00:00.123', '2024-02-01 10:00:00', NULL, NULL, NULL)"),

                // what SQLite keeps elsewhere or not at all
                golden("create enum type: an enum is a CHECK on its column here",
                        new CreateEnumType(QualifiedName.of("book_status"), List.of("draft", "published"))),
                golden("drop enum type", new DropEnumType(QualifiedName.of("book_status"), false, Optional.empty())),
                golden("storage parameters: PostgreSQL's", new SetStorageParameters(BOOKS,
                        Map.of("autovacuum_vacuum_scale_factor", "0.1"), Optional.empty())),
                golden("reset storage parameters", new ResetStorageParameters(BOOKS,
                        List.of("autovacuum_vacuum_scale_factor"), Optional.empty())),
                golden("table options: MySQL's", new SetTableOptions(BOOKS, Map.of("ENGINE", "InnoDB"),
                        Optional.empty())),

                // batches
                golden("batch in place: what ALTER TABLE can do is not a rebuild",
                        new BatchAlterTable(BOOKS, List.of(
                                new AddColumn(BOOKS, column("isbn", varchar(13)), false, Optional.empty()),
                                new CreateIndex(Index.of("ix_books_isbn", BOOKS, "isbn").unique(), false, false),
                                new DropIndex(QualifiedName.of("ix_books_pages"), Optional.of(BOOKS), false, false,
                                        Optional.empty()),
                                AlterColumn.of(BOOKS, "summary").rename("blurb"),
                                new SetTableComment(BOOKS, Optional.of("x"), Optional.empty())),
                                Recreate.AUTO, Optional.empty()),
                        "ALTER TABLE books ADD COLUMN isbn VARCHAR(13)",
                        "CREATE UNIQUE INDEX ix_books_isbn ON books (isbn)",
                        "DROP INDEX ix_books_pages",
                        "ALTER TABLE books RENAME COLUMN summary TO blurb"),
                golden("batch rebuild from copyFrom: drop, alter, add at a position, check; renames last",
                        new BatchAlterTable(BOOKS, List.of(
                                new DropColumn(BOOKS, "summary", false, Optional.empty()),
                                AlterColumn.of(BOOKS, "title").type(text()).rename("name"),
                                AlterColumn.of(BOOKS, "pages").type(bigint()).notNull().serverDefaultExpression("0")
                                        .using("coalesce(pages, 0)"),
                                new AddColumn(BOOKS, column("subtitle", text()), false,
                                        Optional.of(ColumnPosition.after("name"))),
                                new AddConstraint(BOOKS, CheckConstraint.of("ck_name", "length(name) > 0"), false),
                                new CreateIndex(Index.of("ix_name", BOOKS, "name"), false, false),
                                new Execute("UPDATE books SET subtitle = name", List.of(), true)),
                                Recreate.AUTO, Optional.of(Table.of(BOOKS,
                                column("id", bigint()).autoincrement(),
                                column("title", varchar(200)).notNull(),
                                column("summary", text()),
                                column("pages", integer()),
                                index("ix_books_summary", "summary"),
                                index("ix_books_pages", "pages")))),
                        """
                        CREATE TABLE _retort_tmp_books (
                            id INTEGER PRIMARY KEY AUTOINCREMENT,
                            title TEXT NOT NULL,
                            subtitle TEXT,
                            pages BIGINT DEFAULT 0 NOT NULL,
                            CONSTRAINT ck_name CHECK (length(title) > 0)
                        )""",
                        "INSERT INTO _retort_tmp_books (id, title, pages)\nSELECT id, title, (coalesce(pages, 0))"
                                + " FROM books",
                        "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE"
                                + " name = 'books' COLLATE NOCASE), 0)) WHERE name = '_retort_tmp_books'",
                        "INSERT INTO sqlite_sequence (name, seq) SELECT '_retort_tmp_books', seq FROM sqlite_sequence"
                                + " WHERE name = 'books' COLLATE NOCASE AND NOT EXISTS (SELECT 1 FROM sqlite_sequence"
                                + " WHERE name = '_retort_tmp_books')",
                        "DROP TABLE books",
                        "PRAGMA legacy_alter_table = ON",
                        "ALTER TABLE _retort_tmp_books RENAME TO books",
                        "PRAGMA legacy_alter_table = OFF",
                        "CREATE INDEX ix_books_pages ON books (pages)",
                        "CREATE INDEX ix_name ON books (title)",
                        "ALTER TABLE books RENAME COLUMN title TO name",
                        "UPDATE books SET subtitle = name"),
                golden("batch Recreate.ALWAYS rebuilds even for an added column; the rowid is kept when no column is"
                        + " it",
                        new BatchAlterTable(QualifiedName.of("aux", "notes"), List.of(
                                new AddColumn(QualifiedName.of("aux", "notes"), column("body", text()), false,
                                        Optional.empty())), Recreate.ALWAYS,
                                Optional.of(Table.of(QualifiedName.of("aux", "notes"), column("title", text()),
                                        column("Rowid", text())))),
                        """
                        CREATE TABLE aux._retort_tmp_notes (
                            title TEXT,
                            "Rowid" TEXT,
                            body TEXT
                        )""",
                        "INSERT INTO aux._retort_tmp_notes (_rowid_, title, \"Rowid\")\nSELECT _rowid_, title,"
                                + " \"Rowid\" FROM aux.notes",
                        "DROP TABLE aux.notes",
                        "PRAGMA legacy_alter_table = ON",
                        "ALTER TABLE aux._retort_tmp_notes RENAME TO notes",
                        "PRAGMA legacy_alter_table = OFF"),
                golden("batch rebuild: columns renamed into each other's names go through a temporary name",
                        new BatchAlterTable(QualifiedName.of("pairs"), List.of(
                                AlterColumn.of(QualifiedName.of("pairs"), "a").rename("t"),
                                AlterColumn.of(QualifiedName.of("pairs"), "b").rename("a"),
                                AlterColumn.of(QualifiedName.of("pairs"), "t").rename("b").notNull()),
                                Recreate.AUTO, Optional.of(Table.of(QualifiedName.of("pairs"),
                                column("id", integer()).primaryKey(), column("a", text()), column("b", text())))),
                        """
                        CREATE TABLE _retort_tmp_pairs (
                            id INTEGER NOT NULL,
                            a TEXT NOT NULL,
                            b TEXT,
                            PRIMARY KEY (id)
                        )""",
                        "INSERT INTO _retort_tmp_pairs (id, a, b)\nSELECT id, a, b FROM pairs",
                        "DROP TABLE pairs",
                        "PRAGMA legacy_alter_table = ON",
                        "ALTER TABLE _retort_tmp_pairs RENAME TO pairs",
                        "PRAGMA legacy_alter_table = OFF",
                        "ALTER TABLE pairs RENAME COLUMN a TO _retort_tmp_a",
                        "ALTER TABLE pairs RENAME COLUMN b TO a",
                        "ALTER TABLE pairs RENAME COLUMN _retort_tmp_a TO b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTo(String description, Operation operation, List<String> expected) {
        List<String> sql = new SqliteDialect().render(operation, RenderContext.OFFLINE).stream()
                .map(RenderedStatement::sql).toList();

        assertThat(sql).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStatementRunsInTheMigrationsTransaction(String description, Operation operation, List<String> expected) {
        assertThat(new SqliteDialect().render(operation, RenderContext.OFFLINE))
                .allSatisfy(statement -> assertThat(statement.transactional()).isTrue());
    }

    private static Arguments golden(String description, Operation operation, String... sql) {
        return Arguments.of(description, operation, List.of(sql));
    }
}
