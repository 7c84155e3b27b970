package dev.retort.cli;

import dev.retort.RunOptions;
import dev.retort.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of {@code upgrade} and {@code downgrade} that guard a live database. */
final class GuardOptions {

    @Option(names = "--backup", paramLabel = "DIR",
            description = "Back the database up into a new file in DIR before the first step (not when nothing"
                    + " would run), and print how to restore it.")
    Path backup;

    @Option(names = "--statement-lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait of each statement for a lock, e.g. 5s (overrides statement_lock_timeout;"
                    + " a revision's lock_timeout header wins; 0 = none).")
    Duration statementLockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest run of each statement on PostgreSQL, e.g. 10min (overrides statement_timeout;"
                    + " a revision's statement_timeout header wins; 0 = none).")
    Duration statementTimeout;

    /** The run options these flags ask for; a relative backup directory is relative to {@code workingDirectory}. */
    RunOptions runOptions(boolean validate, Path workingDirectory) {
        RunOptions options = RunOptions.defaults();
        if (!validate) {
            options = options.withoutValidation();
        }
        if (backup != null) {
            options = options.withBackup(workingDirectory.resolve(backup));
        }
        if (statementLockTimeout != null) {
            options = options.withStatementLockTimeout(statementLockTimeout);
        }
        if (statementTimeout != null) {
            options = options.withStatementTimeout(statementTimeout);
        }
        return options;
    }

    /** Reads {@code 5s}, {@code 10min}… as {@link Durations} does. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
