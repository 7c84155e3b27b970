package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of the core issue gets one clear line, {@code FAILED: ...} on stderr, exit 1, and
 * nothing on stdout. Each test asserts the line the user sees.
 */
class BadInputTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path dir;

    private Cli cli() {
        return new Cli(dir);
    }

    private void config(String toml) throws IOException {
        Files.writeString(dir.resolve("retort.toml"), toml);
    }

    private Path versions() throws IOException {
        return Files.createDirectories(dir.resolve("migrations/versions"));
    }

    private void project() throws IOException {
        config("[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
        versions();
    }

    private static String failure(Cli.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err()).as(result.toString()).startsWith("FAILED: ").endsWith("\n");
        assertThat(result.err().strip()).as("one line").doesNotContain("\n");
        return result.err().strip().substring("FAILED: ".length());
    }

    @Test
    void noConfigFile() {
        assertThat(failure(cli().run("heads"))).isEqualTo("No config file: looked for ./retort.toml (use -c FILE,"
                + " set RETORT_CONFIG, or run 'retort init DIR')");
    }

    @Test
    void badToml() throws IOException {
        config("[retort]\nscript_location = \"migrations\n");
        assertThat(failure(cli().run("heads"))).startsWith("retort.toml:2:");
    }

    @Test
    void unknownConfigKey() throws IOException {
        config("[retort]\nscrip_location = \"migrations\"\n");
        assertThat(failure(cli().run("heads")))
                .isEqualTo("retort.toml:2: unknown key 'scrip_location' in [retort]; did you mean 'script_location'?");
    }

    @Test
    void unsetVariableWithoutDefault() throws IOException {
        config("[retort]\nurl = \"${NOT_SET_ANYWHERE}\"\n");
        assertThat(failure(cli().run("heads"))).isEqualTo("retort.toml:2: 'url' uses ${NOT_SET_ANYWHERE}, which is not"
                + " set; set it or write ${NOT_SET_ANYWHERE:-default}");
    }

    @Test
    void malformedUrlIsMasked() throws IOException {
        project();
        String message = failure(cli().run("current", "--url", "postgresql://bob:" + PASSWORD + "@:5432/db"));
        assertThat(message).isEqualTo("Malformed database URL 'postgresql://bob:***@:5432/db': missing host");
    }

    @Test
    void unreachableServerNamesHostAndPortAndHidesThePassword() throws IOException {
        project();
        Cli.Result result = cli().run("current", "--url", "postgresql://bob:" + PASSWORD + "@127.0.0.1:9/db");
        String message = failure(result);
        assertThat(message).startsWith("Cannot connect to postgresql://bob:***@127.0.0.1:9/db: ")
                .contains("127.0.0.1:9");
        assertThat(result.all()).doesNotContain(PASSWORD);
    }

    @Test
    void wrongPasswordIsRefusedAndMasked() throws Exception {
        project();
        Path database = dir.resolve("secured");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database, "owner", "right-one")) {
            connection.createStatement().execute("CREATE TABLE t (id INT)");
        }
        Cli.Result result = cli().run("current", "--url", "jdbc:h2:file:" + database + ";USER=owner;PASSWORD="
                + PASSWORD);
        String message = failure(result);
        assertThat(message).startsWith("Cannot connect to jdbc:h2:file:" + database + ";USER=owner;PASSWORD=***: ")
                .containsIgnoringCase("password");
        assertThat(result.all()).doesNotContain(PASSWORD);
    }

    @Test
    void missingVersionsDirectory() throws IOException {
        config("[retort]\nscript_location = \"migrations\"\n");
        assertThat(failure(cli().run("heads"))).isEqualTo("Versions directory migrations/versions does not exist."
                + " Create it, fix version_locations / script_location in the config, or run 'retort init DIR' to"
                + " start a project");
    }

    @Test
    void malformedHeaderAndUnknownHeaderKey() throws IOException {
        project();
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revison: \n\n-- migrate:up\n");
        assertThat(failure(cli().run("heads"))).startsWith("migrations/versions/a1.sql:2: unknown header key"
                + " 'down_revison'");

        Files.writeString(versions().resolve("a1.sql"), "-- revision: a-1\n-- down_revision:\n\n-- migrate:up\n");
        assertThat(failure(cli().run("heads"))).startsWith("migrations/versions/a1.sql:1: ");
    }

    @Test
    void brokenGraphsNameTheFiles() throws IOException {
        project();
        Path versions = versions();
        CommandsTest.write(versions, "a1", "", "one", "", "");
        CommandsTest.write(versions, "b2", "zz", "two", "", "");
        assertThat(failure(cli().run("heads"))).isEqualTo("Broken revision graph: migrations/versions/b2.sql:"
                + " down_revision 'zz' of revision b2 is not present");

        Files.writeString(versions.resolve("b2.sql"), Files.readString(versions.resolve("a1.sql")));
        assertThat(failure(cli().run("history"))).isEqualTo("Broken revision graph: revision id 'a1' is declared"
                + " twice, in migrations/versions/a1.sql and in migrations/versions/b2.sql");

        CommandsTest.write(versions, "a1", "b2", "one", "", "");
        CommandsTest.write(versions, "b2", "a1", "two", "", "");
        assertThat(failure(cli().run("upgrade", "head"))).isEqualTo("Broken revision graph: Cycle is detected in"
                + " revisions (a1, b2) in migrations/versions/a1.sql, migrations/versions/b2.sql");

        Files.writeString(versions.resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- branch_labels: x\n"
                + "\n-- migrate:up\n");
        Files.writeString(versions.resolve("b2.sql"), "-- revision: b2\n-- down_revision: a1\n-- branch_labels: x\n"
                + "\n-- migrate:up\n");
        assertThat(failure(cli().run("current"))).isEqualTo("Broken revision graph: branch label 'x' is declared by"
                + " both a1 (migrations/versions/a1.sql) and b2 (migrations/versions/b2.sql)");
    }

    @Test
    void unknownAndAmbiguousTargets() throws IOException {
        project();
        Path versions = versions();
        CommandsTest.write(versions, "ab12cd34", "", "one", "", "");
        CommandsTest.write(versions, "ab12ef56", "ab12cd34", "two", "", "");
        assertThat(failure(cli().run("upgrade", "nosuch"))).isEqualTo("Can't locate revision identified by 'nosuch'");
        assertThat(failure(cli().run("upgrade", "ab12"))).isEqualTo("Ambiguous revision 'ab12': it is the start of 2"
                + " revisions or labels (ab12cd34, ab12ef56); type more characters");
        assertThat(failure(cli().run("show", "zz"))).isEqualTo("Can't locate revision identified by 'zz' (a prefix"
                + " matches only ids longer than 3 characters; ids of 3 characters or fewer must be typed in full)");
    }

    @Test
    void downgradeThroughAnIrreversibleRevision() throws IOException {
        project();
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- message: one\n\n"
                + "-- migrate:up\nCREATE TABLE t (id INTEGER);\n");
        assertThat(cli().run("upgrade", "head").status()).isZero();
        assertThat(failure(cli().run("downgrade", "base"))).isEqualTo("Cannot downgrade through irreversible revision"
                + " a1 (migrations/versions/a1.sql): no '-- migrate:down' section; nothing was run. Downgrade to a"
                + " revision above it, or add a down section if the change can be undone");
    }

    @Test
    void aFailingMigrationReportsFileStatementAndDatabaseMessage() throws IOException {
        project();
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- message: one\n\n"
                + "-- migrate:up\nCREATE TABLE t (id INTEGER);\nINSERT INTO missing VALUES (1);\n");
        Cli.Result result = cli().run("upgrade", "head");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Running upgrade  -> a1, one\n"
                + "FAILED: upgrade a1 (migrations/versions/a1.sql) failed at statement 2 (line 7:"
                + " INSERT INTO missing VALUES (1)): [SQLITE_ERROR] SQL error or missing database (no such table:"
                + " missing). The database stays at base; the failure is recorded in retort_history.\n");
    }

    @Test
    void malformedTimeoutHeaderNamesFileAndLine() throws IOException {
        project();
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- lock_timeout: 5 secs\n"
                + "\n-- migrate:up\n");
        assertThat(failure(cli().run("heads"))).isEqualTo("migrations/versions/a1.sql:3: header 'lock_timeout':"
                + " '5 secs' has an unknown unit 'secs'; write a whole number and a unit: 500ms, 5s, 10min, 2h, 1d"
                + " (or 0 for none)");
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- lock_timout: 5s\n"
                + "\n-- migrate:up\n");
        assertThat(failure(cli().run("heads"))).startsWith("migrations/versions/a1.sql:3: unknown header key"
                + " 'lock_timout'; known keys: ");
    }

    @Test
    void badDurationsInTheConfig() throws IOException {
        config("[retort]\nurl = \"sqlite:///app.db\"\nstatement_lock_timeout = \"10m\"\n");
        versions();
        assertThat(failure(cli().run("heads"))).isEqualTo("retort.toml:3: 'statement_lock_timeout' is invalid: '10m'"
                + " is ambiguous; write 10min for minutes or 10ms for milliseconds");
        config("[retort]\nurl = \"sqlite:///app.db\"\nlock_timeout_backoff = 2\n");
        assertThat(failure(cli().run("heads"))).isEqualTo("retort.toml:3: 'lock_timeout_backoff' must be a duration in"
                + " quotes, such as \"5s\" or \"10min\", got 2; write it in quotes with a unit, e.g. \"2s\"");
        config("[retort]\nurl = \"sqlite:///app.db\"\nlock_timeout_retries = -2\n");
        assertThat(failure(cli().run("heads"))).isEqualTo("retort.toml:3: 'lock_timeout_retries' must be between 0 and"
                + " 2147483647, got -2");
    }

    @Test
    void badDurationFlagIsAUsageError() throws IOException {
        project();
        Cli.Result result = cli().run("upgrade", "head", "--statement-lock-timeout", "5");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith("FAILED: Invalid value for option '--statement-lock-timeout': '5' has no"
                + " unit; write 5s for seconds or 5ms for milliseconds\n");
    }

    @Test
    void anEditedAppliedRevisionStopsUpgradeAndValidateSaysWhich() throws IOException {
        project();
        Path a1 = versions().resolve("a1.sql");
        Files.writeString(a1, "-- revision: a1\n-- down_revision:\n\n-- migrate:up\nCREATE TABLE t (id INTEGER);\n");
        assertThat(cli().run("upgrade", "head").status()).isZero();
        Files.writeString(a1, Files.readString(a1).replace("id INTEGER", "id BIGINT"));
        Files.writeString(versions().resolve("b2.sql"), "-- revision: b2\n-- down_revision: a1\n\n-- migrate:up\n");

        assertThat(failure(cli().run("upgrade", "head"))).matches("An applied revision differs from what ran: a1"
                + " \\(migrations/versions/a1.sql\\) changed since it was applied at \\S+ \\(checksum [0-9a-f]{12}"
                + " then, [0-9a-f]{12} now\\)\\. Restore its file, or if the change was intended, record it with"
                + " 'retort rehash a1'; 'retort upgrade --no-validate' skips this check once \\(validate_on_upgrade ="
                + " false turns it off\\)\\. Nothing ran");

        Cli.Result validate = cli().run("validate");
        assertThat(validate.status()).isEqualTo(1);
        assertThat(validate.out()).matches("a1 \\(migrations/versions/a1.sql\\) changed since it was applied at \\S+"
                + " \\(checksum [0-9a-f]{12} then, [0-9a-f]{12} now\\)\n");
        assertThat(validate.err()).isEqualTo("FAILED: 1 applied revision differs from what ran. Restore the files, or"
                + " if the change was intended, record it with 'retort rehash a1'\n");
    }

    @Test
    void rehashOfARevisionThatDidNotRun() throws IOException {
        project();
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n\n-- migrate:up\n");
        Files.writeString(versions().resolve("b2.sql"), "-- revision: b2\n-- down_revision: a1\n\n-- migrate:up\n");
        assertThat(cli().run("upgrade", "a1").status()).isZero();
        assertThat(failure(cli().run("rehash", "b2"))).isEqualTo("Cannot rehash b2: it is not applied to this database"
                + " (it is at a1); rehash records the checksum of revisions that ran. Upgrade to it instead");
        Cli.Result missing = cli().run("rehash");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("FAILED: Missing required parameter: 'REV'");
    }

    @Test
    void aBackupDirectoryThatIsAFile() throws IOException {
        project();
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n\n-- migrate:up\n");
        Files.writeString(dir.resolve("taken"), "");
        assertThat(failure(cli().run("upgrade", "head", "--backup", "taken"))).isEqualTo("The backup directory "
                + dir.resolve("taken") + " is a file; give --backup a directory (it is created if missing)."
                + " Nothing ran");
        assertThat(cli().run("current").out()).isEmpty();
    }

    @Test
    void aMissingOrTooOldDumpToolIsRefusedBeforeAnythingRuns() throws IOException {
        Files.writeString(versions().resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n\n-- migrate:up\n"
                + "CREATE TABLE t (id INTEGER);\n");
        config("[retort]\nscript_location = \"migrations\"\n");
        FreshDatabase mariadb = TestDatabases.fresh(DatabaseKind.MARIADB);
        Path empty = Files.createDirectories(dir.resolve("empty-path"));
        Cli withoutTools = cli().env("PATH", empty.toString());
        assertThat(failure(withoutTools.run("upgrade", "head", "--backup", "b", "--url",
                mariadb.urlWithCredentials()))).isEqualTo("Neither mariadb-dump nor mysqldump was found on PATH;"
                + " install the MariaDB client (Debian/Ubuntu: apt-get install mariadb-client) and put it on PATH, or"
                + " run without --backup. Nothing ran");

        FreshDatabase postgres = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Cli withSystemPath = cli().env("PATH", System.getenv("PATH"));
        assertThat(failure(withSystemPath.run("upgrade", "head", "--backup", "b", "--url",
                postgres.urlWithCredentials()))).matches("pg_dump 1[0-6]\\.\\d+ \\(\\S+\\) cannot back up PostgreSQL"
                + " 1[7-9]\\.\\d+: pg_dump reads only servers of its own major version or older\\. Install the"
                + " PostgreSQL \\d+ client tools .* Nothing ran");
        assertThat(withSystemPath.run("current", "--url", postgres.urlWithCredentials()).out()).isEmpty();
    }
}
