package dev.retort.dialect;

import static dev.retort.schema.ReferentialAction.SET_DEFAULT;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Types.array;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.timeTz;
import static dev.retort.schema.Types.varchar;
import static dev.retort.schema.Types.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ops.AddConstraint;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.DropTable;
import dev.retort.ops.IndexOption;
import dev.retort.ops.Operation;
import dev.retort.ops.Operations;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.Deferrable;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.Identity;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of the MySQL, MariaDB and H2 renderers, with the whole message the user sees: the
 * database, the operation, why, and the way out.
 */
class MySqlH2RefusalTest {

    /** An operation refused on one database, and the message. */
    record Refusal(String dialect, Operation operation, String message) {
        @Override
        public String toString() {
            return dialect + ": " + message.substring(0, Math.min(message.length(), 70));
        }
    }

    static Refusal refused(String dialect, Consumer<Operations> revision, String message) {
        return new Refusal(dialect, RecordedOperations.one(revision), message);
    }

    static Refusal refused(String dialect, Operation operation, String message) {
        return new Refusal(dialect, operation, message);
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                refused("mysql", o -> o.createTable("arrays", column("tags", array(varchar(20)))),
                        "MySQL cannot create table arrays: MySQL has no array types. Store the values in a json()"
                        + " column or a child table"),
                refused("mariadb", o -> o.addColumn("items", column("embedding", vector(3))),
                        "MariaDB cannot add column items.embedding: MariaDB has no vector(3) type. Store the values"
                        + " in a json() column, or on MySQL 9 or MariaDB 11.7+ use Types.raw(\"VECTOR(3)\")"),
                refused("h2", o -> o.addColumn("items", column("embedding", vector(3))),
                        "H2 cannot add column items.embedding: H2 has no vector(3) type. Use array(real()), a REAL"
                        + " ARRAY, or Types.raw(\"REAL ARRAY[3]\")"),
                refused("mysql", o -> o.addColumn("t", column("opens", timeTz())),
                        "MySQL cannot add column t.opens: MySQL has no time with time zone. Store the time in UTC in"
                        + " a time() column"),
                refused("mysql", new DropTable(QualifiedName.of("users"), false, true, Optional.empty()),
                        "MySQL cannot drop table users: it accepts DROP TABLE ... CASCADE and ignores it, so foreign"
                        + " keys that reference the table still stop the drop. Drop those foreign keys first"
                        + " (op.dropConstraint), then the table without cascade"),
                refused("mysql", o -> o.addColumnIfNotExists("users", column("nick", varchar(20))),
                        "MySQL cannot add column users.nick: it has no ADD COLUMN IF NOT EXISTS (MariaDB has). Use"
                        + " op.addColumn instead of op.addColumnIfNotExists"),
                refused("mysql", o -> o.dropColumnIfExists("users", "nick"),
                        "MySQL cannot drop column users.nick: it has no DROP COLUMN IF EXISTS (MariaDB has). Use"
                        + " op.dropColumn instead of op.dropColumnIfExists"),
                refused("mysql", o -> o.createTable("t", column("id", bigint()).identity(Identity.byDefault()
                        .incrementBy(2)).primaryKey()),
                        "MySQL cannot create table t: AUTO_INCREMENT steps by the server's auto_increment_increment"
                        + " setting, not by column. Drop .incrementBy(...) from the identity of column id"),
                refused("mariadb", o -> o.addColumn("lines", column("total", integer()).generatedAs("qty * price")
                        .notNull()),
                        "MariaDB cannot add column lines.total: a generated column cannot be declared NOT NULL here."
                        + " Drop .notNull() from column total: its expression decides whether it is NULL"),
                refused("mysql", o -> o.alterColumn("books", "pages", c -> c.type(bigint()).using("pages::bigint")),
                        "MySQL cannot alter column books.pages (type): USING is PostgreSQL's; MySQL converts the"
                        + " values itself when a column's type changes. Drop .using(...), or convert the values with"
                        + " op.execute(\"UPDATE ...\") before changing the type"),
                refused("h2", o -> o.alterColumn("books", "pages", c -> c.type(bigint()).using("pages::bigint")),
                        "H2 cannot alter column books.pages (type): USING is PostgreSQL's; H2 converts the values"
                        + " itself when a column's type changes. Drop .using(...), or convert the values with"
                        + " op.execute(\"UPDATE ...\") before changing the type"),
                refused("mysql", o -> o.alterColumn("books", "pages", c -> c.type(bigint())),
                        "MySQL cannot alter column books.pages (type): it changes a column by restating all of it"
                        + " (MODIFY COLUMN), and an offline script cannot read the rest of the column's definition."
                        + " Say what the column is now: c.existing(column(\"pages\", <type>)...), with its"
                        + " nullability, default and comment"),
                refused("mariadb", o -> o.alterColumn("books", "title", c -> c.comment("as printed")),
                        "MariaDB cannot alter column books.title (comment): it changes a column by restating all of"
                        + " it (MODIFY COLUMN), and an offline script cannot read the rest of the column's"
                        + " definition. Say what the column is now: c.existing(column(\"title\", <type>)...), with"
                        + " its nullability, default and comment"),
                refused("mysql", o -> o.alterColumn("t", "id", c -> c.serverDefault("1").notNull()
                        .existing(column("id", bigint()).autoincrement())),
                        "MySQL cannot alter column t.id (set NOT NULL, default): column id: an identity column cannot"
                        + " also have a default. An AUTO_INCREMENT or generated column has no default, and"
                        + " AUTO_INCREMENT needs an integer type: change the column so that it keeps to that"),
                refused("mysql", o -> o.createIndex("books", index("ix_books_unparsed", "id")
                        .where("is_parsed = false")),
                        "MySQL cannot create index ix_books_unparsed on books: it has no partial indexes (index"
                        + " ix_books_unparsed has WHERE is_parsed = false). Drop .where(...) to index every row, or"
                        + " index a generated column that is NULL for the rows to leave out"),
                refused("h2", o -> o.createIndex("books", index("ix_books_unparsed", "id").where("is_parsed = false")),
                        "H2 cannot create index ix_books_unparsed on books: it has no partial indexes (index"
                        + " ix_books_unparsed has WHERE is_parsed = false). Drop .where(...) to index every row"),
                refused("mysql", o -> o.createIndex("books", index("ix_books_title", "title").include("author")),
                        "MySQL cannot create index ix_books_title on books: it has no INCLUDE columns (index"
                        + " ix_books_title). Add the columns as the index's last keys instead"),
                refused("h2", o -> o.createIndex("books", index("ix_books_title", "title").include("author")),
                        "H2 cannot create index ix_books_title on books: it has no INCLUDE columns (index"
                        + " ix_books_title). Add the columns as the index's last keys instead"),
                refused("mysql", o -> o.createIndex("books", index("ix_books_fts", "title").using("gin")),
                        "MySQL cannot create index ix_books_fts on books: it has no gin indexes (index"
                        + " ix_books_fts); its index methods are BTREE, HASH, FULLTEXT and SPATIAL. Use one of"
                        + " those, or leave the method out"),
                refused("h2", o -> o.createIndex("books", index("ix_books_fts", "title").using("gin")),
                        "H2 cannot create index ix_books_fts on books: it has no gin indexes (index ix_books_fts);"
                        + " its index methods are the default (btree) and hash. Use one of those, or leave the"
                        + " method out"),
                refused("mariadb", o -> o.createIndex("books", index("ux_books_fts", "title").using("fulltext")
                        .unique()),
                        "MariaDB cannot create index ux_books_fts on books: a FULLTEXT index cannot be unique (index"
                        + " ux_books_fts). Drop .unique(), or use a BTREE index"),
                refused("mysql", o -> o.createIndex("items", index("ix_items_embedding").on(key("embedding")
                        .operatorClass("vector_cosine_ops"))),
                        "MySQL cannot create index ix_items_embedding on items: it has no operator classes"
                        + " (vector_cosine_ops on embedding in index ix_items_embedding). Drop .operatorClass(...)"
                        + " from the key"),
                refused("h2", o -> o.createIndex("items", index("ix_items_embedding").on(key("embedding")
                        .operatorClass("vector_cosine_ops"))),
                        "H2 cannot create index ix_items_embedding on items: it has no operator classes"
                        + " (vector_cosine_ops on embedding in index ix_items_embedding). Drop .operatorClass(...)"
                        + " from the key"),
                refused("mysql", o -> o.createIndex("books", index("ix_books_title").on(key("title").nullsLast())),
                        "MySQL cannot create index ix_books_title on books: it cannot choose where NULLs sort in an"
                        + " index (index ix_books_title): they come first in ascending order, last in descending."
                        + " Drop .nullsFirst() / .nullsLast() from the key"),
                refused("mariadb", o -> o.createIndex("users", index("ix_users_email_lower")
                        .on(expression("lower(email)"))),
                        "MariaDB cannot create index ix_users_email_lower on users: it cannot index an expression"
                        + " (lower(email) in index ix_users_email_lower). Add a generated column for the expression,"
                        + " op.addColumn(table, column(name, type).generatedAs(\"lower(email)\")), and index that"
                        + " column"),
                refused("h2", o -> o.createIndex("users", index("ix_users_email_lower").on(expression("lower(email)"))),
                        "H2 cannot create index ix_users_email_lower on users: it cannot index an expression"
                        + " (lower(email) in index ix_users_email_lower). Add a generated column for the expression,"
                        + " op.addColumn(table, column(name, type).generatedAs(\"lower(email)\")), and index that"
                        + " column"),
                refused("mysql", o -> o.createIndex("users", index("ix_users_name", "name"), IndexOption.IF_NOT_EXISTS),
                        "MySQL cannot create index ix_users_name on users: it has no CREATE INDEX IF NOT EXISTS"
                        + " (MariaDB has). Drop IndexOption.IF_NOT_EXISTS"),
                refused("mariadb", o -> o.dropIndex("ix_users_name"),
                        "MariaDB cannot drop index ix_users_name: an index is dropped from its table here. Name the"
                        + " table: op.dropIndex(\"ix_users_name\", \"<table>\")"),
                refused("mysql", o -> o.dropIndex("ix_users_name", "users", IndexOption.IF_EXISTS),
                        "MySQL cannot drop index ix_users_name on users: it has no DROP INDEX IF EXISTS (MariaDB"
                        + " has). Drop IndexOption.IF_EXISTS"),
                refused("mysql", new AddConstraint(QualifiedName.of("books"), foreignKey("fk_books_author",
                        "author_id").references("authors", "id"), true),
                        "MySQL cannot add foreign key fk_books_author on books: it checks the existing rows when it"
                        + " adds a constraint; there is no NOT VALID. Add the constraint with op.addConstraint,"
                        + " after fixing the rows that would break it"),
                refused("h2", new AddConstraint(QualifiedName.of("books"), foreignKey("fk_books_author", "author_id")
                        .references("authors", "id"), true),
                        "H2 cannot add foreign key fk_books_author on books: it cannot check existing rows after"
                        + " adding a constraint; there is no NOT VALID. Add the constraint with op.addConstraint,"
                        + " after fixing the rows that would break it"),
                refused("mariadb", o -> o.addConstraint("books", UniqueConstraint.of("uq_books_isbn", "isbn")
                        .deferrable(Deferrable.INITIALLY_DEFERRED)),
                        "MariaDB cannot add unique constraint uq_books_isbn on books: it checks constraints at once;"
                        + " nothing is DEFERRABLE (unique constraint uq_books_isbn). Drop .deferrable(...)"),
                refused("h2", o -> o.addConstraint("books", foreignKey("fk_books_author", "author_id")
                        .references("authors", "id").deferrable(Deferrable.INITIALLY_IMMEDIATE)),
                        "H2 cannot add foreign key fk_books_author on books: it checks constraints at once; nothing"
                        + " is DEFERRABLE (foreign key fk_books_author). Drop .deferrable(...)"),
                refused("mysql", o -> o.addConstraint("books", foreignKey("fk_books_author", "author_id")
                        .references("authors", "id").match("FULL")),
                        "MySQL cannot add foreign key fk_books_author on books: InnoDB ignores MATCH FULL, and with"
                        + " it the foreign key's ON DELETE and ON UPDATE actions (foreign key fk_books_author). Drop"
                        + " .match(...)"),
                refused("h2", o -> o.addConstraint("books", foreignKey("fk_books_author", "author_id")
                        .references("authors", "id").match("FULL")),
                        "H2 cannot add foreign key fk_books_author on books: it has no MATCH clause for foreign keys"
                        + " (foreign key fk_books_author). Drop .match(...); H2 matches as MATCH SIMPLE"),
                refused("mariadb", o -> o.addConstraint("books", foreignKey("fk_books_author", "author_id")
                        .references("authors", "id").onDelete(SET_DEFAULT)),
                        "MariaDB cannot add foreign key fk_books_author on books: InnoDB takes SET DEFAULT and then"
                        + " acts as RESTRICT (foreign key fk_books_author). Use SET_NULL, CASCADE, RESTRICT or"
                        + " NO_ACTION"),
                refused("mysql", o -> o.dropConstraint("fk_books_author", "books"),
                        "MySQL cannot drop constraint fk_books_author on books: it drops each kind of constraint"
                        + " with its own statement, and an offline script cannot read which kind fk_books_author is."
                        + " Give the kind: op.dropConstraint(\"fk_books_author\", \"books\","
                        + " ConstraintType.FOREIGN_KEY) (or UNIQUE, CHECK, PRIMARY_KEY)"),
                refused("mariadb", o -> o.dropConstraint("fk_books_author", "books"),
                        "MariaDB cannot drop constraint fk_books_author on books: it drops each kind of constraint"
                        + " with its own statement, and an offline script cannot read which kind fk_books_author is."
                        + " Give the kind: op.dropConstraint(\"fk_books_author\", \"books\","
                        + " ConstraintType.FOREIGN_KEY) (or UNIQUE, CHECK, PRIMARY_KEY)"),
                refused("mysql", o -> o.dropConstraintIfExists("fk_books_author", "books", ConstraintType.FOREIGN_KEY),
                        "MySQL cannot drop foreign key fk_books_author on books: it has no IF EXISTS for dropping"
                        + " constraints (MariaDB has). Use op.dropConstraint instead of op.dropConstraintIfExists"),
                refused("mariadb", o -> o.dropConstraint("no_overlap", "bookings", ConstraintType.EXCLUDE),
                        "MariaDB cannot drop exclusion constraint no_overlap on bookings: exclusion constraints are"
                        + " PostgreSQL's, so there is none to drop here. Check op.dialect() before dropping it"),
                refused("h2", o -> o.addConstraint("bookings", new ExcludeConstraint(Optional.of("no_overlap"),
                        "gist", List.of(new ExcludeConstraint.Element("during", "&&")), Optional.empty())),
                        "H2 cannot add exclusion constraint no_overlap on bookings: exclusion constraints are"
                        + " PostgreSQL's. Enforce the rule with a unique index or a trigger"),
                refused("mysql", o -> o.createSequence("order_numbers"),
                        "MySQL cannot create sequence order_numbers: it has no sequences (MariaDB 10.3+ has). Number"
                        + " rows with an AUTO_INCREMENT column, column(...).autoincrement(), or keep the counter in"
                        + " a table of its own"),
                refused("mysql", o -> o.dropSequence("order_numbers"),
                        "MySQL cannot drop sequence order_numbers: it has no sequences (MariaDB 10.3+ has). Number"
                        + " rows with an AUTO_INCREMENT column, column(...).autoincrement(), or keep the counter in"
                        + " a table of its own"),
                refused("mariadb", o -> o.createExtension("pg_trgm"),
                        "MariaDB cannot create extension pg_trgm: extensions are PostgreSQL's. Run this revision on"
                        + " PostgreSQL, or check op.dialect() before creating the extension"),
                refused("h2", o -> o.dropExtension("vector"),
                        "H2 cannot drop extension vector: extensions are PostgreSQL's. Run this revision on"
                        + " PostgreSQL, or check op.dialect() before dropping the extension"),
                refused("mysql", o -> o.addEnumValue("mood", "happy"),
                        "MySQL cannot add value 'happy' to enum type mood: its enums are declared with each column,"
                        + " not as a type. Change the columns' type with op.alterColumn(table, column, c ->"
                        + " c.type(enumType(...))) listing every value"),
                refused("h2", o -> o.addEnumValue("mood", "happy"),
                        "H2 cannot add value 'happy' to enum type mood: its enums are declared with each column, not"
                        + " as a type. Change the columns' type with op.alterColumn(table, column, c ->"
                        + " c.type(enumType(...))) listing every value"),
                refused("mariadb", o -> o.batchAlterTable("books", BatchAlterTable.Recreate.ALWAYS, b -> b
                        .dropColumn("isbn")),
                        "MariaDB cannot batch alter table books (1 change): rebuilding a table (recreate = ALWAYS)"
                        + " is implemented for SQLite only. Use Recreate.AUTO, which alters the table in place here"),
                refused("h2", o -> o.batchAlterTable("books", BatchAlterTable.Recreate.ALWAYS, b -> b
                        .dropColumn("isbn")),
                        "H2 cannot batch alter table books (1 change): rebuilding a table (recreate = ALWAYS) is"
                        + " implemented for SQLite only. Use Recreate.AUTO, which alters the table in place here"),
                refused("mysql", o -> o.setTableOptions("books", Map.of("ENGINE; DROP TABLE x", "InnoDB")),
                        "MySQL cannot set table options ENGINE; DROP TABLE x of books: 'ENGINE; DROP TABLE x' is not"
                        + " a table option name. Name the option as MySQL does: ENGINE, DEFAULT CHARSET, COLLATE,"
                        + " ROW_FORMAT...")
        );
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void onlineWhatTheDatabaseLacksIsRefusedNamingIt(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tags (name VARCHAR(20) NOT NULL, CONSTRAINT pk_tags PRIMARY KEY (name))");

            assertThatThrownBy(() -> Online.apply(c, RecordedOperations.of(op -> op.alterColumn("tags", "label",
                    col -> col.notNull())))).isInstanceOf(OperationNotSupportedException.class)
                    .hasMessage("MariaDB cannot alter column tags.label (set NOT NULL): table tags has no column label."
                            + " Check the column's name");
            assertThatThrownBy(() -> Online.apply(c, RecordedOperations.of(op -> op.alterColumn("labels", "name",
                    col -> col.comment("x"))))).isInstanceOf(OperationNotSupportedException.class)
                    .hasMessage("MariaDB cannot alter column labels.name (comment): there is no table labels. Check"
                            + " the table's name");
            assertThatThrownBy(() -> Online.apply(c, RecordedOperations.of(op -> op.dropConstraint("pk_tags",
                    "tags")))).isInstanceOf(OperationNotSupportedException.class)
                    .hasMessage("MariaDB cannot drop constraint pk_tags on tags: table tags has no constraint named"
                            + " pk_tags (every primary key is named PRIMARY here). Give the kind:"
                            + " op.dropConstraint(\"pk_tags\", \"tags\", ConstraintType.FOREIGN_KEY) (or UNIQUE,"
                            + " CHECK, PRIMARY_KEY)");
            assertThatThrownBy(() -> Online.apply(c, RecordedOperations.of(op -> op.dropConstraint("pk_labels",
                    "labels")))).isInstanceOf(OperationNotSupportedException.class)
                    .hasMessage("MariaDB cannot drop constraint pk_labels on labels: there is no table labels. Check"
                            + " the table's name");
            Online.apply(c, RecordedOperations.of(op -> op.dropConstraint("PRIMARY", "tags")));
            assertThat(dev.retort.testing.SchemaSnapshot.of(c).table("tags").primaryKey()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedBeforeAnythingRunsSayingWhyAndWhatToDo(Refusal refusal) {
        Dialect dialect = Dialects.forName(refusal.dialect());
        assertThatThrownBy(() -> dialect.render(refusal.operation()))
                .isInstanceOf(OperationNotSupportedException.class)
                .hasMessage(refusal.message());
    }
}
