package dev.retort.cli;

import dev.retort.RetortException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code retort} command. Exit status: 0 success, 1 failure ({@code FAILED:
 * <message>} on stderr), 2 usage error.
 */
public final class Main {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--debug")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        System.exit(run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()));
    }

    /** Runs one command line; what {@link #main} does, without exiting, for tests and embedding. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
                   Path workingDirectory) {
        Console console = new Console(out, err);
        RetortCommand root = new RetortCommand(console, environment, workingDirectory);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            console.error("FAILED: " + message(exception));
            if (root.debug) {
                StringWriter trace = new StringWriter();
                exception.printStackTrace(new PrintWriter(trace));
                console.error(trace.toString());
            }
            return FAILURE;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> usageError(console, exception));
        return commandLine.execute(args);
    }

    private static int usageError(Console console, ParameterException exception) {
        console.error("FAILED: " + exception.getMessage());
        if (exception instanceof UnmatchedArgumentException unmatched) {
            for (String suggestion : unmatched.getSuggestions()) {
                console.error("  did you mean: " + suggestion + "?");
            }
        }
        String command = exception.getCommandLine().getCommandSpec().qualifiedName();
        console.error("Try '" + command + " --help' for more information.");
        return USAGE;
    }

    /** The one line shown after {@code FAILED:}. */
    static String message(Throwable exception) {
        if (exception instanceof RetortException) {
            return exception.getMessage();
        }
        return "internal error: " + exception + " (run with --debug for the stack trace, and please report it)";
    }
}
