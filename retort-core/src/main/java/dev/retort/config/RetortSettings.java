package dev.retort.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The project settings of SPEC §2, validated and immutable: what {@code retort.toml} says, with
 * defaults filled in and relative paths resolved against the directory of the config file.
 *
 * <p>Each key, its default and its meaning is defined once, in {@link ConfigKey}.
 *
 * @param scriptLocation          the directory holding {@code versions/}
 * @param versionLocations        directories of revision files; several form one graph
 * @param url                     the database URL as written (any JDBC URL or a 12-factor URL)
 * @param versionTable            name of the version table
 * @param versionTableSchema      schema of the version and history tables; empty = the connection's
 * @param historyTable            name of the history table
 * @param fileTemplate            name of new revision files, tokens in braces ({@code {rev}}, {@code {slug}}…)
 * @param timezone                zone of {@code create_date} and of the file-name date tokens
 * @param transactionPerMigration one transaction per migration (true) or one for the whole run
 * @param truncateSlugLength      longest slug put into a file name
 * @param placeholders            values for {@code ${name}} in SQL revisions; empty = no expansion
 * @param validateOnUpgrade       whether {@code upgrade} refuses while applied revisions changed
 * @param statementLockTimeout    longest lock wait of a migration's statement; empty = the database's
 * @param statementTimeout        longest run of a migration's statement; empty = the database's
 * @param lockTimeoutRetries      retries of a migration that hit the lock timeout
 * @param lockTimeoutBackoff      wait before the first retry, doubling for each further one
 * @param revisionFormat          the kind of file new revisions are written as
 * @param javaPackage             package of precompiled Java revisions; empty = none
 * @param javaClasspath           jars and directories holding the classes of {@code javaPackage}
 * @param model                   what check and autogenerate compare with, and what they compare
 * @param lockTimeout             how long a command that writes waits for another process's migration lock;
 *                                empty = as long as the holder lives
 */
public record RetortSettings(
        Path scriptLocation,
        List<Path> versionLocations,
        Optional<String> url,
        String versionTable,
        Optional<String> versionTableSchema,
        String historyTable,
        String fileTemplate,
        ZoneId timezone,
        boolean transactionPerMigration,
        int truncateSlugLength,
        Map<String, String> placeholders,
        boolean validateOnUpgrade,
        Optional<Duration> statementLockTimeout,
        Optional<Duration> statementTimeout,
        int lockTimeoutRetries,
        Duration lockTimeoutBackoff,
        RevisionFormat revisionFormat,
        Optional<String> javaPackage,
        List<Path> javaClasspath,
        ModelSettings model,
        Optional<Duration> lockTimeout) {

    /** What {@code revision_format} says: SQL or Java revision files. */
    public enum RevisionFormat {
        SQL, JAVA;

        /** The value as written in {@code retort.toml}: {@code sql} or {@code java}. */
        public String tomlValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The settings of the keys that came before the guard and Java ones: their defaults (validation
     * on, no timeouts, 3 retries after 1 s; SQL revisions, no precompiled package).
     */
    public RetortSettings(Path scriptLocation, List<Path> versionLocations, Optional<String> url, String versionTable,
                          Optional<String> versionTableSchema, String historyTable, String fileTemplate,
                          ZoneId timezone, boolean transactionPerMigration, int truncateSlugLength,
                          Map<String, String> placeholders) {
        this(scriptLocation, versionLocations, url, versionTable, versionTableSchema, historyTable, fileTemplate,
                timezone, transactionPerMigration, truncateSlugLength, placeholders, true, Optional.empty(),
                Optional.empty(), 3, Duration.ofSeconds(1), RevisionFormat.SQL, Optional.empty(), List.of(),
                ModelSettings.NONE, Optional.empty());
    }

    public RetortSettings {
        Objects.requireNonNull(scriptLocation, "scriptLocation");
        versionLocations = List.copyOf(versionLocations);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(versionTable, "versionTable");
        Objects.requireNonNull(versionTableSchema, "versionTableSchema");
        Objects.requireNonNull(historyTable, "historyTable");
        Objects.requireNonNull(fileTemplate, "fileTemplate");
        Objects.requireNonNull(timezone, "timezone");
        placeholders = Map.copyOf(placeholders);
        Objects.requireNonNull(statementLockTimeout, "statementLockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeoutBackoff, "lockTimeoutBackoff");
        Objects.requireNonNull(revisionFormat, "revisionFormat");
        Objects.requireNonNull(javaPackage, "javaPackage");
        javaClasspath = List.copyOf(javaClasspath);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /** The record's usual form, except that the URL shows {@code ***} for its password. */
    @Override
    public String toString() {
        return "RetortSettings[scriptLocation=" + scriptLocation
                + ", versionLocations=" + versionLocations
                + ", url=" + url.map(DatabaseUrl::mask)
                + ", versionTable=" + versionTable
                + ", versionTableSchema=" + versionTableSchema
                + ", historyTable=" + historyTable
                + ", fileTemplate=" + fileTemplate
                + ", timezone=" + timezone
                + ", transactionPerMigration=" + transactionPerMigration
                + ", truncateSlugLength=" + truncateSlugLength
                + ", placeholders=" + placeholders
                + ", validateOnUpgrade=" + validateOnUpgrade
                + ", statementLockTimeout=" + statementLockTimeout
                + ", statementTimeout=" + statementTimeout
                + ", lockTimeoutRetries=" + lockTimeoutRetries
                + ", lockTimeoutBackoff=" + lockTimeoutBackoff

                + ", revisionFormat=" + revisionFormat
                + ", javaPackage=" + javaPackage
                + ", javaClasspath=" + javaClasspath
                + ", model=" + model
                + ", lockTimeout=" + lockTimeout + "]";
    }
}
