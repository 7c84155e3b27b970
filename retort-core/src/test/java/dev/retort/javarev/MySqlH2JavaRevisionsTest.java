package dev.retort.javarev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The examples as precompiled Java revisions ({@code dev.retort.javarev.mysqlh2}) on H2 and
 * MariaDB through both drivers, up to head and back down, data included; and the same revisions as
 * offline scripts for MySQL, MariaDB and H2.
 */
class MySqlH2JavaRevisionsTest {

    private static final String PACKAGE = "dev.retort.javarev.mysqlh2";
    private static final String ANNA = "6f0c4a52-8f0e-4c3a-9d7e-2b1f3c4d5e6f";

    private static Retort retort(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).classpathPackage(PACKAGE).load();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "MARIADB", "MYSQL"})
    void theMigrationRunsUpAndDownWithItsData(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);

        retort.upgrade("head");

        try (Connection c = db.connect()) {
            Dialect dialect = Dialects.forMetaData(c.getMetaData());
            assertThat(rows(c, "SELECT u.login, u.name, p.theme, p.language, CASE WHEN p.notifications THEN 'on'"
                    + " END FROM users u JOIN user_preferences p ON p.user_id = u.id ORDER BY u.login"))
                    .containsExactly("anna@example.org|Anna|dark|ru|on", "boris@example.org|Boris|sepia|de|on");
            SchemaSnapshot snapshot = SchemaSnapshot.of(c);
            assertThat(columns(snapshot, dialect, "users")).containsExactly("id", "login", "name", "nickname",
                    "created_at");
            assertThat(columns(snapshot, dialect, "reading_progress")).containsExactly("id", "user_id", "book_id",
                    "page", "reading_location_cfi", "scroll_offset_percent");
            assertThat(snapshot.table(dialect.catalogName("reading_progress")).indexes())
                    .anyMatch(i -> i.toLowerCase(Locale.ROOT).startsWith("idx_reading_progress_cfi [book_id, user_id,"
                            + " reading_location_cfi]"));
            assertThat(snapshot.table(dialect.catalogName("user_preferences")).foreignKeys()).hasSize(1);
            execute(c, "INSERT INTO reading_progress (user_id, book_id) VALUES ('" + ANNA + "', 1)");
            assertThat(rows(c, "SELECT page, CASE WHEN scroll_offset_percent = 0 THEN 'zero' END FROM"
                    + " reading_progress")).containsExactly("0|zero");
            assertThatThrownBy(() -> execute(c, "UPDATE reading_progress SET scroll_offset_percent = 101"))
                    .as("the check constraint").isInstanceOf(SQLException.class);
            execute(c, "INSERT INTO users (id, login, created_at) VALUES ('" + java.util.UUID.randomUUID()
                    + "', 'carl@example.org', CURRENT_TIMESTAMP)");
            assertThat(rows(c, "SELECT name FROM users WHERE login = 'carl@example.org'")).containsExactly("reader");
            execute(c, "DELETE FROM users WHERE login = 'carl@example.org'");
        }

        retort.downgrade("m3scroll");

        try (Connection c = db.connect()) {
            Dialect dialect = Dialects.forMetaData(c.getMetaData());
            assertThat(SchemaSnapshot.of(c).tables()).doesNotContainKey(dialect.catalogName("user_preferences"));
            assertThat(columns(SchemaSnapshot.of(c), dialect, "users")).containsExactly("id", "email", "name",
                    "created_at", "settings");
            List<String> settings = rows(c, "SELECT settings FROM users WHERE id = '" + ANNA + "'");
            assertThat(settings.get(0).replace(" ", "")).as("the settings restored from the preferences")
                    .isIn("{\"theme\":\"dark\",\"language\":\"ru\"}", "{\"language\":\"ru\",\"theme\":\"dark\"}");
        }

        retort.upgrade("head");
        retort.downgrade("base");

        try (Connection c = db.connect()) {
            assertThat(SchemaSnapshot.of(c).tables()).isEmpty();
        }
        assertThat(retort.current().versionRows()).isEmpty();
    }

    @Test
    void offlineScriptsRenderEveryRevisionForEachDatabase() {
        Retort retort = Retort.configure().classpathPackage(PACKAGE).load();

        String mysql = retort.upgradeSql("head", Dialects.forName("mysql"));
        String mariadb = retort.upgradeSql("head", Dialects.forName("mariadb"));
        String h2 = retort.upgradeSql("head", Dialects.forName("h2"));

        assertThat(mysql)
                .contains("ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500) COMMENT 'EPUB CFI"
                        + " of the reading position';")
                .contains("ALTER TABLE reading_progress ADD COLUMN scroll_offset_percent DOUBLE NOT NULL DEFAULT 0.0"
                        + " COMMENT 'Scroll offset within page (0-100%)';")
                .contains("    id CHAR(36) NOT NULL DEFAULT (UUID()),")
                .contains("    CONSTRAINT fk_user_preferences_user FOREIGN KEY (user_id) REFERENCES users (id) ON"
                        + " DELETE CASCADE\n);")
                .contains("ALTER TABLE users MODIFY COLUMN name VARCHAR(200) NOT NULL DEFAULT 'reader' COMMENT 'shown"
                        + " to other readers';")
                .contains("ALTER TABLE users RENAME COLUMN email TO login;")
                .contains("ALTER TABLE users ADD COLUMN nickname VARCHAR(40) COMMENT 'optional' AFTER name;")
                .contains("ALTER TABLE users ENGINE = InnoDB;")
                .contains("ALTER TABLE users COMMENT = 'people who read';")
                .contains("INSERT INTO users (");
        assertThat(mariadb).contains("JSON_VALUE(settings, '$.theme')").contains("ALTER TABLE users MODIFY COLUMN"
                + " name VARCHAR(200) NOT NULL DEFAULT 'reader' COMMENT 'shown to other readers';");
        assertThat(h2)
                .contains("COMMENT ON COLUMN reading_progress.reading_location_cfi IS 'EPUB CFI of the reading"
                        + " position';")
                .contains("    id UUID DEFAULT RANDOM_UUID() NOT NULL,")
                .contains("REGEXP_SUBSTR(CAST(settings AS VARCHAR)")
                .contains("ALTER TABLE users ALTER COLUMN name SET DATA TYPE CHARACTER VARYING(200);")
                .contains("ALTER TABLE users ALTER COLUMN email RENAME TO login;")
                .contains("COMMENT ON TABLE users IS 'people who read';")
                .doesNotContain("ENGINE");
    }

    @Test
    void offlineAConstraintDroppedWithoutItsKindIsRefusedOnMySqlNamingTheRevisionAndTheFix() {
        Retort retort = Retort.configure().classpathPackage(PACKAGE).load();

        assertThat(retort.downgradeSql("m3scroll:m2cfi", Dialects.forName("h2")))
                .contains("ALTER TABLE reading_progress DROP CONSTRAINT check_scroll_offset_range;");
        assertThatThrownBy(() -> retort.downgradeSql("m3scroll:m2cfi", Dialects.forName("mysql")))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("classpath:" + PACKAGE + ".AddScrollOffset:")
                .hasMessageContaining("MySQL cannot drop constraint check_scroll_offset_range on reading_progress: it"
                        + " drops each kind of constraint with its own statement, and an offline script cannot read"
                        + " which kind check_scroll_offset_range is. Give the kind:"
                        + " op.dropConstraint(\"check_scroll_offset_range\", \"reading_progress\",");
    }

    private static List<String> columns(SchemaSnapshot snapshot, Dialect dialect, String table) {
        return snapshot.table(dialect.catalogName(table)).columns().stream()
                .map(column -> column.split(" ")[0].toLowerCase(Locale.ROOT)).toList();
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
