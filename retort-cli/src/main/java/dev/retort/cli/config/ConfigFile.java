package dev.retort.cli.config;

import dev.retort.config.ConfigException;
import dev.retort.config.ConfigKey;
import dev.retort.config.ConfigValue;
import dev.retort.config.RetortSettings;
import dev.retort.config.Secrets;
import dev.retort.config.SettingsResolver;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The project's {@code retort.toml}: where it is, and the {@link RetortSettings} it describes.
 *
 * <h2>Finding it</h2>
 * {@code -c/--config FILE}, else {@code $RETORT_CONFIG} (when set and not empty), else
 * {@code ./retort.toml}. Nothing else is searched (no parent directories), as in Alembic.
 *
 * <h2>Reading it</h2>
 * <ul>
 *   <li>Everything is under {@code [retort]} (keys: {@link ConfigKey}). An unknown key, an unknown
 *       table, a key outside {@code [retort]} or a value of the wrong type is an error naming the
 *       file and line, with the closest known key when there is one. A TOML syntax error is
 *       reported as {@code FILE:LINE:COLUMN: message}.</li>
 *   <li>{@code ${VAR}} and {@code ${VAR:-default}} are expanded in every string value, including
 *       list elements and placeholder values, from the environment map passed in; {@code $$} is
 *       a literal {@code $}. See {@link VariableExpander} for the exact rules. Messages mask
 *       passwords in URLs and the values of variables named like secrets ({@code *PASSWORD*},
 *       {@code *SECRET*}, {@code *TOKEN*}, {@code *KEY*}…) that a value used.</li>
 *   <li><b>Relative paths</b> in {@code script_location} and {@code version_locations} are
 *       relative to the directory of the config file, not to the working directory, so a command
 *       works the same from any directory with {@code -c}. A relative SQLite or H2 path inside
 *       {@code url} is left to {@code DatabaseUrl}, which resolves it against the working
 *       directory as SQLAlchemy and Alembic do, so one {@code DATABASE_URL} means the same file to
 *       both tools.</li>
 *   <li>An empty file, or one without {@code [retort]}, gives the defaults.</li>
 * </ul>
 * Every problem found is reported, ordered by line; each is one line, and none shows a password.
 *
 * <p>Immutable and thread-safe; reading touches only the file and the environment map passed in.
 *
 * @param path     the config file, absolute and normalised
 * @param settings what it says, checked, with defaults filled in
 */
public record ConfigFile(Path path, RetortSettings settings) {
    /** The default file name, looked for in the working directory. */
    public static final String DEFAULT_NAME = "retort.toml";
    /** The environment variable naming the config file. */
    public static final String CONFIG_ENV = "RETORT_CONFIG";
    /** The environment variable holding the database URL when neither flag nor config gives one. */
    public static final String URL_ENV = "DATABASE_URL";

    private static final String TABLE = "retort";
    private static final Pattern LINE_PREFIX = Pattern.compile(":(\\d+):");
    /** Variables whose values are masked in messages when a string value used them. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|pwd|secret|token|key|credential).*");

    public ConfigFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Finds and reads the config file.
     *
     * @param configFlag       the {@code -c/--config} value, if given
     * @param env              the environment: {@code RETORT_CONFIG} and the variables that string
     *                         values refer to
     * @param workingDirectory what relative file names are relative to
     * @throws ConfigFileNotFoundException if there is no config file where it was looked for
     * @throws ConfigException             listing every problem in the file
     */
    public static ConfigFile load(Optional<Path> configFlag, Map<String, String> env, Path workingDirectory) {
        return read(locate(configFlag, env, workingDirectory), env, workingDirectory);
    }

    /**
     * Where the config file is: the flag, else {@code $RETORT_CONFIG}, else {@code ./retort.toml}.
     * The path is returned as the user named it (relative paths stay relative) so that messages
     * show it as written.
     *
     * @throws ConfigFileNotFoundException if that file does not exist or is a directory
     */
    public static Path locate(Optional<Path> configFlag, Map<String, String> env, Path workingDirectory) {
        Objects.requireNonNull(configFlag, "configFlag");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (configFlag.isPresent()) return existing(configFlag.get(), "given with -c", workingDirectory);
        String fromEnv = env.getOrDefault(CONFIG_ENV, "");
        if (!fromEnv.isEmpty()) return existing(Path.of(fromEnv), "from $" + CONFIG_ENV, workingDirectory);
        Path fallback = Path.of(DEFAULT_NAME);
        if (!Files.isRegularFile(workingDirectory.resolve(fallback))) {
            throw new ConfigFileNotFoundException("No config file: looked for ./" + DEFAULT_NAME
                    + " (use -c FILE, set " + CONFIG_ENV + ", or run 'retort init DIR')");
        }
        return fallback;
    }

    private static Path existing(Path file, String source, Path workingDirectory) {
        Path absolute = workingDirectory.resolve(file);
        if (Files.isDirectory(absolute)) {
            throw new ConfigFileNotFoundException("Config file '" + file + "' (" + source + ") is a directory; "
                    + "name the file, e.g. " + file.resolve(DEFAULT_NAME));
        }
        if (!Files.exists(absolute)) {
            throw new ConfigFileNotFoundException("Config file '" + file + "' (" + source + ") does not exist");
        }
        return file;
    }

    /**
     * Reads a config file.
     *
     * @param file             the file, as the user named it; messages show it so
     * @param env              the variables that string values refer to
     * @param workingDirectory what a relative {@code file} is relative to
     * @throws ConfigFileNotFoundException if the file does not exist
     * @throws ConfigException             listing every problem, each as {@code FILE:LINE: message}
     */
    public static ConfigFile read(Path file, Map<String, String> env, Path workingDirectory) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Path absolute = workingDirectory.resolve(file).toAbsolutePath().normalize();
        String shown = file.toString();
        if (!Files.isRegularFile(absolute)) {
            throw new ConfigFileNotFoundException("Config file '" + shown + "' does not exist"
                    + (Files.isDirectory(absolute) ? " (it is a directory)" : ""));
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(absolute);
        } catch (AccessDeniedException e) {
            throw new ConfigException("Cannot read config file '" + shown + "': permission denied");
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file '" + shown + "': " + e);
        }
        if (!toml.errors().isEmpty()) {
            TomlParseError first = toml.errors().get(0);
            throw new ConfigException(shown + ":" + first.position().line() + ":" + first.position().column() + ": "
                    + oneLine(first.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        Map<ConfigKey, ConfigValue> values = new EnumMap<>(ConfigKey.class);
        Set<String> usedVariables = new LinkedHashSet<>();
        for (String top : toml.keySet()) {
            String at = shown + ":" + line(toml.inputPositionOf(List.of(top)));
            Object value = toml.get(List.of(top));
            if (top.equals(TABLE)) {
                if (value instanceof TomlTable table) {
                    readRetortTable(table, shown, env, usedVariables, values, problems);
                } else {
                    problems.add(at + ": 'retort' must be the table [retort], got a value");
                }
            } else if (value instanceof TomlTable other) {
                String hint = top.equals("tool") && other.contains(List.of(TABLE))
                        ? "; write [retort], not [tool.retort]: retort.toml is not pyproject.toml"
                        : "; retort reads only [retort]";
                problems.add(at + ": unknown table [" + top + "]" + hint);
            } else if (ConfigKey.fromTomlName(top).isPresent()) {
                problems.add(at + ": '" + top + "' must be inside [retort]; move it below the [retort] line");
            } else {
                problems.add(at + ": unknown key '" + top + "' outside [retort]; retort reads only [retort]");
            }
        }
        RetortSettings settings = null;
        try {
            settings = SettingsResolver.resolve(values, absolute.getParent());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            // URLs are masked where they are echoed; this catches a password that came in through
            // a variable named like one and landed in a value that an error quotes
            Secrets secrets = Secrets.of(usedVariables.stream().filter(n -> SECRET_NAME.matcher(n).matches())
                    .map(env::get).toList());
            problems.sort(Comparator.comparingInt(p -> lineOf(p, shown)));
            throw new ConfigException(problems.stream().map(secrets::mask).toList());
        }
        return new ConfigFile(absolute, settings);
    }

    /**
     * The database URL to use, by SPEC precedence: the {@code --url} flag, then the config's
     * {@code url}, then {@code $DATABASE_URL}. An empty {@code DATABASE_URL} counts as unset; an
     * empty flag is returned as given (and fails when parsed), since the user asked for it.
     *
     * @param flag      the {@code --url} value, if given
     * @param configUrl {@link RetortSettings#url()}
     * @param env       the environment
     * @return the URL as written, not yet parsed; empty when none of the three gives one
     */
    public static Optional<String> chooseUrl(Optional<String> flag, Optional<String> configUrl,
            Map<String, String> env) {
        if (flag.isPresent()) return flag;
        if (configUrl.isPresent() && !configUrl.get().isEmpty()) return configUrl;
        return Optional.ofNullable(env.get(URL_ENV)).filter(u -> !u.isEmpty());
    }

    // ---------------------------------------------------------------- [retort]

    private static void readRetortTable(TomlTable table, String shown, Map<String, String> env,
            Set<String> usedVariables, Map<ConfigKey, ConfigValue> values, List<String> problems) {
        for (String name : table.keySet()) {
            String at = shown + ":" + line(table.inputPositionOf(List.of(name)));
            Optional<ConfigKey> key = ConfigKey.fromTomlName(name);
            if (key.isEmpty()) {
                problems.add(at + ": unknown key '" + name + "' in [retort]; "
                        + ConfigKey.closest(name).map(k -> "did you mean '" + k.tomlName() + "'?")
                                .orElse("known keys: " + ConfigKey.knownNames()));
                continue;
            }
            Object plain = plain(table.get(List.of(name)));
            try {
                values.put(key.get(), new ConfigValue(expandStrings(plain, "'" + name + "'", env, usedVariables), at));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
    }

    /** TOML arrays and tables as Java lists and maps (keeping order); scalars as tomlj gives them. */
    private static Object plain(Object toml) {
        if (toml instanceof TomlArray array) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) list.add(plain(array.get(i)));
            return list;
        }
        if (toml instanceof TomlTable table) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String k : table.keySet()) map.put(k, plain(table.get(List.of(k))));
            return map;
        }
        return toml;
    }

    /** Expands references in every string; a failure names it {@code 'key'}, {@code 'key[1]'} or {@code 'key.x'}. */
    private static Object expandStrings(Object value, String subject, Map<String, String> env, Set<String> used) {
        if (value instanceof String s) {
            try {
                return VariableExpander.expand(s, env, used::add);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(subject + " " + e.getMessage(), e);
            }
        }
        String bare = subject.substring(1, subject.length() - 1);
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(expandStrings(list.get(i), "'" + bare + "[" + i + "]'", env, used));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(e.getKey(), expandStrings(e.getValue(), "'" + bare + "." + e.getKey() + "'", env, used));
            }
            return out;
        }
        return value;
    }

    private static int line(TomlPosition position) {
        return position == null ? 0 : position.line();
    }

    /** The line number right after {@code FILE:}; problems without one sort last. */
    private static int lineOf(String problem, String shown) {
        if (!problem.startsWith(shown)) return Integer.MAX_VALUE;
        Matcher m = LINE_PREFIX.matcher(problem);
        boolean found = m.find(shown.length()) && m.start() == shown.length();
        return found ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
