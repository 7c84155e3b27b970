package dev.retort.dialect;

import static dev.retort.schema.ReferentialAction.CASCADE;
import static dev.retort.schema.ReferentialAction.SET_NULL;
import static dev.retort.schema.Tables.charset;
import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.engine;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
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
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ops.ColumnPosition;
import dev.retort.ops.IndexOption;
import dev.retort.ops.Operations;
import dev.retort.schema.ConstraintType;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation family executed on real H2 and MariaDB databases (MariaDB through both MariaDB
 * Connector/J and MySQL Connector/J), checked by what the database then holds and does: the schema
 * as JDBC metadata reads it, the rows, and the constraints at work.
 */
class MySqlH2ExecutionTest {

    private static final UUID DUNE = UUID.fromString("0e2d1c3b-4a5f-4e6d-8c7b-9a0b1c2d3e4f");
    private static final Instant ADDED = Instant.parse("2020-01-02T01:04:05.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "MARIADB", "MYSQL"})
    void tablesColumnsAndTheirData(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            Dialect dialect = Online.dialect(c);
            run(c, op -> {
                op.createTable("books",
                        column("id", bigint()).autoincrement().primaryKey(),
                        column("uid", uuid()).notNull(),
                        column("title", varchar(200)).notNull().comment("as printed"),
                        column("blurb", text()),
                        column("in_print", bool()).notNull().serverDefault(true),
                        column("price", numeric(10, 2)).serverDefault(new BigDecimal("9.99")),
                        column("format", enumType("book_format", "paper", "ebook")).serverDefault("paper"),
                        column("meta", json()),
                        column("cover", binary(16)),
                        column("published", date()),
                        column("opens_at", time()),
                        column("added_at", timestampTz()).notNull().serverDefaultExpression("CURRENT_TIMESTAMP"),
                        comment("the catalogue"), engine("InnoDB"), charset("utf8mb4"));
                op.bulkInsert("books", List.of(book(DUNE, "Dune", "{\"saga\": \"Dune\"}", ADDED),
                        book(UUID.randomUUID(), "Emma", "[1, 2]", ADDED), book(UUID.randomUUID(), "Kant", null,
                                ADDED)));
            });
            assertThat(rows(c, "SELECT title, CASE WHEN in_print THEN 'yes' ELSE 'no' END, price, format, meta"
                    + " FROM books ORDER BY title")).extracting(row -> row.replace(" ", ""))
                    .containsExactly("Dune|yes|9.99|ebook|{\"saga\":\"Dune\"}", "Emma|yes|9.99|ebook|[1,2]",
                            "Kant|yes|9.99|ebook|null");
            assertThat(rows(c, "SELECT uid FROM books WHERE title = 'Dune'")).containsExactly(DUNE.toString());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT meta, added_at, published, opens_at, cover FROM books WHERE title = 'Dune'")) {
                rs.next();
                assertThat(rs.getString("meta").replace(" ", "")).isEqualTo("{\"saga\":\"Dune\"}");
                assertThat(dialect.readTimestamp(rs, "added_at")).contains(ADDED);
                assertThat(rs.getObject("published", LocalDate.class)).isEqualTo(LocalDate.of(1965, 8, 1));
                assertThat(rs.getObject("opens_at", LocalTime.class)).isEqualTo(LocalTime.of(9, 30));
                assertThat(rs.getBytes("cover")).containsExactly(1, 2, 3);
            }

            run(c, op -> {
                op.addColumn("books", column("isbn", varchar(13)).notNull().serverDefault("unknown")
                        .comment("13 digits"), ColumnPosition.after("uid"));
                op.addColumn("books", column("rank", integer()), ColumnPosition.first());
                op.addColumn("books", column("ratio", doublePrecision()).notNull().serverDefault(0.0));
                op.alterColumn("books", "title", col -> col.type(varchar(300)));
                op.alterColumn("books", "blurb", col -> col.comment("back cover").rename("summary"));
                op.alterColumn("books", "price", col -> col.serverDefault("5.00"));
                op.alterColumn("books", "isbn", col -> col.nullable(true).dropServerDefault());
                op.dropColumn("books", "cover");
                op.createTableComment("books", "every book");
            });
            SchemaSnapshot.TableSnapshot books = SchemaSnapshot.of(c).table(stored(dialect, "books"));
            assertThat(books.columns()).extracting(column -> column.split(" ")[0].toLowerCase())
                    .containsExactly("rank", "id", "uid", "isbn", "title", "summary", "in_print", "price", "format",
                            "meta", "published", "opens_at", "added_at", "ratio");
            assertThat(books.columns()).anySatisfy(column -> assertThat(column.toLowerCase())
                    .matches("title (character varying|varchar)\\(300\\) not null"));
            assertThat(comments(c, dialect, "books")).containsEntry("", "every book")
                    .containsEntry("title", "as printed").containsEntry("summary", "back cover")
                    .containsEntry("isbn", "13 digits");
            execute(c, "INSERT INTO books (uid, title, added_at) VALUES ('" + UUID.randomUUID()
                    + "', 'Kim', CURRENT_TIMESTAMP)");
            assertThat(rows(c, "SELECT price, isbn, CASE WHEN ratio = 0 THEN 'zero' END, CASE WHEN in_print THEN"
                    + " 'yes' END FROM books WHERE title = 'Kim'")).containsExactly("5.00|null|zero|yes");

            run(c, op -> {
                op.renameTable("books", "volumes");
                op.dropTableComment("volumes");
                op.setTableOptions("volumes", Map.of("ENGINE", "InnoDB"));
            });
            assertThat(SchemaSnapshot.of(c).tables()).containsOnlyKeys(stored(dialect, "volumes"));
            assertThat(comments(c, dialect, "volumes")).doesNotContainKey("");

            run(c, op -> op.dropTable("volumes"));
            assertThat(SchemaSnapshot.of(c).tables()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "MARIADB", "MYSQL"})
    void indexesAndConstraints(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            Dialect dialect = Online.dialect(c);
            run(c, op -> {
                op.createTable("users", column("id", bigint()).primaryKey(), column("email", varchar(100)).notNull(),
                        column("age", integer()), unique("uq_users_email", "email"), check("ck_users_age", "age >= 0"));
                op.createTable("posts", column("id", bigint()).primaryKey(), column("user_id", bigint()),
                        column("title", varchar(100)), column("body", text()),
                        foreignKey("fk_posts_user", "user_id").references("users", "id").onDelete(CASCADE),
                        index("ix_posts_user", "user_id"));
                op.createTable("tags", column("name", varchar(20)).notNull(), column("post_id", bigint()));
                op.createIndex("ix_posts_user_title", "posts", "user_id", "title");
                op.createIndex("posts", index("ux_posts_title", "title").on(key("id").desc()).unique());
                op.createIndex("users", index("ix_users_age", "age").using("hash"), IndexOption.CONCURRENTLY);
                op.createPrimaryKey("pk_tags", "tags", "name");
                op.createUniqueConstraint("uq_tags_post", "tags", "post_id");
                op.createCheckConstraint("ck_tags_name", "tags", "name <> ''");
                op.createForeignKey("tags", foreignKey("fk_tags_post", "post_id").references("posts", "id")
                        .onDelete(SET_NULL));
                op.validateConstraint("tags", "ck_tags_name");
            });
            if (kind != DatabaseKind.H2) {
                run(c, op -> op.createIndex("posts", index("ft_posts_body", "body").using("fulltext")));
            }
            execute(c, "INSERT INTO users (id, email, age) VALUES (1, 'a@example.org', 30)");
            execute(c, "INSERT INTO posts (id, user_id, title) VALUES (10, 1, 'hello')");
            execute(c, "INSERT INTO tags (name, post_id) VALUES ('news', 10)");
            assertThatThrownBy(() -> execute(c, "INSERT INTO users (id, email, age) VALUES (2, 'b@example.org', -1)"))
                    .as("the check").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> execute(c, "INSERT INTO users (id, email) VALUES (3, 'a@example.org')"))
                    .as("the unique constraint").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> execute(c, "INSERT INTO tags (name) VALUES ('')")).as("the added check")
                    .isInstanceOf(SQLException.class);
            execute(c, "DELETE FROM posts WHERE id = 10");
            assertThat(rows(c, "SELECT name, post_id FROM tags")).as("ON DELETE SET NULL").containsExactly("news|null");
            SchemaSnapshot.TableSnapshot posts = SchemaSnapshot.of(c).table(stored(dialect, "posts"));
            assertThat(posts.indexes()).anyMatch(i -> i.matches("(?i)ix_posts_user_title \\[user_id, title]"))
                    .anyMatch(i -> i.matches("(?i)UNIQUE ux_posts_title \\[title, id]"));
            assertThat(SchemaSnapshot.of(c).table(stored(dialect, "tags")).primaryKey())
                    .containsExactly(stored(dialect, "name"));

            // without their kinds: online, MySQL and MariaDB read them from information_schema
            run(c, op -> {
                op.dropConstraint("fk_tags_post", "tags");
                op.dropConstraint("uq_tags_post", "tags");
                op.dropConstraint("ck_tags_name", "tags");
                op.dropConstraint("fk_posts_user", "posts", ConstraintType.FOREIGN_KEY);
                op.dropConstraint("uq_users_email", "users", ConstraintType.UNIQUE);
                op.dropConstraint("ck_users_age", "users", ConstraintType.CHECK);
                op.dropIndex("ix_posts_user_title", "posts");
                op.dropIndex("ux_posts_title", "posts", IndexOption.CONCURRENTLY);
                op.dropIndex("ix_users_age", "users");
            });
            if (kind == DatabaseKind.H2) {
                run(c, op -> op.dropConstraint("pk_tags", "tags"));
            } else {
                // MySQL names every primary key PRIMARY, so pk_tags is found only with its kind
                run(c, op -> op.dropConstraint("pk_tags", "tags", ConstraintType.PRIMARY_KEY));
            }
            execute(c, "INSERT INTO users (id, email, age) VALUES (2, 'a@example.org', -1)");
            execute(c, "INSERT INTO tags (name, post_id) VALUES ('', 99)");
            execute(c, "INSERT INTO tags (name, post_id) VALUES ('', 99)");
            SchemaSnapshot after = SchemaSnapshot.of(c);
            assertThat(after.table(stored(dialect, "tags")).primaryKey()).isEmpty();
            assertThat(after.table(stored(dialect, "tags")).foreignKeys()).isEmpty();
            assertThat(after.table(stored(dialect, "posts")).foreignKeys()).isEmpty();
            assertThat(after.table(stored(dialect, "posts")).indexes()).noneMatch(i -> i.toLowerCase()
                    .matches(".*(ix_posts_user_title|ux_posts_title).*"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "MARIADB", "MYSQL"})
    void schemasSequencesRawSqlAndBatches(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        String schema = db.databaseName() + "_extra";
        try (Connection c = db.connect()) {
            Dialect dialect = Online.dialect(c);
            run(c, op -> {
                op.createSchema(schema);
                op.inSchema(schema).createTable("archive", column("id", integer()).primaryKey(),
                        column("note", varchar(40)));
                op.inSchema(schema).bulkInsert("archive", List.of(Map.of("id", 1, "note", "kept")));
                op.createSequence("order_numbers", s -> s.startWith(1000).incrementBy(10));
                op.createEnumType("mood", "ok", "sad");
                op.createTable("orders", column("id", integer()).primaryKey(), column("note", varchar(40)),
                        column("total", integer()));
                op.execute("INSERT INTO orders (id, note, total) VALUES (?, ?, ?)", 1, "it's \\ odd?", 10);
                op.setStorageParameters("orders", Map.of("fillfactor", "70"));
                op.resetStorageParameters("orders", "fillfactor");
                op.batchAlterTable("orders", b -> {
                    b.addColumn(column("status", varchar(10)).notNull().serverDefault("new"));
                    b.alterColumn("total", col -> col.type(bigint()).rename("amount"));
                    b.createIndex("ix_orders_status", "status");
                    // later changes see the earlier ones: the renamed column, the constraint just added
                    b.alterColumn("amount", col -> col.notNull().comment("in cents"));
                    b.createCheckConstraint("ck_orders_amount", "amount >= 0");
                    b.createUniqueConstraint("uq_orders_note", "note");
                    b.dropConstraint("uq_orders_note");
                    b.execute("UPDATE orders SET status = 'old'");
                });
            });
            String archive = dialect.table(dev.retort.schema.QualifiedName.of(schema, "archive"));
            assertThat(rows(c, "SELECT id, note FROM " + archive)).containsExactly("1|kept");
            assertThat(rows(c, "SELECT note, amount, status FROM orders")).containsExactly("it's \\ odd?|10|old");
            String next = kind == DatabaseKind.H2 ? "SELECT NEXT VALUE FOR order_numbers"
                    : "SELECT NEXTVAL(order_numbers)";
            assertThat(rows(c, next)).containsExactly("1000");
            assertThat(rows(c, next)).containsExactly("1010");
            assertThatThrownBy(() -> execute(c, "UPDATE orders SET amount = -1")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> execute(c, "UPDATE orders SET amount = NULL")).isInstanceOf(SQLException.class);
            assertThat(comments(c, dialect, "orders")).containsEntry("amount", "in cents");
            execute(c, "INSERT INTO orders (id, note, amount) VALUES (2, 'twice', 5), (3, 'twice', 6)");

            run(c, op -> {
                op.dropSequence("order_numbers");
                op.dropEnumType("mood");
                op.inSchema(schema).dropTable("archive");
                op.dropSchema(schema);
            });
            assertThatThrownBy(() -> rows(c, next)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rows(c, "SELECT id FROM " + archive)).isInstanceOf(SQLException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "MARIADB", "MYSQL"})
    void namesThatNeedQuoting(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            Dialect dialect = Online.dialect(c);
            String table = "Mixed Case";
            String odd = "back`tick \"q\" 'x'";
            run(c, op -> {
                op.createTable(table, column("select", integer()).primaryKey(),
                        column("it's", varchar(10)).notNull().serverDefault("o'clock").comment("it's a comment"),
                        column(odd, varchar(10)), column("ünïcödé", integer()), column("Order", integer()),
                        unique("Uq Mixed", "it's"), check("ck \"odd\"", dialect.identifier("ünïcödé") + " > 0"),
                        index("ix Mixed", "ünïcödé"));
                op.createTable("Child", column("id", integer()).primaryKey(), column("Parent Id", integer()),
                        index("ix child parent", "Parent Id"),
                        foreignKey("fk Child`Parent", "Parent Id").references(table, "select"));
                op.bulkInsert(table, List.of(row("select", 1, "it's", "first", odd, "x", "ünïcödé", 5, "Order", 7)));
                op.addColumn(table, column("Näme", varchar(20)).comment("ü"));
                op.alterColumn(table, "it's", col -> col.type(varchar(30)).rename("It Is"));
                op.alterColumn(table, "Order", col -> col.comment("reserved").notNull());
                op.createIndex(table, index("ix \"both\"", "Näme", "It Is"));
                op.dropConstraint("fk Child`Parent", "Child");
                op.dropConstraint("ck \"odd\"", table);
                op.dropIndex("ix Mixed", table);
            });
            SchemaSnapshot snapshot = SchemaSnapshot.of(c);
            assertThat(snapshot.tables()).containsOnlyKeys("Mixed Case", "Child");
            assertThat(snapshot.table("Mixed Case").columns()).extracting(column -> column.split(" ")[0])
                    .containsExactly("select", "It", "back`tick", "ünïcödé", "Order", "Näme");
            assertThat(snapshot.table("Mixed Case").indexes()).anyMatch(i -> i.contains("ix \"both\" [Näme, It Is]"))
                    .noneMatch(i -> i.contains("ix Mixed"));
            assertThat(snapshot.table("Child").foreignKeys()).isEmpty();
            assertThat(comments(c, dialect, table)).containsEntry("It Is", "it's a comment")
                    .containsEntry("Order", "reserved").containsEntry("Näme", "ü");
            String quoted = dialect.table(dev.retort.schema.QualifiedName.of(table));
            assertThat(rows(c, "SELECT " + dialect.identifier("It Is") + ", " + dialect.identifier(odd) + ", "
                    + dialect.identifier("ünïcödé") + " FROM " + quoted)).containsExactly("first|x|5");
            execute(c, "INSERT INTO " + quoted + " (" + dialect.identifier("select") + ", "
                    + dialect.identifier("Order") + ", " + dialect.identifier("ünïcödé") + ") VALUES (2, 8, -1)");
            assertThat(rows(c, "SELECT " + dialect.identifier("It Is") + " FROM " + quoted + " WHERE "
                    + dialect.identifier("select") + " = 2")).as("the default kept through the rename")
                    .containsExactly("o'clock");

            run(c, op -> {
                op.renameTable(table, "Renamed Table");
                op.dropTable("Child");
                op.dropTable("Renamed Table");
            });
            assertThat(SchemaSnapshot.of(c).tables()).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------

    private static void run(Connection connection, Consumer<Operations> revision) throws SQLException {
        Online.apply(connection, RecordedOperations.of(revision));
    }

    private static Map<String, Object> book(UUID uid, String title, String meta, Instant added) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("uid", uid);
        row.put("title", title);
        row.put("format", "ebook");
        row.put("meta", meta);
        row.put("cover", new byte[] {1, 2, 3});
        row.put("published", LocalDate.of(1965, 8, 1));
        row.put("opens_at", LocalTime.of(9, 30));
        row.put("added_at", OffsetDateTime.ofInstant(added, java.time.ZoneOffset.ofHours(2)));
        return row;
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** A name as the database stores it (H2 folds unquoted names to upper case). */
    private static String stored(Dialect dialect, String name) {
        return dialect.catalogName(name);
    }

    /** The table's comment (key "") and its columns' comments, through JDBC metadata. */
    private static Map<String, String> comments(Connection c, Dialect dialect, String table) throws SQLException {
        Map<String, String> comments = new LinkedHashMap<>();
        String catalog = c.getCatalog();
        String schema = dialect.name().equals("h2") ? c.getSchema() : null;
        try (ResultSet rs = c.getMetaData().getTables(catalog, schema, stored(dialect, table), null)) {
            while (rs.next()) {
                if (rs.getString("REMARKS") != null && !rs.getString("REMARKS").isEmpty()) {
                    comments.put("", rs.getString("REMARKS"));
                }
            }
        }
        try (ResultSet rs = c.getMetaData().getColumns(catalog, schema, stored(dialect, table), "%")) {
            while (rs.next()) {
                if (rs.getString("REMARKS") != null && !rs.getString("REMARKS").isEmpty()) {
                    comments.put(written(dialect, rs.getString("COLUMN_NAME")), rs.getString("REMARKS"));
                }
            }
        }
        return comments;
    }

    /** A stored name as the revision wrote it: H2's upper-case folding undone. */
    private static String written(Dialect dialect, String stored) {
        String lower = stored.toLowerCase(Locale.ROOT);
        return dialect.catalogName(lower).equals(stored) ? lower : stored;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
