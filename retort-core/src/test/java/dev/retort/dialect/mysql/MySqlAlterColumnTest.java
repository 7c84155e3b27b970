package dev.retort.dialect.mysql;

import static dev.retort.schema.ReferentialAction.CASCADE;
import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Online;
import dev.retort.dialect.RecordedOperations;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Operations;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Alembic's classic MySQL bug, where {@code alter_column} without every {@code existing_*}
 * argument resets what it does not mention: retort reads the column and restates all of it, so a
 * change keeps everything it does not change, including what retort's model has no words for
 * (character set, {@code ON UPDATE}, invisibility, virtual generation, MariaDB's column checks).
 */
class MySqlAlterColumnTest {

    private static final String TABLE = """
            CREATE TABLE t (
              id INT NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'key',
              name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'an''on' COMMENT 'shown',
              score INT NOT NULL DEFAULT 0 COMMENT 'points' CHECK (score >= 0),
              doc JSON COMMENT 'payload',
              updated DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
                COMMENT 'touched',
              secret VARCHAR(10) INVISIBLE DEFAULT 'x',
              total INT AS (score * 2) VIRTUAL COMMENT 'twice',
              token CHAR(36) DEFAULT (uuid()),
              CONSTRAINT ck_t CHECK (score < 1000)
            ) CHARACTER SET latin1""";

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aChangeKeepsEverythingItDoesNotChange(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            execute(c, TABLE);
            execute(c, "INSERT INTO t (name, score, doc) VALUES ('Ann', 7, '{\"a\": 1}')");
            Map<String, Map<String, String>> before = columns(c);

            alter(c, "name", col -> col.type(varchar(200)));
            alter(c, "score", col -> col.type(bigint()));
            alter(c, "doc", col -> col.comment("body"));
            alter(c, "updated", col -> col.nullable(true));
            alter(c, "secret", col -> col.comment("hidden"));
            alter(c, "total", col -> col.comment("doubled"));
            alter(c, "id", col -> col.type(bigint()));
            alter(c, "token", col -> col.comment("random"));
            Map<String, Map<String, String>> after = columns(c);

            assertThat(after.get("name")).isEqualTo(with(before.get("name"), "COLUMN_TYPE", "varchar(200)"));
            assertThat(after.get("score")).isEqualTo(with(before.get("score"), "COLUMN_TYPE",
                    bigintLike(before.get("score").get("COLUMN_TYPE"))));
            assertThat(after.get("doc")).isEqualTo(with(before.get("doc"), "COLUMN_COMMENT", "body"));
            assertThat(after.get("updated")).isEqualTo(with(before.get("updated"), "IS_NULLABLE", "YES"));
            assertThat(after.get("secret")).isEqualTo(with(before.get("secret"), "COLUMN_COMMENT", "hidden"));
            assertThat(after.get("total")).isEqualTo(with(before.get("total"), "COLUMN_COMMENT", "doubled"));
            assertThat(after.get("id")).isEqualTo(with(before.get("id"), "COLUMN_TYPE",
                    bigintLike(before.get("id").get("COLUMN_TYPE"))));
            assertThat(after.get("token")).isEqualTo(with(before.get("token"), "COLUMN_COMMENT", "random"));
            assertThat(checks(c)).containsExactly("ck_t|`score` < 1000", "doc|json_valid(`doc`)", "score|`score` >= 0");
            assertThat(rows(c, "SELECT name, score, doc, total FROM t")).containsExactly("Ann|7|{\"a\": 1}|14");

            // a rename restates the column under its new name, its check included
            alter(c, "score", col -> col.rename("points").nullable(true));
            Map<String, String> points = columns(c).get("points");
            assertThat(points).isEqualTo(with(after.get("score"), "IS_NULLABLE", "YES"));
            assertThat(checks(c)).allMatch(check -> !check.contains("`score`"));
            // a new default alone is set without restating the column
            alter(c, "name", col -> col.serverDefault("nobody"));
            assertThat(columns(c).get("name")).isEqualTo(with(after.get("name"), "COLUMN_DEFAULT", "'nobody'"));
        }
    }

    /**
     * A raw new type, as introspection reads a column with a column check or a virtual generation and
     * autogenerate gives it, says all of the column's type: it replaces the old one whole. Its check
     * and generation were kept as well, and the column was restated with two of each, which MariaDB
     * refused.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void aRawNewTypeReplacesTheRawOldOneWhole(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            execute(c, TABLE);
            execute(c, "INSERT INTO t (name, score, doc) VALUES ('Ann', 7, '{\"a\": 1}')");
            String integer = columns(c).get("id").get("COLUMN_TYPE");

            alter(c, "score", col -> col.type(new ColumnType.RawType(integer + " CHECK (`score` >= -1)")));
            alter(c, "total", col -> col.type(new ColumnType.RawType(integer + " GENERATED ALWAYS AS (`score` * 3)"
                    + " VIRTUAL")));

            assertThat(checks(c)).contains("score|`score` >= -1").doesNotContain("score|`score` >= 0");
            assertThat(columns(c).get("total").get("GENERATION_EXPRESSION")).isEqualTo("`score` * 3");
            assertThat(rows(c, "SELECT score, total FROM t")).containsExactly("7|21");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void theTableIsReadWithItsColumnsConstraintsAndOptions(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            apply(c, op -> {
                op.createTable("authors", column("id", bigint()).primaryKey());
                op.createTable("books",
                        column("id", bigint()).autoincrement().primaryKey(),
                        column("title", varchar(200)).notNull().serverDefault("untitled").comment("as printed"),
                        column("pages", integer()),
                        column("author_id", bigint()),
                        unique("uq_books_title", "title"),
                        check("ck_books_pages", "pages > 0"),
                        foreignKey("fk_books_author", "author_id").references("authors", "id").onDelete(CASCADE),
                        comment("the catalogue"));
            });
            Table books = new MySqlDialect(true).readTable(c, QualifiedName.of("books")).orElseThrow();

            assertThat(books.columns()).containsExactly(
                    Column.of("id", bigint()).identity(Identity.byDefault()),
                    Column.of("title", varchar(200)).notNull()
                            .serverDefault(new DefaultValue.Expression("'untitled'")).comment("as printed"),
                    Column.of("pages", integer()),
                    Column.of("author_id", bigint()));
            assertThat(books.primaryKey()).contains(new PrimaryKey(Optional.of("PRIMARY"), List.of("id")));
            assertThat(books.uniques()).containsExactly(UniqueConstraint.of("uq_books_title", "title"));
            assertThat(books.checks()).containsExactly(CheckConstraint.of("ck_books_pages", "`pages` > 0"));
            assertThat(books.foreignKeys()).containsExactly(new ForeignKey(Optional.of("fk_books_author"),
                    List.of("author_id"), QualifiedName.of("authors"), List.of("id"), Optional.of(CASCADE),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            assertThat(books.indexes()).as("the index InnoDB made for the foreign key")
                    .extracting(i -> i.name() + " " + i.elements()).containsExactly("fk_books_author "
                            + List.of(IndexElement.column("author_id")));
            assertThat(books.comment()).contains("the catalogue");
            assertThat(books.mysqlOptions()).as("the server's default engine and the database's collation").isEmpty();
            assertThat(new MySqlDialect(true).readTable(c, QualifiedName.of("Books"))).as("names are exact")
                    .isEmpty();
            assertThat(new MySqlDialect(true).readTable(c, QualifiedName.of("nothing"))).isEmpty();
        }
    }

    @Test
    void mysqlAndMariadbReportDefaultsEachTheirWay() {
        // MySQL 8: the literal's value unquoted; expressions marked DEFAULT_GENERATED, quotes escaped
        assertThat(MySqlIntrospector.defaultValue(false, "it's", "")).contains(new DefaultValue.Literal("it's"));
        assertThat(MySqlIntrospector.defaultValue(false, "0", "")).contains(new DefaultValue.Literal("0"));
        assertThat(MySqlIntrospector.defaultValue(false, "b'1'", "")).contains(new DefaultValue.Expression("b'1'"));
        assertThat(MySqlIntrospector.defaultValue(false, "CURRENT_TIMESTAMP(6)",
                "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)"))
                .contains(new DefaultValue.Expression("CURRENT_TIMESTAMP(6)"));
        assertThat(MySqlIntrospector.defaultValue(false, "concat(_utf8mb4\\'a\\',_utf8mb4\\'b\\')",
                "DEFAULT_GENERATED"))
                .contains(new DefaultValue.Expression("concat(_utf8mb4'a',_utf8mb4'b')"));
        assertThat(MySqlIntrospector.defaultValue(false, null, "")).isEmpty();
        // MariaDB 10.2.7+: SQL, NULL for none
        assertThat(MySqlIntrospector.defaultValue(true, "'it''s'", ""))
                .contains(new DefaultValue.Expression("'it''s'"));
        assertThat(MySqlIntrospector.defaultValue(true, "current_timestamp(6)", ""))
                .contains(new DefaultValue.Expression("current_timestamp(6)"));
        assertThat(MySqlIntrospector.defaultValue(true, "NULL", "")).isEmpty();
        assertThat(MySqlIntrospector.defaultValue(true, null, "")).isEmpty();
    }

    @Test
    void aRestatedTypeCarriesTheAttributesTheModelHasNoWordsFor() {
        ColumnType.RawType raw = new ColumnType.RawType("varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                + " GENERATED ALWAYS AS (concat(`a`, ' INVISIBLE')) VIRTUAL INVISIBLE CHECK (`b` > 0)");
        MySqlColumnType parsed = MySqlColumnType.parse(raw);

        assertThat(parsed).isEqualTo(new MySqlColumnType("varchar(10)", Optional.of("CHARACTER SET utf8mb4 COLLATE"
                + " utf8mb4_bin"), Optional.of("concat(`a`, ' INVISIBLE')"), Optional.empty(), true,
                Optional.of("`b` > 0")));
        assertThat(parsed.toSql()).isEqualTo(raw.sql());
        assertThat(parsed.retyped(new ColumnType.IntegerType(8), "BIGINT").toSql())
                .isEqualTo("BIGINT GENERATED ALWAYS AS (concat(`a`, ' INVISIBLE')) VIRTUAL INVISIBLE CHECK (`b` > 0)");
        assertThat(MySqlColumnType.parse(new ColumnType.RawType("datetime(3) ON UPDATE current_timestamp(3)"))
                .retyped(new ColumnType.TimestampType(true), "DATETIME(6)").toSql())
                .isEqualTo("DATETIME(6) ON UPDATE CURRENT_TIMESTAMP(6)");
        assertThat(MySqlColumnType.parse(new ColumnType.RawType("int(11) CHECK (`a` > 0)")).renamed("`a`", "`b`")
                .toSql()).isEqualTo("int(11) CHECK (`b` > 0)");
    }

    // ------------------------------------------------------------------------------------------

    private static void alter(Connection c, String column, java.util.function.UnaryOperator<AlterColumn> change)
            throws SQLException {
        apply(c, op -> op.alterColumn("t", column, change));
    }

    private static void apply(Connection c, Consumer<Operations> revision) throws SQLException {
        Online.apply(c, RecordedOperations.of(revision));
    }

    /** MariaDB's checks of table t: name and clause. */
    private static List<String> checks(Connection c) throws SQLException {
        return rows(c, "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 't' ORDER BY CONSTRAINT_NAME");
    }

    private static Map<String, Map<String, String>> columns(Connection c) throws SQLException {
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
                + " EXTRA, COLUMN_COMMENT, CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    attributes.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                columns.put(rs.getString(1), attributes);
            }
        }
        return columns;
    }

    /** BIGINT as the server spells it next to its spelling of INT (MariaDB and MySQL 5 show display widths). */
    private static String bigintLike(String intType) {
        return intType.equals("int(11)") ? "bigint(20)" : "bigint";
    }

    private static Map<String, String> with(Map<String, String> attributes, String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(attributes);
        changed.put(key, value);
        return changed;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
