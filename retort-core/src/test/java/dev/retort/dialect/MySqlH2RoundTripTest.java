package dev.retort.dialect;

import static dev.retort.schema.ReferentialAction.CASCADE;
import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.SetTableOptions;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each invertible operation, its inverse and the operation again on H2 and MariaDB (through both
 * drivers): the inverse gives back the schema from before, the operation again the schema after.
 */
class MySqlH2RoundTripTest {

    private static final QualifiedName BOOKS = QualifiedName.of("books");
    private static final Set<DatabaseKind> ALL = EnumSet.of(DatabaseKind.H2, DatabaseKind.MARIADB, DatabaseKind.MYSQL);
    private static final Set<DatabaseKind> MYSQL = EnumSet.of(DatabaseKind.MARIADB, DatabaseKind.MYSQL);

    /** The books table every case starts from (and the tables around it). */
    private static final Table NOTES = Table.of(QualifiedName.of("notes"),
            column("id", integer()).primaryKey(),
            column("body", text()).notNull().comment("what was said"),
            column("written", timestamp()).serverDefaultExpression("CURRENT_TIMESTAMP"),
            unique("uq_notes_body_id", "id", "body"),
            index("ix_notes_written", "written"),
            comment("loose notes"));

    private static List<Operation> setup() {
        return RecordedOperations.of(op -> {
            op.createTable("authors",
                    column("id", bigint()).primaryKey(),
                    column("name", varchar(100)).notNull());
            op.createTable("books",
                    column("id", bigint()).autoincrement().primaryKey(),
                    column("title", varchar(200)).notNull().comment("shown title"),
                    column("pages", integer()).serverDefault(0),
                    column("author_id", bigint()),
                    column("remark", varchar(50)).serverDefault("none").comment("free text"),
                    index("ix_books_author", "author_id"));
            op.createTable("tags", column("name", varchar(20)).notNull());
            op.createTable(NOTES);
        });
    }

    /** One operation to invert, on the kinds of database that have it. */
    record Case(String name, Operation operation, Set<DatabaseKind> kinds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        Table shelves = Table.of(QualifiedName.of("shelves"),
                column("id", integer()).autoincrement().primaryKey(),
                column("label", varchar(40)).notNull().serverDefault("new").comment("on the spine"),
                column("book_id", bigint()),
                column("full", bool()).notNull().serverDefault(false),
                foreignKey("fk_shelves_book", "book_id").references("books", "id").onDelete(CASCADE),
                unique("uq_shelves_label", "label"),
                check("ck_shelves_label", "label <> ''"),
                index("ix_shelves_book", "book_id"),
                comment("where books stand"));
        return List.of(
                new Case("create table", new CreateTable(shelves, false), ALL),
                new Case("drop table", new DropTable(NOTES.name(), false, false, Optional.of(NOTES)), ALL),
                new Case("rename table", new RenameTable(BOOKS, "volumes"), ALL),
                new Case("set table comment", new SetTableComment(BOOKS, Optional.of("all the books"),
                        Optional.of(Optional.empty())), ALL),
                new Case("add column", new AddColumn(BOOKS, column("isbn", varchar(13)).notNull().serverDefault("?")
                        .comment("13 digits"), false, Optional.of(ColumnPosition.after("title"))), ALL),
                new Case("drop column", new DropColumn(BOOKS, "remark", false, Optional.of(column("remark",
                        varchar(50)).serverDefault("none").comment("free text"))), ALL),
                new Case("alter column", AlterColumn.of(BOOKS, "title").type(varchar(300)).nullable(true)
                        .serverDefault("untitled").comment("the title")
                        .existing(column("title", varchar(200)).notNull().comment("shown title")), ALL),
                new Case("rename column", AlterColumn.of(BOOKS, "pages").rename("page_count"), ALL),
                new Case("change a default", AlterColumn.of(BOOKS, "pages").serverDefault("1")
                        .existing(column("pages", integer()).serverDefault(0)), ALL),
                new Case("create index", new CreateIndex(index("ix_books_title_pages", "title")
                        .on(key("pages").desc()).unique().onTable(BOOKS), false, false), ALL),
                new Case("drop index", new DropIndex(BOOKS.withName("ix_books_author"), Optional.of(BOOKS), false,
                        false, Optional.of(Index.of("ix_books_author", BOOKS, "author_id"))), ALL),
                new Case("add unique constraint", new AddConstraint(BOOKS, UniqueConstraint.of("uq_books_title",
                        "title"), false), ALL),
                new Case("add check constraint", new AddConstraint(BOOKS, CheckConstraint.of("ck_books_pages",
                        "pages >= 0"), false), ALL),
                new Case("add foreign key", new AddConstraint(BOOKS, foreignKey("fk_books_author", "author_id")
                        .references("authors", "id").onDelete(CASCADE), false), ALL),
                new Case("add primary key", new AddConstraint(QualifiedName.of("tags"),
                        new PrimaryKey(Optional.of("pk_tags"), List.of("name")), false), ALL),
                new Case("drop unique constraint", new DropConstraint(NOTES.name(), "uq_notes_body_id",
                        Optional.of(ConstraintType.UNIQUE), false, Optional.of(NOTES.uniques().get(0))), ALL),
                new Case("create sequence", CreateSequence.of(QualifiedName.of("order_numbers")).startWith(100)
                        .incrementBy(5), ALL),
                new Case("set table options", new SetTableOptions(BOOKS, Map.of("COMMENT", "options"),
                        Optional.of(Map.of("COMMENT", ""))), MYSQL),
                new Case("batch", batch(), ALL));
    }

    private static Operation batch() {
        return RecordedOperations.one(op -> op.batchAlterTable("books", b -> {
            b.addColumn(column("subtitle", varchar(100)).comment("below the title"));
            b.alterColumn("remark", c -> c.rename("note"));
            b.createIndex("ix_books_subtitle", "subtitle");
            b.createCheckConstraint("ck_books_subtitle", "subtitle <> ''");
        }));
    }

    static Stream<Arguments> runs() {
        return cases().stream().flatMap(c -> c.kinds().stream().map(kind -> Arguments.of(c, kind)));
    }

    /** One database per kind, set up once: every case leaves it as it found it. */
    private static final Map<DatabaseKind, Connection> DATABASES = new EnumMap<>(DatabaseKind.class);
    private static final Map<DatabaseKind, FreshDatabase> FRESH = new EnumMap<>(DatabaseKind.class);

    private static Connection database(DatabaseKind kind) throws SQLException {
        if (!DATABASES.containsKey(kind)) {
            FreshDatabase db = TestDatabases.fresh(kind);
            Connection connection = db.connect();
            Online.apply(connection, setup());
            FRESH.put(kind, db);
            DATABASES.put(kind, connection);
        }
        return DATABASES.get(kind);
    }

    @AfterAll
    static void close() throws SQLException {
        for (Connection connection : DATABASES.values()) {
            connection.close();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void theInverseRestoresTheSchemaAndTheOperationRedoesIt(Case c, DatabaseKind kind) throws SQLException {
        Connection connection = database(kind);
        FreshDatabase db = FRESH.get(kind);
        Operation inverse = c.operation().inverse().orElseThrow(() -> new AssertionError(c.name()
                + " has no inverse"));
        DatabaseSchema before = DatabaseSchema.of(db, connection);

        Online.apply(connection, c.operation());
        DatabaseSchema after = DatabaseSchema.of(db, connection);
        Online.apply(connection, inverse);
        DatabaseSchema undone = DatabaseSchema.of(db, connection);
        Online.apply(connection, c.operation());
        DatabaseSchema redone = DatabaseSchema.of(db, connection);
        Online.apply(connection, inverse);

        assertThat(after).isNotEqualTo(before);
        assertThat(undone).isEqualTo(before);
        assertThat(redone).isEqualTo(after);
        assertThat(DatabaseSchema.of(db, connection)).as("the database as the case found it").isEqualTo(before);
    }
}
