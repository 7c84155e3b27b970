package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.revision.MigrationStep;
import dev.retort.revision.RevisionStep;
import dev.retort.runtime.HistoryEntry;
import dev.retort.runtime.IrreversibleRevisionException;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.testkit.AllDatabases;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;

/** The runner against real SQLite, H2, PostgreSQL, MariaDB and MySQL (driver) databases. */
class RunnerOnAllDatabasesTest {

    @TempDir
    Path project;

    /** a1 → b2 → {c3, d4} → e5 (merge). */
    private RevisionFiles branchedProject() {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(50));",
                "DROP TABLE t1;");
        files.write("b2", "a1", "add t1.note", "ALTER TABLE t1 ADD COLUMN note VARCHAR(20);",
                "ALTER TABLE t1 DROP COLUMN note;");
        files.write("c3", "b2", "create t2",
                "CREATE TABLE t2 (id INTEGER PRIMARY KEY);\nINSERT INTO t2 (id) VALUES (1);",
                "DROP TABLE t2;");
        files.write("d4", "b2", "create t3", "CREATE TABLE t3 (id INTEGER PRIMARY KEY);", "DROP TABLE t3;");
        files.write("e5", "c3, d4", "merge", "", "");
        return files;
    }

    private Retort retort(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    @AllDatabases
    void upgradeRunsAlembicsOrderAndDowngradeUndoesIt(DatabaseKind kind) throws SQLException {
        branchedProject();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);

        RunResult up = retort.upgrade("head");

        assertThat(ids(up.steps())).containsExactly("a1", "b2", "d4", "c3", "e5");
        assertThat(versionRows(db)).containsExactly("e5");
        assertThat(tables(db)).contains("t1", "t2", "t3", "retort_version", "retort_history");
        assertThat(retort.current().current()).extracting(r -> r.id()).containsExactly("e5");
        List<HistoryEntry> history = retort.appliedHistory();
        assertThat(history).extracting(HistoryEntry::revision).containsExactly("a1", "b2", "d4", "c3", "e5");
        assertThat(history).allMatch(HistoryEntry::success);
        assertThat(history.get(0).script()).isEqualTo("versions/a1.sql");
        assertThat(history.get(0).checksum()).hasSize(64);
        assertThat(history.get(4).fromRevisions()).containsExactly("c3", "d4");
        assertThat(history.get(0).finishedAt()).isPresent();

        RunResult down = retort.downgrade("base");

        assertThat(ids(down.steps())).containsExactly("e5", "c3", "d4", "b2", "a1");
        assertThat(versionRows(db)).isEmpty();
        assertThat(tables(db)).doesNotContain("t1", "t2", "t3").contains("retort_version");
        assertThat(retort.appliedHistory()).hasSize(10);
    }

    @AllDatabases
    void downgradeOneBranchLeavesTheOther(DatabaseKind kind) throws SQLException {
        branchedProject();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        retort.upgrade("c3");
        retort.upgrade("d4");
        assertThat(versionRows(db)).containsExactlyInAnyOrder("c3", "d4");

        // "c3-1" would be b2, the branch point, and unwind both branches; naming the branch keeps d4
        retort.downgrade("c3@-1");

        assertThat(versionRows(db)).containsExactly("d4");
        assertThat(tables(db)).contains("t3").doesNotContain("t2");
    }

    @AllDatabases
    void aFailingStatementNamesFileStatementAndLineAndIsRecorded(DatabaseKind kind) throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER PRIMARY KEY);", "DROP TABLE t1;");
        files.write("b2", "a1", "broken", "CREATE TABLE t2 (id INTEGER PRIMARY KEY);\n"
                + "INSERT INTO no_such_table (id) VALUES (1);", "DROP TABLE t2;");
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);

        assertThatThrownBy(() -> retort.upgrade("head"))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("upgrade b2 (versions/b2.sql) failed at statement 2 (line 7: INSERT INTO"
                        + " no_such_table (id) VALUES (1))")
                .hasMessageContaining("The database stays at a1; the failure is recorded in retort_history.")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("no_such_table"));

        assertThat(versionRows(db)).containsExactly("a1");
        HistoryEntry failure = retort.appliedHistory().get(1);
        assertThat(failure.revision()).isEqualTo("b2");
        assertThat(failure.success()).isFalse();
        assertThat(failure.failedStatement()).contains(2);
        assertThat(failure.error()).isPresent();
        boolean transactional = kind == DatabaseKind.SQLITE || kind == DatabaseKind.POSTGRES;
        // where DDL is transactional, nothing of the failed migration remains
        assertThat(tables(db).contains("t2")).isEqualTo(!transactional);
    }

    @AllDatabases
    void downgradeThroughAnIrreversibleRevisionIsRefusedBeforeAnythingRuns(DatabaseKind kind) throws SQLException {
        RevisionFiles files = new RevisionFiles(project);
        files.writeIrreversible("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER PRIMARY KEY);");
        files.write("b2", "a1", "create t2", "CREATE TABLE t2 (id INTEGER PRIMARY KEY);", "DROP TABLE t2;");
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        retort.upgrade("head");

        assertThatThrownBy(() -> retort.downgrade("base"))
                .isInstanceOf(IrreversibleRevisionException.class)
                .hasMessage("Cannot downgrade through irreversible revision a1 (versions/a1.sql): no '-- migrate:down'"
                        + " section; nothing was run. Downgrade to a revision above it, or add a down section if the"
                        + " change can be undone");
        assertThat(versionRows(db)).containsExactly("b2");
        assertThat(tables(db)).contains("t2");
    }

    @AllDatabases
    void stampMovesTheVersionTableOnly(DatabaseKind kind) throws SQLException {
        branchedProject();
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);

        retort.stamp(List.of("heads"), false);

        assertThat(versionRows(db)).containsExactly("e5");
        assertThat(tables(db)).doesNotContain("t1");
        assertThat(retort.appliedHistory()).extracting(HistoryEntry::direction)
                .containsExactly(HistoryEntry.Direction.STAMP);

        retort.stamp(List.of("base"), false);
        assertThat(versionRows(db)).isEmpty();

        retort.stamp(List.of("c3", "d4"), false);
        assertThat(versionRows(db)).containsExactlyInAnyOrder("c3", "d4");

        retort.stamp(List.of("b2"), false);
        assertThat(versionRows(db)).containsExactly("b2");
    }

    @AllDatabases
    void aVersionTheFilesDoNotKnowIsExplainedFromTheHistoryTable(DatabaseKind kind) throws Exception {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER PRIMARY KEY);", "DROP TABLE t1;");
        files.write("f9", "a1", "add invoices", "CREATE TABLE invoices (id INTEGER PRIMARY KEY);",
                "DROP TABLE invoices;");
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("head");
        // the code is rolled back to a version without f9
        java.nio.file.Files.delete(files.versions().resolve("f9.sql"));
        Retort older = retort(db);

        assertThatThrownBy(() -> older.upgrade("head"))
                .isInstanceOf(UnknownRevisionException.class)
                .hasMessageStartingWith("The database is at revision f9, which no revision file here defines")
                .hasMessageContaining("retort_history says f9 (\"add invoices\") was applied at ")
                .hasMessageContaining("from versions/f9.sql, moving from a1 (known here).")
                .hasMessageEndingWith("or overwrite the version table with 'retort stamp --purge REV'");
        DatabaseState state = older.current();
        assertThat(state.unknown()).extracting(DatabaseState.UnknownRevision::id).containsExactly("f9");

        older.stamp(List.of("a1"), true);
        assertThat(versionRows(db)).containsExactly("a1");
    }

    @AllDatabases
    void adoptsAnAlembicVersionTable(DatabaseKind kind) throws SQLException {
        branchedProject();
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            statement.execute("CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(50))");
            statement.execute("INSERT INTO alembic_version (version_num) VALUES ('a1')");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).versionTable("alembic_version").load();

        assertThat(retort.current().versionRows()).containsExactly("a1");
        retort.upgrade("b2");

        assertThat(query(db, "SELECT version_num FROM alembic_version")).containsExactly("b2");
        assertThat(tables(db)).doesNotContain("retort_version");
    }

    @AllDatabases
    void currentNeverCreatesTables(DatabaseKind kind) throws SQLException {
        branchedProject();
        FreshDatabase db = TestDatabases.fresh(kind);

        DatabaseState state = retort(db).current();

        assertThat(state.versionRows()).isEmpty();
        assertThat(state.current()).isEmpty();
        assertThat(tables(db)).doesNotContain("retort_version", "retort_history");
    }

    static List<String> ids(List<MigrationStep> steps) {
        return steps.stream().map(s -> ((RevisionStep) s).revision().id()).toList();
    }

    static List<String> versionRows(FreshDatabase db) throws SQLException {
        return query(db, "SELECT version_num FROM retort_version");
    }

    static List<String> query(FreshDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Table names of the database's default schema, lower-cased. */
    static Set<String> tables(FreshDatabase db) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection connection = db.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            boolean mysql = db.kind() == DatabaseKind.MARIADB || db.kind() == DatabaseKind.MYSQL;
            String catalog = mysql ? connection.getCatalog() : null;
            String schema = mysql || db.kind() == DatabaseKind.SQLITE ? null : connection.getSchema();
            try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
