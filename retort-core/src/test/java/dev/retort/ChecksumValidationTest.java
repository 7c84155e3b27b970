package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.runtime.ChecksumValidation.Rehash;
import dev.retort.runtime.HistoryEntry;
import dev.retort.runtime.ValidationResult;
import dev.retort.runtime.ValidationResult.Kind;
import dev.retort.script.Checksums;
import dev.retort.testkit.AllDatabases;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** validate, the check before upgrade, and rehash, on every database. */
class ChecksumValidationTest {

    @TempDir
    Path project;

    private RevisionFiles files;

    private Retort retort(FreshDatabase db) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    private void threeRevisions() {
        files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
        files.write("b2", "a1", "create t2", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        files.write("c3", "b2", "create t3", "CREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;");
    }

    @AllDatabases
    void anEditedAppliedRevisionIsCaughtUntilItIsRehashed(DatabaseKind kind) throws Exception {
        threeRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("b2");
        assertThat(retort(db).validate()).isEqualTo(new ValidationResult(List.of(), List.of(), 2));

        // line endings and a byte-order mark are not an edit
        Path a1 = files.versions().resolve("a1.sql");
        String original = Files.readString(a1);
        Files.writeString(a1, "\uFEFF" + original.replace("\n", "\r\n"));
        assertThat(Checksums.of(Files.readString(a1))).isEqualTo(Checksums.of(original));
        assertThat(retort(db).validate().valid()).isTrue();

        Path b2 = files.versions().resolve("b2.sql");
        Files.writeString(b2, Files.readString(b2).replace("CREATE TABLE t2 (id INTEGER);",
                "CREATE TABLE t2 (id INTEGER, note VARCHAR(9));"));
        Retort edited = retort(db);
        ValidationResult result = edited.validate();
        assertThat(result.valid()).isFalse();
        assertThat(result.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.revision()).isEqualTo("b2");
            assertThat(drift.kind()).isEqualTo(Kind.CHANGED);
            assertThat(drift.file()).isEqualTo("versions/b2.sql");
            assertThat(drift.current()).contains(Checksums.of(Files.readString(b2)));
            assertThat(drift.describe()).matches("b2 \\(versions/b2.sql\\) changed since it was applied at \\S+"
                    + " \\(checksum [0-9a-f]{12} then, [0-9a-f]{12} now\\)");
        });

        assertThatThrownBy(() -> edited.upgrade("head"))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("An applied revision differs from what ran: b2 (versions/b2.sql) changed since"
                        + " it was applied at ")
                .hasMessageEndingWith(". Restore its file, or if the change was intended, record it with 'retort"
                        + " rehash b2'; 'retort upgrade --no-validate' skips this check once (validate_on_upgrade ="
                        + " false turns it off). Nothing ran");
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("b2");

        List<Rehash> rehashed = edited.rehash(List.of("b2"));
        assertThat(rehashed).singleElement().satisfies(r -> {
            assertThat(r.before()).isEqualTo(result.drifts().get(0).recorded());
            assertThat(r.after()).contains(Checksums.of(Files.readString(b2)));
            assertThat(r.row()).isPresent();
        });
        assertThat(edited.validate().valid()).isTrue();
        List<HistoryEntry> history = edited.appliedHistory();
        assertThat(history).extracting(HistoryEntry::direction).containsExactly(HistoryEntry.Direction.UPGRADE,
                HistoryEntry.Direction.UPGRADE, HistoryEntry.Direction.REHASH);
        // the audit trail keeps what ran
        assertThat(history.get(1).checksum()).isEqualTo(result.drifts().get(0).recorded().get());
        assertThat(history.get(2).checksum()).isEqualTo(Checksums.of(Files.readString(b2)));
        assertThat(history.get(2).toRevisions()).containsExactly("b2");

        assertThat(edited.rehash(List.of("b2"))).singleElement().satisfies(r -> assertThat(r.row()).isEmpty());
        assertThat(edited.appliedHistory()).hasSize(3);

        edited.upgrade("head");
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("c3");
    }

    @AllDatabases
    void upgradeCanSkipTheCheckOnceOrAlways(DatabaseKind kind) throws Exception {
        threeRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("a1");
        Path a1 = files.versions().resolve("a1.sql");
        Files.writeString(a1, Files.readString(a1) + "-- a comment is an edit too\n");

        assertThatThrownBy(() -> retort(db).upgrade("b2")).isInstanceOf(ChecksumMismatchException.class);
        retort(db).upgrade("b2", RunOptions.defaults().withoutValidation());
        Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project).validateOnUpgrade(false)
                .load().upgrade("c3");

        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("c3");
        assertThat(retort(db).validate().driftedIds()).containsExactly("a1");
    }

    @AllDatabases
    void aRevisionWhoseFileVanishedIsReportedAndItsRemovalCanBeAccepted(DatabaseKind kind) throws IOException {
        threeRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("c3");
        // b2 is squashed away: its file deleted, c3 re-pointed at a1
        Files.delete(files.versions().resolve("b2.sql"));
        files.write("c3", "a1", "create t3", "CREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;");
        Retort squashed = retort(db);

        ValidationResult result = squashed.validate();
        assertThat(result.drifts()).extracting(d -> d.revision() + " " + d.kind())
                .containsExactly("c3 CHANGED", "b2 MISSING");
        assertThat(result.drifts().get(1).describe()).matches("b2 \\(versions/b2.sql\\) was applied at \\S+ and no"
                + " revision file defines it any more");

        List<Rehash> accepted = squashed.rehash(List.of("c3", "b2"));
        assertThat(accepted).extracting(r -> r.revision() + " " + r.after().isPresent())
                .containsExactly("c3 true", "b2 false");
        assertThat(squashed.validate().valid()).isTrue();
    }

    @AllDatabases
    void aVersionRowNoFileDefinesCannotBeRehashed(DatabaseKind kind) throws IOException {
        threeRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("c3");
        Files.delete(files.versions().resolve("c3.sql"));

        assertThat(retort(db).validate().drifts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.MISSING);
            assertThat(d.describe()).matches("c3 \\(versions/c3.sql\\) was applied at \\S+ and no revision file"
                    + " defines it any more");
        });
        assertThatThrownBy(() -> retort(db).rehash(List.of("c3")))
                .hasMessage("Cannot rehash c3: the version table names it and no revision file defines it, so the"
                        + " database would stay at a revision retort cannot move from. Restore its file, or move the"
                        + " version table with 'retort stamp --purge REV'");
        // after a stamp nothing sure is known of c3: it is not reported
        retort(db).stamp(List.of("b2"), true);
        assertThat(retort(db).validate().valid()).isTrue();
    }

    @AllDatabases
    void rehashRefusesRevisionsThatDidNotRun(DatabaseKind kind) {
        threeRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).upgrade("a1");

        assertThatThrownBy(() -> retort(db).rehash(List.of("c3")))
                .hasMessage("Cannot rehash c3: it is not applied to this database (it is at a1); rehash records the"
                        + " checksum of revisions that ran. Upgrade to it instead");
        assertThatThrownBy(() -> retort(db).rehash(List.of("zz9999")))
                .hasMessage("Can't locate revision identified by 'zz9999'");
    }

    @AllDatabases
    void stampedRevisionsHaveNoChecksumUntilRehashed(DatabaseKind kind) throws IOException {
        threeRevisions();
        FreshDatabase db = TestDatabases.fresh(kind);
        retort(db).stamp(List.of("b2"), false);

        ValidationResult result = retort(db).validate();
        assertThat(result.valid()).isTrue();
        assertThat(result.unverified()).containsExactly("a1", "b2");

        retort(db).rehash(List.of("b2"));
        assertThat(retort(db).validate().unverified()).containsExactly("a1");
    }
}
