package dev.retort.dialect.sqlite;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Tables.primaryKey;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.array;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.vector;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.OperationNotSupportedException;
import dev.retort.dialect.RenderContext;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BatchAlterTable.Recreate;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateExtension;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateSchema;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropExtension;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropSchema;
import dev.retort.ops.DropSequence;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.Deferrable;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of the SQLite dialect, with the whole message a user reads: what cannot be done,
 * why, and the call to write instead. Offline ones need no database; online ones read a real one.
 */
class SqliteRefusalsTest {

    private static final QualifiedName T = QualifiedName.of("books");
    private static final ExcludeConstraint EXCLUDE = new ExcludeConstraint(Optional.of("ex"), "gist",
            List.of(new ExcludeConstraint.Element("r", "&&")), Optional.empty());

    /** The table the batch cases rebuild, given as copyFrom. */
    private static final Table COPY = Table.of(T, column("id", integer()).primaryKey(),
            column("title", text()).notNull(), column("pages", integer()),
            column("g", integer()).generatedAs("pages + 1"), column("s", text()),
            check("ck_pages", "pages > 0"), index("ix_title", "title"));

    static Stream<Arguments> offline() {
        return Stream.of(
                refused(new CreateTable(Table.of(T, column("id", integer()).autoincrement(), column("k", text()),
                        primaryKey("id", "k")), false), "SQLite cannot create table books: AUTOINCREMENT numbers only a"
                        + " column that is the whole primary key (INTEGER PRIMARY KEY AUTOINCREMENT), and the primary"
                        + " key of books is [id, k]. Make id the only primary key column, or give it no"
                        + " autoincrement()"),
                refused(new CreateTable(Table.of(T, column("id", integer()).identity(Identity.byDefault()
                        .incrementBy(10))), false), "SQLite cannot create table books: its AUTOINCREMENT counts in"
                        + " steps of 1. Leave out incrementBy(10) for SQLite"),
                refused(new CreateTable(Table.of(T, column("id", integer()), column("tags", array(text()))), false),
                        "SQLite cannot create table books: SQLite has no array types. Store the values in a json()"
                                + " column or a child table"),
                refused(new AddColumn(T, column("e", vector(3)), false, Optional.empty()),
                        "SQLite cannot add column books.e: SQLite has no vector type. Vector(n) is pgvector's, on"
                                + " PostgreSQL"),
                refused(new CreateTable(Table.of(T, column("id", integer()), unique("uq", "id")
                        .deferrable(Deferrable.INITIALLY_DEFERRED)), false), "SQLite cannot create table books: it"
                        + " checks a unique constraint at once; only foreign keys can be deferred. Leave out"
                        + " .deferrable(...) of uq for SQLite"),
                refused(new CreateTable(Table.of(T, column("a", integer()), foreignKey("fk", "a")
                        .references(QualifiedName.of("other", "p"), "id")), false), "SQLite cannot create table books:"
                        + " a foreign key references only a table of its own database, and other.p is in other. Keep"
                        + " both tables in one database"),
                refused(new DropTable(T, false, true, Optional.empty()), "SQLite cannot drop table books: its DROP"
                        + " TABLE has no CASCADE (the table's indexes and triggers go with it, views stay and fail when"
                        + " used). Drop the views that use the table first, then the table"),
                refused(new AddColumn(T, column("id2", integer()).autoincrement(), false, Optional.empty()),
                        "SQLite cannot add column books.id2: an autoincrement column is the table's INTEGER PRIMARY"
                                + " KEY, and SQLite adds no primary key column. Add it in a batch, which rebuilds the"
                                + " table and gives every row the column's value: op.batchAlterTable(\"books\", b ->"
                                + " b.addColumn(column(\"id2\", integer()).autoincrement()))"),
                refused(new AddColumn(T, column("g", integer()).generatedAs("pages * 2"), false, Optional.empty()),
                        "SQLite cannot add column books.g: ALTER TABLE adds a generated column only as VIRTUAL, or to"
                                + " an empty table, and retort's generated columns are STORED. Add it in a batch, which"
                                + " rebuilds the table and gives every row the column's value: op.batchAlterTable("
                                + "\"books\", b -> b.addColumn(column(\"g\", integer()).generatedAs(\"pages * 2\")))"),
                refused(new AddColumn(T, column("at", timestamp()).serverDefaultExpression("CURRENT_TIMESTAMP"), false,
                        Optional.empty()), "SQLite cannot add column books.at: ALTER TABLE adds a column whose default"
                        + " is not a constant (CURRENT_TIMESTAMP) only to an empty table. Add it in a batch, which"
                        + " rebuilds the table and gives every row the column's value: op.batchAlterTable(\"books\","
                        + " b -> b.addColumn(column(\"at\","
                        + " timestamp()).serverDefaultExpression(\"CURRENT_TIMESTAMP\")))"),
                refused(new AddColumn(T, column("n", integer()).notNull(), false, Optional.empty()),
                        "SQLite cannot add column books.n: ALTER TABLE adds a NOT NULL column only with a default other"
                                + " than NULL, or to an empty table. Give it a server default, which the rows it has"
                                + " get; or add it nullable, fill it, and make it NOT NULL in a batch:"
                                + " op.batchAlterTable(\"books\", b -> b.alterColumn(\"n\", c -> c.notNull()))"),
                refused(new AddColumn(T, column("n", integer()).notNull().serverDefaultExpression("NULL"), false,
                        Optional.empty()), "SQLite cannot add column books.n: ALTER TABLE adds a NOT NULL column only"
                        + " with a default other than NULL, or to an empty table. Give it a server default, which the"
                        + " rows it has get; or add it nullable, fill it, and make it NOT NULL in a batch:"
                        + " op.batchAlterTable(\"books\", b -> b.alterColumn(\"n\", c -> c.notNull()))"),
                refused(new AddColumn(T, column("n", integer()), true, Optional.empty()), "SQLite cannot add column"
                        + " books.n: it has no ADD COLUMN IF NOT EXISTS, and an offline script cannot look whether the"
                        + " column exists. Use op.addColumn, or run this revision online, where retort looks"),
                refused(new DropColumn(T, "n", true, Optional.empty()), "SQLite cannot drop column books.n: it has no"
                        + " DROP COLUMN IF EXISTS, and an offline script cannot look whether the column exists. Use"
                        + " op.dropColumn, or run this revision online, where retort looks"),
                refused(AlterColumn.of(T, "pages").type(bigint()).notNull(), "SQLite cannot alter column books.pages"
                        + " (type, set NOT NULL): its ALTER TABLE cannot change a column's type, nullability or"
                        + " default."
                        + " Rebuild the table in a batch: op.batchAlterTable(\"books\", b -> b.alterColumn(\"pages\","
                        + " c -> c.type(bigint()).notNull()))"),
                refused(AlterColumn.of(T, "title").serverDefault("x").rename("name"), "SQLite cannot alter column"
                        + " books.title (default, rename to name): its ALTER TABLE cannot change a column's type,"
                        + " nullability or default. Rebuild the table in a batch: op.batchAlterTable(\"books\", b ->"
                        + " b.alterColumn(\"title\", c -> c.serverDefault(\"x\").rename(\"name\")))"),
                refused(AlterColumn.of(QualifiedName.of("aux", "t"), "a").nullable(true).dropServerDefault(),
                        "SQLite cannot alter column aux.t.a (drop NOT NULL, drop default): its ALTER TABLE cannot"
                                + " change a column's type, nullability or default. Rebuild the table in a batch:"
                                + " op.inSchema(\"aux\").batchAlterTable(\"t\", b -> b.alterColumn(\"a\", c ->"
                                + " c.nullable(true).dropServerDefault()))"),
                refused(new CreateIndex(Index.of("ix", T, "a").using("gin"), false, false), "SQLite cannot create index"
                        + " ix on books: it has only B-tree indexes, not gin. Leave out .using(\"gin\") for SQLite, or"
                        + " check op.dialect() before creating the index"),
                refused(new CreateIndex(Index.of("ix", T, "a").include("b"), false, false), "SQLite cannot create"
                        + " index ix on books: it has no INCLUDE columns. Make [b] trailing keys of the index, or leave"
                        + " out .include(...) for SQLite"),
                refused(new CreateIndex(Index.of("ix", T).on(key("a").operatorClass("gin_trgm_ops")), false, false),
                        "SQLite cannot create index ix on books: operator classes (gin_trgm_ops) are PostgreSQL's."
                                + " Leave out .operatorClass(...) for SQLite; a collation goes into an expression key,"
                                + " as expression(\"name COLLATE NOCASE\")"),
                refused(new CreateIndex(Index.of("ix", T).on(key("a").nullsLast()), false, false), "SQLite cannot"
                        + " create index ix on books: its indexes sort NULLs first (last when DESC) and take no NULLS"
                        + " LAST. Leave out .nullsLast() for SQLite"),
                refused(new AddConstraint(T, CheckConstraint.of("ck", "pages >= 0"), false), "SQLite cannot add check"
                        + " constraint ck on books: its ALTER TABLE cannot add a constraint to an existing table. Add"
                        + " it in a batch, which rebuilds the table with it and checks every row: op.batchAlterTable("
                        + "\"books\", b -> b.createCheckConstraint(\"ck\", \"pages >= 0\"))"),
                refused(new AddConstraint(T, UniqueConstraint.of("uq", "a", "b"), false), "SQLite cannot add unique"
                        + " constraint uq on books: its ALTER TABLE cannot add a constraint to an existing table. Add"
                        + " it in a batch, which rebuilds the table with it and checks every row: op.batchAlterTable("
                        + "\"books\", b -> b.createUniqueConstraint(\"uq\", \"a\", \"b\"))"),
                refused(new AddConstraint(T, new PrimaryKey(Optional.of("pk"), List.of("id")), false), "SQLite cannot"
                        + " add primary key pk on books: its ALTER TABLE cannot add a constraint to an existing table."
                        + " Add it in a batch, which rebuilds the table with it and checks every row:"
                        + " op.batchAlterTable(\"books\", b -> b.createPrimaryKey(\"pk\", \"id\"))"),
                refused(new AddConstraint(T, foreignKey("fk", "a").references("authors", "id")
                        .onDelete(ReferentialAction.CASCADE).deferrable(Deferrable.INITIALLY_DEFERRED), true),
                        "SQLite cannot add foreign key fk on books: its ALTER TABLE cannot add a constraint to an"
                                + " existing table. Add it in a batch, which rebuilds the table with it and checks"
                                + " every row: op.batchAlterTable(\"books\", b -> b.createForeignKey(foreignKey(\"fk\","
                                + " \"a\")"
                                + ".references(\"authors\", \"id\").onDelete(ReferentialAction.CASCADE)"
                                + ".deferrable(Deferrable.INITIALLY_DEFERRED)))"),
                refused(new AddConstraint(QualifiedName.of("aux", "t"), CheckConstraint.of("ck \"q\"", "a > 0"), false),
                        "SQLite cannot add check constraint ck \"q\" on aux.t: its ALTER TABLE cannot add a constraint"
                                + " to an existing table. Add it in a batch, which rebuilds the table with it and"
                                + " checks every row: op.inSchema(\"aux\").batchAlterTable(\"t\", b ->"
                                + " b.createCheckConstraint(\"ck \\\"q\\\"\", \"a > 0\"))"),
                refused(new AddConstraint(T, EXCLUDE, false), "SQLite cannot add exclusion constraint ex on books:"
                        + " exclusion constraints are PostgreSQL's. Enforce the rule with a unique index or a trigger"),
                refused(new DropConstraint(T, "ck", Optional.empty(), false, Optional.empty()), "SQLite cannot drop"
                        + " constraint ck on books: its ALTER TABLE cannot drop a constraint. Drop it in a batch, which"
                        + " rebuilds the table without it: op.batchAlterTable(\"books\", b ->"
                        + " b.dropConstraint(\"ck\"))"),
                refused(new CreateSchema("app", true), "SQLite cannot create schema app: it has no schemas: a database"
                        + " file is one, and ATTACH DATABASE, which makes another file reachable under a name, lasts"
                        + " only for its connection and cannot run inside a transaction. Keep the tables in the main"
                        + " database, or check op.dialect() before creating the schema"),
                refused(new DropSchema("app", true, false), "SQLite cannot drop schema app: it has no schemas (ATTACH"
                        + " DATABASE is no schema a migration can drop). Check op.dialect() before dropping the"
                        + " schema"),
                refused(new CreateExtension("pg_trgm", true, Optional.empty(), Optional.empty()), "SQLite cannot"
                        + " create extension pg_trgm: extensions are PostgreSQL's. Run this revision on PostgreSQL, or"
                        + " check op.dialect() before creating the extension"),
                refused(new DropExtension("pg_trgm", true, false), "SQLite cannot drop extension pg_trgm: extensions"
                        + " are PostgreSQL's. Run this revision on PostgreSQL, or check op.dialect() before dropping"
                        + " the extension"),
                refused(new AddEnumValue(QualifiedName.of("book_status"), "archived", Optional.empty(),
                        Optional.empty(), true), "SQLite cannot add value 'archived' to enum type book_status: an"
                        + " enum is a CHECK on each of its columns here, not a type. Rebuild the table with every"
                        + " value in a batch:"
                        + " op.batchAlterTable(\"<table>\", b -> b.alterColumn(\"<column>\", c -> c.type(enumType("
                        + "\"book_status\", ...every value...))))"),
                refused(CreateSequence.of(QualifiedName.of("seq")), "SQLite cannot create sequence seq: it has no"
                        + " sequences. Use an autoincrement column (column(...).autoincrement()), which SQLite numbers"
                        + " itself"),
                refused(new DropSequence(QualifiedName.of("seq"), false, Optional.empty()), "SQLite cannot drop"
                        + " sequence seq: it has no sequences. Check op.dialect() before dropping the sequence"),

                // batches
                refused(batch(Recreate.AUTO, AlterColumn.of(T, "pages").type(bigint())), "SQLite cannot batch alter"
                        + " table books (1 change): rebuilding the table needs its definition, which an offline script"
                        + " cannot read. Give it to the batch, as Alembic's copy_from: op.batchAlterTable(\"books\","
                        + " Table.of(QualifiedName.of(\"books\"), column(...), ...), b -> ...), or run this revision"
                        + " online"),
                refused(batch(Recreate.NEVER, AlterColumn.of(T, "pages").type(bigint())), "SQLite cannot alter column"
                        + " books.pages (type): its ALTER TABLE cannot change a column's type, nullability or default."
                        + " This batch says Recreate.NEVER; let it rebuild the table with Recreate.AUTO"),
                refused(batch(Recreate.NEVER, new DropConstraint(T, "ck", Optional.empty(), false, Optional.empty())),
                        "SQLite cannot drop constraint ck on books: its ALTER TABLE cannot drop a constraint. This"
                                + " batch says Recreate.NEVER; let it rebuild the table with Recreate.AUTO"),
                refused(batch(Recreate.AUTO, new CreateTable(Table.of(QualifiedName.of("x"), column("a", integer())),
                        false)), "SQLite cannot batch alter table books (1 change): a batch holds changes to its own"
                        + " table only (columns, constraints, indexes, comments, raw SQL), not create table x. Run it"
                        + " outside the batch"),
                refused(batch(Recreate.AUTO, new AddColumn(QualifiedName.of("other"), column("a", integer()), false,
                        Optional.empty())), "SQLite cannot batch alter table books (1 change): a batch holds changes to"
                        + " its own table only, and add column other.a is about other. Run it outside the batch, or in"
                        + " a batch of its own table"),
                refused(new BatchAlterTable(T, List.of(), Recreate.ALWAYS, Optional.of(Table.of(QualifiedName.of(
                        "novels"), column("a", integer())))), "SQLite cannot batch alter table books (0 changes): the"
                        + " batch's copyFrom describes table novels. Give the definition of books"),
                rebuildRefused("the table already has a column title. Give the new column another name",
                        new AddColumn(T, column("title", text()), false, Optional.empty())),
                rebuildRefused("this batch renames column title, and SQLite renames it only after rebuilding the table."
                        + " Add the new column title in a second batch", AlterColumn.of(T, "title").rename("name"),
                        new AddColumn(T, column("title", text()), false, Optional.empty())),
                rebuildRefused("the table has no column nope to add x after. Name a column the table has",
                        new AddColumn(T, column("x", text()), false, Optional.of(ColumnPosition.after("nope")))),
                rebuildRefused("an autoincrement column is the whole primary key, and the table has one on [id]. Add"
                        + " the column without autoincrement(): the table's primary key has no name to drop it by",
                        new AddColumn(T, column("seq", integer()).autoincrement(), false, Optional.empty())),
                rebuildRefused("the table has no column nope. Name a column of books: id, title, pages, g, s",
                        new DropColumn(T, "nope", false, Optional.empty())),
                rebuildRefused("the batch drops column pages, which the generated column g uses. Drop or change the"
                        + " generated column g first", new DropColumn(T, "pages", false, Optional.empty())),
                rebuildRefused("the table has no column nope. Name a column of books: id, title, pages, g, s",
                        AlterColumn.of(T, "nope").notNull()),
                rebuildRefused("the table already has a column pages. Rename it to a name the table does not have, or"
                        + " drop pages first", AlterColumn.of(T, "title").rename("PAGES")),
                Arguments.of("batch: an identity column with a default", new BatchAlterTable(T, List.of(
                        AlterColumn.of(T, "id").serverDefault("1")), Recreate.AUTO, Optional.of(Table.of(T,
                        column("id", integer()).autoincrement(), column("n", text())))), "SQLite cannot batch alter"
                        + " table books (1 change): column id: an identity column cannot also have a default. Change"
                        + " the column so that it stays valid"),
                rebuildRefused("the table already has a constraint named ck_pages. Give the constraint another name, or"
                        + " drop the other first", new AddConstraint(T, CheckConstraint.of("CK_PAGES", "pages > 1"),
                        false)),
                rebuildRefused("the table already has a primary key, on [id]. Drop it in the same batch first",
                        new AddConstraint(T, PrimaryKey.of("title").named("pk2"), false)),
                rebuildRefused("the table has no constraint named nope; its named constraints are ck_pages. Name one of"
                        + " them", new DropConstraint(T, "nope", Optional.empty(), false, Optional.empty())),
                rebuildRefused("ix_title is an index of the table, not a constraint. Drop it with"
                        + " b.dropIndex(\"ix_title\")", new DropConstraint(T, "ix_title", Optional.empty(), false,
                        Optional.empty())),
                rebuildRefused("ck_pages is a check constraint, not a foreign key. Drop it as a check constraint",
                        new DropConstraint(T, "ck_pages", Optional.of(ConstraintType.FOREIGN_KEY), false,
                                Optional.empty())),
                rebuildRefused("the table already has an index named ix_title. Give the index another name",
                        new CreateIndex(Index.of("ix_title", T, "pages"), false, false)),
                rebuildRefused("the table has no index named nope; its indexes are ix_title. Name one of its indexes",
                        new DropIndex(QualifiedName.of("nope"), Optional.of(T), false, false, Optional.empty())),
                rebuildRefused("table books: index ix_nope names column nope, which the table does not have. Change the"
                        + " batch so that the table it leaves is valid", new CreateIndex(Index.of("ix_nope", T, "nope"),
                        false, false)),
                rebuildRefused("the batch leaves the table no column. Drop the table and create a new one",
                        new DropColumn(T, "g", false, Optional.empty()),
                        new DropColumn(T, "id", false, Optional.empty()),
                        new DropColumn(T, "title", false, Optional.empty()),
                        new DropColumn(T, "pages", false, Optional.empty()),
                        new DropColumn(T, "s", false, Optional.empty())),
                rebuildRefused("exclusion constraints are PostgreSQL's. Enforce the rule with a unique index or a"
                        + " trigger", new AddConstraint(T, EXCLUDE, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offline")
    void offlineRefusalsSayWhyAndWhatToWriteInstead(String description, Operation operation, String message) {
        assertThatThrownBy(() -> new SqliteDialect().render(operation, RenderContext.OFFLINE))
                .isInstanceOf(OperationNotSupportedException.class).hasMessage(message);
    }

    /** A database state, an operation on it, and the refusal. */
    static Stream<Arguments> online() {
        String parent = "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE, a INTEGER, b INTEGER, c"
                + " INTEGER,"
                + " d INTEGER, e INTEGER, g INTEGER GENERATED ALWAYS AS (e + 1), CONSTRAINT ck_b CHECK (b > 0),"
                + " CONSTRAINT fk_d FOREIGN KEY (d) REFERENCES parent (id), CONSTRAINT uq_c UNIQUE (c, a))";
        String child = "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_code TEXT REFERENCES parent (code))";
        String index = "CREATE INDEX ix_parent_a ON parent (a)";
        return Stream.of(
                Arguments.of("drop an indexed column", List.of(parent, child, index),
                        new DropColumn(QualifiedName.of("parent"), "a", false, Optional.empty()),
                        "SQLite cannot drop column parent.a: unique constraint uq_c, index ix_parent_a uses it, and"
                                + " SQLite drops only a column nothing else in the table uses. Drop it in a batch,"
                                + " which rebuilds the table without the column and what uses it: op.batchAlterTable("
                                + "\"parent\", b -> b.dropColumn(\"a\"))"),
                Arguments.of("drop a primary key column", List.of(parent),
                        new DropColumn(QualifiedName.of("parent"), "id", false, Optional.empty()),
                        "SQLite cannot drop column parent.id: its primary key, foreign key fk_d uses it, and SQLite"
                                + " drops only a column nothing else in the table uses. Drop it in a batch, which"
                                + " rebuilds the table without the column and what uses it: op.batchAlterTable("
                                + "\"parent\", b -> b.dropColumn(\"id\"))"),
                Arguments.of("drop a column a table check uses", List.of(parent),
                        new DropColumn(QualifiedName.of("parent"), "b", false, Optional.empty()),
                        "SQLite cannot drop column parent.b: check constraint ck_b uses it, and SQLite drops only a"
                                + " column nothing else in the table uses. Drop it in a batch, which rebuilds the table"
                                + " without the column and what uses it: op.batchAlterTable(\"parent\", b ->"
                                + " b.dropColumn(\"b\"))"),
                Arguments.of("drop a column another table references", List.of(parent, child),
                        new DropColumn(QualifiedName.of("parent"), "code", false, Optional.empty()),
                        "SQLite cannot drop column parent.code: the foreign key of table child (parent_code) uses it,"
                                + " so neither SQLite nor a rebuild can drop it. Drop or change the foreign key of"
                                + " table child (parent_code) first"),
                Arguments.of("drop a column a generated column uses", List.of(parent),
                        new DropColumn(QualifiedName.of("parent"), "e", false, Optional.empty()),
                        "SQLite cannot drop column parent.e: the generated column g uses it, so neither SQLite nor a"
                                + " rebuild can drop it. Drop or change the generated column g first"),
                Arguments.of("rebuild a table another table references, column and all", List.of(parent, child),
                        new BatchAlterTable(QualifiedName.of("parent"), List.of(
                                new DropColumn(QualifiedName.of("parent"), "code", false, Optional.empty())),
                                Recreate.AUTO, Optional.empty()),
                        "SQLite cannot batch alter table parent (1 change): the batch drops column code, which the"
                                + " foreign key of table child (parent_code) uses. Drop or change the foreign key of"
                                + " table child (parent_code) first"),
                Arguments.of("rebuild a missing table", List.of(),
                        new BatchAlterTable(QualifiedName.of("nothing"), List.of(AlterColumn.of(QualifiedName.of(
                                "nothing"), "a").notNull()), Recreate.AUTO, Optional.empty()),
                        "SQLite cannot batch alter table nothing (1 change): there is no table nothing. Create it"
                                + " first, or check the table's name"),
                Arguments.of("rebuild a table declaring a conflict clause",
                        List.of("CREATE TABLE q (a INTEGER NOT NULL ON CONFLICT REPLACE DEFAULT 0, b TEXT,"
                                + " UNIQUE (b) ON CONFLICT IGNORE)"),
                        new BatchAlterTable(QualifiedName.of("q"), List.of(AlterColumn.of(QualifiedName.of("q"), "b")
                                .notNull()), Recreate.AUTO, Optional.empty()),
                        "SQLite cannot batch alter table q (1 change): the table declares ON CONFLICT REPLACE on column"
                                + " a, ON CONFLICT IGNORE on a unique constraint, which a rebuild would not keep."
                                + " Rebuild"
                                + " the table with op.execute, following SQLite's generalized ALTER TABLE procedure"
                                + " (https://www.sqlite.org/lang_altertable.html#otheralter)"),
                Arguments.of("rebuild a virtual table", List.of("CREATE VIRTUAL TABLE docs USING fts5(body)"),
                        new BatchAlterTable(QualifiedName.of("docs"), List.of(
                                new AddConstraint(QualifiedName.of("docs"), CheckConstraint.of("ck", "body <> ''"),
                                        false)), Recreate.AUTO, Optional.empty()),
                        "SQLite cannot batch alter table docs (1 change): the table declares that it is a virtual table"
                                + " (CREATE VIRTUAL TABLE docs USING fts5(body)), which a rebuild would not keep."
                                + " Rebuild the table with op.execute, following SQLite's generalized ALTER TABLE"
                                + " procedure (https://www.sqlite.org/lang_altertable.html#otheralter)"),
                Arguments.of("rebuild while foreign keys are enforced (the runner was not told in time)",
                        List.of("PRAGMA foreign_keys = ON", parent, child),
                        new BatchAlterTable(QualifiedName.of("parent"), List.of(
                                AlterColumn.of(QualifiedName.of("parent"), "a").notNull()), Recreate.AUTO,
                                Optional.empty()),
                        "SQLite cannot batch alter table parent (1 change): foreign keys are enforced on this"
                                + " connection and child, parent itself reference the table, so dropping its old copy"
                                + " would run their ON DELETE actions; retort turns enforcement off for a migration"
                                + " that rebuilds a table when it sees the rebuild before the migration starts, and"
                                + " this batch comes after the revision reads op.connection(). Move the batch before"
                                + " the first op.connection(), or into a revision of its own"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("online")
    void onlineRefusalsReadTheDatabaseFirst(String description, List<String> setup, Operation operation,
                                             String message) throws SQLException {
        try (SqliteHarness db = SqliteHarness.fresh()) {
            db.execute(setup.toArray(String[]::new));

            assertThatThrownBy(() -> db.render(operation))
                    .isInstanceOf(OperationNotSupportedException.class).hasMessage(message);
        }
    }

    private static Arguments refused(Operation operation, String message) {
        return Arguments.of(operation.describe(), operation, message);
    }

    private static Arguments rebuildRefused(String message, Operation... operations) {
        BatchAlterTable batch = new BatchAlterTable(T, List.of(operations), Recreate.ALWAYS, Optional.of(COPY));
        return Arguments.of("batch: " + message, batch, "SQLite cannot " + batch.describe() + ": " + message);
    }

    private static BatchAlterTable batch(Recreate recreate, Operation... operations) {
        return new BatchAlterTable(T, List.of(operations), recreate, Optional.empty());
    }
}
