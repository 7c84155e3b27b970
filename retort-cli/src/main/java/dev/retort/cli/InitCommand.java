package dev.retort.cli;

import dev.retort.RetortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code retort init DIR}: a new project directory and its config file. */
@Command(name = "init", description = "Create a project: DIR/versions, DIR/README and ./retort.toml.")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-t", "--template"}, defaultValue = "sql", paramLabel = "sql|java",
            description = "Kind of revision files the project starts with (default: ${DEFAULT-VALUE}).")
    String template;

    @Parameters(paramLabel = "DIR", description = "Directory for the revision files, e.g. migrations.")
    Path directory;

    @Override
    public Integer call() throws IOException {
        Console console = root.console;
        console.quiet(root.quiet);
        if (!"sql".equals(template)) {
            throw new RetortException("java".equals(template)
                    ? "The java template needs Java revision support, which this version of retort does not have yet;"
                    + " use --template sql"
                    : "No such template '" + template + "'; available: sql");
        }
        Path dir = root.workingDirectory.resolve(directory).normalize();
        Path config = root.config != null ? root.workingDirectory.resolve(root.config).normalize()
                : root.workingDirectory.resolve("retort.toml");
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new RetortException("Directory " + dir + " already exists and is not empty");
        }
        if (Files.exists(config)) {
            throw new RetortException("Config file " + config + " already exists; remove it or give another path"
                    + " with -c");
        }
        if (!Files.exists(dir)) {
            creating(console, dir);
        }
        creating(console, dir.resolve("versions"));
        generate(console, dir.resolve("README"), readme());
        Path configDirectory = config.getParent() == null ? root.workingDirectory : config.getParent();
        String scriptLocation = configDirectory.relativize(dir).toString().replace('\\', '/');
        generate(console, config, config(scriptLocation.isEmpty() ? "." : scriptLocation));
        console.status("Please edit configuration settings in " + config + " before proceeding.");
        return 0;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void creating(Console console, Path dir) throws IOException {
        Files.createDirectories(dir);
        console.status("Creating directory " + dir + " ...  done");
    }

    private static void generate(Console console, Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        console.status("Generating " + file + " ...  done");
    }

    static String readme() {
        return """
                retort revision files live in versions/.

                Each file is one revision: a header (revision, down_revision, message…) and the SQL to
                run, under '-- migrate:up' and '-- migrate:down'. Create one with

                    retort revision -m "add accounts table"

                then move the database with 'retort upgrade head' and back with 'retort downgrade -1'.
                'retort history' shows the graph, 'retort current' where the database stands.
                """;
    }

    static String config(String scriptLocation) {
        return """
                # retort configuration. Relative paths are relative to this file's directory.
                [retort]
                # The directory holding versions/.
                script_location = "%s"
                # Several directories can form one graph:
                # version_locations = ["%s/versions"]

                # The database. ${VAR} and ${VAR:-default} read the environment; --url and
                # DATABASE_URL also work. JDBC URLs and postgresql://, mysql://, sqlite:/// URLs.
                url = "${DATABASE_URL:-sqlite:///app.db}"

                version_table = "retort_version"    # "alembic_version" adopts an Alembic database
                # version_table_schema = ""
                history_table = "retort_history"

                # New revision files sort by creation time.
                file_template = "{year}_{month}_{day}_{hour}{minute}-{rev}_{slug}"
                timezone = "UTC"
                transaction_per_migration = true
                """.formatted(scriptLocation, scriptLocation);
    }
}
