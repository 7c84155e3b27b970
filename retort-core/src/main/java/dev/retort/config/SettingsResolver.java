package dev.retort.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the values a source gave for {@link ConfigKey}s into {@link RetortSettings}: fills in
 * defaults, checks every value (type, then meaning), resolves relative paths, and fails with all
 * problems at once. Never corrects a value silently.
 *
 * <p>What it checks beyond types: names of the version and history tables (and their schema) are
 * not empty, are at most {@value #MAX_NAME_BYTES} bytes in UTF-8 (PostgreSQL's limit, the
 * strictest of our databases) and differ from each other; {@code file_template} contains
 * {@code {rev}} and only known tokens; {@code timezone} is a {@link ZoneId}; {@code
 * truncate_slug_length} is greater than 0; {@code url}, when not empty, is a valid
 * {@link DatabaseUrl}; {@code version_locations} is not empty and names no directory twice;
 * {@code statement_lock_timeout}, {@code statement_timeout} and {@code lock_timeout_backoff} are
 * {@link Durations}; {@code lock_timeout_retries} is at least 0; {@code lock_timeout} is a
 * {@link LockTimeout}.
 *
 * <p>Empty strings: {@code url = ""} means no URL (so that {@code "${DATABASE_URL:-}"} works) and
 * {@code version_table_schema = ""} means the connection's default schema; elsewhere an empty
 * string is an error.
 *
 * <p>Stateless and thread-safe.
 */
public final class SettingsResolver {
    /** Longest table or schema name, in UTF-8 bytes: PostgreSQL's NAMEDATALEN - 1. */
    public static final int MAX_NAME_BYTES = 63;

    private SettingsResolver() {
    }

    /**
     * Builds the settings.
     *
     * @param values        what the source gave, by key; keys absent take their default
     * @param baseDirectory what relative paths are relative to: the directory of the config file
     * @throws ConfigException listing every problem, each prefixed with its value's origin
     */
    public static RetortSettings resolve(Map<ConfigKey, ConfigValue> values, Path baseDirectory) {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Map<ConfigKey, ConfigValue> copy = new EnumMap<>(ConfigKey.class);
        copy.putAll(values);
        Checker c = new Checker(copy, baseDirectory.toAbsolutePath().normalize());

        Path scriptLocation = c.path(ConfigKey.SCRIPT_LOCATION);
        List<Path> versionLocations = c.versionLocations(scriptLocation);
        Optional<String> url = c.url();
        String versionTable = c.name(ConfigKey.VERSION_TABLE, false).orElse("");
        Optional<String> versionTableSchema = c.name(ConfigKey.VERSION_TABLE_SCHEMA, true);
        String historyTable = c.name(ConfigKey.HISTORY_TABLE, false).orElse("");
        if (!versionTable.isEmpty() && versionTable.equals(historyTable)) {
            // report it where the user wrote a name: a default is never the mistake
            boolean historyGiven = values.containsKey(ConfigKey.HISTORY_TABLE);
            c.problem(historyGiven ? ConfigKey.HISTORY_TABLE : ConfigKey.VERSION_TABLE,
                    "must differ from '" + (historyGiven ? "version_table" : "history_table")
                            + "' (both are \"" + historyTable + "\")");
        }
        String fileTemplate = c.fileTemplate();
        ZoneId timezone = c.timezone();
        boolean transactionPerMigration = c.bool(ConfigKey.TRANSACTION_PER_MIGRATION);
        int truncateSlugLength = c.positiveInt(ConfigKey.TRUNCATE_SLUG_LENGTH);
        Map<String, String> placeholders = c.table(ConfigKey.PLACEHOLDERS);
        boolean validateOnUpgrade = c.bool(ConfigKey.VALIDATE_ON_UPGRADE);
        Optional<Duration> statementLockTimeout = c.duration(ConfigKey.STATEMENT_LOCK_TIMEOUT);
        Optional<Duration> statementTimeout = c.duration(ConfigKey.STATEMENT_TIMEOUT);
        int lockTimeoutRetries = c.nonNegativeInt(ConfigKey.LOCK_TIMEOUT_RETRIES);
        Duration lockTimeoutBackoff = c.duration(ConfigKey.LOCK_TIMEOUT_BACKOFF).orElse(Duration.ZERO);
        RetortSettings.RevisionFormat revisionFormat = c.revisionFormat();
        Optional<String> javaPackage = c.javaPackage();
        List<Path> javaClasspath = c.paths(ConfigKey.JAVA_CLASSPATH);
        if (javaPackage.isEmpty() && values.containsKey(ConfigKey.JAVA_CLASSPATH) && !javaClasspath.isEmpty()) {
            c.problem(ConfigKey.JAVA_CLASSPATH, "is set but 'java_package' is not; name the package of the"
                    + " precompiled revisions in java_package");
        }
        ModelSettings model = c.model();
        Optional<Duration> lockTimeout = c.lockTimeout();

        if (!c.problems.isEmpty()) throw new ConfigException(c.problems);
        return new RetortSettings(scriptLocation, versionLocations, url, versionTable, versionTableSchema,
                historyTable, fileTemplate, timezone, transactionPerMigration, truncateSlugLength, placeholders,
                validateOnUpgrade, statementLockTimeout, statementTimeout, lockTimeoutRetries, lockTimeoutBackoff,
                revisionFormat, javaPackage, javaClasspath, model, lockTimeout);
    }

    /**
     * A value as a TOML literal, for "got …" in messages: strings quoted and escaped, lists and
     * tables inline. A string that looks like a URL has its password masked.
     */
    static String literal(Object value) {
        if (value instanceof String s) return quoted(DatabaseUrl.mask(s));
        if (value instanceof List<?> list) {
            return list.stream().map(SettingsResolver::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + " = " + literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) out.append(String.format("\\u%04X", (int) ch));
                    else out.append(ch);
                }
            }
        }
        return out.append('"').toString();
    }

    /** Reads and checks one key at a time, collecting problems. */
    private static final class Checker {
        final Map<ConfigKey, ConfigValue> values;
        final Path base;
        final List<String> problems = new ArrayList<>();

        Checker(Map<ConfigKey, ConfigValue> values, Path base) {
            this.values = values;
            this.base = base;
        }

        void problem(ConfigKey key, String message) {
            problem(key, "'" + key.tomlName() + "'", message);
        }

        void problem(ConfigKey key, String subject, String message) {
            ConfigValue v = values.get(key);
            String origin = v == null ? "" : v.origin();
            problems.add((origin.isEmpty() ? "" : origin + ": ") + subject + " " + message);
        }

        /** The value given or the default, if it has the key's type; empty (and a problem) if not. */
        Optional<Object> typed(ConfigKey key) {
            ConfigValue given = values.get(key);
            if (given == null) return key.defaultValue();
            Object v = given.value();
            boolean ok = switch (key.type()) {
                case STRING -> v instanceof String;
                case BOOLEAN -> v instanceof Boolean;
                case INTEGER -> v instanceof Long || v instanceof Integer;
                case STRING_LIST -> v instanceof List<?>;
                case STRING_TABLE -> v instanceof Map<?, ?>;
                case DURATION -> v instanceof String;
            };
            if (!ok) {
                String hint = key.type() == ConfigKey.ValueType.STRING_LIST && v instanceof String
                        ? "; write [" + literal(v) + "]" : "";
                if (v instanceof String str && (key.type() == ConfigKey.ValueType.BOOLEAN
                        && (str.equals("true") || str.equals("false"))
                        || key.type() == ConfigKey.ValueType.INTEGER && str.matches("-?[0-9]+"))) {
                    hint = "; write " + str + " without quotes";
                }
                if (key.type() == ConfigKey.ValueType.DURATION && (v instanceof Long || v instanceof Integer)) {
                    hint = "; write it in quotes with a unit, e.g. \"" + v + "s\"";
                }
                problem(key, "must be " + key.type().expectation() + ", got " + literal(v) + hint);
                return Optional.empty();
            }
            if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof String)) {
                        problem(key, "'" + key.tomlName() + "[" + i + "]'",
                                "must be a string, got " + literal(list.get(i)));
                        return Optional.empty();
                    }
                }
            }
            if (v instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                        problem(key, "'" + key.tomlName() + "." + e.getKey() + "'",
                                "must be a string, got " + literal(e.getValue()));
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(v);
        }

        /** The string given or the default; empty if of the wrong type (already reported) or unset without default. */
        Optional<String> string(ConfigKey key) {
            return typed(key).map(String.class::cast);
        }

        Path path(ConfigKey key) {
            Optional<String> s = string(key);
            if (s.isEmpty()) return base;
            if (s.get().isEmpty()) {
                problem(key, "must not be empty");
                return base;
            }
            return resolvePath(key, s.get()).orElse(base);
        }

        Optional<Path> resolvePath(ConfigKey key, String s) {
            try {
                return Optional.of(base.resolve(s).normalize());
            } catch (InvalidPathException e) {
                problem(key, "is not a valid path: " + e.getReason() + " in " + literal(s));
                return Optional.empty();
            }
        }

        List<Path> versionLocations(Path scriptLocation) {
            ConfigKey key = ConfigKey.VERSION_LOCATIONS;
            if (!values.containsKey(key)) {
                // the derived default described by ConfigKey.VERSION_LOCATIONS
                return List.of(scriptLocation.resolve("versions"));
            }
            Optional<Object> typed = typed(key);
            if (typed.isEmpty()) return List.of();
            List<?> given = (List<?>) typed.get();
            if (given.isEmpty()) {
                problem(key, "must name at least one directory; leave it out for [<script_location>/versions]");
            }
            Map<Path, String> seen = new LinkedHashMap<>();
            for (Object o : given) {
                String s = (String) o;
                if (s.isEmpty()) {
                    problem(key, "must not contain an empty string");
                    continue;
                }
                Optional<Path> p = resolvePath(key, s);
                if (p.isEmpty()) continue;
                String before = seen.putIfAbsent(p.get(), s);
                if (before != null) {
                    problem(key, "names the same directory twice: " + literal(before)
                            + (before.equals(s) ? "" : " and " + literal(s)));
                }
            }
            return List.copyOf(seen.keySet());
        }

        Optional<String> url() {
            Optional<String> s = string(ConfigKey.URL).filter(u -> !u.isEmpty());
            s.ifPresent(u -> {
                try {
                    DatabaseUrl.parse(u, base);
                } catch (InvalidDatabaseUrlException e) {
                    problem(ConfigKey.URL, "is invalid: " + e.getMessage());
                }
            });
            return s;
        }

        Optional<String> name(ConfigKey key, boolean emptyMeansNone) {
            Optional<String> s = string(key);
            if (s.isEmpty()) return s;
            if (s.get().isEmpty()) {
                if (!emptyMeansNone) problem(key, "must not be empty");
                return Optional.empty();
            }
            int bytes = s.get().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                problem(key, "must be at most " + MAX_NAME_BYTES + " bytes long (PostgreSQL's limit for names), "
                        + "got " + bytes);
            }
            return s;
        }

        String fileTemplate() {
            Optional<String> s = string(ConfigKey.FILE_TEMPLATE);
            s.flatMap(FileTemplate::problem).ifPresent(p -> problem(ConfigKey.FILE_TEMPLATE, p));
            return s.orElse(FileTemplate.DEFAULT);
        }

        ZoneId timezone() {
            ConfigKey key = ConfigKey.TIMEZONE;
            Optional<String> s = string(key);
            if (s.isEmpty()) return ZoneId.of("UTC");
            try {
                return ZoneId.of(s.get());
            } catch (DateTimeException e) {
                String suggestion;
                try {
                    String upper = s.get().toUpperCase(Locale.ROOT);
                    ZoneId.of(upper);
                    suggestion = "; did you mean " + literal(upper) + "?";
                } catch (DateTimeException notEither) {
                    suggestion = "; use a region such as \"Europe/Berlin\", an offset such as \"+02:00\", or \"UTC\"";
                }
                problem(key, "is not a known time zone: " + literal(s.get()) + suggestion);
                return ZoneId.of("UTC");
            }
        }

        RetortSettings.RevisionFormat revisionFormat() {
            ConfigKey key = ConfigKey.REVISION_FORMAT;
            String value = string(key).orElse("sql");
            for (RetortSettings.RevisionFormat format : RetortSettings.RevisionFormat.values()) {
                if (format.tomlValue().equals(value)) {
                    return format;
                }
            }
            problem(key, "must be \"sql\" or \"java\", got " + literal(value));
            return RetortSettings.RevisionFormat.SQL;
        }

        Optional<String> javaPackage() {
            ConfigKey key = ConfigKey.JAVA_PACKAGE;
            Optional<String> value = string(key).filter(p -> !p.isEmpty());
            if (value.isPresent() && !value.get().matches("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*")) {
                problem(key, "is not a Java package name: " + literal(value.get())
                        + "; write it as com.example.revisions");
            }
            return value;
        }

        /** The model keys; the model's kind is checked here, the file it names when it is used. */
        ModelSettings model() {
            Optional<String> source = string(ConfigKey.MODEL).filter(m -> !m.isEmpty());
            if (source.isPresent()) {
                String spec = source.get();
                String kind = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
                if (!List.of("sql", "java", "jpa", "db").contains(kind)
                        || !kind.equals("jpa") && spec.length() <= kind.length() + 1) {
                    problem(ConfigKey.MODEL, "must be \"sql:FILE\", \"java:FILE\", \"jpa\" or \"db:URL\", got "
                            + literal(spec));
                }
            }
            String naming = string(ConfigKey.MODEL_NAMING).orElse("hibernate");
            if (!naming.equals("hibernate") && !naming.equals("spring")) {
                problem(ConfigKey.MODEL_NAMING, "must be \"hibernate\" or \"spring\", got " + literal(naming));
            }
            return new ModelSettings(source, paths(ConfigKey.MODEL_CLASSPATH), strings(ConfigKey.MODEL_PACKAGES),
                    naming, strings(ConfigKey.AUTOGENERATE_SCHEMAS), strings(ConfigKey.AUTOGENERATE_INCLUDE_TABLES),
                    strings(ConfigKey.AUTOGENERATE_EXCLUDE_TABLES));
        }

        List<String> strings(ConfigKey key) {
            List<String> strings = new ArrayList<>();
            for (Object entry : (List<?>) typed(key).orElse(List.of())) {
                strings.add((String) entry);
            }
            return strings;
        }

        List<Path> paths(ConfigKey key) {
            List<Path> paths = new ArrayList<>();
            for (Object entry : (List<?>) typed(key).orElse(List.of())) {
                String s = (String) entry;
                if (s.isEmpty()) {
                    problem(key, "must not contain an empty string");
                    continue;
                }
                resolvePath(key, s).ifPresent(paths::add);
            }
            return paths;
        }

        boolean bool(ConfigKey key) {
            return (Boolean) typed(key).orElse(Boolean.FALSE);
        }

        int positiveInt(ConfigKey key) {
            Optional<Object> v = typed(key);
            if (v.isEmpty()) return 1;
            long n = ((Number) v.get()).longValue();
            if (n <= 0) {
                problem(key, "must be greater than 0, got " + n);
                return 1;
            }
            if (n > Integer.MAX_VALUE) {
                problem(key, "must be at most " + Integer.MAX_VALUE + ", got " + n);
                return 1;
            }
            return (int) n;
        }

        int nonNegativeInt(ConfigKey key) {
            Optional<Object> v = typed(key);
            if (v.isEmpty()) return 0;
            long n = ((Number) v.get()).longValue();
            if (n < 0 || n > Integer.MAX_VALUE) {
                problem(key, "must be between 0 and " + Integer.MAX_VALUE + ", got " + n);
                return 0;
            }
            return (int) n;
        }

        /** {@code lock_timeout}: a duration or "forever" (empty). */
        Optional<Duration> lockTimeout() {
            Optional<String> s = string(ConfigKey.LOCK_TIMEOUT);
            if (s.isEmpty()) return Optional.empty();
            try {
                return LockTimeout.parse(s.get());
            } catch (IllegalArgumentException e) {
                problem(ConfigKey.LOCK_TIMEOUT, "is invalid: " + e.getMessage());
                return Optional.empty();
            }
        }

        /** A duration, or empty when the key has no value and no default ("0" is Duration.ZERO). */
        Optional<Duration> duration(ConfigKey key) {
            Optional<String> s = string(key);
            if (s.isEmpty()) return Optional.empty();
            Optional<String> problem = Durations.problem(s.get());
            if (problem.isPresent()) {
                problem(key, "is invalid: " + problem.get());
                return Optional.empty();
            }
            return Optional.of(Durations.parse(s.get()));
        }

        Map<String, String> table(ConfigKey key) {
            Map<?, ?> map = (Map<?, ?>) typed(key).orElse(Map.of());
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                if (name.isEmpty()) {
                    problem(key, "has an entry with an empty name");
                    continue;
                }
                out.put(name, (String) e.getValue());
            }
            return out;
        }
    }
}
