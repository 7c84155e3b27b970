package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end on SQLite, with Alembic's output shapes. */
class CommandsTest {

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void project() throws IOException {
        cli = new Cli(dir);
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///app.db"
                """);
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        write(versions, "1975ea83b712", "", "create account table",
                "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);", "DROP TABLE account;");
        write(versions, "27c6a30d7c24", "1975ea83b712", "add shopping cart table",
                "CREATE TABLE cart (id INTEGER PRIMARY KEY);", "DROP TABLE cart;");
        write(versions, "ae1027a6acf", "1975ea83b712", "add a column",
                "ALTER TABLE account ADD COLUMN last_transaction_date TIMESTAMP;",
                "ALTER TABLE account DROP COLUMN last_transaction_date;");
    }

    static void write(Path versions, String id, String down, String message, String up, String downSql)
            throws IOException {
        Files.writeString(versions.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + down
                + "\n-- message: " + message + "\n\n-- migrate:up\n" + up + "\n\n-- migrate:down\n" + downSql + "\n");
    }

    @Test
    void headsAndBranchesInAlembicsShape() {
        Cli.Result heads = cli.run("heads");
        assertThat(heads.status()).isZero();
        assertThat(heads.out()).isEqualTo("27c6a30d7c24 (head)\nae1027a6acf (head)\n");

        Cli.Result branches = cli.run("branches");
        assertThat(branches.out()).isEqualTo("""
                1975ea83b712 (branchpoint)
                             -> 27c6a30d7c24 (head)
                             -> ae1027a6acf (head)

                """);
    }

    @Test
    void upgradeLogsEachStepAndCurrentAndHistoryShowTheResult() {
        Cli.Result ambiguous = cli.run("upgrade", "head");
        assertThat(ambiguous.status()).isEqualTo(1);
        assertThat(ambiguous.err()).isEqualTo("FAILED: Multiple head revisions are present for given argument 'head':"
                + " 27c6a30d7c24, ae1027a6acf; name one of them, use '<branchname>@head' to narrow to one branch, or"
                + " 'heads' for all heads\n");

        Cli.Result upgrade = cli.run("upgrade", "heads");
        assertThat(upgrade.status()).isZero();
        assertThat(upgrade.err()).isEqualTo("""
                Running upgrade  -> 1975ea83b712, create account table
                Running upgrade 1975ea83b712 -> ae1027a6acf, add a column
                Running upgrade 1975ea83b712 -> 27c6a30d7c24, add shopping cart table
                """);
        assertThat(upgrade.out()).isEmpty();

        assertThat(cli.run("current").out()).isEqualTo("27c6a30d7c24 (head)\nae1027a6acf (head)\n");
        assertThat(cli.run("history").out()).isEqualTo("""
                1975ea83b712 -> 27c6a30d7c24 (head), add shopping cart table
                1975ea83b712 -> ae1027a6acf (head), add a column
                <base> -> 1975ea83b712 (branchpoint), create account table
                """);
        assertThat(cli.run("history", "-i", "-r", "1975ea83b712:ae1027a6acf").out()).isEqualTo("""
                1975ea83b712 -> ae1027a6acf (head) (current), add a column
                <base> -> 1975ea83b712 (branchpoint), create account table
                """);

        Cli.Result again = cli.run("upgrade", "heads");
        assertThat(again.err()).isEqualTo("Nothing to do: the database is at 27c6a30d7c24, ae1027a6acf\n");
    }

    @Test
    void downgradeAndStampMoveTheDatabase() {
        cli.run("upgrade", "heads");

        Cli.Result down = cli.run("downgrade", "ae1027a6acf-1");
        assertThat(down.status()).as(down.toString()).isZero();
        assertThat(down.err()).isEqualTo("""
                Running downgrade 27c6a30d7c24 -> 1975ea83b712, add shopping cart table
                Running downgrade ae1027a6acf -> 1975ea83b712, add a column
                """);
        assertThat(cli.run("current").out()).isEqualTo("1975ea83b712 (branchpoint)\n");

        Cli.Result stamp = cli.run("stamp", "heads");
        assertThat(stamp.err()).isEqualTo("Running stamp_revision 1975ea83b712 -> 27c6a30d7c24\n"
                + "Running stamp_revision 1975ea83b712 -> ae1027a6acf\n");
        assertThat(cli.run("current").out()).isEqualTo("27c6a30d7c24 (head)\nae1027a6acf (head)\n");

        Cli.Result purge = cli.run("stamp", "--purge", "base");
        assertThat(purge.status()).isZero();
        assertThat(cli.run("current").out()).isEmpty();
    }

    @Test
    void showPrintsAlembicsLogEntry() {
        Cli.Result show = cli.run("show", "ae10");
        assertThat(show.status()).isZero();
        assertThat(show.out()).isEqualTo("""
                Rev: ae1027a6acf (head)
                Parent: 1975ea83b712
                Path: %s

                    add a column
                   \s
                    Revision ID: ae1027a6acf
                    Revises: 1975ea83b712

                """.formatted(dir.resolve("migrations/versions/ae1027a6acf.sql")));
    }

    @Test
    void revisionAndMergeWriteFilesThatJoinTheGraph() throws IOException {
        Cli.Result noHead = cli.run("revision", "-m", "next");
        assertThat(noHead.status()).isEqualTo(1);
        assertThat(noHead.err()).startsWith("FAILED: Multiple heads are present (27c6a30d7c24, ae1027a6acf); name the"
                + " revision to build on with --head");

        Cli.Result merge = cli.run("merge", "heads", "--rev-id", "53fffde5ad5");
        assertThat(merge.status()).as(merge.toString()).isZero();
        Path mergeFile = dir.resolve("migrations/versions/53fffde5ad5_merge_27c6a30d7c24_ae1027a6acf.sql");
        assertThat(merge.out()).isEqualTo("Generating " + mergeFile + " ...  done\n");
        assertThat(Files.readString(mergeFile)).startsWith("""
                -- revision: 53fffde5ad5
                -- down_revision: 27c6a30d7c24, ae1027a6acf
                -- message: merge 27c6a30d7c24, ae1027a6acf
                -- create_date:\s""");

        Cli.Result revision = cli.run("revision", "-m", "Add invoices, and more!", "--rev-id", "abc123def456",
                "--branch-label", "billing");
        assertThat(revision.status()).as(revision.toString()).isZero();
        assertThat(Files.exists(dir.resolve("migrations/versions/abc123def456_add_invoices_and_more.sql"))).isTrue();
        assertThat(cli.run("heads").out()).isEqualTo("abc123def456 (billing) (head)\n");
        assertThat(cli.run("history", "-r", "53ff:").out()).isEqualTo("""
                53fffde5ad5 -> abc123def456 (billing) (head), Add invoices, and more!
                27c6a30d7c24, ae1027a6acf -> 53fffde5ad5 (mergepoint), merge 27c6a30d7c24, ae1027a6acf
                """);

        Cli.Result generated = cli.run("revision", "-m", "x");
        String id = generated.out().replaceAll("(?s).*/([0-9a-f]{12})_x\\.sql.*", "$1");
        assertThat(id).matches("[0-9a-f]{12}");
    }

    @Test
    void upgradeSqlPrintsAScriptWithoutTouchingTheDatabase() {
        Cli.Result sql = cli.run("upgrade", "--sql", "1975ea83b712:ae1027a6acf");
        assertThat(sql.status()).as(sql.toString()).isZero();
        assertThat(sql.out()).contains("-- Running upgrade 1975ea83b712 -> ae1027a6acf\n\n"
                + "ALTER TABLE account ADD COLUMN last_transaction_date TIMESTAMP;\n\n"
                + "UPDATE retort_version SET version_num = 'ae1027a6acf' WHERE version_num = '1975ea83b712';\n\n");
        assertThat(sql.out()).doesNotContain("CREATE TABLE retort_version").contains("BEGIN;").contains("COMMIT;");
        assertThat(Files.exists(dir.resolve("app.db"))).isFalse();

        assertThat(cli.run("downgrade", "--sql", "base").err())
                .isEqualTo("FAILED: downgrade with --sql requires <fromrev>:<torev>, e.g. 'head:base'\n");
        assertThat(cli.run("stamp", "--sql", "--purge", "heads").err())
                .isEqualTo("FAILED: Can't use --purge with --sql mode\n");
        assertThat(cli.run("upgrade", "1975ea83b712:ae1027a6acf").err()).startsWith(
                "FAILED: Range revision not allowed");
    }

    @Test
    void jsonOnReadCommands() throws IOException {
        cli.run("upgrade", "heads");
        for (List<String> command : List.of(List.of("heads", "--json"), List.of("current", "--json"),
                List.of("history", "--json"), List.of("branches", "--json"), List.of("show", "heads", "--json"),
                List.of("--json", "stamp", "heads"))) {
            Cli.Result result = cli.run(command.toArray(String[]::new));
            assertThat(result.status()).as(command + ": " + result).isZero();
            assertThat(fieldNames(result.out())).as(command.toString()).isNotEmpty();
        }
        assertThat(cli.run("current", "--json").out())
                .contains("\"version_rows\" : [ \"27c6a30d7c24\", \"ae1027a6acf\" ]")
                .contains("\"database\" : \"sqlite:///app.db\"");
    }

    @Test
    void initCreatesAProjectOnceAndQuickstartRuns() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("fresh"));
        Cli here = new Cli(empty);
        Cli.Result init = here.run("init", "migrations");
        assertThat(init.status()).as(init.toString()).isZero();
        assertThat(init.out()).isEqualTo("Creating directory " + empty.resolve("migrations") + " ...  done\n"
                + "Creating directory " + empty.resolve("migrations/versions") + " ...  done\n"
                + "Generating " + empty.resolve("migrations/README") + " ...  done\n"
                + "Generating " + empty.resolve("retort.toml") + " ...  done\n"
                + "Please edit configuration settings in " + empty.resolve("retort.toml") + " before proceeding.\n");
        assertThat(here.run("heads").status()).isZero();

        assertThat(here.run("init", "migrations").err())
                .isEqualTo("FAILED: Directory " + empty.resolve("migrations") + " already exists and is not empty\n");
        assertThat(here.run("init", "other").err()).isEqualTo("FAILED: Config file " + empty.resolve("retort.toml")
                + " already exists; remove it or give another path with -c\n");

        Cli.Result quickstart = new Cli(dir).run("quickstart", "tour");
        assertThat(quickstart.status()).as(quickstart.toString()).isZero();
        assertThat(quickstart.out()).contains("$ retort upgrade head").contains("(mergepoint)").contains("Done.");
        try (Stream<Path> files = Files.list(dir.resolve("tour/migrations/versions"))) {
            assertThat(files.count()).isEqualTo(4);
        }
    }

    @Test
    void usageErrorsExitWithTwoAndVersionAndCompletionWork() {
        Cli.Result unknown = cli.run("upgrdae", "head");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("FAILED: Unmatched arguments").contains("upgrade");

        Cli.Result missing = cli.run("upgrade");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("FAILED: Missing required parameter: 'TARGET'");

        assertThat(cli.run("--version").out()).startsWith("retort ");
        assertThat(cli.run("completion").out()).contains("complete -F").contains("upgrade");
    }

    @Test
    void validateAndRehashAcceptAnIntendedEdit() throws IOException {
        cli.run("upgrade", "heads");
        Cli.Result clean = cli.run("validate");
        assertThat(clean.status()).as(clean.toString()).isZero();
        assertThat(clean.out()).isEqualTo("3 applied revisions match their files\n");

        Path file = dir.resolve("migrations/versions/ae1027a6acf.sql");
        Files.writeString(file, Files.readString(file).replace("TIMESTAMP", "TIMESTAMP -- when it happened"));
        Cli.Result json = cli.run("validate", "--json");
        assertThat(json.status()).isEqualTo(1);
        assertThat(json.out()).contains("\"valid\" : false").contains("\"revision\" : \"ae1027a6acf\"")
                .contains("\"problem\" : \"changed\"").contains("\"file\" : \"migrations/versions/ae1027a6acf.sql\"");

        Cli.Result rehash = cli.run("rehash", "ae10");
        assertThat(rehash.status()).as(rehash.toString()).isZero();
        assertThat(rehash.out()).matches("ae1027a6acf \\(migrations/versions/ae1027a6acf.sql\\): recorded checksum"
                + " [0-9a-f]{12} \\(was [0-9a-f]{12}\\)\n");
        assertThat(cli.run("rehash", "ae1027a6acf").out()).isEqualTo("ae1027a6acf (migrations/versions/ae1027a6acf.sql)"
                + " already matches its recorded checksum; nothing recorded\n");
        assertThat(cli.run("validate").status()).isZero();
    }

    @Test
    void upgradeWithABackupSaysWhereItIsAndHowToRestoreIt() throws IOException {
        cli.run("upgrade", "1975ea83b712");
        Cli.Result upgrade = cli.run("upgrade", "heads", "--backup", "backups");
        assertThat(upgrade.status()).as(upgrade.toString()).isZero();
        Path backups = dir.resolve("backups");
        List<Path> files;
        try (Stream<Path> list = Files.list(backups)) {
            files = list.toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .matches("app-\\d{8}T\\d{6}Z\\.sqlite"));
        assertThat(upgrade.err()).matches("Backed up the database to " + java.util.regex.Pattern.quote(
                files.get(0).toString()) + " with VACUUM INTO \\(\\d+ ms\\)\n"
                + "To restore it: cp " + java.util.regex.Pattern.quote(files.get(0) + " " + dir.resolve("app.db"))
                + "\n"
                + "Running upgrade 1975ea83b712 -> ae1027a6acf, add a column\n"
                + "Running upgrade 1975ea83b712 -> 27c6a30d7c24, add shopping cart table\n");

        Cli.Result again = cli.run("upgrade", "heads", "--backup", "backups");
        assertThat(again.err()).isEqualTo("Nothing to do: the database is at 27c6a30d7c24, ae1027a6acf; no backup"
                + " taken\n");
        try (Stream<Path> list = Files.list(backups)) {
            assertThat(list.count()).isEqualTo(1);
        }
    }

    @Test
    void theConfigCanTurnValidationOffAndSetTheGuards() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///app.db"
                validate_on_upgrade = false
                statement_lock_timeout = "5s"
                statement_timeout = "10min"
                lock_timeout_retries = 1
                lock_timeout_backoff = "100ms"
                """);
        cli.run("upgrade", "1975ea83b712");
        Path file = dir.resolve("migrations/versions/1975ea83b712.sql");
        Files.writeString(file, Files.readString(file) + "-- edited\n");
        Cli.Result upgrade = cli.run("upgrade", "heads");
        assertThat(upgrade.status()).as(upgrade.toString()).isZero();
        assertThat(cli.run("validate").status()).isEqualTo(1);
    }

    private static List<String> fieldNames(String json) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    names.add(parser.currentName());
                }
            }
        }
        return names;
    }
}
