package dev.retort.cli;

import dev.retort.RetortException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort quickstart [DIR]}: a guided tour on an embedded SQLite database. It runs the real
 * commands, printing each one and its output, and leaves the project in DIR to play with.
 */
@Command(name = "quickstart", description = "A tour on SQLite: create a project with a branch and a merge, upgrade,"
        + " look around, downgrade. Leaves the project in DIR.")
final class QuickstartCommand implements Callable<Integer> {

    private static final Pattern GENERATED = Pattern.compile("Generating (.+\\.sql) \\.\\.\\.  done");

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "DIR", defaultValue = "retort-quickstart", arity = "0..1",
            description = "Where to create the project (default: ${DEFAULT-VALUE}).")
    Path directory;

    private Path project;
    private final Map<String, String> environment = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        project = root.workingDirectory.resolve(directory).normalize();
        if (Files.exists(project) && !isEmpty(project)) {
            throw new RetortException("Directory " + project + " already exists and is not empty; remove it or give"
                    + " another directory: retort quickstart DIR");
        }
        Files.createDirectories(project);
        environment.putAll(root.environment);
        environment.remove("DATABASE_URL");
        environment.remove("RETORT_CONFIG");
        Console console = root.console;

        say("retort keeps migrations as a graph of revision files, like Alembic. This tour builds a small");
        say("project in " + project + " on an embedded SQLite database (app.db there).");
        say("");
        say("$ cd " + root.workingDirectory.relativize(project));
        retort("init", "migrations");

        say("\nThree revisions: accounts, then an email column; and, branching off accounts, orders.");
        String accounts = revision(List.of("-m", "create account table"),
                "CREATE TABLE account (\n    id INTEGER PRIMARY KEY,\n    name VARCHAR(50) NOT NULL\n);",
                "DROP TABLE account;");
        String email = revision(List.of("-m", "add account email"),
                "ALTER TABLE account ADD COLUMN email VARCHAR(200);",
                "ALTER TABLE account DROP COLUMN email;");
        revision(List.of("-m", "create order table", "--head", accounts, "--splice", "--branch-label", "orders"),
                "CREATE TABLE orders (\n    id INTEGER PRIMARY KEY,\n"
                        + "    account_id INTEGER NOT NULL REFERENCES account (id)\n);",
                "DROP TABLE orders;");

        say("\nTwo heads now: the graph has a branch.");
        retort("heads");
        say("\nA merge revision joins them again.");
        retort("merge", "heads", "-m", "merge email and orders");

        say("\nUpgrade runs every revision in Alembic's order, one transaction each:");
        retort("upgrade", "head");
        retort("current");
        retort("history");

        say("\nDowngrade to one parent of the merge: the merge is undone, both branches stay applied.");
        retort("downgrade", email);
        retort("current", "-v");

        say("\nThe same upgrade as a SQL script for review, touching no database:");
        retort("upgrade", "--sql", "--dialect", "postgresql", "base:" + accounts);

        say("\nBack to head:");
        retort("upgrade", "heads");
        say("");
        say("Done. The project is in " + project + ". Try:");
        say("  cd " + root.workingDirectory.relativize(project));
        say("  retort history -v        retort downgrade base       retort upgrade orders@head");
        say("  retort revision -m \"your change\"   then edit the file it prints and run retort upgrade head");
        say("  retort revision --java -m \"your change\"   the same as a Java class using retort's operations");
        console.result("");
        return 0;
    }

    /** Runs {@code retort revision}, then writes the SQL into the file it generated; returns the id. */
    private String revision(List<String> arguments, String up, String down) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("revision");
        command.addAll(arguments);
        String output = retort(command.toArray(String[]::new));
        Matcher matcher = GENERATED.matcher(output);
        if (!matcher.find()) {
            throw new RetortException("quickstart: could not find the generated revision file in: " + output);
        }
        Path file = Path.of(matcher.group(1));
        String content = Files.readString(file);
        content = content.replace("-- migrate:up\n\n\n-- migrate:down\n",
                "-- migrate:up\n" + up + "\n\n-- migrate:down\n" + down + "\n");
        Files.writeString(file, content);
        say("  (wrote the SQL into " + project.relativize(file) + ")");
        Matcher id = Pattern.compile("-- revision: (\\w+)").matcher(content);
        if (!id.find()) {
            throw new RetortException("quickstart: no revision id in " + file);
        }
        return id.group(1);
    }

    /** Runs one retort command in the project, echoing it and its output; fails the tour if it fails. */
    private String retort(String... arguments) {
        say("\n$ retort " + String.join(" ", quoted(arguments)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(arguments, outStream, errStream, environment, project);
        }
        String output = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        if (!errors.isEmpty()) {
            root.console.raw(indent(errors));
        }
        if (!output.isEmpty()) {
            root.console.raw(indent(output));
        }
        if (status != 0) {
            throw new RetortException("quickstart stopped: 'retort " + String.join(" ", arguments) + "' failed");
        }
        return output;
    }

    private static List<String> quoted(String... arguments) {
        List<String> quoted = new ArrayList<>();
        for (String argument : arguments) {
            quoted.add(argument.contains(" ") ? "\"" + argument + "\"" : argument);
        }
        return quoted;
    }

    private static String indent(String text) {
        StringBuilder indented = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                indented.append("  ").append(line);
            }
            indented.append('\n');
        }
        return indented.substring(0, indented.length() - 1);
    }

    private void say(String text) {
        root.console.result(text);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
