package dev.retort.autogen;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.numeric;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.RevisionFiles;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.Table;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Database vs DDL model on the real MariaDB, through both drivers: differences, the operations that
 * remove them (rendered offline, as a SQL revision holds them), and their inverses back to the
 * original schema exactly.
 */
class MySqlAutogenerateTest {

    @TempDir
    Path project;

    private static final String BASE = """
            CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL, nickname VARCHAR(50));
            CREATE TABLE books (id BIGINT PRIMARY KEY, owner_id BIGINT, title LONGTEXT,
                CONSTRAINT fk_books_owner FOREIGN KEY (owner_id) REFERENCES users (id));
            CREATE TABLE loans (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL, user_id BIGINT NOT NULL,
                CONSTRAINT fk_loans_user FOREIGN KEY (user_id) REFERENCES users (id));
            CREATE INDEX ix_books_title ON books (title(20));
            CREATE SEQUENCE invoice_numbers START WITH 10;""";

    private static final String MODEL = """
            CREATE TABLE users (
                id BIGINT PRIMARY KEY,
                email VARCHAR(300) NOT NULL COMMENT 'login',
                mood ENUM('sad', 'ok') DEFAULT 'ok',
                profile JSON,
                created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                CONSTRAINT uq_users_email UNIQUE (email)
            ) COMMENT 'people';
            CREATE TABLE reviews (
                id BIGINT AUTO_INCREMENT PRIMARY KEY,
                book_id BIGINT NOT NULL,
                body TEXT,
                CONSTRAINT ck_reviews_body CHECK (length(body) > 0)
            );
            CREATE TABLE books (
                id BIGINT PRIMARY KEY,
                owner_id BIGINT,
                title LONGTEXT NOT NULL,
                CONSTRAINT fk_books_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE
            );
            CREATE TABLE loans (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL, user_id BIGINT NOT NULL,
                CONSTRAINT fk_loans_book FOREIGN KEY (book_id) REFERENCES books (id));
            ALTER TABLE reviews ADD CONSTRAINT fk_reviews_book FOREIGN KEY (book_id) REFERENCES books (id);
            CREATE FULLTEXT INDEX ix_books_title ON books (title);
            CREATE SEQUENCE invoice_numbers START WITH 10;
            CREATE SEQUENCE order_numbers START WITH 100 INCREMENT BY 5;
            CREATE VIEW titled AS SELECT id, title FROM books WHERE title IS NOT NULL;""";

    private Retort retort(FreshDatabase db) throws IOException {
        new RevisionFiles(project).write("a1", "", "base", BASE,
                "DROP SEQUENCE invoice_numbers; DROP TABLE loans; DROP TABLE books; DROP TABLE users;");
        Files.writeString(project.resolve("model.sql"), MODEL);
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void theOperationsOfTheDiffMakeTheDatabaseMatchAndTheirInversesRestoreIt(DatabaseKind kind) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        retort.upgrade("head");
        DdlFileModel model = new DdlFileModel(project.resolve("model.sql"), "model.sql");
        DatabaseSchema before = retort.inspect(IntrospectionFilter.excluding());

        SchemaDiff diff = retort.compare(model, Renames.none(), IntrospectionFilter.excluding());

        assertThat(diff.differences()).extracting(Difference::describe).containsExactlyInAnyOrder(
                "missing sequence order_numbers", "missing table reviews", "missing view titled",
                "changed column users.email (type, comment)", "missing column users.mood",
                "missing column users.profile", "missing column users.created_at", "unexpected column users.nickname",
                "missing unique constraint uq_users_email on users", "changed table users (comment)",
                "changed column books.title (nullable)", "changed index ix_books_title on books (definition)",
                "changed foreign key fk_books_owner on books (definition)",
                // InnoDB's index for a foreign key goes and comes with it, as the model has it
                "missing foreign key fk_loans_book on loans", "missing index fk_loans_book on loans",
                "unexpected foreign key fk_loans_user on loans", "unexpected index fk_loans_user on loans");
        assertThat(diff.warnings()).containsExactly("drops column users.nickname and its data");

        apply(db, diff.upgrade());
        assertThat(retort.compare(model, Renames.none(), IntrospectionFilter.excluding()).differences()).isEmpty();

        apply(db, diff.downgrade());
        assertThat(retort.inspect(IntrospectionFilter.excluding())).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void anUnchangedDatabaseShowsNoDifferenceAndTheScratchDatabasesLeaveNothingBehind(DatabaseKind kind)
            throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        retort.upgrade("head");
        Files.writeString(project.resolve("same.sql"), BASE);
        List<String> scratchBefore = scratchDatabases(db);

        SchemaDiff diff = retort.compare(new DdlFileModel(project.resolve("same.sql"), "same.sql"), Renames.none(),
                IntrospectionFilter.excluding());

        assertThat(diff.differences()).isEmpty();
        assertThat(scratchDatabases(db)).isEqualTo(scratchBefore);
    }

    /**
     * InnoDB keeps the last index that leads with a foreign key's columns for the key and refuses to
     * drop it ({@code Cannot drop index 'ix_copies_book': needed in a foreign key constraint}), also a
     * primary key's: the keys are dropped before the index and added again after the table's last
     * change, when the index that replaces it serves them, in the upgrade and in its downgrade; not
     * where another index serves the key.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void anIndexAForeignKeyNeedsIsChangedWithTheKeyDroppedAndAddedAgainAroundIt(DatabaseKind kind)
            throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        String base = """
                CREATE TABLE books (id BIGINT PRIMARY KEY);
                CREATE TABLE copies (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL, shelf INT,
                    CONSTRAINT fk_copies_book FOREIGN KEY (book_id) REFERENCES books (id));
                CREATE INDEX ix_copies_book ON copies (book_id);
                CREATE TABLE tags (book_id BIGINT NOT NULL, tag VARCHAR(20) NOT NULL, PRIMARY KEY (book_id, tag),
                    CONSTRAINT fk_tags_book FOREIGN KEY (book_id) REFERENCES books (id));
                CREATE TABLE series (book_id BIGINT NOT NULL, volume INT NOT NULL, PRIMARY KEY (book_id, volume),
                    CONSTRAINT uq_series_volume UNIQUE (book_id, volume DESC),
                    CONSTRAINT fk_series_book FOREIGN KEY (book_id) REFERENCES books (id));""";
        new RevisionFiles(project).write("a1", "", "base", base, "DROP TABLE series; DROP TABLE tags;"
                + " DROP TABLE copies; DROP TABLE books;");
        Files.writeString(project.resolve("model.sql"), base.replace("ON copies (book_id)",
                "ON copies (book_id, shelf)").replace("PRIMARY KEY (book_id, tag)", "PRIMARY KEY (book_id, tag, id)")
                .replace("tag VARCHAR(20) NOT NULL,", "tag VARCHAR(20) NOT NULL, id INT NOT NULL,")
                .replace(",\n    CONSTRAINT uq_series_volume UNIQUE (book_id, volume DESC)", ""));
        Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
        retort.upgrade("head");
        DatabaseSchema before = retort.inspect(IntrospectionFilter.excluding());
        DdlFileModel model = new DdlFileModel(project.resolve("model.sql"), "model.sql");

        SchemaDiff diff = retort.compare(model, Renames.none(), IntrospectionFilter.excluding());

        assertThat(diff.upgrade()).extracting(Operation::describe).containsExactly(
                "drop foreign key fk_copies_book on copies", "drop index ix_copies_book on copies",
                // the primary key serves the foreign key too: nothing to make again
                "drop index uq_series_volume on series",
                "drop foreign key fk_tags_book on tags", "drop primary key PRIMARY on tags", "add column tags.id",
                "create index ix_copies_book on copies", "add foreign key fk_copies_book on copies",
                "add primary key PRIMARY on tags", "add foreign key fk_tags_book on tags");
        apply(db, diff.upgrade());
        assertThat(retort.compare(model, Renames.none(), IntrospectionFilter.excluding()).differences()).isEmpty();
        apply(db, diff.downgrade());
        assertThat(retort.inspect(IntrospectionFilter.excluding())).isEqualTo(before);
    }

    /**
     * A model is read from a scratch database, which holds one database's tables: tables of other
     * databases would be made in those very databases, so comparing them is refused, saying how to
     * compare instead.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void tablesOfOtherDatabasesAreNotComparedWithAModel(DatabaseKind kind) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        FreshDatabase other = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        retort.upgrade("head");

        assertThatThrownBy(() -> retort.compare(new DdlFileModel(project.resolve("model.sql"), "model.sql"),
                Renames.none(), IntrospectionFilter.excluding().withSchemas(List.of(other.databaseName()))))
                .isInstanceOf(RetortException.class)
                // the product as the server names itself, through either driver
                .hasMessage("A model is read from a scratch database, which holds the tables of one MariaDB"
                        + " database; a model's tables in"
                        + " other databases (" + other.databaseName() + ") would be made in those very databases of"
                        + " the server, which no rollback undoes. Compare one database at a time: leave out"
                        + " autogenerate_schemas and name each database in the URL");
    }

    /**
     * A Java model in retort's portable types compares clean with the database its own operations
     * made, though several of them have one spelling here ({@code uuid()} is CHAR(36), both
     * timestamps DATETIME(6)): both sides are read back from the server.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aJavaModelComparesCleanWithTheTablesItsOperationsMade(DatabaseKind kind) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        SchemaBuilder builder = new SchemaBuilder();
        builder.table("accounts", column("id", uuid()).primaryKey(), column("name", varchar(100)).notNull(),
                column("active", bool()).notNull().serverDefault(true), column("balance", numeric(12, 2)),
                column("rate", doublePrecision()), column("opened", timestampTz()).notNull(),
                column("closed", timestamp()), column("notes", text()), column("settings", json()),
                column("kind", enumType("account_kind", "personal", "business")).serverDefault("personal"),
                unique("uq_accounts_name", "name"), check("ck_accounts_balance", "balance >= 0"),
                comment("money"));
        builder.table("entries", column("id", bigint()).autoincrement().primaryKey(),
                column("account_id", uuid()).notNull(), column("amount", numeric(12, 2)).notNull(),
                foreignKey("fk_entries_account", "account_id").references("accounts", "id"),
                index("ix_entries_amount", "amount"));
        DatabaseSchema declared = builder.build();
        apply(db, SchemaComparator.compare(DatabaseSchema.empty(), declared, Renames.none()).upgrade());
        new RevisionFiles(project).write("a1", "", "base", "SELECT 1;", "SELECT 1;");
        Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
        retort.upgrade("head");

        SchemaDiff diff = retort.compare(new DeclaredSchema(declared, "AppSchema"), Renames.none(),
                IntrospectionFilter.excluding());

        assertThat(diff.differences()).isEmpty();
        Table accounts = retort.inspect(IntrospectionFilter.excluding()).table(QualifiedName.of("accounts"))
                .orElseThrow();
        assertThat(accounts.comment()).contains("money");
        assertThat(accounts.column("settings").orElseThrow().type()).isEqualTo(json());
    }

    private static List<String> scratchDatabases(FreshDatabase db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                     + " WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void apply(FreshDatabase db, List<Operation> operations) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.forMetaData(c.getMetaData());
            for (Operation operation : operations) {
                for (RenderedStatement sql : dialect.render(operation, RenderContext.OFFLINE)) {
                    s.execute(sql.sql());
                }
            }
        }
    }
}
