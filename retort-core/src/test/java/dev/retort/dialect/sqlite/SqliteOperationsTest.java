package dev.retort.dialect.sqlite;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.binary;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.date;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.numeric;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.time;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BatchAlterTable.Recreate;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testing.SchemaSnapshot;
import java.math.BigDecimal;
import java.sql.SQLException;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation run on a real SQLite file (sqlite-jdbc's SQLite 3.54): what it leaves in the
 * database, and op → inverse → op round trips compared through JDBC metadata.
 */
class SqliteOperationsTest {

    private static final QualifiedName BOOKS = QualifiedName.of("books");

    private static Table books() {
        return Table.of(BOOKS,
                column("id", bigint()).autoincrement(),
                column("title", varchar(200)).notNull(),
                column("pages", integer()).serverDefault(0),
                column("status", enumType("book_status", "draft", "published")).notNull().serverDefault("draft"),
                column("created_at", timestampTz()).notNull().serverDefaultExpression("CURRENT_TIMESTAMP"),
                column("slug", text()).serverDefaultExpression("lower(hex(randomblob(4)))"),
                column("double_pages", integer()).generatedAs("pages * 2"),
                column("is_parsed", bool()).notNull().serverDefault(false),
                column("price", numeric(10, 2)),
                unique("uq_books_title", "title"),
                check("ck_books_pages", "pages >= 0"),
                index("ix_books_pages", "pages"));
    }

    @Test
    void aCreatedTableKeepsItsDefaultsChecksEnumAndGeneratedColumn() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(new CreateTable(books(), false));
            db.execute("INSERT INTO books (title, pages) VALUES ('Dune', 412)", "INSERT INTO books (title) VALUES"
                    + " ('Emma')");

            assertThat(db.rows("SELECT id, title, pages, status, double_pages, is_parsed, length(slug),"
                    + " created_at IS NOT NULL FROM books ORDER BY id"))
                    .containsExactly("1|Dune|412|draft|824|0|8|1", "2|Emma|0|draft|0|0|8|1");
            assertThatThrownBy(() -> db.execute("INSERT INTO books (title, status) VALUES ('X', 'bogus')"))
                    .hasMessageContaining("CHECK constraint failed: ck_books_status_enum");
            assertThatThrownBy(() -> db.execute("INSERT INTO books (title, pages) VALUES ('Y', -1)"))
                    .hasMessageContaining("CHECK constraint failed: ck_books_pages");
            assertThatThrownBy(() -> db.execute("INSERT INTO books (title) VALUES ('Dune')"))
                    .hasMessageContaining("UNIQUE constraint failed: books.title");
            assertThat(db.rows("SELECT name FROM pragma_index_list('books') WHERE origin = 'c'"))
                    .containsExactly("ix_books_pages");
        }
    }

    @Test
    void anAutoincrementStartIsWhereNumberingBegins() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(new CreateTable(Table.of(QualifiedName.of("tickets"),
                    column("id", integer()).identity(Identity.byDefault().startWith(1000)), column("subject", text())),
                    false));
            db.execute("INSERT INTO tickets (subject) VALUES ('a')");

            assertThat(db.rows("SELECT id FROM tickets")).containsExactly("1000");
        }
    }

    /** Each row: what to set up, the operation, and its inverse is derived from the record. */
    static Stream<Arguments> roundTrips() {
        Table books = books();
        QualifiedName quoted = QualifiedName.of("Reading \"Progress\"");
        return Stream.of(
                Arguments.of("create table", List.of(), new CreateTable(books, false)),
                Arguments.of("create table whose names need quoting", List.of(), new CreateTable(Table.of(quoted,
                        column("order", integer()).primaryKey(), column("it's", text()), column("名前", varchar(10)),
                        column("Mixed Case", date()), index("ix \"progress\" ü", "名前", "Mixed Case")), false)),
                Arguments.of("add column", List.of(new CreateTable(books, false)),
                        new AddColumn(BOOKS, column("reading location", varchar(500)).notNull().serverDefault(""),
                                false, Optional.empty())),
                Arguments.of("drop column carrying its definition", List.of(new CreateTable(books, false)),
                        new DropColumn(BOOKS, "price", false, Optional.of(column("price", numeric(10, 2))))),
                Arguments.of("rename table", List.of(new CreateTable(books, false)), new RenameTable(BOOKS, "Novels")),
                Arguments.of("rename column", List.of(new CreateTable(books, false)),
                        AlterColumn.of(BOOKS, "title").rename("name")),
                Arguments.of("create index", List.of(new CreateTable(books, false)),
                        new CreateIndex(Index.of("ix_books_lower", BOOKS).on(expression("lower(title)"))
                                .where("pages > 0").unique(), false, false)),
                Arguments.of("add a check by batch", List.of(new CreateTable(books, false)),
                        new BatchAlterTable(BOOKS, List.of(new AddConstraint(BOOKS,
                                CheckConstraint.of("ck_books_title", "length(title) > 0"), false)), Recreate.AUTO,
                                Optional.empty())),
                Arguments.of("add a foreign key and a unique constraint by batch", List.of(new CreateTable(books,
                        false), new CreateTable(Table.of(QualifiedName.of("authors"),
                        column("id", integer()).primaryKey()), false), new AddColumn(BOOKS, column("author_id",
                        integer()), false, Optional.empty())),
                        new BatchAlterTable(BOOKS, List.of(
                                new AddConstraint(BOOKS, foreignKey("fk_books_author", "author_id")
                                        .references("authors", "id").onDelete(ReferentialAction.SET_NULL), false),
                                new AddConstraint(BOOKS, UniqueConstraint.of("uq_books_slug", "slug"), false)),
                                Recreate.AUTO, Optional.empty())),
                Arguments.of("change a type, nullability and default by batch", List.of(new CreateTable(books, false)),
                        new BatchAlterTable(BOOKS, List.of(AlterColumn.of(BOOKS, "price").type(doublePrecision())
                                .notNull().serverDefault("0").existing(column("price", numeric(10, 2)))),
                                Recreate.AUTO, Optional.empty())),
                Arguments.of("drop a named constraint by batch", List.of(new CreateTable(books, false)),
                        new BatchAlterTable(BOOKS, List.of(new DropConstraint(BOOKS, "ck_books_pages",
                                Optional.of(ConstraintType.CHECK), false, Optional.of(check("ck_books_pages",
                                "pages >= 0")))), Recreate.AUTO, Optional.empty())),
                Arguments.of("rebuild a table whose names need quoting", List.of(new CreateTable(Table.of(quoted,
                        column("order", integer()).primaryKey(), column("it's", text()), column("名前", varchar(10)),
                        index("ix \"progress\" ü", "名前")), false)),
                        new BatchAlterTable(quoted, List.of(
                                AlterColumn.of(quoted, "名前").type(text()).existing(column("名前", varchar(10))),
                                new AddConstraint(quoted, CheckConstraint.of("ck \"it's\"", "\"it's\" <> ''"), false),
                                new AddColumn(quoted, column("Mixed Case", json()), false, Optional.empty())),
                                Recreate.AUTO, Optional.empty())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void operationThenInverseThenOperationAgainGoesBackAndForthExactly(String description, List<Operation> setup,
                                                                       Operation operation) throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(setup.toArray(Operation[]::new));
            Shape before = Shape.of(db);

            db.apply(operation);
            Shape after = Shape.of(db);
            db.apply(operation.inverse().orElseThrow());
            Shape undone = Shape.of(db);
            db.apply(operation);

            assertThat(after).as("the operation changed the schema").isNotEqualTo(before);
            assertThat(undone).as("the inverse restored it").isEqualTo(before);
            assertThat(Shape.of(db)).as("the operation did it again").isEqualTo(after);
        }
    }

    /** What JDBC metadata sees of the schema, plus the CHECK constraints it does not (read from the tables' text). */
    record Shape(SchemaSnapshot snapshot, Map<String, List<String>> checks) {
        static Shape of(SqliteHarness db) throws SQLException {
            SchemaSnapshot snapshot = db.snapshot();
            Map<String, List<String>> checks = new TreeMap<>();
            for (String table : snapshot.tables().keySet()) {
                checks.put(table, db.table(table).checks().stream()
                        .map(c -> c.name().orElse("(unnamed)") + ": " + c.condition()).sorted().toList());
            }
            return new Shape(snapshot, checks);
        }
    }

    @Test
    void commentsEnumTypesAndStorageParametersChangeNothing() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(new CreateTable(books(), false));
            SchemaSnapshot before = db.snapshot();

            db.apply(new SetTableComment(BOOKS, Optional.of("x"), Optional.empty()),
                    AlterColumn.of(BOOKS, "title").comment("the title"));

            assertThat(db.snapshot()).isEqualTo(before);
            assertThat(db.definition("books")).doesNotContain("the title");
        }
    }

    @Test
    void ifNotExistsAndIfExistsLookAtTheTableOnline() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(new CreateTable(books(), false));

            assertThat(db.render(new AddColumn(BOOKS, column("TITLE", text()), true, Optional.empty()))).isEmpty();
            assertThat(db.render(new DropColumn(BOOKS, "nothing", true, Optional.empty()))).isEmpty();
            db.apply(new AddColumn(BOOKS, column("subtitle", text()), true, Optional.empty()),
                    new DropColumn(BOOKS, "price", true, Optional.empty()),
                    new CreateIndex(Index.of("ix_books_pages", BOOKS, "title"), false, true),
                    new DropIndex(QualifiedName.of("ix_nothing"), Optional.empty(), false, true, Optional.empty()));

            assertThat(db.table("books").column("subtitle")).isPresent();
            assertThat(db.table("books").column("price")).isEmpty();
            assertThat(db.table("books").indexes()).extracting(Index::name).containsExactly("ix_books_pages");
        }
    }

    @Test
    void bulkInsertAndParametersBindJavaValuesAsTheTextSqliteWrites() throws SQLException {
        UUID id = UUID.fromString("6f1c2b1e-9a4d-4c55-8d7e-0a1b2c3d4e5f");
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(new CreateTable(Table.of(QualifiedName.of("v"), column("d", date()), column("t", time()),
                    column("ts", timestamp()), column("tz", timestampTz()), column("u", uuid()), column("b", bool()),
                    column("n", numeric(10, 2)), column("s", text()), column("x", binary()), column("l", bigint())),
                    false));

            db.apply(new BulkInsert(QualifiedName.of("v"), List.of("d", "t", "ts", "tz", "u", "b", "n", "s", "x", "l"),
                    List.of(Arrays.asList(LocalDate.of(2024, 1, 31), LocalTime.of(12, 30, 5, 250_000_000),
                                    LocalDateTime.of(2024, 1, 31, 12, 30), OffsetDateTime.of(2024, 1, 31, 12, 30, 0, 0,
                                            ZoneOffset.ofHours(2)), id, true, new BigDecimal("12.50"), "it's",
                                    new byte[] {1, 2}, 5L),
                            Arrays.asList(null, null, null, Instant.parse("2024-02-01T10:00:00.5Z"), null, false, null,
                                    null, null, null))));
            db.apply(new Execute("UPDATE v SET s = ? WHERE u = ? AND d = ?", List.of("found", id,
                    LocalDate.of(2024, 1, 31)), true));

            assertThat(db.rows("SELECT d, t, ts, tz, u, b, typeof(b), n, typeof(n), s, hex(x), l FROM v ORDER BY"
                    + " rowid"))
                    .containsExactly("2024-01-31|12:30:05.25|2024-01-31 12:30:00|2024-01-31 10:30:00|" + id
                                    + "|1|integer|12.5|real|found|0102|5",
                            "null|null|null|2024-02-01 10:00:00.5|null|0|integer|null|null|null||null");
            assertThat(db.rows("SELECT datetime(tz, '+1 hour') FROM v WHERE rowid = 1"))
                    .as("SQLite's date functions read what was bound").containsExactly("2024-01-31 11:30:00");
        }
    }

    @Test
    void aPlainDropColumnWorksWhereNothingElseUsesTheColumnEvenItsOwnCheckOrReference() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)",
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER CHECK (a > 0), b INTEGER REFERENCES parent (id),"
                            + " c TEXT)", "INSERT INTO t VALUES (1, 2, NULL, 'x')");

            db.apply(new DropColumn(QualifiedName.of("t"), "a", false, Optional.empty()),
                    new DropColumn(QualifiedName.of("t"), "b", false, Optional.empty()));

            assertThat(db.rows("SELECT * FROM t")).containsExactly("1|x");
        }
    }

    @Test
    void tablesInAnAttachedDatabaseAreRebuiltThere() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            String file = db.database.jdbcUrl().substring("jdbc:sqlite:".length()) + "-aux";
            db.execute("ATTACH DATABASE '" + file.replace("'", "''") + "' AS aux");
            QualifiedName notes = QualifiedName.of("aux", "notes");
            db.apply(new CreateTable(Table.of(notes, column("id", integer()).primaryKey(), column("body", text()),
                    index("ix_notes_body", "body")), false));
            db.execute("INSERT INTO aux.notes VALUES (1, 'kept')");

            db.apply(new BatchAlterTable(notes, List.of(AlterColumn.of(notes, "body").notNull(),
                    new AddConstraint(notes, CheckConstraint.of("ck_body", "body <> ''"), false)), Recreate.AUTO,
                    Optional.empty()));

            assertThat(db.rows("SELECT * FROM aux.notes")).containsExactly("1|kept");
            assertThat(db.rows("SELECT sql FROM aux.sqlite_master WHERE name = 'notes'")).singleElement()
                    .asString().contains("body TEXT NOT NULL").contains("CONSTRAINT ck_body CHECK (body <> '')");
            assertThat(db.rows("SELECT name FROM aux.sqlite_master WHERE type = 'index'"))
                    .containsExactly("ix_notes_body");
            assertThat(db.rows("SELECT count(*) FROM main.sqlite_master WHERE name LIKE '%notes%'"))
                    .containsExactly("0");
        }
    }
}
