package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.revision.InvalidRevisionGraphException;
import dev.retort.revision.MigrationStep;
import dev.retort.runtime.HistoryEntry;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §7: the library API as an application uses it. */
class LibraryApiTest {

    @TempDir
    Path project;

    @Test
    void configureWithADataSourceUpgradeAndAskForStatus() {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        Retort retort = Retort.configure()
                .dataSource(db.dataSource())
                .scriptLocation(project)
                .listener(new MigrationListener() {
                    @Override
                    public void stepStarting(MigrationStep step) {
                        heard.add("start " + step.describe());
                    }

                    @Override
                    public void stepFinished(MigrationStep step, Duration duration) {
                        heard.add("done " + step.shortLog());
                    }
                })
                .load();

        MigrationStatus before = retort.status();
        assertThat(before.upToDate()).isFalse();
        assertThat(before.pending()).extracting(r -> r.id()).containsExactly("a1", "b2");

        retort.upgrade("head");

        assertThat(retort.history("")).extracting(r -> r.id()).containsExactly("b2", "a1");
        assertThat(retort.history(":current")).extracting(r -> r.id()).containsExactly("b2", "a1");
        assertThat(retort.history("a1:")).extracting(r -> r.id()).containsExactly("b2", "a1");
        assertThatThrownBy(() -> retort.history("a1")).hasMessage("History range requires [start]:[end], [start]:,"
                + " or :[end]");

        MigrationStatus after = retort.status();
        assertThat(after.upToDate()).isTrue();
        assertThat(after.state().current()).extracting(r -> r.id()).containsExactly("b2");
        assertThat(heard).containsExactly("start upgrade  -> a1, one", "done upgrade  -> a1",
                "start upgrade a1 -> b2, two", "done upgrade a1 -> b2");
    }

    @Test
    void revisionsShippedOnTheClasspath() {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = Retort.configure().dataSource(db.dataSource()).classpathLocation("db/revisions").load();

        retort.upgrade("heads");

        assertThat(retort.appliedHistory()).extracting(HistoryEntry::script).containsExactly(
                "classpath:db/revisions/2025_01_01-cp1_create_widgets.sql",
                "classpath:db/revisions/2025_01_02-cp2_add_name.sql");
        assertThatThrownBy(() -> Retort.configure().dataSource(db.dataSource()).classpathLocation("db/nothing")
                .load()).hasMessage("No revisions found on the classpath at 'db/nothing'; check the classpath"
                + " location and that the files are packaged");
    }

    @Test
    void aBrokenGraphFailsAtLoadBeforeAnyDatabaseIsTouched() {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "missing", "one", "SELECT 1;", "");
        assertThatThrownBy(() -> Retort.configure().url("jdbc:postgresql://127.0.0.1:1/never").scriptLocation(project)
                .load())
                .isInstanceOf(InvalidRevisionGraphException.class)
                .hasMessageContaining("down_revision 'missing' of revision a1 is not present");
    }

    @Test
    void oneInstanceServesManyThreadsAtOnce() throws Exception {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Retort shared = Retort.configure().dataSource(db.dataSource()).scriptLocation(project).load();
        shared.upgrade("a1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<String> work = () -> {
                    StringBuilder seen = new StringBuilder();
                    for (int round = 0; round < 10; round++) {
                        seen.append(shared.status().pending().size())
                                .append(shared.current().versionRows())
                                .append(shared.appliedHistory().size())
                                .append(shared.planner().upgrade("heads", List.of()).size())
                                .append(shared.graph().heads());
                    }
                    return seen.toString();
                };
                results.add(pool.submit(work));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("1[a1]12[b2]".repeat(10));
            }
        } finally {
            pool.shutdown();
        }
    }
}
