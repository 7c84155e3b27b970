package dev.retort;

import static dev.retort.RunnerOnAllDatabasesTest.versionRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.DatabaseState.UnknownRevision;
import dev.retort.runtime.HistoryEntry;
import dev.retort.testkit.AllDatabases;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version table names revisions this code lacks (a newer build migrated the database, then the
 * code was rolled back): commands that write refuse and say what the history table knows; commands
 * that read still work.
 */
class DatabaseAheadOfCodeTest {

    @TempDir
    Path project;

    private Retort retort(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    @AllDatabases
    void writesRefuseWithTheStoryAndReadsStillWork(DatabaseKind kind) throws SQLException, IOException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("f8", "a1", "add invoices", "CREATE TABLE invoices (id INTEGER);", "DROP TABLE invoices;");
        files.write("f9", "f8", "add payments", "CREATE TABLE payments (id INTEGER);", "DROP TABLE payments;");
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("head");
        HistoryEntry applied = retort(db).appliedHistory().get(2);
        // the code is rolled back to a build without f8 and f9
        Files.delete(files.versions().resolve("f8.sql"));
        Files.delete(files.versions().resolve("f9.sql"));
        Retort older = retort(db);

        String who = Pattern.quote(applied.osUser() + "@" + applied.hostname())
                + (applied.databaseUser().isEmpty() ? "" : " \\(database user " + Pattern.quote(applied.databaseUser())
                + "\\)");
        String story = "retort_history says f9 \\(\"add payments\"\\) was applied at \\S+Z by " + who + " with retort "
                + Pattern.quote(applied.toolVersion()) + " from versions/f9\\.sql, moving from f8, which came from a1"
                + " \\(known here\\)\\.";
        assertThatThrownBy(() -> older.upgrade("head"))
                .isInstanceOf(UnknownRevisionException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches("The database is at revision f9, which no revision"
                        + " file here defines \\(the database is ahead of this code, or was stamped by hand\\)\\. "
                        + story + " Run this with the code that has that revision, or overwrite the version table with"
                        + " 'retort stamp --purge REV'"));
        assertThatThrownBy(() -> older.downgrade("base")).isInstanceOf(UnknownRevisionException.class);
        assertThatThrownBy(() -> older.stamp(List.of("a1"), false)).isInstanceOf(UnknownRevisionException.class);

        DatabaseState state = older.current();
        assertThat(state.versionRows()).containsExactly("f9");
        assertThat(state.current()).isEmpty();
        UnknownRevision unknown = state.unknown().get(0);
        assertThat(unknown.knownAncestor()).contains("a1");
        assertThat(unknown.through()).containsExactly("f8");
        assertThat(older.describeUnknown(unknown)).matches(story);
        MigrationStatus status = older.status();
        assertThat(status.upToDate()).isFalse();
        assertThat(status.pending()).isEmpty();
        assertThat(older.history("")).extracting(r -> r.id()).containsExactly("a1");
        assertThatThrownBy(() -> older.history("current:"))
                .hasMessage("The database is at f9, which no revision file here defines, so 'current' cannot be placed"
                        + " in this history; run history without it, or with the code that has f9");
        assertThat(older.appliedHistory()).hasSize(3);
        assertThat(older.graph().heads()).containsExactly("a1");

        older.stamp(List.of("a1"), true);
        assertThat(versionRows(db)).containsExactly("a1");
    }

    @AllDatabases
    void aRevisionTheHistoryNeverSawIsSaidToBeUnrecorded(DatabaseKind kind) throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("head");
        try (var connection = db.connect(); var statement = connection.createStatement()) {
            statement.execute("UPDATE retort_version SET version_num = 'zz99'");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }

        assertThatThrownBy(() -> retort(db).upgrade("head"))
                .hasMessage("The database is at revision zz99, which no revision file here defines (the database is"
                        + " ahead of this code, or was stamped by hand). retort_history has no record of zz99 being"
                        + " applied (Alembic or a hand-written stamp may have put it there). Run this with the code"
                        + " that has that revision, or overwrite the version table with 'retort stamp --purge REV'");
    }
}
