package dev.retort.dialect.sqlite;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BatchAlterTable.Recreate;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batch rebuild on real SQLite files with rows: what it keeps, what it changes, and when it refuses to commit. */
class SqliteRebuildTest {

    private static final QualifiedName T = QualifiedName.of("t");

    /** Everything a table can declare that a rebuild must keep. */
    private static final String EVERYTHING = """
            CREATE TABLE t (
                id INTEGER CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT,
                title VARCHAR(200) COLLATE NOCASE NOT NULL UNIQUE,
                pages INTEGER DEFAULT 0 CHECK (pages >= 0),
                status TEXT DEFAULT draft CONSTRAINT ck_status CHECK (status IN ('draft', 'done')),
                added TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                slug DEFAULT (lower(hex(randomblob(4)))),
                parent_id INTEGER REFERENCES t (id) ON DELETE CASCADE,
                doubled INTEGER GENERATED ALWAYS AS (pages * 2) STORED,
                CHECK (length(title) > 0)
            )""";

    private static BatchAlterTable batch(Recreate recreate, Operation... operations) {
        return new BatchAlterTable(T, List.of(operations), recreate, Optional.empty());
    }

    @Test
    void aRebuildThatChangesNothingKeepsTheTableItsRowsItsNumberingTriggersAndViews() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute(EVERYTHING, "CREATE INDEX ix_t_lower ON t (lower(title)) WHERE pages > 0",
                    "CREATE TABLE log (message TEXT)",
                    "CREATE TRIGGER t_logged AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.title); END",
                    "CREATE VIEW long_books AS SELECT title FROM t WHERE pages > 300",
                    "INSERT INTO t (title, pages, status) VALUES ('Dune', 412, 'done'), ('Emma', 474, 'draft'),"
                            + " ('Gone', 1, 'draft')",
                    "UPDATE t SET parent_id = 1 WHERE id = 2", "DELETE FROM t WHERE id = 3", "DELETE FROM log");
            Table before = db.table("t");
            List<String> rows = db.rows("SELECT * FROM t ORDER BY id");

            db.apply(batch(Recreate.ALWAYS));

            assertThat(db.table("t")).isEqualTo(before);
            assertThat(db.rows("SELECT * FROM t ORDER BY id")).isEqualTo(rows);
            assertThat(db.rows("SELECT seq FROM sqlite_sequence WHERE name = 't'")).containsExactly("3");
            db.execute("INSERT INTO t (title) VALUES ('Ulysses')");
            assertThat(db.rows("SELECT id FROM t WHERE title = 'Ulysses'"))
                    .as("AUTOINCREMENT does not hand out the deleted row's number again").containsExactly("4");
            assertThat(db.rows("SELECT * FROM log")).as("the trigger is back").containsExactly("Ulysses");
            assertThat(db.rows("SELECT * FROM long_books ORDER BY title")).containsExactly("Dune", "Emma");
            assertThatThrownBy(() -> db.execute("INSERT INTO t (title) VALUES ('DUNE')"))
                    .as("the collation is kept").hasMessageContaining("UNIQUE constraint failed: t.title");
            assertThat(db.rows("SELECT name FROM sqlite_master WHERE name LIKE '_retort%'")).isEmpty();
        }
    }

    @Test
    void strictAndWithoutRowidTablesStaySo() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID, STRICT",
                    "INSERT INTO kv VALUES ('a', 1), ('b', 2)");
            QualifiedName kv = QualifiedName.of("kv");

            db.apply(new BatchAlterTable(kv, List.of(new AddConstraint(kv, CheckConstraint.of("ck_v", "v > 0"), false)),
                    Recreate.AUTO, Optional.empty()));

            assertThat(db.definition("kv")).endsWith(") WITHOUT ROWID, STRICT");
            assertThat(db.rows("SELECT * FROM kv ORDER BY k")).containsExactly("a|1", "b|2");
            assertThatThrownBy(() -> db.execute("INSERT INTO kv VALUES ('c', 'x')")).hasMessageContaining("cannot"
                    + " store");
        }
    }

    @Test
    void theRowidIsKeptWhenNoColumnIsIt() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (name TEXT)", "INSERT INTO t (rowid, name) VALUES (7, 'a'), (42, 'b')");

            db.apply(batch(Recreate.AUTO, AlterColumn.of(T, "name").notNull()));

            assertThat(db.rows("SELECT rowid, name FROM t ORDER BY rowid")).containsExactly("7|a", "42|b");
        }
    }

    @Test
    void dropAnIndexedColumnDropsWhatUsesItAndKeepsTheRows() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, author TEXT, title TEXT, CONSTRAINT uq UNIQUE (author,"
                            + " title), CONSTRAINT ck_author CHECK (author <> ''))",
                    "CREATE INDEX ix_author ON t (author)", "CREATE INDEX ix_title ON t (title)",
                    "INSERT INTO t VALUES (1, 'Herbert', 'Dune'), (2, 'Austen', 'Emma')");

            db.apply(batch(Recreate.AUTO, new DropColumn(T, "author", false, Optional.empty())));

            assertThat(db.rows("SELECT * FROM t ORDER BY id")).containsExactly("1|Dune", "2|Emma");
            assertThat(db.table("t").indexes()).extracting(Index::name).containsExactly("ix_title");
            assertThat(db.table("t").uniques()).isEmpty();
            assertThat(db.table("t").checks()).isEmpty();
        }
    }

    /**
     * What a batch drops and adds again under its name (a changed foreign key or check, a generated
     * column's new expression, as autogenerate writes them) stays where it was, so that the batch
     * undoing it gives back the table as it was; new ones go last.
     */
    @Test
    void aConstraintOrColumnMadeAgainUnderItsNameKeepsItsPlace() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)",
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER CONSTRAINT fk_a REFERENCES p (id),"
                            + " twice INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL, b INTEGER CONSTRAINT fk_b"
                            + " REFERENCES p (id), CONSTRAINT ck_a CHECK (a > 0), CONSTRAINT ck_b CHECK (b > 0))",
                    "INSERT INTO p VALUES (1)", "INSERT INTO t (id, a, b) VALUES (1, 1, 1)");
            Table before = db.table("t");
            ForeignKey fkA = before.foreignKeys().get(0);

            db.apply(batch(Recreate.AUTO,
                    new DropConstraint(T, "fk_a", Optional.empty(), false, Optional.empty()),
                    new DropConstraint(T, "ck_a", Optional.empty(), false, Optional.empty()),
                    new DropColumn(T, "twice", false, Optional.empty()),
                    new AddColumn(T, column("twice", integer()).generatedAs("a * 3"), false, Optional.empty()),
                    new AddConstraint(T, new CheckConstraint(Optional.of("ck_a"), "a >= 0"), false),
                    new AddConstraint(T, new ForeignKey(fkA.name(), fkA.columns(), fkA.referencedTable(),
                            fkA.referencedColumns(), Optional.of(ReferentialAction.CASCADE), Optional.empty(),
                            Optional.empty(), Optional.empty()), false),
                    new AddConstraint(T, new CheckConstraint(Optional.of("ck_c"), "a + b > 0"), false)));

            Table after = db.table("t");
            assertThat(after.columns()).extracting(Column::name).containsExactly("id", "a", "twice", "b");
            assertThat(after.foreignKeys()).extracting(k -> k.name().orElseThrow()).containsExactly("fk_a", "fk_b");
            assertThat(after.foreignKeys().get(0).onDelete()).contains(ReferentialAction.CASCADE);
            assertThat(after.checks()).extracting(CheckConstraint::condition).containsExactly("a >= 0", "b > 0",
                    "a + b > 0");
            assertThat(db.rows("SELECT * FROM t")).containsExactly("1|1|3|1");
        }
    }

    @Test
    void aTypeChangeConvertsWhatConvertsWithoutLossAndUsingConvertsTheRest() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)",
                    "INSERT INTO t VALUES (1, '42', '42'), (2, 'abc', 'abc'), (3, '1.5', '1.5'), (4, NULL, NULL)");

            db.apply(batch(Recreate.AUTO, AlterColumn.of(T, "a").type(integer()),
                    AlterColumn.of(T, "b").type(integer()).using("CAST(b AS INTEGER)")));

            assertThat(db.rows("SELECT a, typeof(a), b, typeof(b) FROM t ORDER BY id")).containsExactly(
                    "42|integer|42|integer", "abc|text|0|integer", "1.5|real|1|integer", "null|null|null|null");
        }
    }

    @Test
    void anEnumsNewValuesReplaceItsCheck() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.apply(new CreateTable(Table.of(T, column("id", integer()).primaryKey(),
                    column("state", enumType("state", "new", "old")).notNull().serverDefault("new")), false));
            db.execute("INSERT INTO t (id, state) VALUES (1, 'old')");

            db.apply(batch(Recreate.AUTO, AlterColumn.of(T, "state").type(enumType("state", "new", "old", "gone"))));
            db.execute("INSERT INTO t (id, state) VALUES (2, 'gone')");

            assertThat(db.rows("SELECT * FROM t ORDER BY id")).containsExactly("1|old", "2|gone");
            assertThat(db.table("t").checks()).extracting(CheckConstraint::condition)
                    .containsExactly("state IN ('new', 'old', 'gone')");
            assertThatThrownBy(() -> db.execute("INSERT INTO t (id, state) VALUES (3, 'bogus')"))
                    .hasMessageContaining("CHECK constraint failed: ck_t_state_enum");
        }
    }

    @Test
    void renamesRunInPlaceLastSoSqliteRewritesTriggersViewsAndOtherTablesForeignKeys() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE, n TEXT)",
                    "CREATE TABLE child (id INTEGER PRIMARY KEY, t_code TEXT REFERENCES t (code))",
                    "CREATE TABLE log (message TEXT)",
                    "CREATE TRIGGER t_logged AFTER UPDATE OF code ON t BEGIN INSERT INTO log VALUES (NEW.code); END",
                    "CREATE VIEW codes AS SELECT code FROM t",
                    "INSERT INTO t VALUES (1, 'a', '5')", "INSERT INTO child VALUES (10, 'a')");

            db.apply(batch(Recreate.AUTO, AlterColumn.of(T, "code").rename("key_code"),
                    AlterColumn.of(T, "n").type(integer()),
                    new AddConstraint(T, CheckConstraint.of("ck_code", "key_code <> ''"), false),
                    new CreateIndex(Index.of("ix_code", T, "key_code"), false, false)));
            db.execute("UPDATE t SET key_code = 'b' WHERE id = 1", "UPDATE child SET t_code = 'b'");

            assertThat(db.rows("SELECT * FROM t")).containsExactly("1|b|5");
            assertThat(db.rows("SELECT * FROM log")).containsExactly("b");
            assertThat(db.rows("SELECT * FROM codes")).containsExactly("b");
            assertThat(db.definition("child")).contains("REFERENCES t (key_code)");
            assertThat(db.definition("t")).contains("CHECK (key_code <> '')");
            assertThat(db.definition("ix_code")).contains("(key_code)");
            assertThat(db.rows("PRAGMA foreign_key_check")).isEmpty();
        }
    }

    @Test
    void aSelfReferencingTableKeepsReferencingItself() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES t (id) ON DELETE CASCADE,"
                    + " name TEXT)", "INSERT INTO t VALUES (1, NULL, 'root'), (2, 1, 'leaf')");

            db.apply(batch(Recreate.AUTO, AlterColumn.of(T, "name").notNull()));

            assertThat(db.rows("SELECT * FROM t ORDER BY id")).containsExactly("1|null|root", "2|1|leaf");
            assertThat(db.rows("SELECT \"table\" FROM pragma_foreign_key_list('t')")).containsExactly("t");
        }
    }

    @Test
    void anAddedAutoincrementColumnNumbersTheRows() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (name TEXT)", "INSERT INTO t VALUES ('a'), ('b')");

            db.apply(batch(Recreate.AUTO, new AddColumn(T, column("id", integer()).autoincrement(), false,
                    Optional.of(dev.retort.ops.ColumnPosition.first()))));
            db.execute("INSERT INTO t (name) VALUES ('c')");

            assertThat(db.rows("SELECT id, name FROM t ORDER BY id")).containsExactly("1|a", "2|b", "3|c");
        }
    }

    @Test
    void whatSqliteCanDoInPlaceIsNotARebuild() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY /* kept as written */, name TEXT)");

            db.apply(batch(Recreate.AUTO, new AddColumn(T, column("note", text()), false, Optional.empty()),
                    new CreateIndex(Index.of("ix_note", T, "note"), false, false),
                    AlterColumn.of(T, "name").rename("title")));

            assertThat(db.definition("t")).contains("/* kept as written */").contains("title TEXT")
                    .endsWith(", note TEXT)");
        }
    }

    @Test
    void anUnnamedCheckGoesWithABatchGivenTheTableWithoutItAsCopyFrom() throws SQLException {
        // what the comparator's warning about an unnamed constraint tells SQLite users to write
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER CHECK (n > 0))",
                    "INSERT INTO t VALUES (1, 5)");
            Table without = Table.of(T, db.table("t").elements().stream()
                    .filter(e -> !(e instanceof CheckConstraint)).toList());

            db.apply(new BatchAlterTable(T, List.of(), Recreate.ALWAYS, Optional.of(without)));

            assertThat(db.table("t").checks()).isEmpty();
            db.execute("INSERT INTO t VALUES (2, -1)");
            assertThat(db.rows("SELECT id, n FROM t ORDER BY id")).containsExactly("1|5", "2|-1");
        }
    }

    @Test
    void theRenameThatEndsARebuildIsKnownInASqlRevisionAsNeedingForeignKeysOff() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE \"Order\" (id INTEGER PRIMARY KEY, a TEXT, b TEXT)");
            QualifiedName order = QualifiedName.of("Order");
            List<String> rebuild = db.dialect.render(new BatchAlterTable(order, List.of(
                    AlterColumn.of(order, "a").notNull(), AlterColumn.of(order, "b").rename("c")), Recreate.AUTO,
                    Optional.empty()), db.online()).stream().map(RenderedStatement::sql).toList();

            // the rename of the copy, not the rename of a column that follows it
            assertThat(rebuild.stream().filter(db.dialect::statementNeedsForeignKeysOff))
                    .containsExactly("ALTER TABLE \"_retort_tmp_Order\" RENAME TO \"Order\"");
            assertThat(rebuild).contains("ALTER TABLE \"Order\" RENAME COLUMN b TO c");
        }
        for (String sql : List.of("ALTER TABLE main._retort_tmp_t RENAME TO t",
                "alter table [_RETORT_TMP_t] rename to t")) {
            assertThat(new SqliteDialect().statementNeedsForeignKeysOff(sql)).as(sql).isTrue();
        }
        for (String sql : List.of("ALTER TABLE t RENAME TO _retort_tmp_t", "SELECT '_retort_tmp_t'",
                "ALTER TABLE _retort_tmp_t ADD COLUMN x", "ALTER TABLE 'unterminated _retort_tmp_")) {
            assertThat(new SqliteDialect().statementNeedsForeignKeysOff(sql)).as(sql).isFalse();
        }
    }

    @Test
    void aCheckTheRowsBreakFailsTheBatchAndLeavesTheTableAsItWas() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, progress REAL)",
                    "INSERT INTO t VALUES (1, 50.0), (2, 150.0)");
            String definition = db.definition("t");

            assertThatThrownBy(() -> db.apply(batch(Recreate.AUTO, new AddConstraint(T,
                    CheckConstraint.of("ck_progress", "progress <= 100"), false))))
                    .isInstanceOf(SQLException.class).hasMessageContaining("CHECK constraint failed: ck_progress");

            assertThat(db.definition("t")).isEqualTo(definition);
            assertThat(db.rows("SELECT * FROM t ORDER BY id")).containsExactly("1|50.0", "2|150.0");
        }
    }

    @Test
    void aViewTheChangeBreaksFailsTheBatch() throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)", "CREATE VIEW notes AS SELECT note FROM t",
                    "INSERT INTO t VALUES (1, 'x')");

            assertThatThrownBy(() -> db.apply(batch(Recreate.AUTO, new DropColumn(T, "note", false,
                    Optional.empty())))).isInstanceOf(SQLException.class).hasMessageContaining("no such column: note");

            assertThat(db.rows("SELECT * FROM notes")).containsExactly("x");
        }
    }
}
