package dev.retort.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaComparator;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
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
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * information_schema introspection on the real embedded MariaDB, through MariaDB Connector/J
 * ({@code MARIADB}) and MySQL Connector/J ({@code MYSQL}): both drivers must read the same model.
 */
class MySqlIntrospectorTest {

    private static final String SCHEMA = """
            CREATE TABLE users (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              email VARCHAR(200) NOT NULL COMMENT 'login',
              mood ENUM('sad', 'ok', 'it''s', 'a\\\\b') DEFAULT 'ok',
              active BOOLEAN NOT NULL DEFAULT TRUE,
              bio LONGTEXT,
              profile JSON,
              price DECIMAL(10, 2) CHECK (price >= 0),
              created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
              token CHAR(36) DEFAULT (uuid()),
              small SMALLINT,
              score DOUBLE,
              plain VARCHAR(10) CHARACTER SET ascii,
              doubled INT AS (small * 2) VIRTUAL,
              tripled INT AS (small * 3) STORED,
              counter INT UNSIGNED,
              widest DECIMAL(65, 30),
              notes TEXT,
              CONSTRAINT uq_users_email UNIQUE (email),
              CONSTRAINT ck_users_small CHECK (small > 0)
            ) COMMENT 'people';
            CREATE UNIQUE INDEX ux_users_small ON users (small DESC);
            CREATE INDEX ix_users_bio ON users (bio(10));
            CREATE FULLTEXT INDEX ft_users_email ON users (email);
            CREATE TABLE books (
              id INT PRIMARY KEY,
              owner_id BIGINT,
              author_id BIGINT,
              title VARCHAR(100),
              CONSTRAINT fk_books_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
              FOREIGN KEY (author_id) REFERENCES users (id) ON UPDATE SET NULL,
              INDEX ix_books_title (title, owner_id)
            );
            CREATE TABLE cache (k INT, INDEX ix_cache_k (k)) ENGINE = MEMORY;
            CREATE TABLE legacy (id INT) CHARACTER SET ascii;
            CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 10;
            CREATE VIEW active_users AS SELECT id, email FROM users WHERE active""";

    private static void apply(FreshDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static DatabaseSchema read(FreshDatabase db, IntrospectionFilter filter) throws SQLException {
        try (Connection c = db.connect()) {
            return Dialects.forMetaData(c.getMetaData()).introspector().read(c, filter);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void readsTablesColumnsKeysChecksIndexesSequencesAndViews(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        apply(db, SCHEMA);

        DatabaseSchema schema = read(db, IntrospectionFilter.excluding("retort_version"));

        Table users = schema.table(QualifiedName.of("users")).orElseThrow();
        assertThat(users.comment()).contains("people");
        assertThat(users.primaryKey()).contains(new PrimaryKey(Optional.of("PRIMARY"), List.of("id")));
        assertThat(users.columns()).containsExactly(
                Column.of("id", Types.bigint()).autoincrement(),
                Column.of("email", Types.varchar(200)).notNull().comment("login"),
                Column.of("mood", Types.enumType("enum", "sad", "ok", "it's", "a\\b"))
                        .serverDefault(new DefaultValue.Expression("'ok'")),
                Column.of("active", Types.bool()).notNull().serverDefault(new DefaultValue.Expression("1")),
                Column.of("bio", Types.text()),
                Column.of("profile", Types.json()),
                Column.of("price", Types.raw("decimal(10,2) CHECK (`price` >= 0)")),
                Column.of("created", Types.raw("datetime(6) ON UPDATE current_timestamp(6)")).notNull()
                        .serverDefault(new DefaultValue.Expression("current_timestamp(6)")),
                Column.of("token", Types.character(36)).serverDefault(new DefaultValue.Expression("uuid()")),
                Column.of("small", Types.smallint()),
                Column.of("score", Types.doublePrecision()),
                Column.of("plain", Types.raw("varchar(10) CHARACTER SET ascii COLLATE ascii_general_ci")),
                Column.of("doubled", Types.raw("int(11) GENERATED ALWAYS AS (`small` * 2) VIRTUAL")),
                Column.of("tripled", Types.integer()).generatedAs("`small` * 3"),
                Column.of("counter", Types.raw("int(10) unsigned")),
                Column.of("widest", Types.numeric()),
                Column.of("notes", Types.raw("text")));
        assertThat(users.checks()).as("MariaDB's json_valid and column checks belong to their columns")
                .containsExactly(CheckConstraint.of("ck_users_small", "`small` > 0"));
        assertThat(users.uniques()).containsExactly(UniqueConstraint.of("uq_users_email", "email"));
        assertThat(users.indexes()).containsExactly(
                Index.of("ft_users_email", QualifiedName.of("users"), "email").using("fulltext"),
                Index.of("ix_users_bio", QualifiedName.of("users")).on(IndexElement.expression("`bio`(10)")),
                Index.of("ux_users_small", QualifiedName.of("users")).on(IndexElement.column("small").desc())
                        .unique());
        assertThat(users.mysqlOptions()).isEmpty();

        Table books = schema.table(QualifiedName.of("books")).orElseThrow();
        assertThat(books.foreignKeys()).containsExactly(
                new ForeignKey(Optional.of("books_ibfk_1"), List.of("author_id"), QualifiedName.of("users"),
                        List.of("id"), Optional.empty(), Optional.of(ReferentialAction.SET_NULL), Optional.empty(),
                        Optional.empty()),
                new ForeignKey(Optional.of("fk_books_owner"), List.of("owner_id"), QualifiedName.of("users"),
                        List.of("id"), Optional.of(ReferentialAction.CASCADE), Optional.empty(), Optional.empty(),
                        Optional.empty()));
        assertThat(books.indexes()).as("InnoDB's own index for each foreign key no index served")
                .containsExactly(Index.of("author_id", QualifiedName.of("books"), "author_id"),
                        Index.of("fk_books_owner", QualifiedName.of("books"), "owner_id"),
                        Index.of("ix_books_title", QualifiedName.of("books"), "title", "owner_id"));

        Table cache = schema.table(QualifiedName.of("cache")).orElseThrow();
        assertThat(cache.mysqlOptions()).containsExactly(Map.entry("ENGINE", "MEMORY"));
        assertThat(cache.indexes()).containsExactly(Index.of("ix_cache_k", QualifiedName.of("cache"), "k")
                .using("hash"));
        assertThat(schema.table(QualifiedName.of("legacy")).orElseThrow().mysqlOptions())
                .containsExactly(Map.entry("COLLATE", "ascii_general_ci"));

        assertThat(schema.sequences()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(QualifiedName.of("invoice_numbers"));
            assertThat(s.start()).hasValue(1000);
            assertThat(s.increment()).hasValue(10);
            assertThat(s.minValue()).isEmpty();
            assertThat(s.maxValue()).isEmpty();
            assertThat(s.cache()).isEmpty();
        });
        assertThat(schema.views()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo(QualifiedName.of("active_users"));
            assertThat(v.definition()).isEqualTo("select `users`.`id` AS `id`,`users`.`email` AS `email` from"
                    + " `users` where `users`.`active` <> 0");
        });
        assertThat(schema.tables()).extracting(t -> t.name().name())
                .containsExactlyInAnyOrder("users", "books", "cache", "legacy");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void twoDatabasesWithTheSameDdlReadTheSame(DatabaseKind kind) throws SQLException {
        FreshDatabase one = TestDatabases.fresh(kind);
        FreshDatabase two = TestDatabases.fresh(kind);
        apply(one, SCHEMA);
        apply(two, SCHEMA);

        DatabaseSchema first = read(one, IntrospectionFilter.excluding());
        DatabaseSchema second = read(two, IntrospectionFilter.excluding());

        assertThat(SchemaComparator.compare(first, second, Renames.none()).differences()).isEmpty();
        assertThat(first).isEqualTo(second);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void bothDriversReadTheSame(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        apply(db, SCHEMA);
        FreshDatabase other = TestDatabases.fresh(kind == DatabaseKind.MARIADB ? DatabaseKind.MYSQL
                : DatabaseKind.MARIADB);
        apply(other, SCHEMA);

        assertThat(read(db, IntrospectionFilter.excluding())).isEqualTo(read(other, IntrospectionFilter.excluding()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfTables(DatabaseKind kind) throws SQLException {
        FreshDatabase small = TestDatabases.fresh(kind);
        FreshDatabase large = TestDatabases.fresh(kind);
        apply(small, tables(2));
        apply(large, tables(40));

        assertThat(queries(large, IntrospectionFilter.excluding())).isEqualTo(queries(small,
                IntrospectionFilter.excluding()));
        // the details of a few tables out of many are asked for by name, in as many queries
        assertThat(queries(large, IntrospectionFilter.excluding().including(List.of("t_1", "t_2"))))
                .isEqualTo(queries(small, IntrospectionFilter.excluding()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void theFilterLeavesOutTablesAndViewsBeforeTheyAreRead(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        apply(db, tables(6) + "CREATE TABLE retort_version (version_num VARCHAR(255) PRIMARY KEY);\n"
                + "CREATE VIEW v_names AS SELECT name FROM t_0;\n");

        // most tables: the whole database is read and the rest dropped
        DatabaseSchema most = read(db, IntrospectionFilter.excluding("retort_version")
                .excludingPatterns(List.of("t_1", "v_*")));
        assertThat(most.tables()).extracting(t -> t.name().name()).containsExactly("t_0", "t_2", "t_3", "t_4",
                "t_5");
        assertThat(most.views()).isEmpty();
        // a few: asked for by name; either way a table reads the same
        DatabaseSchema few = read(db, IntrospectionFilter.excluding("retort_version").including(List.of("t_3",
                "V_NAMES")));
        assertThat(few.tables()).extracting(t -> t.name().name()).containsExactly("t_3");
        assertThat(few.tables().get(0)).isEqualTo(most.table(QualifiedName.of("t_3")).orElseThrow());
        assertThat(few.views()).extracting(v -> v.name().name()).containsExactly("v_names");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void otherDatabasesAreReadQualifiedWhenNamed(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        FreshDatabase other = TestDatabases.fresh(kind);
        apply(other, "CREATE TABLE parents (id INT PRIMARY KEY)");
        apply(db, "CREATE TABLE children (id INT PRIMARY KEY, parent_id INT, CONSTRAINT fk_parent FOREIGN KEY"
                + " (parent_id) REFERENCES " + other.databaseName() + ".parents (id))");

        DatabaseSchema schema = read(db, IntrospectionFilter.excluding().withSchemas(List.of(other.databaseName(),
                "no_such_database")));

        QualifiedName parents = QualifiedName.of(Optional.of(other.databaseName()), "parents");
        assertThat(schema.schemas()).containsExactly(other.databaseName());
        assertThat(schema.tables()).extracting(Table::name).containsExactlyInAnyOrder(QualifiedName.of("children"),
                parents);
        assertThat(schema.table(QualifiedName.of("children")).orElseThrow().foreignKeys())
                .extracting(ForeignKey::referencedTable).containsExactly(parents);
    }

    /**
     * MariaDB prints a sequence in a default with the name of its database; a model read from a
     * scratch database would then name the scratch one, dropped after the comparison, and the table
     * made from the model would refer to it ('Table retort_scratch_....ticket_numbers doesn't exist').
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aSequenceInADefaultIsReadWithoutItsOwnDatabaseAndASequenceElsewhereWithIts(DatabaseKind kind)
            throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        FreshDatabase other = TestDatabases.fresh(kind);
        apply(other, "CREATE SEQUENCE shared_numbers");
        apply(db, "CREATE SEQUENCE ticket_numbers START WITH 1000;\n"
                + "CREATE TABLE members (id INT PRIMARY KEY, card BIGINT NOT NULL DEFAULT (NEXT VALUE FOR"
                + " ticket_numbers), shared BIGINT DEFAULT (NEXT VALUE FOR " + other.databaseName()
                + ".shared_numbers))");

        Table members = read(db, IntrospectionFilter.excluding()).table(QualifiedName.of("members")).orElseThrow();

        assertThat(members.column("card").orElseThrow().serverDefault())
                .contains(new DefaultValue.Expression("nextval(`ticket_numbers`)"));
        assertThat(members.column("shared").orElseThrow().serverDefault())
                .contains(new DefaultValue.Expression("nextval(`" + other.databaseName() + "`.`shared_numbers`)"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void whatTheModelCannotHoldIsRefusedNamingIt(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        apply(db, "CREATE TABLE audit (id INT) WITH SYSTEM VERSIONING");

        assertThatThrownBy(() -> read(db, IntrospectionFilter.excluding()))
                .isInstanceOf(RetortException.class)
                .hasMessage("Table audit is system-versioned (WITH SYSTEM VERSIONING), which retort's model cannot"
                        + " hold; leave it out with autogenerate_exclude_tables = [\"audit\"]");
        assertThat(read(db, IntrospectionFilter.excluding("audit")).tables()).isEmpty();

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // dropping the selected database leaves the connection with none
            s.execute("DROP DATABASE " + db.databaseName());
            Dialect dialect = Dialects.forMetaData(c.getMetaData());
            assertThatThrownBy(() -> dialect.introspector().read(c, IntrospectionFilter.excluding()))
                    .isInstanceOf(RetortException.class)
                    .hasMessage("Reading the schema of a MariaDB server needs a database: the connection has none"
                            + " selected; name it in the URL (jdbc:mariadb://HOST:3306/DATABASE)");
        }
    }

    private static int queries(FreshDatabase db, IntrospectionFilter filter) throws SQLException {
        try (Connection c = db.connect()) {
            CountingConnection counting = new CountingConnection(c);
            DatabaseSchema schema = Dialects.forMetaData(c.getMetaData()).introspector()
                    .read(counting.connection(), filter);
            assertThat(schema.tables()).isNotEmpty();
            return counting.queries();
        }
    }

    /** Tables each with a foreign key to the one before, an index and a check. */
    static String tables(int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append("CREATE TABLE t_").append(i).append(" (id INT PRIMARY KEY, prev INT, name VARCHAR(100)")
                    .append(" CHECK (length(name) < 100), INDEX ix_t_").append(i).append(" (name)")
                    .append(i == 0 ? "" : ", FOREIGN KEY (prev) REFERENCES t_" + (i - 1) + " (id)").append(");\n");
        }
        return sql.toString();
    }
}
