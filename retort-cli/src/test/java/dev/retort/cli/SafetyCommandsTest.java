package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialects;
import dev.retort.schema.QualifiedName;
import dev.retort.runtime.lock.MigrationLock;
import dev.retort.runtime.lock.MigrationLocks;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retort lock}, {@code --lock-timeout} / {@code lock_timeout} and {@code retort repair} end to
 * end, with the one line the user sees for each mistake.
 */
class SafetyCommandsTest {

    @TempDir
    Path dir;

    private Cli cli;
    private Path versions;

    @BeforeEach
    void project() throws IOException {
        cli = new Cli(dir);
        versions = Files.createDirectories(dir.resolve("migrations/versions"));
        config("");
        CommandsTest.write(versions, "a1", "", "one", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
    }

    private void config(String extra) throws IOException {
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n"
                + "url = \"sqlite:///app.db\"\n" + extra);
    }

    /** Holds the migration lock of the project's SQLite database, as another process's upgrade would. */
    private MigrationLock holdLock(FreshDatabase db, Connection connection) throws SQLException {
        MigrationLock lock = MigrationLocks.create(Dialects.forMetaData(connection.getMetaData()),
                QualifiedName.of("retort_version"), connection, name -> db.connect(), "holder");
        assertThat(lock.tryAcquire()).isTrue();
        return lock;
    }

    private static String failure(Cli.Result result, int status) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err()).as(result.toString()).startsWith("FAILED: ");
        return result.err().lines().findFirst().orElseThrow().substring("FAILED: ".length());
    }

    @Test
    void lockSaysWhetherTheLockIsFreeAndWhoHoldsIt() throws Exception {
        String db = dir.resolve("app.db").toString();
        Cli.Result free = cli.run("lock");
        assertThat(free.status()).as(free.toString()).isZero();
        assertThat(free.out()).isEqualTo("The migration lock of sqlite:///app.db is free (SQLite lock file " + db
                + "-retort-lock)\n");

        FreshDatabase file = new FreshDatabase(DatabaseKind.SQLITE, "jdbc:sqlite:" + db, "", "", "app");
        try (Connection connection = file.connect()) {
            MigrationLock lock = holdLock(file, connection);
            try {
                Cli.Result held = cli.run("lock");
                assertThat(held.out()).matches(Pattern.quote("The migration lock of sqlite:///app.db is held by"
                        + " another connection of this process (" + ProcessHandle.current().pid() + ") on this host,"
                        + " started ") + "\\S+Z \\(application '.*', user \\S+\\) "
                        + Pattern.quote("(SQLite lock file " + db + "-retort-lock)") + "\n");
                Cli.Result json = cli.run("--json", "lock");
                assertThat(json.out()).contains("\"held\" : true").contains("\"session\" : \"another connection of"
                        + " this process (" + ProcessHandle.current().pid() + ") on this host")
                        .contains("\"lock\" : \"SQLite lock file " + db + "-retort-lock\"");

                Cli.Result waited = cli.run("upgrade", "head", "--lock-timeout", "300ms");
                assertThat(waited.err()).startsWith("Waiting for the migration lock on sqlite:///app.db, held by"
                        + " another connection of this process");
                assertThat(failure(cli.run("-q", "upgrade", "head", "--lock-timeout", "0"), 1))
                        .startsWith("Timed out after ").contains("waiting for the migration lock on sqlite:///app.db"
                                + " (SQLite lock file " + db + "-retort-lock): it is held by another connection of this"
                                + " process (").endsWith("Another migration is probably running: let it finish, or"
                                + " wait longer with lock_timeout in retort.toml or --lock-timeout (now 0;"
                                + " \"forever\" waits as long as the holder's session lives)");

                config("lock_timeout = \"200ms\"\n");
                assertThat(failure(cli.run("-q", "stamp", "head"), 1)).contains("(now 200ms;");
                assertThat(failure(cli.run("-q", "downgrade", "base", "--lock-timeout", "1s"), 1)).contains("(now 1s;");
            } finally {
                lock.release();
            }
        }
        assertThat(cli.run("--json", "lock").out()).contains("\"held\" : false").contains("\"holder\" : null");
        assertThat(cli.run("upgrade", "head").status()).isZero();
    }

    @Test
    void rehashWritesUnderTheLockButRefusesAMistakeWithoutWaiting() throws Exception {
        assertThat(cli.run("upgrade", "head").status()).isZero();
        String db = dir.resolve("app.db").toString();
        FreshDatabase file = new FreshDatabase(DatabaseKind.SQLITE, "jdbc:sqlite:" + db, "", "", "app");
        try (Connection connection = file.connect()) {
            MigrationLock lock = holdLock(file, connection);
            try {
                assertThat(failure(cli.run("-q", "rehash", "a1", "--lock-timeout", "0"), 1))
                        .startsWith("Timed out after ").contains("waiting for the migration lock on sqlite:///app.db")
                        .contains("(now 0;");
                // what it would refuse anyway is refused before it waits, even with no timeout
                assertThat(failure(cli.run("-q", "rehash", "nosuch"), 1))
                        .isEqualTo("Can't locate revision identified by 'nosuch'");
            } finally {
                lock.release();
            }
        }
        Cli.Result done = cli.run("rehash", "a1");
        assertThat(done.status()).as(done.toString()).isZero();
        assertThat(done.out()).contains("a1").contains("already matches its recorded checksum");
    }

    @Test
    void badLockTimeoutsAreRefusedWithTheExpectedForm() throws IOException {
        Cli.Result flag = cli.run("upgrade", "head", "--lock-timeout", "10 minutes");
        assertThat(failure(flag, 2)).isEqualTo("Invalid value for option '--lock-timeout': '10 minutes' has an"
                + " unknown unit 'minutes'; write a whole number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none),"
                + " or \"forever\" to wait as long as the holder lives");

        config("lock_timeout = 30\n");
        assertThat(failure(cli.run("upgrade", "head"), 1)).isEqualTo("retort.toml:4: 'lock_timeout' must be a"
                + " duration in quotes, such as \"5s\" or \"10min\", got 30; write it in quotes with a unit, e.g."
                + " \"30s\"");
        config("lock_timeout = \"soon\"\n");
        assertThat(failure(cli.run("current"), 1)).isEqualTo("retort.toml:4: 'lock_timeout' is invalid: 'soon' is not"
                + " a duration; write a whole number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none), or"
                + " \"forever\" to wait as long as the holder lives");
    }

    @Test
    void repairRefusesWrongInputWithOneLine() {
        assertThat(failure(cli.run("repair", "a1"), 2)).isEqualTo("repair needs --resume (run the rest of the step)"
                + " or --mark-rolled-back (what it did was undone by hand)");
        assertThat(failure(cli.run("repair", "a1", "--resume", "--mark-rolled-back"), 2))
                .isEqualTo("Give one of --resume and --mark-rolled-back, not both");
        assertThat(failure(cli.run("repair", "--resume"), 2)).isEqualTo("Missing required parameter: 'REV'");
        assertThat(failure(cli.run("repair", "zz", "--resume"), 1)).isEqualTo("Can't locate revision identified by"
                + " 'zz' (a prefix matches only ids longer than 3 characters; ids of 3 characters or fewer must be"
                + " typed in full)");
        assertThat(failure(cli.run("repair", "a1", "--mark-rolled-back"), 1))
                .isEqualTo("Nothing to repair: retort_history records no unfinished step of a1");
    }

    @Test
    void aDatabaseAheadOfTheCodeIsRefusedByWritesAndReadByReads() throws IOException {
        CommandsTest.write(versions, "f9", "a1", "add invoices", "CREATE TABLE invoices (id INTEGER);",
                "DROP TABLE invoices;");
        assertThat(cli.run("upgrade", "head").status()).isZero();
        Files.delete(versions.resolve("f9.sql"));

        String refused = failure(cli.run("upgrade", "head"), 1);
        assertThat(refused).startsWith("The database is at revision f9, which no revision file here defines (the"
                + " database is ahead of this code, or was stamped by hand). retort_history says f9 (\"add invoices\")"
                + " was applied at ").contains(" from migrations/versions/f9.sql, moving from a1 (known here).")
                .endsWith("Run this with the code that has that revision, or overwrite the version table with 'retort"
                        + " stamp --purge REV'");
        assertThat(failure(cli.run("stamp", "a1"), 1)).startsWith("The database is at revision f9");

        Cli.Result current = cli.run("current");
        assertThat(current.status()).isZero();
        assertThat(current.out()).isEqualTo("f9 (unknown)\n");
        assertThat(current.err()).startsWith("warning: f9 is in the version table but no revision file defines it."
                + " retort_history says f9 (\"add invoices\") was applied at ");
        Cli.Result json = cli.run("--json", "current");
        assertThat(json.out()).contains("\"revision\" : \"f9\"").contains("moving from a1 (known here)");
        assertThat(cli.run("heads").out()).isEqualTo("a1 (head)\n");
        Cli.Result history = cli.run("history", "-i");
        assertThat(history.status()).isZero();
        assertThat(history.out()).contains("a1");
        assertThat(failure(cli.run("history", "-r", "current:"), 1)).isEqualTo("The database is at f9, which no"
                + " revision file here defines, so 'current' cannot be placed in this history; run history without"
                + " it, or with the code that has f9");
        Cli.Result lock = cli.run("lock");
        assertThat(lock.out()).startsWith("The migration lock of sqlite:///app.db is free");

        Cli.Result purged = cli.run("stamp", "--purge", "a1");
        assertThat(purged.status()).as(purged.toString()).isZero();
        assertThat(cli.run("current").out()).isEqualTo("a1 (head)\n");
    }

    @Test
    void aStepThatStoppedPartwayIsRefusedThenRepaired() throws IOException {
        Path h2 = dir.resolve("h2db");
        config("");
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n"
                + "url = \"jdbc:h2:file:" + h2 + "\"\n");
        CommandsTest.write(versions, "b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);\nINSERT INTO nowhere VALUES"
                + " (1);\nCREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;\nDROP TABLE t2;");

        assertThat(failure(cli.run("-q", "upgrade", "head"), 1)).contains("Statement 1 of this migration stays"
                + " applied (H2 cannot roll back DDL): fix the cause and run 'retort repair b2 --resume' to continue"
                + " from statement 2, or undo it by hand and run 'retort repair b2 --mark-rolled-back'.");
        String refused = failure(cli.run("upgrade", "head"), 1);
        assertThat(refused).startsWith("upgrade b2 (migrations/versions/b2.sql) did not finish: it failed at"
                + " statement 2 (line 7: INSERT INTO nowhere VALUES (1)): Table \"NOWHERE\" not found")
                .endsWith("Statement 1 of 3 ran and stays applied (H2 cannot roll back DDL), and the version table says"
                        + " a1. Run 'retort repair b2 --resume' to run statement 2 onwards and finish the upgrade, or"
                        + " undo that statement by hand and run 'retort repair b2 --mark-rolled-back'");

        CommandsTest.write(versions, "b2", "a1", "two", "CREATE TABLE t2 (id INTEGER);\nCREATE TABLE nowhere (id"
                + " INTEGER);\nCREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;\nDROP TABLE nowhere;\nDROP TABLE t2;");
        Cli.Result resumed = cli.run("repair", "b2", "--resume");
        assertThat(resumed.status()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).isEqualTo("Running upgrade a1 -> b2, two\n");
        assertThat(resumed.out()).isEqualTo("Resumed and finished the step; the database is at b2\n");
        assertThat(cli.run("current").out()).isEqualTo("b2 (head)\n");

        CommandsTest.write(versions, "c3", "b2", "three", "CREATE TABLE t4 (id INTEGER);\nSELECT * FROM nowhere_else;",
                "DROP TABLE t4;");
        assertThat(cli.run("-q", "upgrade", "head").status()).isEqualTo(1);
        Cli.Result marked = cli.run("repair", "c3", "--mark-rolled-back");
        assertThat(marked.out()).isEqualTo("Recorded the step as rolled back; the database stays at b2. 'retort"
                + " upgrade' runs it again from the start\n");
        Cli.Result json = cli.run("--json", "repair", "c3", "--mark-rolled-back");
        assertThat(failure(json, 1)).isEqualTo("Nothing to repair: retort_history records no unfinished step of c3");
    }
}
