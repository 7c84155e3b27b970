package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password in any output: every command, succeeding and failing, with the password in the
 * {@code --url} flag, in {@code DATABASE_URL} and in {@code retort.toml}, against a real PostgreSQL
 * (and H2 for a wrong password: the embedded PostgreSQL trusts every login). Every byte of stdout,
 * stderr and of the SLF4J log (the CLI's slf4j-simple, which this module's tests run at DEBUG) is
 * searched for the password as written, percent-encoded in either case, and for its first half.
 */
class SecretsEverywhereTest {

    private static final String PASSWORD = "Zq9s3cr3t:w/rd@#é";
    private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final List<String> ran = new ArrayList<>();

    @Test
    void noCommandPrintsOrLogsThePasswordWhereverItCameFrom() throws IOException {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.POSTGRES);
        Matcher server = Pattern.compile("jdbc:postgresql://([^/]+)/(\\w+)").matcher(db.jdbcUrl());
        assertThat(server.find()).isTrue();
        String twelveFactor = "postgresql://postgres:" + ENCODED + "@" + server.group(1) + "/" + server.group(2);
        String jdbc = "jdbc:postgresql://" + server.group(1) + "/" + server.group(2) + "?user=postgres&password="
                + ENCODED;

        // the flag
        Path flagProject = project("flag", "");
        everyCommand(new Cli(flagProject), flagProject, List.of("--url", twelveFactor));
        // DATABASE_URL, in the JDBC form
        Path envProject = project("env", "");
        everyCommand(new Cli(envProject).env("DATABASE_URL", jdbc), envProject, List.of());
        // retort.toml, through a variable and written out
        Path tomlProject = project("toml", "url = \"${APP_DATABASE_URL}\"\n");
        everyCommand(new Cli(tomlProject).env("APP_DATABASE_URL", twelveFactor), tomlProject, List.of());
        Path literalProject = project("literal", "url = \"" + twelveFactor + "\"\n");
        everyCommand(new Cli(literalProject), literalProject, List.of());

        // failing logins and broken input
        Cli cli = new Cli(flagProject);
        check(cli, "--url", "postgresql://postgres:" + ENCODED + "@127.0.0.1:9/app", "current");
        check(cli, "--debug", "--url", "postgresql://postgres:" + ENCODED + "@127.0.0.1:9/app", "upgrade", "head");
        check(cli, "--url", "postgresql://postgres:" + ENCODED + "@:5432/app", "current");
        check(cli, "--url", "jdbc:postgresql://postgres:" + ENCODED + "@127.0.0.1/app", "current");
        Path h2 = dir.resolve("secured");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + h2, "owner", "the-right-one")) {
            connection.createStatement().execute("CREATE TABLE t (id INT)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String wrong = "jdbc:h2:file:" + h2 + ";USER=owner;PASSWORD=" + PASSWORD.replace(";", "");
        check(cli, "--url", wrong, "current");
        check(cli, "--debug", "--url", wrong, "upgrade", "head");
        check(new Cli(flagProject).env("DATABASE_URL", wrong), "--json", "current");
        Path broken = project("broken", "url = \"" + twelveFactor + "\"\nnot_a_key = 1\n");
        check(new Cli(broken), "current");
        Path badSql = project("badsql", "url = \"" + twelveFactor + "\"\n");
        Files.writeString(badSql.resolve("migrations/versions/c3.sql"), "-- revision: c3\n-- down_revision: b2\n\n"
                + "-- migrate:up\nSELEC '" + PASSWORD + "' FROM nowhere;\n");
        check(new Cli(badSql), "upgrade", "head");
        check(new Cli(badSql), "--debug", "upgrade", "head");

        assertThat(ran).hasSizeGreaterThan(100);
    }

    private Path project(String name, String url) throws IOException {
        Path project = Files.createDirectories(dir.resolve(name));
        Files.writeString(project.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n" + url);
        Path versions = Files.createDirectories(project.resolve("migrations/versions"));
        CommandsTest.write(versions, "a1", "", "create t", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        CommandsTest.write(versions, "b2", "a1", "create u", "CREATE TABLE u (id INTEGER);", "DROP TABLE u;");
        return project;
    }

    /** Every command on a project at a real database, reached with {@code global} options. */
    private void everyCommand(Cli cli, Path project, List<String> global) throws IOException {
        Path fresh = Files.createDirectories(project.resolve("fresh"));
        check(new Cli(fresh), "init", "migrations");
        List<List<String>> commands = List.of(
                List.of("heads", "-v"), List.of("branches"), List.of("history", "-v"), List.of("history", "-i"),
                List.of("show", "head"), List.of("current"), List.of("current", "-v"),
                List.of("--json", "current"), List.of("current", "--check-heads"),
                List.of("upgrade", "--sql", "head"), List.of("upgrade", "a1"), List.of("validate"),
                List.of("--json", "upgrade", "head"), List.of("show", "current"), List.of("history", "-r", "current:"),
                List.of("downgrade", "-1"), List.of("downgrade", "--sql", "b2:a1"), List.of("stamp", "heads"),
                List.of("stamp", "--sql", "heads"), List.of("--json", "validate"), List.of("rehash", "b2"),
                List.of("--json", "rehash", "a1"), List.of("upgrade", "head", "--backup", "backups"),
                List.of("--debug", "upgrade", "head", "--backup", "backups"),
                List.of("downgrade", "base", "--statement-lock-timeout", "5s"),
                List.of("upgrade", "head", "--statement-lock-timeout", "5s", "--statement-timeout", "1min"),
                List.of("stamp", "--purge", "heads"), List.of("revision", "-m", "side", "--head", "a1"),
                List.of("merge", "heads", "-m", "join"), List.of("upgrade", "heads"), List.of("validate", "-v"),
                List.of("heads"), List.of("completion"), List.of("--version"), List.of("--help"),
                List.of("upgrade", "nosuch"), List.of("rehash", "nosuch1"), List.of("show", "nosuch"),
                List.of("lock"), List.of("--json", "lock"),
                List.of("--debug", "upgrade", "head", "--lock-timeout", "5s"),
                List.of("stamp", "heads", "--lock-timeout", "0"), List.of("rehash", "heads", "--lock-timeout", "1s"),
                List.of("repair", "b2", "--resume"), List.of("--json", "repair", "a1", "--mark-rolled-back"),
                List.of("downgrade", "base"), List.of("current"));
        for (List<String> command : commands) {
            List<String> arguments = new ArrayList<>(global);
            arguments.addAll(command);
            check(cli, arguments.toArray(String[]::new));
        }
        // an edited revision, refused
        Path a1 = project.resolve("migrations/versions/a1.sql");
        cli.run(concat(global, "upgrade", "head"));
        Files.writeString(a1, Files.readString(a1) + "-- edited\n");
        check(cli, concat(global, "upgrade", "head"));
        check(cli, concat(global, "validate"));
        check(cli, concat(global, "--debug", "validate"));
    }

    private static String[] concat(List<String> global, String... command) {
        List<String> all = new ArrayList<>(global);
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    /** Runs one command, capturing the SLF4J output too, and checks every byte for the password. */
    private void check(Cli cli, String... arguments) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        Cli.Result result;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            result = cli.run(arguments);
        } finally {
            System.setErr(original);
        }
        String everything = result.out() + "\n" + result.err() + "\n" + log.toString(StandardCharsets.UTF_8);
        ran.add(String.join(" ", arguments));
        for (String form : forms()) {
            assertThat(everything).as("output of %s", String.join(" ", arguments)).doesNotContain(form);
        }
    }

    private static List<String> forms() {
        String half = PASSWORD.substring(0, 9);
        return List.of(PASSWORD, ENCODED, ENCODED.toLowerCase(Locale.ROOT), URLEncoder.encode(ENCODED,
                StandardCharsets.UTF_8), half, PASSWORD.replace("/", "%2F"), PASSWORD.replace(":", "%3A"));
    }
}
