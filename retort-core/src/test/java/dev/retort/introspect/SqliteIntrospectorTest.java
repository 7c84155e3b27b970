package dev.retort.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaComparator;
import dev.retort.dialect.sqlite.SqliteDialect;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.Types;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code sqlite_master} and pragma introspection on real SQLite files. */
class SqliteIntrospectorTest {

    private static final String SCHEMA = """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email VARCHAR(200) NOT NULL CONSTRAINT uq_users_email UNIQUE,
                name text COLLATE NOCASE,
                mood TEXT DEFAULT 'ok' CONSTRAINT ck_users_mood_enum CHECK (mood IN ('sad', 'ok')),
                score NUMERIC(10, 2) CONSTRAINT ck_users_score CHECK (score >= 0),
                created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                lower_email TEXT GENERATED ALWAYS AS (lower(email)) STORED,
                flags INT,
                CHECK (length(email) > 3)
            );
            CREATE TABLE catalog (isbn char(13) PRIMARY KEY, price REAL, weight DOUBLE PRECISION, cover BLOB,
                published DATE, kind TEXT CONSTRAINT ck_catalog_kind CHECK (kind IN ('a', 'b')));
            CREATE TABLE books (
                id BIGINT NOT NULL,
                owner_id INTEGER REFERENCES Users ON DELETE CASCADE,
                isbn CHAR(13),
                title VARCHAR(100) NOT NULL,
                is_parsed BOOLEAN NOT NULL DEFAULT 0,
                CONSTRAINT pk_books PRIMARY KEY (ID),
                UNIQUE (isbn),
                CONSTRAINT fk_books_isbn FOREIGN KEY (isbn) REFERENCES Catalog (ISBN) ON UPDATE SET NULL
            );
            CREATE INDEX ix_books_unparsed ON books (owner_id) WHERE is_parsed = 0;
            CREATE INDEX ix_books_title_lower ON books (lower(title) DESC, Id);
            CREATE UNIQUE INDEX ux_books_owner_title ON books (owner_id, title);
            CREATE VIEW unparsed AS SELECT id, title FROM books WHERE NOT is_parsed;
            CREATE VIRTUAL TABLE docs USING fts5(body);
            CREATE TRIGGER books_touch AFTER UPDATE ON books BEGIN SELECT 1; END;
            """;

    private static void apply(FreshDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // sqlite-jdbc runs one statement per execute
            for (String statement : sql.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static DatabaseSchema read(FreshDatabase db, IntrospectionFilter filter) throws SQLException {
        try (Connection c = db.connect()) {
            return new SqliteDialect().introspector().read(c, filter);
        }
    }

    private static DatabaseSchema read(FreshDatabase db) throws SQLException {
        return read(db, IntrospectionFilter.excluding("retort_version", "retort_history"));
    }

    @Test
    void readsTablesColumnsConstraintsIndexesEnumsAndViews() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        apply(db, SCHEMA);

        DatabaseSchema schema = read(db);

        // SQLite's own tables, the virtual table and its shadow tables are left out
        assertThat(schema.tables()).extracting(t -> t.name().name()).containsExactly("books", "catalog", "users");
        QualifiedName users = QualifiedName.of("users");
        assertThat(schema.table(users).orElseThrow()).isEqualTo(Table.of(users,
                Column.of("id", Types.integer()).autoincrement(),
                Column.of("email", Types.varchar(200)).notNull(),
                Column.of("name", Types.raw("TEXT COLLATE NOCASE")),
                Column.of("mood", new ColumnType.EnumType("mood", List.of("sad", "ok"))).serverDefault("ok"),
                Column.of("score", Types.numeric(10, 2)),
                Column.of("created", Types.timestamp()).notNull().serverDefault(DefaultValue.currentTimestamp()),
                Column.of("lower_email", Types.text()).generatedAs("lower(email)"),
                Column.of("flags", Types.raw("INT")),
                PrimaryKey.of("id"),
                UniqueConstraint.of("uq_users_email", "email"),
                CheckConstraint.of("ck_users_score", "score >= 0"),
                new CheckConstraint(Optional.empty(), "length(email) > 3")));

        Table catalog = schema.table(QualifiedName.of("catalog")).orElseThrow();
        assertThat(catalog.columns()).extracting(Column::type).containsExactly(Types.character(13), Types.real(),
                Types.doublePrecision(), Types.binary(), Types.date(), Types.text());
        // an enum's check only when it carries the enum's name
        assertThat(catalog.checks()).containsExactly(CheckConstraint.of("ck_catalog_kind", "kind IN ('a', 'b')"));

        QualifiedName books = QualifiedName.of("books");
        Table booksTable = schema.table(books).orElseThrow();
        assertThat(booksTable.primaryKey()).contains(new PrimaryKey(Optional.of("pk_books"), List.of("id")));
        assertThat(booksTable.column("is_parsed").orElseThrow())
                .isEqualTo(Column.of("is_parsed", Types.bool()).notNull().serverDefault(DefaultValue.expression("0")));
        assertThat(booksTable.uniques()).containsExactly(new UniqueConstraint(Optional.empty(), List.of("isbn"),
                Optional.empty()));
        assertThat(booksTable.foreignKeys()).containsExactly(
                // as the table is named, not as the reference spells it
                ForeignKey.from(Optional.empty(), List.of("owner_id")).references("users", "id")
                        .onDelete(ReferentialAction.CASCADE),
                ForeignKey.from(Optional.of("fk_books_isbn"), List.of("isbn")).references("catalog", "isbn")
                        .onUpdate(ReferentialAction.SET_NULL));
        assertThat(booksTable.indexes()).containsExactly(
                Index.of("ix_books_title_lower", books).on(IndexElement.expression("lower(title)").desc(),
                        IndexElement.column("id")),
                Index.of("ix_books_unparsed", books, "owner_id").where("is_parsed = 0"),
                Index.of("ux_books_owner_title", books, "owner_id", "title").unique());

        assertThat(schema.views()).containsExactly(new View(QualifiedName.of("unparsed"),
                "SELECT id, title FROM books WHERE NOT is_parsed"));
        assertThat(schema.schemas()).isEmpty();
    }

    @Test
    void twoDatabasesWithTheSameDdlReadTheSameSoTheComparatorFindsNothing() throws SQLException {
        FreshDatabase one = TestDatabases.fresh(DatabaseKind.SQLITE);
        FreshDatabase two = TestDatabases.fresh(DatabaseKind.SQLITE);
        apply(one, SCHEMA);
        apply(two, SCHEMA);

        assertThat(SchemaComparator.compare(read(one), read(two), Renames.none()).differences()).isEmpty();
    }

    @Test
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfTables() throws SQLException {
        FreshDatabase small = TestDatabases.fresh(DatabaseKind.SQLITE);
        FreshDatabase large = TestDatabases.fresh(DatabaseKind.SQLITE);
        apply(small, tables(2));
        apply(large, tables(40));

        assertThat(queries(large, IntrospectionFilter.excluding())).isEqualTo(2)
                .isEqualTo(queries(small, IntrospectionFilter.excluding()));
    }

    @Test
    void theFilterLeavesOutTablesBeforeTheyAreReadAndAReferenceIntoThemStillFindsItsKey() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        apply(db, tables(3) + """
                CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY);
                CREATE TABLE child (id INTEGER PRIMARY KEY, t1 INTEGER REFERENCES t_1);
                CREATE VIEW v_1 AS SELECT id FROM t_1;
                """);

        IntrospectionFilter filter = IntrospectionFilter.excluding("retort_version")
                .excludingPatterns(List.of("t_1", "v_*"));
        DatabaseSchema schema = read(db, filter);

        assertThat(schema.tables()).extracting(t -> t.name().name()).containsExactly("child", "t_0", "t_2");
        assertThat(schema.views()).isEmpty();
        // "REFERENCES t_1" means t_1's primary key, read in one more query since t_1 itself is not read
        assertThat(schema.table(QualifiedName.of("child")).orElseThrow().foreignKeys())
                .containsExactly(ForeignKey.from(Optional.empty(), List.of("t1")).references("t_1", "id"));
        assertThat(queries(db, filter)).isEqualTo(3);
        assertThat(read(db, IntrospectionFilter.excluding().including(List.of("t_2"))).tables())
                .extracting(t -> t.name().name()).containsExactly("t_2");
    }

    @Test
    void anEmptyDatabaseReadsAsEmpty() throws SQLException {
        assertThat(read(TestDatabases.fresh(DatabaseKind.SQLITE))).isEqualTo(DatabaseSchema.empty());
    }

    @Test
    void whatTheModelCannotHoldIsRefusedNamingItAndTheWayOut() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        apply(db, "CREATE TABLE t (a INTEGER, b TEXT);\nCREATE VIEW named_columns (x, y) AS SELECT a, b FROM t;\n");

        assertThatThrownBy(() -> read(db)).isInstanceOf(CannotReadSchemaException.class)
                .hasMessage("retort cannot read view named_columns of the SQLite database: it names its columns (x,"
                        + " y) before AS, which retort's views do not keep; name them as aliases in its SELECT"
                        + " instead; leave it out of the comparison with --exclude-table named_columns");

        // SQLite takes a unique constraint that names a column twice; retort's model does not
        apply(db, "CREATE TABLE odd (a INTEGER, UNIQUE (a, a));\n");
        assertThatThrownBy(() -> read(db, IntrospectionFilter.excluding().excludingPatterns(List.of("named_*"))))
                .isInstanceOf(CannotReadSchemaException.class)
                .hasMessage("retort cannot read table odd of the SQLite database: an unnamed unique constraint names"
                        + " column a twice; leave it out of the comparison with --exclude-table odd");
        assertThat(read(db, IntrospectionFilter.excluding().excludingPatterns(List.of("named_*", "odd"))).tables())
                .hasSize(1);

        assertThatThrownBy(() -> read(db, IntrospectionFilter.excluding().withSchemas(List.of("aux"))))
                .isInstanceOf(CannotReadSchemaException.class)
                .hasMessage("SQLite has no schemas to read besides the database itself (an attached database lasts"
                        + " only for the connection that attached it), and aux was asked for; leave out --schema");
    }

    @Test
    void anEnumCheckThatIsNotExactlyTheValuesOfItsColumnStaysACheck() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        apply(db, """
                CREATE TABLE t (
                    a TEXT CONSTRAINT ck_t_a_enum CHECK (a IN ('x', 'y') OR a IS NULL),
                    b VARCHAR(5) CONSTRAINT ck_t_b_enum CHECK (b IN ('x')),
                    c TEXT CONSTRAINT ck_t_c_enum CHECK (c IN ('x', 'x')),
                    d TEXT CONSTRAINT ck_t_d_enum CHECK (a IN ('x')),
                    e TEXT CONSTRAINT CK_T_E_ENUM CHECK ("e" IN ('it''s', 'fine'))
                );
                """);

        Table table = read(db).table(QualifiedName.of("t")).orElseThrow();

        assertThat(table.columns()).extracting(Column::type).containsExactly(Types.text(), Types.varchar(5),
                Types.text(), Types.text(), new ColumnType.EnumType("e", List.of("it's", "fine")));
        assertThat(table.checks()).extracting(c -> c.name().orElseThrow())
                .containsExactly("ck_t_a_enum", "ck_t_b_enum", "ck_t_c_enum", "ck_t_d_enum");
    }

    private static int queries(FreshDatabase db, IntrospectionFilter filter) throws SQLException {
        try (Connection c = db.connect()) {
            CountingConnection counting = new CountingConnection(c);
            assertThat(new SqliteDialect().introspector().read(counting.connection(), filter).tables())
                    .isNotEmpty();
            return counting.queries();
        }
    }

    /** Tables each with a foreign key to the one before, an index and a check. */
    private static String tables(int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append("CREATE TABLE t_").append(i).append(" (id INTEGER PRIMARY KEY, prev INTEGER")
                    .append(i == 0 ? "" : " REFERENCES t_" + (i - 1) + " (id)")
                    .append(", name TEXT CHECK (length(name) < 100));\n")
                    .append("CREATE INDEX ix_t_").append(i).append(" ON t_").append(i).append(" (name);\n");
        }
        return sql.toString();
    }
}
