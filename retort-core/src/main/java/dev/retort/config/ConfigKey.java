package dev.retort.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of the {@code [retort]} table: the one place where each option is defined with its
 * TOML name, value type, default and meaning. {@link SettingsResolver} applies the defaults and
 * checks the values; {@code retort.toml} readers use {@link #fromTomlName} and {@link #closest}
 * to reject unknown keys.
 *
 * <p>Relative paths ({@link #SCRIPT_LOCATION}, {@link #VERSION_LOCATIONS}) are relative to the
 * directory of the config file, not to the working directory.
 *
 * <p>Immutable and thread-safe.
 */
public enum ConfigKey {
    /** Directory holding {@code versions/} (and templates, if customised). */
    SCRIPT_LOCATION("script_location", ValueType.STRING, "migrations",
            "directory holding versions/ (and templates, if customised)"),
    /** Directories of revision files; several form one graph. Default derived from script_location. */
    VERSION_LOCATIONS("version_locations", ValueType.STRING_LIST, null,
            "directories of revision files; several form one graph"),
    /** Database URL; no default. */
    URL("url", ValueType.STRING, null,
            "database URL: any JDBC URL or a 12-factor URL such as postgresql://user:pw@host/db; empty = not set"),
    /** Name of the version table. */
    VERSION_TABLE("version_table", ValueType.STRING, "retort_version",
            "name of the version table; \"alembic_version\" adopts an Alembic-managed database"),
    /** Schema of the version and history tables; empty means the connection's default schema. */
    VERSION_TABLE_SCHEMA("version_table_schema", ValueType.STRING, "",
            "schema of the version and history tables; empty = the connection's default schema"),
    /** Name of the history table. */
    HISTORY_TABLE("history_table", ValueType.STRING, "retort_history",
            "name of the table recording every applied step"),
    /** Name pattern of new revision files. */
    FILE_TEMPLATE("file_template", ValueType.STRING, FileTemplate.DEFAULT,
            "name of new revision files; tokens " + FileTemplate.knownTokens()),
    /** Zone of {@code create_date} and of the file-name date tokens. */
    TIMEZONE("timezone", ValueType.STRING, "UTC",
            "time zone of create_date and of the date tokens in file_template"),
    /** One transaction per migration (true) or one for the whole run (false). */
    TRANSACTION_PER_MIGRATION("transaction_per_migration", ValueType.BOOLEAN, Boolean.TRUE,
            "one transaction per migration (true) or one for the whole run (false)"),
    /** Longest slug, in characters, put into a file name. */
    TRUNCATE_SLUG_LENGTH("truncate_slug_length", ValueType.INTEGER, 40L,
            "longest slug put into a file name, in characters (> 0)"),
    /** Values for {@code ${name}} in SQL revisions; empty means no expansion. */
    PLACEHOLDERS("placeholders", ValueType.STRING_TABLE, Map.of(),
            "values for ${name} in SQL revisions; empty = SQL is not expanded"),
    /** Whether {@code upgrade} refuses while an applied revision's file changed or vanished. */
    VALIDATE_ON_UPGRADE("validate_on_upgrade", ValueType.BOOLEAN, Boolean.TRUE,
            "upgrade refuses while an applied revision's file changed or vanished (see 'retort validate')"),
    /** How long each statement of a migration may wait for a lock; none by default. */
    STATEMENT_LOCK_TIMEOUT("statement_lock_timeout", ValueType.DURATION, null,
            "longest wait of a migration's statement for a lock (PostgreSQL lock_timeout, MySQL/MariaDB"
                    + " lock_wait_timeout); none = the database's own setting"),
    /** How long each statement of a migration may run (PostgreSQL); none by default. */
    STATEMENT_TIMEOUT("statement_timeout", ValueType.DURATION, null,
            "longest run of a migration's statement (PostgreSQL statement_timeout); none = the database's own"
                    + " setting"),
    /** How often a migration that hit the lock timeout is retried. */
    LOCK_TIMEOUT_RETRIES("lock_timeout_retries", ValueType.INTEGER, 3L,
            "retries of a migration that hit the lock timeout, where it is safely retryable (>= 0)"),
    /** Wait before the first retry after a lock timeout; it doubles for each further retry. */
    LOCK_TIMEOUT_BACKOFF("lock_timeout_backoff", ValueType.DURATION, "1s",
            "wait before the first retry after a lock timeout, doubling for each further retry"),
    /** The kind of file {@code retort revision} and {@code retort merge} write unless told. */
    REVISION_FORMAT("revision_format", ValueType.STRING, "sql",
            "kind of file 'retort revision' and 'retort merge' write: \"sql\" or \"java\" (--sql / --java choose"
                    + " per command)"),
    /** Package of precompiled Java revisions, loaded from {@link #JAVA_CLASSPATH}. */
    JAVA_PACKAGE("java_package", ValueType.STRING, "",
            "package of precompiled Java revision classes, loaded from java_classpath; empty = none"),
    /** Jars and directories holding the precompiled revisions of {@link #JAVA_PACKAGE}. */
    JAVA_CLASSPATH("java_classpath", ValueType.STRING_LIST, List.of(),
            "jars and directories holding the classes of java_package"),
    /** The model check and autogenerate compare with; none by default. */
    MODEL("model", ValueType.STRING, null,
            "what check and revision --autogenerate compare the database with: \"sql:FILE\" (a DDL file),"
                    + " \"java:FILE\" (a SchemaModel class), \"jpa\" (JPA entities, see model_classpath),"
                    + " \"db:URL\" (another database); none = give --model"),
    /** Where the JPA entities of {@code model = "jpa"} are. */
    MODEL_CLASSPATH("model_classpath", ValueType.STRING_LIST, List.of(),
            "jars and directories of the application's compiled JPA entities (model = \"jpa\")"),
    /** Which packages hold the JPA entities. */
    MODEL_PACKAGES("model_packages", ValueType.STRING_LIST, List.of(),
            "packages holding the JPA entities (model = \"jpa\")"),
    /** How JPA names become table and column names. */
    MODEL_NAMING("model_naming", ValueType.STRING, "hibernate",
            "naming of JPA tables and columns: \"hibernate\" (Hibernate's default) or \"spring\" (Spring Boot's)"),
    /** Schemas compared besides the default one. */
    AUTOGENERATE_SCHEMAS("autogenerate_schemas", ValueType.STRING_LIST, List.of(),
            "schemas check and autogenerate compare besides the default one"),
    /** Tables compared; empty = all. */
    AUTOGENERATE_INCLUDE_TABLES("autogenerate_include_tables", ValueType.STRING_LIST, List.of(),
            "patterns (* and ?) of the tables check and autogenerate compare; empty = all"),
    /** Tables never compared. */
    AUTOGENERATE_EXCLUDE_TABLES("autogenerate_exclude_tables", ValueType.STRING_LIST, List.of(),
            "patterns (* and ?) of tables check and autogenerate leave out (another application's, say)"),
    /**
     * How long a command that writes waits for the migration lock another process holds; default
     * {@code "forever"}: as long as the holder's database session lives (see {@link LockTimeout}).
     * Not {@link #STATEMENT_LOCK_TIMEOUT}, which bounds each statement's wait for a table lock.
     */
    LOCK_TIMEOUT("lock_timeout", ValueType.DURATION, LockTimeout.FOREVER,
            "how long upgrade, downgrade, stamp, repair and rehash wait for another process's migration lock,"
                    + " e.g. \"10min\"; \"forever\" = as long as the holder's session lives");

    /** The value types a key can have, with the Java type each is given as. */
    public enum ValueType {
        /** A {@link String}. */
        STRING("a string"),
        /** A {@link List} of {@link String}. */
        STRING_LIST("a list of strings"),
        /** A {@link Boolean}. */
        BOOLEAN("true or false"),
        /** A {@link Long} or {@link Integer}. */
        INTEGER("an integer"),
        /** A {@link Map} from {@link String} to {@link String}. */
        STRING_TABLE("a table of strings"),
        /** A {@link String} that {@link Durations#parse} reads, given as a {@link java.time.Duration}. */
        DURATION("a duration in quotes, such as \"5s\" or \"10min\"");

        private final String expectation;

        ValueType(String expectation) {
            this.expectation = expectation;
        }

        /** What a value of this type looks like, for messages: "a string", "true or false"… */
        public String expectation() {
            return expectation;
        }
    }

    private final String tomlName;
    private final ValueType type;
    private final Object defaultValue;
    private final String description;

    ConfigKey(String tomlName, ValueType type, Object defaultValue, String description) {
        this.tomlName = tomlName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key as written in {@code retort.toml}, e.g. {@code script_location}. */
    public String tomlName() {
        return tomlName;
    }

    /** The type of the key's value. */
    public ValueType type() {
        return type;
    }

    /**
     * The default, as a value of {@link #type()} (for a {@link ValueType#DURATION}, its text); empty
     * for {@link #URL}, {@link #STATEMENT_LOCK_TIMEOUT} and {@link #STATEMENT_TIMEOUT} (no default)
     * and for {@link #VERSION_LOCATIONS}, whose default is derived: {@code [<script_location>/versions]}.
     */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as a user reads it in documentation and {@code --help}. */
    public String defaultText() {
        if (this == VERSION_LOCATIONS) return "[<script_location>/versions]";
        if (defaultValue == null || "".equals(defaultValue)) return "none";
        if (defaultValue instanceof String s) return "\"" + s + "\"";
        if (defaultValue instanceof Map<?, ?> m && m.isEmpty()) return "{}";
        if (defaultValue instanceof List<?> l && l.isEmpty()) return "[]";
        return String.valueOf(defaultValue);
    }

    /** One line saying what the key is for. */
    public String description() {
        return description;
    }

    /** The key with this TOML name, if there is one. Names are case-sensitive, as in TOML. */
    public static Optional<ConfigKey> fromTomlName(String name) {
        Objects.requireNonNull(name, "name");
        return Arrays.stream(values()).filter(k -> k.tomlName.equals(name)).findFirst();
    }

    /**
     * The known key a mistyped name most probably meant: the nearest by edit distance (a swap of
     * two neighbouring letters counts as one edit), if it is near enough to be a typo — at most
     * two edits, or a third of the name's length for long names. Ties go to the key defined first.
     */
    public static Optional<ConfigKey> closest(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(k -> editDistance(lower, k.tomlName) <= Math.max(2, k.tomlName.length() / 3))
                .min(Comparator.comparingInt(k -> editDistance(lower, k.tomlName)));
    }

    /** All TOML names, comma-separated in definition order, for "known keys: …" messages. */
    public static String knownNames() {
        return Arrays.stream(values()).map(ConfigKey::tomlName).collect(Collectors.joining(", "));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
