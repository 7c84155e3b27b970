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
            description = "Kind of revision files the project writes (default: ${DEFAULT-VALUE}); java sets"
                    + " revision_format = \"java\".")
    String template;

    @Parameters(paramLabel = "DIR", description = "Directory for the revision files, e.g. migrations.")
    Path directory;

    @Override
    public Integer call() throws IOException {
        Console console = root.console;
        console.quiet(root.quiet);
        if (!"sql".equals(template) && !"java".equals(template)) {
            throw new RetortException("No such template '" + template + "'; available: sql, java");
        }
        boolean java = "java".equals(template);
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
        generate(console, dir.resolve("README"), java ? javaReadme() : readme());
        Path configDirectory = config.getParent() == null ? root.workingDirectory : config.getParent();
        String scriptLocation = configDirectory.relativize(dir).toString().replace('\\', '/');
        generate(console, config, config(scriptLocation.isEmpty() ? "." : scriptLocation, java ? "java" : "sql"));
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

                'retort revision --java' writes a Java revision instead: a class whose operations work on
                every database (retort compiles it; it needs a JDK). Both kinds mix in one graph, and
                revision_format = "java" in retort.toml makes Java the default.
                """;
    }

    static String javaReadme() {
        return """
                retort revision files live in versions/. This project writes them in Java.

                Each file is one revision: one class implementing dev.retort.Migration, its place in
                the graph in a @Revision annotation, and the schema changes as operations that work on
                every database and render as SQL scripts (--sql). Create one with

                    retort revision -m "add accounts table"

                and fill in the class it writes, for instance:

                    import static dev.retort.schema.Types.*;

                    import dev.retort.Migration;
                    import dev.retort.Revision;
                    import dev.retort.ops.Operations;

                    @Revision(id = "1975ea83b712", message = "add accounts table",
                            created = "2025-10-20 23:28:00.000000")
                    class AddAccountsTable implements Migration {

                        @Override
                        public void upgrade(Operations op) {
                            op.createTable("account",
                                    column("id", integer()).primaryKey(),
                                    column("name", varchar(50)).notNull());
                        }

                        @Override
                        public void downgrade(Operations op) {
                            op.dropTable("account");
                        }
                    }

                The class need not be public and the file name is free. retort compiles the files
                itself (it needs a JDK, not just a JRE) and keeps the classes in its cache directory
                (~/.cache/retort, or $RETORT_CACHE_DIR), so an unchanged file is compiled once. A
                compile error is reported as file:line: message. op.arguments() reads the -x KEY=VALUE
                arguments of the command line; op.connection() is the live connection, for data
                migrations (not in --sql scripts: check op.isOffline()). 'retort revision --sql'
                writes a SQL revision instead; both kinds mix in one graph.

                Move the database with 'retort upgrade head' and back with 'retort downgrade -1'.
                'retort history' shows the graph, 'retort current' where the database stands.
                """;
    }

    static String config(String scriptLocation) {
        return config(scriptLocation, "sql");
    }

    static String config(String scriptLocation, String revisionFormat) {
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

                # The kind of file 'retort revision' writes: "sql" or "java" (--sql / --java override it).
                revision_format = "%s"
                """.formatted(scriptLocation, scriptLocation, revisionFormat);
    }
}
