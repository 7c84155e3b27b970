package dev.retort.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.sqlite.ParsedTable.ColumnCheck;
import dev.retort.dialect.sqlite.ParsedTable.ColumnCollate;
import dev.retort.dialect.sqlite.ParsedTable.ColumnDefault;
import dev.retort.dialect.sqlite.ParsedTable.ColumnGenerated;
import dev.retort.dialect.sqlite.ParsedTable.ColumnNotNull;
import dev.retort.dialect.sqlite.ParsedTable.ColumnPrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.ColumnReferences;
import dev.retort.dialect.sqlite.ParsedTable.ColumnUnique;
import dev.retort.dialect.sqlite.ParsedTable.IndexedColumn;
import dev.retort.dialect.sqlite.ParsedTable.ParsedIndex;
import dev.retort.dialect.sqlite.ParsedTable.ParsedView;
import dev.retort.dialect.sqlite.ParsedTable.References;
import dev.retort.dialect.sqlite.ParsedTable.TableCheck;
import dev.retort.dialect.sqlite.ParsedTable.TableForeignKey;
import dev.retort.dialect.sqlite.ParsedTable.TablePrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.TableUnique;
import dev.retort.schema.Deferrable;
import dev.retort.schema.ReferentialAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader of SQLite's stored CREATE TABLE / CREATE INDEX text, on statements written as people write them. */
class SqliteDdlParserTest {

    @Test
    void columnsKeepTheirTypesAsWrittenAndEveryConstraintWithItsName() {
        ParsedTable table = SqliteDdlParser.parseCreateTable("""
                CREATE TABLE "Reading ""Progress""\" (
                    id INTEGER CONSTRAINT pk_rp PRIMARY KEY AUTOINCREMENT,
                    [book id] BIGINT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
                    `label` VARCHAR (200) COLLATE NOCASE DEFAULT 'it''s (not) a paren' UNIQUE,
                    ratio DOUBLE PRECISION CONSTRAINT ck_ratio CHECK (ratio >= 0.0 AND (ratio <= 100.0)),
                    doubled INTEGER GENERATED ALWAYS AS (id * 2) STORED,
                    short AS (id + 1),
                    created TEXT DEFAULT (datetime('now')),
                    n NUMERIC(10, 2) DEFAULT -1.5e3 NULL,
                    untyped
                )""");

        assertThat(table.name()).isEqualTo("Reading \"Progress\"");
        assertThat(table.schema()).isEmpty();
        assertThat(table.columns()).extracting(ParsedTable.ParsedColumn::name)
                .containsExactly("id", "book id", "label", "ratio", "doubled", "short", "created", "n", "untyped");
        assertThat(table.columns()).extracting(ParsedTable.ParsedColumn::type)
                .containsExactly("INTEGER", "BIGINT", "VARCHAR (200)", "DOUBLE PRECISION", "INTEGER", "", "TEXT",
                        "NUMERIC(10, 2)", "");
        assertThat(table.columns().get(0).clauses())
                .containsExactly(new ColumnPrimaryKey(Optional.of("pk_rp"), false, Optional.empty(), true));
        assertThat(table.columns().get(1).clauses()).containsExactly(
                new ColumnNotNull(Optional.empty(), Optional.empty()),
                new ColumnReferences(Optional.empty(), new References("books", List.of("id"),
                        Optional.of(ReferentialAction.CASCADE), Optional.empty(), Optional.empty(), Optional.empty())));
        assertThat(table.columns().get(2).clauses()).containsExactly(
                new ColumnCollate(Optional.empty(), "NOCASE"),
                new ColumnDefault(Optional.empty(), "'it''s (not) a paren'"),
                new ColumnUnique(Optional.empty(), Optional.empty()));
        assertThat(table.columns().get(3).clauses())
                .containsExactly(new ColumnCheck(Optional.of("ck_ratio"), "ratio >= 0.0 AND (ratio <= 100.0)"));
        assertThat(table.columns().get(4).clauses())
                .containsExactly(new ColumnGenerated(Optional.empty(), "id * 2", true));
        assertThat(table.columns().get(5).clauses())
                .containsExactly(new ColumnGenerated(Optional.empty(), "id + 1", false));
        assertThat(table.columns().get(6).clauses())
                .containsExactly(new ColumnDefault(Optional.empty(), "(datetime('now'))"));
        assertThat(table.columns().get(7).clauses()).containsExactly(new ColumnDefault(Optional.empty(), "-1.5e3"));
        assertThat(table.columns().get(8).clauses()).isEmpty();
    }

    @Test
    void tableConstraintsFollowWithOrWithoutCommasAndKeepCommentsInsideExpressions() {
        ParsedTable table = SqliteDdlParser.parseCreateTable("""
                CREATE TABLE main.t (
                    a INTEGER, b TEXT, c INTEGER, -- a comment, with (parentheses
                    CONSTRAINT pk_t PRIMARY KEY (a, b DESC) ON CONFLICT REPLACE,
                    CONSTRAINT "ck ""a""\" CHECK (a > /* ) */ 0)
                    UNIQUE (b COLLATE NOCASE, c)
                    CONSTRAINT fk_t FOREIGN KEY (c, a) REFERENCES "other" ("x", y) ON UPDATE SET NULL
                        ON DELETE NO ACTION MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED,
                    FOREIGN KEY (c) REFERENCES p NOT DEFERRABLE,
                    CHECK (b <> 'x,y')
                ) WITHOUT ROWID, STRICT""");

        assertThat(table.schema()).contains("main");
        assertThat(table.withoutRowid()).isTrue();
        assertThat(table.strict()).isTrue();
        assertThat(table.constraints()).containsExactly(
                new TablePrimaryKey(Optional.of("pk_t"), List.of(
                        new IndexedColumn("a", Optional.of("a"), Optional.empty(), false),
                        new IndexedColumn("b", Optional.of("b"), Optional.empty(), true)), Optional.of("REPLACE")),
                new TableCheck(Optional.of("ck \"a\""), "a > /* ) */ 0"),
                new TableUnique(Optional.empty(), List.of(
                        new IndexedColumn("b", Optional.of("b"), Optional.of("NOCASE"), false),
                        new IndexedColumn("c", Optional.of("c"), Optional.empty(), false)), Optional.empty()),
                new TableForeignKey(Optional.of("fk_t"), List.of("c", "a"), new References("other", List.of("x", "y"),
                        Optional.of(ReferentialAction.NO_ACTION), Optional.of(ReferentialAction.SET_NULL),
                        Optional.of("SIMPLE"), Optional.of(Deferrable.INITIALLY_DEFERRED))),
                new TableForeignKey(Optional.empty(), List.of("c"), new References("p", List.of(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(Deferrable.NOT_DEFERRABLE))),
                new TableCheck(Optional.empty(), "b <> 'x,y'"));
    }

    @Test
    void aTableMadeFromASelectHasNoDefinitionsToRead() {
        ParsedTable table = SqliteDdlParser.parseCreateTable("CREATE TABLE copy AS SELECT * FROM t");

        assertThat(table.asSelect()).isTrue();
        assertThat(table.columns()).isEmpty();
    }

    @Test
    void indexesKeepColumnsExpressionsCollationsOrderAndTheirPredicate() {
        ParsedIndex index = SqliteDdlParser.parseCreateIndex("CREATE UNIQUE INDEX IF NOT EXISTS aux.\"ix Books\" ON"
                + " books (title COLLATE NOCASE DESC, lower(author || ', '), (pages), \"year\" ASC)"
                + " WHERE is_parsed = 0 AND (pages > 10)");

        assertThat(index).isEqualTo(new ParsedIndex(Optional.of("aux"), "ix Books", true, "books", List.of(
                new IndexedColumn("title", Optional.of("title"), Optional.of("NOCASE"), true),
                new IndexedColumn("lower(author || ', ')", Optional.empty(), Optional.empty(), false),
                new IndexedColumn("(pages)", Optional.empty(), Optional.empty(), false),
                new IndexedColumn("\"year\"", Optional.of("year"), Optional.empty(), false)),
                Optional.of("is_parsed = 0 AND (pages > 10)")));
    }

    @Test
    void viewsKeepTheirQueryAsWrittenAndTheColumnsTheyName() {
        assertThat(SqliteDdlParser.parseCreateView("CREATE VIEW \"Un parsed\" as\n  select id, 'a;b' /* ; */ from"
                + " books where not is_parsed;")).isEqualTo(new ParsedView(Optional.empty(), "Un parsed", List.of(),
                "select id, 'a;b' /* ; */ from books where not is_parsed"));
        assertThat(SqliteDdlParser.parseCreateView("CREATE TEMP VIEW IF NOT EXISTS main.v (x, [y z]) AS SELECT 1, 2"))
                .isEqualTo(new ParsedView(Optional.of("main"), "v", List.of("x", "y z"), "SELECT 1, 2"));
        assertThatThrownBy(() -> SqliteDdlParser.parseCreateView("CREATE VIEW v AS"))
                .isInstanceOf(SqliteParseException.class).hasMessageStartingWith("expected the view's query");
        assertThatThrownBy(() -> SqliteDdlParser.parseCreateView("CREATE TABLE v AS SELECT 1"))
                .isInstanceOf(SqliteParseException.class).hasMessageStartingWith("expected VIEW at offset 7");
    }

    @Test
    void whatIsNotACreateStatementIsRefusedWithWhereTheParserStopped() {
        Map<String, String> messages = Map.of(
                "CREATE VIEW v AS SELECT 1", "expected TABLE at offset 7",
                "CREATE TABLE t (a INTEGER, CHECK (a > 0)", "expected ',' or ')' at offset 40",
                "CREATE TABLE t (a INTEGER CHECK (a > (0)", "a parenthesis is not closed at offset 32",
                "CREATE TABLE t (a INTEGER CHECK (a > 0)", "expected ',' or ')' at offset 39",
                "CREATE TABLE t (a 'unterminated)", "a string is not closed at offset 18",
                "CREATE TABLE t (a INTEGER) WITH ROWID", "expected WITHOUT ROWID or STRICT at offset 27",
                "CREATE TABLE t (a INTEGER DEFAULT)", "expected a default value at offset 33");
        messages.forEach((sql, message) -> assertThatThrownBy(() -> SqliteDdlParser.parseCreateTable(sql))
                .as(sql).isInstanceOf(SqliteParseException.class).hasMessageStartingWith(message));
        assertThatThrownBy(() -> SqliteDdlParser.parseCreateIndex("CREATE INDEX ix ON t ()"))
                .isInstanceOf(SqliteParseException.class).hasMessageStartingWith("expected a column or an expression");
    }

    @Test
    void columnNamesInAnExpressionAreFoundAndRenamedOutsideStringsCallsAndQualifiers() {
        String check = "\"Pages\" > 0 AND lower(title) <> 'pages' AND books.pages < [pages] + pages(1)";

        assertThat(ExpressionColumns.mentions(check, "PAGES")).isTrue();
        assertThat(ExpressionColumns.mentions(check, "books")).isFalse();
        assertThat(ExpressionColumns.mentions(check, "lower")).isFalse();
        assertThat(ExpressionColumns.rename(check, Map.of("pages", "page count"), name -> '"' + name + '"'))
                .isEqualTo("\"page count\" > 0 AND lower(title) <> 'pages' AND books.\"page count\" < \"page count\""
                        + " + pages(1)");
    }
}
