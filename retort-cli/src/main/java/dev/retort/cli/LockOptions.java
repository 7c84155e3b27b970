package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.config.LockTimeout;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --lock-timeout}, on the commands that take the migration lock. */
final class LockOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = TimeoutConverter.class,
            description = "How long to wait while another process holds the migration lock, e.g. 30s, 10min;"
                    + " 'forever' waits as long as the holder's session lives (default: lock_timeout in the config,"
                    + " else forever).")
    Timeout lockTimeout;

    /** The project's instance, with the flag's timeout if given. */
    Retort retort(Project project) {
        return lockTimeout == null ? project.retort() : project.retort().withLockTimeout(lockTimeout.value());
    }

    /** A given {@code --lock-timeout}; empty = forever. (A record, not an Optional, so that "not given" is null.) */
    record Timeout(Optional<Duration> value) {
    }

    /** Reads a {@link LockTimeout}; a bad value is a usage error that shows the expected form. */
    static final class TimeoutConverter implements ITypeConverter<Timeout> {
        @Override
        public Timeout convert(String value) {
            try {
                return new Timeout(LockTimeout.parse(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
