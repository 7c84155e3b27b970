package dev.retort.cli;

import dev.retort.Migration;
import dev.retort.MigrationListener;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.backup.Backup;
import dev.retort.cli.config.ConfigFile;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortSettings;
import dev.retort.config.Secrets;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.revision.MigrationStep;
import dev.retort.runtime.lock.LockHolder;
import dev.retort.script.MigrationScript;
import dev.retort.script.RevisionFileWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project a command works on: its settings (from the config file), its database URL (flag,
 * config, {@code $DATABASE_URL}) and its loaded revisions. Loading fails, before any database is
 * touched, when the config, a revision file or the graph is broken.
 */
final class Project {

    /** The cache directory's subdirectory of compiled Java revisions. */
    static final String CLASSES = "classes";

    private final RetortCommand root;
    private final RetortSettings settings;
    private final Path baseDirectory;
    private final Optional<DatabaseUrl> url;
    private final Retort retort;

    private Project(RetortCommand root, RetortSettings settings, Path baseDirectory, Optional<DatabaseUrl> url,
                    Retort retort) {
        this.root = root;
        this.settings = settings;
        this.baseDirectory = baseDirectory;
        this.url = url;
        this.retort = retort;
    }

    static Project load(RetortCommand root) {
        ConfigFile config = ConfigFile.load(Optional.ofNullable(root.config), root.environment,
                root.workingDirectory);
        RetortSettings settings = config.settings();
        Path baseDirectory = config.path().getParent();
        Optional<String> urlText = ConfigFile.chooseUrl(root.urlFlag(), settings.url(), root.environment);
        Optional<DatabaseUrl> url = urlText.map(u -> DatabaseUrl.parse(u, root.workingDirectory));
        url.ifPresent(u -> root.console.secrets(root.console.secrets().and(u.secrets())));

        Retort.Builder builder = Retort.configure()
                .versionLocations(settings.versionLocations())
                .baseDirectory(baseDirectory)
                .versionTable(settings.versionTable())
                .versionTableSchema(settings.versionTableSchema().orElse(null))
                .historyTable(settings.historyTable())
                .transactionPerMigration(settings.transactionPerMigration())
                .placeholders(settings.placeholders())
                .validateOnUpgrade(settings.validateOnUpgrade())
                .statementLockTimeout(settings.statementLockTimeout().orElse(null))
                .statementTimeout(settings.statementTimeout().orElse(null))
                .lockTimeoutRetries(settings.lockTimeoutRetries(), settings.lockTimeoutBackoff())
                .environment(root.environment)
                .arguments(root.arguments())
                .listener(new ProgressListener(root.console));
        settings.lockTimeout().ifPresent(builder::lockTimeout);
        cacheDirectory(root.environment).ifPresent(cache -> builder.revisionIndex(cache)
                .javaClassCache(cache.resolve(CLASSES)));
        settings.javaPackage().ifPresent(javaPackage -> builder.classpathPackage(javaPackage)
                .classLoader(precompiledRevisions(settings.javaClasspath(), baseDirectory)));
        if (url.isPresent() && url.get().jdbcUrl().startsWith("jdbc:sqlite:")) {
            SqliteNativeLibrary.useCachedCopy(cacheDirectory(root.environment));
        }
        url.ifPresent(u -> builder.url(u.jdbcUrl(), u.connectionProperties(), u.masked()));
        return new Project(root, settings, baseDirectory, url, builder.load());
    }

    /**
     * The loader of {@code java_package}'s precompiled revisions: {@code java_classpath} on top of
     * retort's own class path (which has the Migration interface they implement).
     */
    private static ClassLoader precompiledRevisions(List<Path> classpath, Path baseDirectory) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            if (!Files.exists(entry)) {
                throw new RetortException("java_classpath entry " + shown(entry, baseDirectory)
                        + " does not exist; build the precompiled revisions or fix java_classpath in the config");
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new RetortException("java_classpath entry " + entry + " is not a valid location: "
                        + e.getMessage(), e);
            }
        }
        return new URLClassLoader("retort-java-classpath", urls.toArray(URL[]::new), Migration.class.getClassLoader());
    }

    /**
     * Where the command line keeps its index of parsed revision headers and, under
     * {@value #CLASSES}, the classes compiled from Java revision files: {@code $RETORT_CACHE_DIR}
     * (empty: no cache; Java revisions are then compiled on every run), else
     * {@code $XDG_CACHE_HOME/retort}, else {@code ~/.cache/retort}.
     */
    static Optional<Path> cacheDirectory(java.util.Map<String, String> environment) {
        String explicit = environment.get("RETORT_CACHE_DIR");
        if (explicit != null) {
            return explicit.isBlank() ? Optional.empty() : Optional.of(Path.of(explicit));
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "retort"));
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home", ""));
        return home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "retort"));
    }

    /** The path relative to the project when it lies inside it. */
    private static String shown(Path path, Path baseDirectory) {
        Path absolute = path.toAbsolutePath().normalize();
        Path base = baseDirectory.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : path.toString();
    }

    Retort retort() {
        return retort;
    }

    RetortSettings settings() {
        return settings;
    }

    Path baseDirectory() {
        return baseDirectory;
    }

    /** The database as shown to the user, or a clear error when none is configured. */
    String database() {
        return requireUrl().masked();
    }

    DatabaseUrl requireUrl() {
        return url.orElseThrow(() -> new RetortException("No database URL: set 'url' in the config file, pass"
                + " --url, or set DATABASE_URL"));
    }

    /** The dialect of offline scripts: {@code --dialect}, else the URL's. */
    Dialect offlineDialect(Optional<String> dialectFlag) {
        if (dialectFlag.isPresent()) {
            return Dialects.forName(dialectFlag.get());
        }
        if (url.isEmpty()) {
            throw new RetortException("Offline SQL needs a dialect: give --dialect (" + String.join(", ",
                    Dialects.NAMES) + ") or a database URL");
        }
        return Dialects.forJdbcUrl(url.get().jdbcUrl());
    }

    RevisionFileWriter writer() {
        return new RevisionFileWriter(retort.graph(),
                id -> retort.script(id).map(MigrationScript::location).filter(l -> !l.startsWith("classpath:"))
                        .map(baseDirectory::resolve),
                settings.versionLocations(), settings.fileTemplate(), settings.timezone(),
                settings.truncateSlugLength(), Clock.systemUTC());
    }

    Secrets secrets() {
        return root.console.secrets();
    }

    /** Masks these secrets too in everything printed from now on (another database's password). */
    void addSecrets(Secrets more) {
        root.console.secrets(root.console.secrets().and(more));
    }

    /** Where the command was run; relative paths on the command line are relative to it. */
    Path workingDirectory() {
        return root.workingDirectory;
    }

    /** Prints Alembic's step lines on stderr as migrations run. */
    private static final class ProgressListener implements MigrationListener {
        private final Console console;

        ProgressListener(Console console) {
            this.console = console;
        }

        @Override
        public void stepStarting(MigrationStep step) {
            console.progress("Running " + step.describe());
        }

        @Override
        public void waitingForLock(String database, Optional<LockHolder> holder, Duration waited) {
            console.progress("Waiting for the migration lock on " + database + ", held by "
                    + holder.map(LockHolder::describe).orElse("a session the database does not name")
                    + (waited.toSeconds() >= 1 ? " (waited " + waited.toSeconds() + "s)" : ""));
        }

        @Override
        public void backupTaken(Backup backup) {
            // on stderr with the step lines, before them: if a step fails, the way back is already shown
            // (not silenced by -q: the user asked for the backup, and needs to know where it is)
            console.error("Backed up the database to " + backup.file() + " with " + backup.method() + " ("
                    + backup.took().toMillis() + " ms)");
            console.error("To restore it: " + backup.restoreCommand());
        }
    }
}
