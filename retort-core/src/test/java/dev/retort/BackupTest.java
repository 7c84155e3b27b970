package dev.retort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.backup.Backup;
import dev.retort.backup.BackupFailedException;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code upgrade} with a backup on each database, with the real tools: the backup is taken before
 * the first step, holds the database as it was, and the printed restore command, run as printed,
 * brings that state back.
 */
class BackupTest {

    @TempDir
    Path project;

    @TempDir
    Path backups;

    private Retort retort(FreshDatabase db, Map<String, String> environment) {
        RevisionFiles files = new RevisionFiles(project);
        files.write("a1", "", "create t1", "CREATE TABLE t1 (id INTEGER);\nINSERT INTO t1 VALUES (42);",
                "DROP TABLE t1;");
        files.write("b2", "a1", "create t2", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).environment(environment).load();
    }

    private static Map<String, String> pathWith(Path directory) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PATH", directory + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        return environment;
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"SQLITE", "H2", "MARIADB", "MYSQL"})
    void theBackupHoldsTheDatabaseAsItWasAndThePrintedCommandRestoresIt(DatabaseKind kind) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        Map<String, String> environment = kind == DatabaseKind.MARIADB || kind == DatabaseKind.MYSQL
                ? pathWith(TestDatabases.mariaDbClientDirectory()) : System.getenv();
        Retort retort = retort(db, environment);
        retort.upgrade("a1");

        RunResult result = retort.upgrade("head", RunOptions.defaults().withBackup(backups.resolve("new")));

        Backup backup = result.backup().orElseThrow();
        assertThat(backup.file()).exists().hasParent(backups.resolve("new"));
        assertThat(backup.file().getFileName().toString()).matches("[A-Za-z0-9_.-]+-\\d{8}T\\d{6}Z\\.(sqlite|sql)");
        assertThat(RunnerOnAllDatabasesTest.tables(db)).contains("t2");

        restore(backup, environment, db);

        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("a1");
        assertThat(RunnerOnAllDatabasesTest.query(db, "SELECT id FROM t1")).containsExactly("42");
        if (kind == DatabaseKind.SQLITE) {
            // a copy of the file, exactly as it was
            assertThat(RunnerOnAllDatabasesTest.tables(db)).doesNotContain("t2");
            assertThat(backup.restoreCommand()).startsWith("cp ").endsWith(" " + db.jdbcUrl().substring(
                    "jdbc:sqlite:".length()));
        }
    }

    @Test
    void postgresIsBackedUpWithPgDumpAndRestoredWithPgRestore() throws Exception {
        FreshDatabase db = TestDatabases.freshPostgres15();
        Retort retort = retort(db, System.getenv());
        retort.upgrade("a1");

        Backup backup = retort.upgrade("head", RunOptions.defaults().withBackup(backups)).backup().orElseThrow();

        assertThat(backup.method()).matches("pg_dump 1[5-9](\\.\\d+)? \\(.*pg_dump\\)");
        assertThat(backup.file().getFileName().toString()).matches(db.databaseName() + "-\\d{8}T\\d{6}Z\\.dump");
        assertThat(backup.restoreCommand()).matches("pg_restore --clean --if-exists --no-owner --host=127.0.0.1"
                + " --port=\\d+ --username=postgres --dbname=" + db.databaseName() + " " + Pattern.quote(
                backup.file().toString()));
        restore(backup, System.getenv(), db);
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("a1");
        assertThat(RunnerOnAllDatabasesTest.query(db, "SELECT id FROM t1")).containsExactly("42");
    }

    @Test
    void aPgDumpOlderThanTheServerIsRefusedBeforeAnythingRuns() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        int server = Integer.parseInt(RunnerOnAllDatabasesTest.query(db,
                "SELECT current_setting('server_version_num')::int / 10000").get(0));
        int tool = pgDumpMajor();
        assertThat(tool).as("this test needs a pg_dump on PATH older than the embedded PostgreSQL %d (Debian 12's"
                + " postgresql-client-15 is)", server).isLessThan(server);
        Retort retort = retort(db, System.getenv());
        retort.upgrade("a1");

        assertThatThrownBy(() -> retort.upgrade("head", RunOptions.defaults().withBackup(backups)))
                .isInstanceOf(BackupFailedException.class)
                .message().matches("pg_dump " + tool + "\\.\\d+ \\(\\S+\\) cannot back up PostgreSQL " + server
                        + "\\.\\d+: pg_dump reads only servers of its own major version or older. Install the"
                        + " PostgreSQL " + server + " client tools \\(Debian/Ubuntu: postgresql-client-" + server
                        + ", from the PostgreSQL apt repository where the distribution lacks it\\) and put that"
                        + " pg_dump first on PATH, or run without --backup. Nothing ran");
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("a1");
        assertThat(RunnerOnAllDatabasesTest.tables(db)).doesNotContain("t2");
        try (Stream<Path> left = Files.list(backups)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aMissingDumpToolIsRefusedNamingWhatToInstall() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.MARIADB);
        Path empty = Files.createDirectories(project.resolve("no-tools"));
        Retort retort = retort(db, Map.of("PATH", empty.toString()));
        retort.upgrade("a1");

        assertThatThrownBy(() -> retort.upgrade("head", RunOptions.defaults().withBackup(backups)))
                .isInstanceOf(BackupFailedException.class)
                .hasMessage("Neither mariadb-dump nor mysqldump was found on PATH; install the MariaDB client"
                        + " (Debian/Ubuntu: apt-get install mariadb-client) and put it on PATH, or run without"
                        + " --backup. Nothing ran");
        assertThat(RunnerOnAllDatabasesTest.versionRows(db)).containsExactly("a1");

        FreshDatabase pg = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Retort onPostgres = retort(pg, Map.of("PATH", empty.toString()));
        assertThatThrownBy(() -> onPostgres.upgrade("head", RunOptions.defaults().withBackup(backups)))
                .hasMessageMatching("pg_dump was not found on PATH; install the PostgreSQL \\d+ client tools"
                        + " \\(Debian/Ubuntu: postgresql-client-\\d+\\) and put them on PATH, or run without --backup."
                        + " Nothing ran");
        assertThat(RunnerOnAllDatabasesTest.tables(pg)).doesNotContain("retort_version");
    }

    @Test
    void nothingToRunTakesNoBackup() throws SQLException, IOException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = retort(db, System.getenv());
        retort.upgrade("head");

        RunResult result = retort.upgrade("head", RunOptions.defaults().withBackup(backups.resolve("never")));

        assertThat(result.steps()).isEmpty();
        assertThat(result.backup()).isEmpty();
        assertThat(backups.resolve("never")).doesNotExist();
    }

    private static int pgDumpMajor() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("pg_dump --version: " + output).isZero();
        Matcher matcher = Pattern.compile("(\\d+)\\.").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Runs the restore command exactly as printed, through a shell. */
    private static void restore(Backup backup, Map<String, String> environment, FreshDatabase db)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", backup.restoreCommand()).redirectErrorStream(true);
        builder.environment().put("PATH", environment.getOrDefault("PATH", ""));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                + builder.environment().get("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s on %s printed: %s", backup.restoreCommand(), db.kind(), output)
                .isZero();
    }
}
