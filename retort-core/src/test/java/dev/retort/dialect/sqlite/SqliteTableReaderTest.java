package dev.retort.dialect.sqlite;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.sqlite.SqliteTableDefinition.Reference;
import dev.retort.dialect.sqlite.SqliteTableDefinition.Trigger;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.Deferrable;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SqliteDialect#readTable} on tables written in SQL, as people write them. */
class SqliteTableReaderTest {

    private static final String PARENT = "CREATE TABLE parent (pid INTEGER PRIMARY KEY, code TEXT UNIQUE)";
    private static final String BOOKS = """
            CREATE TABLE "Books" (
                id INTEGER CONSTRAINT pk_books PRIMARY KEY AUTOINCREMENT,
                title VARCHAR(200) COLLATE NOCASE NOT NULL CONSTRAINT uq_title UNIQUE,
                pages integer DEFAULT 0 CHECK (pages >= 0),
                price NUMERIC(10, 2) DEFAULT -1.5,
                status TEXT DEFAULT draft CONSTRAINT ck_status CHECK (status IN ('draft', 'done')),
                added TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                slug DEFAULT (lower(hex(randomblob(4)))),
                parent_id INTEGER REFERENCES parent ON DELETE CASCADE,
                code TEXT,
                doubled INTEGER AS (pages * 2),
                tripled INTEGER GENERATED ALWAYS AS (pages * 3) STORED,
                UNIQUE (code, parent_id),
                CHECK (length(title) > 0)
                CONSTRAINT fk_code FOREIGN KEY (code) REFERENCES parent (code) ON UPDATE SET NULL MATCH SIMPLE
                    DEFERRABLE INITIALLY DEFERRED
            )""";

    @Test
    void everyColumnConstraintAndIndexComesBackAsTheModelWritesIt() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute(PARENT, BOOKS,
                    "CREATE INDEX ix_books_pages ON Books(pages DESC)",
                    "CREATE UNIQUE INDEX \"ix lower\" ON books (lower(title), code COLLATE RTRIM) WHERE pages > 10");

            Table table = db.table("books");

            QualifiedName books = QualifiedName.of("books");
            assertThat(table).isEqualTo(Table.of(books,
                    column("id", raw("INTEGER")).autoincrement(),
                    column("title", raw("VARCHAR(200) COLLATE NOCASE")).notNull(),
                    column("pages", raw("INTEGER")).serverDefault(DefaultValue.expression("0")),
                    column("price", raw("NUMERIC(10, 2)")).serverDefault(DefaultValue.expression("-1.5")),
                    column("status", raw("TEXT")).serverDefault("draft"),
                    column("added", raw("TIMESTAMP")).serverDefaultExpression("CURRENT_TIMESTAMP"),
                    column("slug", raw("BLOB")).serverDefaultExpression("lower(hex(randomblob(4)))"),
                    column("parent_id", raw("INTEGER")),
                    column("code", raw("TEXT")),
                    column("doubled", raw("INTEGER")).generatedAs("pages * 2"),
                    column("tripled", raw("INTEGER")).generatedAs("pages * 3"),
                    new PrimaryKey(Optional.of("pk_books"), List.of("id")),
                    UniqueConstraint.of("uq_title", "title"),
                    new UniqueConstraint(Optional.empty(), List.of("code", "parent_id"), Optional.empty()),
                    new CheckConstraint(Optional.empty(), "pages >= 0"),
                    check("ck_status", "status IN ('draft', 'done')"),
                    new CheckConstraint(Optional.empty(), "length(title) > 0"),
                    ForeignKey.from(Optional.empty(), List.of("parent_id")).references("parent", "pid")
                            .onDelete(ReferentialAction.CASCADE),
                    ForeignKey.from(Optional.of("fk_code"), List.of("code")).references("parent", "code")
                            .onUpdate(ReferentialAction.SET_NULL).match("SIMPLE")
                            .deferrable(Deferrable.INITIALLY_DEFERRED),
                    Index.of("ix lower", books).on(expression("lower(title)"), expression("code COLLATE RTRIM"))
                            .unique().where("pages > 10"),
                    Index.of("ix_books_pages", books).on(key("pages").desc())));
        }
    }

    @Test
    void whatSurroundsTheTableIsReadToo() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("PRAGMA foreign_keys = ON", PARENT, "CREATE TABLE child (id INTEGER PRIMARY KEY,"
                            + " pid INTEGER REFERENCES parent, code TEXT, FOREIGN KEY (code) REFERENCES parent (code))",
                    "CREATE TABLE other (x INTEGER REFERENCES child (id))",
                    "CREATE TRIGGER parent_touch AFTER UPDATE ON parent BEGIN SELECT 1; END",
                    "CREATE VIEW codes AS SELECT code FROM parent", "CREATE VIEW broken AS SELECT nope FROM parent",
                    "CREATE VIEW unrelated AS SELECT 1 AS parentless");

            SqliteTableDefinition parent = db.dialect.describe(db.connection, QualifiedName.of("PARENT")).orElseThrow();

            assertThat(parent.triggers()).containsExactly(new Trigger("parent_touch",
                    "CREATE TRIGGER parent_touch AFTER UPDATE ON parent BEGIN SELECT 1; END"));
            assertThat(parent.views()).as("views naming the table that compile now").containsExactly("codes");
            assertThat(parent.referencedBy()).containsExactly(new Reference("child", List.of("pid"), List.of()),
                    new Reference("child", List.of("code"), List.of("code")));
            assertThat(parent.foreignKeysEnforced()).isTrue();
            assertThat(parent.legacyAlterTable()).isFalse();
            assertThat(parent.withoutRowid()).isFalse();
            assertThat(parent.notKept()).isEmpty();
            assertThat(parent.known()).isTrue();
        }
    }

    @Test
    void tableOptionsAreRead() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID, STRICT");

            SqliteTableDefinition kv = db.dialect.describe(db.connection, QualifiedName.of("kv")).orElseThrow();

            assertThat(kv.withoutRowid()).isTrue();
            assertThat(kv.strict()).isTrue();
            assertThat(kv.table().primaryKey()).contains(PrimaryKey.of("k"));
        }
    }

    @Test
    void constraintsAndIndexesNameColumnsAsTheTableDeclaresThemWhateverCaseTheyWereWrittenIn()
            throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER, Code TEXT, PRIMARY KEY (ID), UNIQUE (code),"
                    + " FOREIGN KEY (CODE) REFERENCES t (code))", "CREATE INDEX ix_t ON t (CODE DESC)");

            Table table = db.table("t");

            assertThat(table.primaryKey().orElseThrow().columns()).containsExactly("id");
            assertThat(table.uniques().get(0).columns()).containsExactly("Code");
            assertThat(table.foreignKeys().get(0).columns()).containsExactly("Code");
            assertThat(table.indexes().get(0).elements()).containsExactly(key("Code").desc());
        }
    }

    @Test
    void aTableTheModelCannotHoldIsAnErrorNamingIt() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE odd (a INTEGER, UNIQUE (a, a))");

            assertThatThrownBy(() -> db.table("odd")).isInstanceOf(SQLException.class)
                    .hasMessage("retort cannot model table odd: an unnamed unique constraint names column a twice");
        }
    }

    @Test
    void aMissingTableIsEmpty() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            assertThat(db.dialect.readTable(db.connection, QualifiedName.of("nothing"))).isEmpty();
        }
    }
}
