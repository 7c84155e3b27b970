package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.PostgresExecutionTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.dialect.Dialects;
import dev.retort.script.SqlFlavor;
import dev.retort.script.SqlStatement;
import dev.retort.script.SqlStatementSplitter;
import dev.retort.testing.PostgresCatalogSnapshot;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The issue's PostgreSQL examples as precompiled Java revisions ({@code examples} package), run
 * through {@code Retort} on the embedded PostgreSQL up, one revision at a time, checking schema and
 * data, then down again, checking that each downgrade gives back exactly the schema and the data of
 * the revision before; and their offline script, applied as a DBA would.
 */
class PostgresExamplesTest {

    private static final String PACKAGE = "dev.retort.dialect.postgres.examples";
    private static final List<String> REVISIONS = List.of("pg0library", "pg1cfi", "pg2scroll", "pg3prefs",
            "pg4index", "pg5trgm", "pg6status");
    private static final List<String> TABLES = List.of("users", "books", "reading_progress", "user_preferences");

    /** Schema (metadata and catalog) and every row, for comparing the states of the database. */
    private record State(SchemaSnapshot jdbc, PostgresCatalogSnapshot catalog, Map<String, List<String>> rows) {

        /** The state with the columns of one table in name order, for comparing where only their order differs. */
        State withSortedColumns(String table) {
            Map<String, SchemaSnapshot.TableSnapshot> jdbcTables = new TreeMap<>(jdbc.tables());
            SchemaSnapshot.TableSnapshot t = jdbcTables.get(table);
            jdbcTables.put(table, new SchemaSnapshot.TableSnapshot(sorted(t.columns()), t.primaryKey(), t.indexes(),
                    t.foreignKeys()));
            Map<String, PostgresCatalogSnapshot.Table> catalogTables = new TreeMap<>(catalog.tables());
            PostgresCatalogSnapshot.Table c = catalogTables.get(table);
            catalogTables.put(table, new PostgresCatalogSnapshot.Table(sorted(c.columns()), c.constraints(),
                    c.indexes(), c.comment(), c.storageParameters()));
            return new State(new SchemaSnapshot(jdbcTables), new PostgresCatalogSnapshot(catalog.schemas(),
                    catalog.extensions(), catalog.enumTypes(), catalog.sequences(), catalogTables), rows);
        }

        private static List<String> sorted(List<String> columns) {
            return columns.stream().sorted().toList();
        }
    }

    private static Retort retort(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).classpathPackage(PACKAGE).load();
    }

    @Test
    void zonkysBinariesShipTheExtensionAndTheTextSearchConfigurationTheExamplesUse() throws SQLException {
        try (Connection connection = TestDatabases.fresh(DatabaseKind.POSTGRES).connect()) {
            assertThat(rows(connection, "SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'vector')"))
                    .as("pg_trgm ships with PostgreSQL's contrib; pgvector is not in zonky's binaries")
                    .containsExactly("pg_trgm");
            assertThat(rows(connection, "SELECT cfgname FROM pg_ts_config WHERE cfgname = 'russian'"))
                    .containsExactly("russian");
        }
    }

    @Test
    void everyExampleRunsUpAndDownKeepingTheData() throws SQLException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Retort retort = retort(db);
        Map<String, State> states = new LinkedHashMap<>();

        for (String revision : REVISIONS) {
            retort.upgrade(revision);
            try (Connection connection = db.connect()) {
                checkAfterUpgrade(revision, connection);
                states.put(revision, state(connection));
            }
        }
        assertThat(retort.status().upToDate()).isTrue();

        boolean usersReordered = false;
        for (int i = REVISIONS.size() - 1; i > 0; i--) {
            String target = REVISIONS.get(i - 1);
            retort.downgrade(target);
            try (Connection connection = db.connect()) {
                State state = state(connection);
                State expected = states.get(target);
                if (target.equals("pg2scroll")) {
                    // PostgreSQL adds a column at the end of its table, so the JSON column the upgrade
                    // dropped comes back (with its data) after created_at rather than before it
                    assertThat(PostgresCatalogSnapshot.of(connection).table("users").columns()).last()
                            .isEqualTo("preferences json");
                    usersReordered = true;
                }
                if (usersReordered) {
                    state = state.withSortedColumns("users");
                    expected = expected.withSortedColumns("users");
                }
                assertThat(state).as("after the downgrade of %s to %s", REVISIONS.get(i), target)
                        .isEqualTo(expected);
            }
        }
        retort.downgrade("base");
        try (Connection connection = db.connect()) {
            assertThat(PostgresCatalogSnapshot.of(connection).tables()).isEmpty();
            assertThat(rows(connection, "SELECT extname FROM pg_extension ORDER BY 1")).containsExactly("plpgsql");
        }
    }

    private static void checkAfterUpgrade(String revision, Connection connection) throws SQLException {
        PostgresCatalogSnapshot catalog = PostgresCatalogSnapshot.of(connection);
        switch (revision) {
            case "pg0library" -> assertThat(rows(connection, "SELECT email, preferences->>'theme',"
                    + " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM users ORDER BY email"))
                    .containsExactly("anna@example.com|dark|2025-10-01 09:00",
                            "boris@example.com|sepia|2025-10-01 09:00");
            case "pg1cfi" -> {
                assertThat(catalog.table("reading_progress").columns())
                        .contains("reading_location_cfi character varying(500)"
                                + " COMMENT EPUB CFI of the reading position");
                assertThat(catalog.table("reading_progress").indexes()).contains("CREATE INDEX idx_reading_progress_cfi"
                        + " ON public.reading_progress USING btree (book_id, user_id, reading_location_cfi)");
            }
            case "pg2scroll" -> {
                assertThat(catalog.table("reading_progress").columns()).contains("scroll_offset_percent"
                        + " double precision NOT NULL DEFAULT '0'::double precision"
                        + " COMMENT Scroll offset within page (0-100%)");
                assertThat(catalog.table("reading_progress").constraints()).contains("check_scroll_offset_range CHECK"
                        + " (((scroll_offset_percent >= (0.0)::double precision) AND (scroll_offset_percent <="
                        + " (100.0)::double precision)))");
                assertThat(rows(connection, "SELECT DISTINCT scroll_offset_percent FROM reading_progress"))
                        .containsExactly("0.0");
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.execute("UPDATE reading_progress SET scroll_offset_percent"
                            + " = 100.5")).isInstanceOf(SQLException.class)
                            .hasMessageContaining("check_scroll_offset_range");
                }
            }
            case "pg3prefs" -> {
                assertThat(rows(connection, "SELECT u.email, p.theme, p.language, p.notifications_enabled,"
                        + " p.created_at IS NOT NULL FROM user_preferences p JOIN users u ON u.id = p.user_id"
                        + " ORDER BY u.email"))
                        .containsExactly("anna@example.com|dark|ru|false|true", "boris@example.com|sepia|en|true|true");
                assertThat(catalog.table("users").columns()).noneMatch(c -> c.startsWith("preferences "));
                assertThat(catalog.table("user_preferences").constraints()).containsExactly(
                        "fk_user_preferences_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
                        "uq_user_preferences_user_id UNIQUE (user_id)",
                        "user_preferences_pkey PRIMARY KEY (id)");
                assertThat(catalog.table("user_preferences").columns()).containsExactly(
                        "id uuid NOT NULL DEFAULT gen_random_uuid()",
                        "user_id uuid NOT NULL",
                        "theme character varying(20) NOT NULL DEFAULT 'light'::character varying",
                        "language character varying(10) NOT NULL DEFAULT 'en'::character varying",
                        "notifications_enabled boolean NOT NULL DEFAULT true",
                        "created_at timestamp with time zone NOT NULL DEFAULT now()",
                        "updated_at timestamp with time zone NOT NULL DEFAULT now()");
            }
            case "pg4index" -> {
                assertThat(catalog.table("books").indexes()).contains(
                        "CREATE INDEX ix_books_unparsed ON public.books USING btree (id) WHERE (is_parsed = false)",
                        "CREATE INDEX ix_books_unparsed_created ON public.books USING btree (created_at)"
                                + " WHERE (is_parsed = false)",
                        "CREATE INDEX ix_books_fts ON public.books USING gin (to_tsvector('russian'::regconfig,"
                                + " (((title)::text || ' '::text)"
                                + " || (COALESCE(author, ''::character varying))::text)))");
                assertThat(catalog.table("books").storageParameters())
                        .isEqualTo("autovacuum_vacuum_scale_factor=0.01, autovacuum_analyze_scale_factor=0.005");
                assertThat(rows(connection, "SELECT title FROM books WHERE to_tsvector('russian', title || ' '"
                        + " || coalesce(author, '')) @@ plainto_tsquery('russian', 'Толстой') ORDER BY title"))
                        .containsExactly("Анна Каренина", "Война и мир");
            }
            case "pg5trgm" -> {
                assertThat(catalog.extensions()).contains("pg_trgm 1.6 in public");
                assertThat(catalog.table("books").indexes()).contains(
                        "CREATE INDEX ix_books_title_trgm ON public.books USING gin (title gin_trgm_ops)");
                assertThat(rows(connection, "SELECT title FROM books WHERE title % 'Dunes'")).containsExactly("Dune");
            }
            case "pg6status" -> {
                assertThat(catalog.enumTypes()).containsEntry("reading_status", "planned, reading, finished");
                assertThat(rows(connection, "SELECT page, status FROM reading_progress ORDER BY page"))
                        .containsExactly("0|planned", "5|reading", "120|reading");
            }
            default -> throw new AssertionError(revision);
        }
    }

    private static State state(Connection connection) throws SQLException {
        Map<String, List<String>> data = new LinkedHashMap<>();
        PostgresCatalogSnapshot catalog = PostgresCatalogSnapshot.of(connection);
        for (String table : TABLES) {
            if (catalog.tables().containsKey(table)) {
                // to_jsonb: a json column compares by value, not by the spelling json_build_object chose
                data.put(table, rows(connection, "SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1"));
            }
        }
        return new State(SchemaSnapshot.of(connection), catalog, data);
    }

    // ------------------------------------------------------------------------------------------
    // offline

    @Test
    void offlineTheConcurrentIndexesAndTheNewEnumValueLeaveTheTransaction() {
        Retort retort = Retort.configure().classpathPackage(PACKAGE).load();

        String up = retort.upgradeSql("pg3prefs:pg6status", Dialects.forName("postgresql"));
        String down = retort.downgradeSql("pg6status:pg3prefs", Dialects.forName("postgresql"));

        assertThat(section(up, "upgrade pg3prefs -> pg4index")).isEqualTo(String.join("\n\n",
                "COMMIT;",
                "CREATE INDEX CONCURRENTLY ix_books_unparsed ON books (id) WHERE is_parsed = false;",
                "BEGIN;",
                "COMMIT;",
                "CREATE INDEX CONCURRENTLY ix_books_unparsed_created ON books (created_at) WHERE is_parsed = false;",
                "BEGIN;",
                "CREATE INDEX ix_books_fts ON books USING gin ((to_tsvector('russian', title || ' ' ||"
                        + " coalesce(author, ''))));",
                "ALTER TABLE books SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor"
                        + " = 0.005);",
                "UPDATE retort_version SET version_num = 'pg4index' WHERE version_num = 'pg3prefs';"));
        assertThat(section(up, "upgrade pg4index -> pg5trgm")).isEqualTo(String.join("\n\n",
                "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
                "CREATE INDEX ix_books_title_trgm ON books USING gin (title gin_trgm_ops);",
                "UPDATE retort_version SET version_num = 'pg5trgm' WHERE version_num = 'pg4index';"));
        assertThat(section(up, "upgrade pg5trgm -> pg6status")).isEqualTo(String.join("\n\n",
                "CREATE TYPE reading_status AS ENUM ('reading', 'finished');",
                "ALTER TABLE reading_progress ADD COLUMN status reading_status DEFAULT 'reading' NOT NULL;",
                "COMMIT;",
                "ALTER TYPE reading_status ADD VALUE IF NOT EXISTS 'planned' BEFORE 'reading';",
                "BEGIN;",
                "UPDATE reading_progress SET status = 'planned' WHERE page = 0;",
                "UPDATE retort_version SET version_num = 'pg6status' WHERE version_num = 'pg5trgm';"));
        assertThat(section(down, "downgrade pg4index -> pg3prefs")).isEqualTo(String.join("\n\n",
                "ALTER TABLE books RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor);",
                "DROP INDEX ix_books_fts;",
                "COMMIT;",
                "DROP INDEX CONCURRENTLY ix_books_unparsed_created;",
                "BEGIN;",
                "COMMIT;",
                "DROP INDEX CONCURRENTLY ix_books_unparsed;",
                "BEGIN;",
                "UPDATE retort_version SET version_num = 'pg3prefs' WHERE version_num = 'pg4index';"));
    }

    @Test
    void offlineTheFirstExamplesRenderAsTheIssueWritesThem() {
        Retort retort = Retort.configure().classpathPackage(PACKAGE).load();

        String up = retort.upgradeSql("pg0library:pg3prefs", Dialects.forName("postgresql"));

        assertThat(section(up, "upgrade pg0library -> pg1cfi")).isEqualTo(String.join("\n\n",
                "ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500);",
                "COMMENT ON COLUMN reading_progress.reading_location_cfi IS 'EPUB CFI of the reading position';",
                "CREATE INDEX idx_reading_progress_cfi ON reading_progress USING btree (book_id, user_id,"
                        + " reading_location_cfi);",
                "UPDATE retort_version SET version_num = 'pg1cfi' WHERE version_num = 'pg0library';"));
        assertThat(section(up, "upgrade pg1cfi -> pg2scroll")).isEqualTo(String.join("\n\n",
                "ALTER TABLE reading_progress ADD COLUMN scroll_offset_percent DOUBLE PRECISION DEFAULT '0.0'"
                        + " NOT NULL;",
                "COMMENT ON COLUMN reading_progress.scroll_offset_percent IS 'Scroll offset within page (0-100%)';",
                "ALTER TABLE reading_progress ADD CONSTRAINT check_scroll_offset_range CHECK (scroll_offset_percent"
                        + " >= 0.0 AND scroll_offset_percent <= 100.0);",
                "UPDATE retort_version SET version_num = 'pg2scroll' WHERE version_num = 'pg1cfi';"));
        assertThat(section(up, "upgrade pg2scroll -> pg3prefs")).startsWith("CREATE TABLE user_preferences (\n"
                + "    id UUID DEFAULT gen_random_uuid() NOT NULL,\n")
                .contains("    CONSTRAINT fk_user_preferences_user FOREIGN KEY (user_id) REFERENCES users (id)"
                        + " ON DELETE CASCADE\n);")
                .contains("INSERT INTO user_preferences (user_id, theme, language, notifications_enabled) SELECT id,")
                .contains("ALTER TABLE users DROP COLUMN preferences;");
    }

    @Test
    void thePgvectorExampleOfTheDocumentationRendersOffline() {
        Retort retort = Retort.configure().classpathPackage("dev.retort.dialect.postgres.vectorexample").load();

        String up = retort.upgradeSql("head", Dialects.forName("postgresql"));
        String down = retort.downgradeSql("head:base", Dialects.forName("postgresql"));

        assertThat(section(up, "upgrade  -> 7c1e0a2b9f34")).isEqualTo(String.join("\n\n",
                "CREATE EXTENSION IF NOT EXISTS vector;",
                "ALTER TABLE books ADD COLUMN embedding vector(1536);",
                "COMMIT;",
                "CREATE INDEX CONCURRENTLY ix_books_embedding ON books USING hnsw (embedding vector_cosine_ops)"
                        + " WITH (m = 16, ef_construction = 64);",
                "BEGIN;",
                "INSERT INTO retort_version (version_num) VALUES ('7c1e0a2b9f34');"));
        assertThat(section(down, "downgrade 7c1e0a2b9f34 -> ")).isEqualTo(String.join("\n\n",
                "COMMIT;",
                "DROP INDEX CONCURRENTLY ix_books_embedding;",
                "BEGIN;",
                "ALTER TABLE books DROP COLUMN embedding;",
                "DROP EXTENSION IF EXISTS vector;",
                "DELETE FROM retort_version WHERE version_num = '7c1e0a2b9f34';"));
    }

    /**
     * The whole offline upgrade, applied statement by statement in autocommit as a DBA's client
     * would (its own BEGIN and COMMIT included), gives the schema and data of the online upgrade;
     * the offline downgrade gives back an empty database.
     */
    @Test
    void theOfflineScriptsAppliedByHandMatchTheOnlineRun() throws SQLException {
        Retort offline = Retort.configure().classpathPackage(PACKAGE).load();
        FreshDatabase byHand = TestDatabases.fresh(DatabaseKind.POSTGRES);
        FreshDatabase online = TestDatabases.fresh(DatabaseKind.POSTGRES);

        applyScript(byHand, offline.upgradeSql("head", Dialects.forName("postgresql")));
        retort(online).upgrade("head");

        try (Connection scripted = byHand.connect(); Connection migrated = online.connect()) {
            assertThat(PostgresCatalogSnapshot.of(scripted)).isEqualTo(PostgresCatalogSnapshot.of(migrated));
            assertThat(SchemaSnapshot.of(scripted)).isEqualTo(SchemaSnapshot.of(migrated));
            String data = "SELECT u.email, p.theme, p.language, p.notifications_enabled, r.page, r.status,"
                    + " b.title, b.author FROM reading_progress r JOIN users u ON u.id = r.user_id"
                    + " JOIN books b ON b.id = r.book_id JOIN user_preferences p ON p.user_id = u.id ORDER BY r.id";
            assertThat(rows(scripted, data)).isEqualTo(rows(migrated, data)).hasSize(3);
        }
        assertThat(retort(byHand).current().versionRows()).containsExactly("pg6status");

        applyScript(byHand, offline.downgradeSql("pg6status:base", Dialects.forName("postgresql")));

        try (Connection scripted = byHand.connect()) {
            assertThat(PostgresCatalogSnapshot.of(scripted).tables()).isEmpty();
        }
        assertThat(retort(byHand).current().versionRows()).isEmpty();
    }

    private static void applyScript(FreshDatabase db, String script) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (SqlStatement sql : SqlStatementSplitter.split(script, 1, SqlFlavor.POSTGRES)) {
                statement.execute(sql.sql());
            }
        }
    }

    /**
     * The statements of one step of an offline script, from after its {@code -- Running} line up to
     * its version-table change (the history row and the step's COMMIT left out).
     */
    private static String section(String script, String step) {
        String marker = "-- Running " + step + "\n\n";
        int start = script.indexOf(marker);
        assertThat(start).as("the script has a step %s:\n%s", step, script).isNotNegative();
        List<String> statements = new ArrayList<>();
        for (String statement : script.substring(start + marker.length()).split("\n\n")) {
            statements.add(statement);
            if (statement.startsWith("UPDATE retort_version") || statement.startsWith("INSERT INTO retort_version")
                    || statement.startsWith("DELETE FROM retort_version")) {
                break;
            }
        }
        return String.join("\n\n", statements);
    }
}
