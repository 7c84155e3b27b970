package dev.retort.cli;

import dev.retort.RetortException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code retort}: the root command and its global options. */
@Command(name = "retort",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Schema migrations for the JVM on Alembic's revision graph.",
        subcommands = {
            InitCommand.class,
            QuickstartCommand.class,
            RevisionCommand.class,
            MergeCommand.class,
            UpgradeCommand.class,
            DowngradeCommand.class,
            StampCommand.class,
            RepairCommand.class,
            LockCommand.class,
            CurrentCommand.class,
            HeadsCommand.class,
            BranchesCommand.class,
            HistoryCommand.class,
            ShowCommand.class,
            ValidateCommand.class,
            RehashCommand.class,
            LintCommand.class,
            CheckCommand.class,
            InspectCommand.class,
            DiffCommand.class,
            CompletionCommand.class
        })
final class RetortCommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (default: $RETORT_CONFIG, else ./retort.toml).")
    Path config;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Database URL; overrides the config's url and $DATABASE_URL.")
    String url;

    @Option(names = "-x", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Free argument for Java revisions, read with op.arguments() (repeatable).")
    List<String> xArguments = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No status or progress lines.")
    boolean quiet;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean debug;

    final Console console;
    final Map<String, String> environment;
    final Path workingDirectory;

    RetortCommand(Console console, Map<String, String> environment, Path workingDirectory) {
        this.console = console;
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    /** The project of the working directory, loaded on first use. */
    Project project() {
        console.quiet(quiet);
        return Project.load(this);
    }

    /**
     * The {@code -x KEY=VALUE} arguments, in order; a later value of a key replaces an earlier one,
     * as in Alembic's {@code get_x_argument(as_dictionary=True)}. The value may be empty and may
     * contain {@code =}.
     *
     * @throws RetortException for an argument without {@code =} or with an empty key
     */
    Map<String, String> arguments() {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String argument : xArguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new RetortException("Malformed -x argument '" + argument + "': write -x KEY=VALUE, e.g."
                        + " -x tenant=acme");
            }
            arguments.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return arguments;
    }

    Optional<String> urlFlag() {
        return Optional.ofNullable(url);
    }
}
