package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsResolverTest {
    private static final Path BASE = Path.of("/project/config");
    private static final String AT = "retort.toml:4";

    private static Map<ConfigKey, ConfigValue> given(Object... keysAndValues) {
        Map<ConfigKey, ConfigValue> map = new EnumMap<>(ConfigKey.class);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((ConfigKey) keysAndValues[i], new ConfigValue(keysAndValues[i + 1], AT));
        }
        return map;
    }

    @Test
    void defaultsFillEveryKey() {
        RetortSettings s = SettingsResolver.resolve(Map.of(), BASE);

        assertThat(s.scriptLocation()).isEqualTo(Path.of("/project/config/migrations"));
        assertThat(s.versionLocations()).containsExactly(Path.of("/project/config/migrations/versions"));
        assertThat(s.url()).isEmpty();
        assertThat(s.versionTable()).isEqualTo("retort_version");
        assertThat(s.versionTableSchema()).isEmpty();
        assertThat(s.historyTable()).isEqualTo("retort_history");
        assertThat(s.fileTemplate()).isEqualTo("{rev}_{slug}");
        assertThat(s.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.transactionPerMigration()).isTrue();
        assertThat(s.truncateSlugLength()).isEqualTo(40);
        assertThat(s.placeholders()).isEmpty();
        assertThat(s.validateOnUpgrade()).isTrue();
        assertThat(s.statementLockTimeout()).isEmpty();
        assertThat(s.statementTimeout()).isEmpty();
        assertThat(s.lockTimeoutRetries()).isEqualTo(3);
        assertThat(s.lockTimeoutBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.revisionFormat()).isEqualTo(RetortSettings.RevisionFormat.SQL);
        assertThat(s.javaPackage()).isEmpty();
        assertThat(s.javaClasspath()).isEmpty();
        assertThat(s.lockTimeout()).as("forever").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("lockTimeouts")
    void lockTimeoutIsADurationOrForever(String text, Duration expected) {
        RetortSettings s = SettingsResolver.resolve(given(ConfigKey.LOCK_TIMEOUT, text), BASE);
        assertThat(s.lockTimeout()).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    static Stream<Arguments> lockTimeouts() {
        return Stream.of(
                Arguments.of("forever", null),
                Arguments.of("FOREVER", null),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("250ms", Duration.ofMillis(250)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("10min", Duration.ofMinutes(10)),
                Arguments.of(" 2h ", Duration.ofHours(2)));
    }

    @ParameterizedTest
    @MethodSource("badLockTimeouts")
    void aBadLockTimeoutSaysWhatIsExpected(Object value, String problem) {
        assertThatThrownBy(() -> SettingsResolver.resolve(given(ConfigKey.LOCK_TIMEOUT, value), BASE))
                .isInstanceOf(ConfigException.class).hasMessage(AT + ": 'lock_timeout' " + problem);
    }

    static Stream<Arguments> badLockTimeouts() {
        String forever = ", or \"forever\" to wait as long as the holder lives";
        return Stream.of(
                Arguments.of("10 minutes", "is invalid: '10 minutes' has an unknown unit 'minutes'; write a whole"
                        + " number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none)" + forever),
                Arguments.of("10m", "is invalid: '10m' is ambiguous; write 10min for minutes or 10ms for"
                        + " milliseconds" + forever),
                Arguments.of("soon", "is invalid: 'soon' is not a duration; write a whole number and a unit: 500ms,"
                        + " 5s, 10min, 2h, 1d (or 0 for none)" + forever),
                Arguments.of(30L, "must be a duration in quotes, such as \"5s\" or \"10min\", got 30; write it in"
                        + " quotes with a unit, e.g. \"30s\""));
    }

    @Test
    void lockTimeoutsReadBackAsWritten() {
        for (String text : List.of("forever", "0", "250ms", "30s", "10min", "2h")) {
            assertThat(LockTimeout.format(LockTimeout.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void readsTheGuardKeys() {
        RetortSettings s = SettingsResolver.resolve(given(
                ConfigKey.VALIDATE_ON_UPGRADE, false,
                ConfigKey.STATEMENT_LOCK_TIMEOUT, "5s",
                ConfigKey.STATEMENT_TIMEOUT, "10min",
                ConfigKey.LOCK_TIMEOUT_RETRIES, 0L,
                ConfigKey.LOCK_TIMEOUT_BACKOFF, "250ms"), BASE);
        assertThat(s.validateOnUpgrade()).isFalse();
        assertThat(s.statementLockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(s.statementTimeout()).contains(Duration.ofMinutes(10));
        assertThat(s.lockTimeoutRetries()).isZero();
        assertThat(s.lockTimeoutBackoff()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void javaKeys() {
        RetortSettings s = SettingsResolver.resolve(given(
                ConfigKey.REVISION_FORMAT, "java",
                ConfigKey.JAVA_PACKAGE, "com.example.revisions",
                ConfigKey.JAVA_CLASSPATH, List.of("lib/revisions.jar", "/opt/classes")), BASE);

        assertThat(s.revisionFormat()).isEqualTo(RetortSettings.RevisionFormat.JAVA);
        assertThat(s.javaPackage()).contains("com.example.revisions");
        assertThat(s.javaClasspath()).containsExactly(Path.of("/project/config/lib/revisions.jar"),
                Path.of("/opt/classes"));
    }

    @Test
    void givenValuesWin() {
        RetortSettings s = SettingsResolver.resolve(given(
                ConfigKey.SCRIPT_LOCATION, "db",
                ConfigKey.VERSION_LOCATIONS, List.of("db/versions", "/shared/versions", "../other"),
                ConfigKey.URL, "postgresql://bob:pw@host/app",
                ConfigKey.VERSION_TABLE, "alembic_version",
                ConfigKey.VERSION_TABLE_SCHEMA, "meta",
                ConfigKey.HISTORY_TABLE, "migration_log",
                ConfigKey.FILE_TEMPLATE, "{year}_{month}_{day}_{hour}{minute}-{rev}_{slug}",
                ConfigKey.TIMEZONE, "Europe/Berlin",
                ConfigKey.TRANSACTION_PER_MIGRATION, false,
                ConfigKey.TRUNCATE_SLUG_LENGTH, 60L,
                ConfigKey.PLACEHOLDERS, Map.of("schema", "app")), BASE);

        assertThat(s.scriptLocation()).isEqualTo(Path.of("/project/config/db"));
        assertThat(s.versionLocations()).containsExactly(
                Path.of("/project/config/db/versions"), Path.of("/shared/versions"), Path.of("/project/other"));
        assertThat(s.url()).contains("postgresql://bob:pw@host/app");
        assertThat(s.versionTable()).isEqualTo("alembic_version");
        assertThat(s.versionTableSchema()).contains("meta");
        assertThat(s.historyTable()).isEqualTo("migration_log");
        assertThat(s.fileTemplate()).isEqualTo("{year}_{month}_{day}_{hour}{minute}-{rev}_{slug}");
        assertThat(s.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.transactionPerMigration()).isFalse();
        assertThat(s.truncateSlugLength()).isEqualTo(60);
        assertThat(s.placeholders()).containsExactly(Map.entry("schema", "app"));
    }

    @Test
    void versionLocationsDefaultFollowsScriptLocation() {
        RetortSettings s = SettingsResolver.resolve(given(ConfigKey.SCRIPT_LOCATION, "/abs/db"), BASE);

        assertThat(s.versionLocations()).containsExactly(Path.of("/abs/db/versions"));
    }

    @Test
    void emptyUrlAndEmptySchemaMeanNone() {
        RetortSettings s = SettingsResolver.resolve(given(ConfigKey.URL, "", ConfigKey.VERSION_TABLE_SCHEMA, ""), BASE);

        assertThat(s.url()).isEmpty();
        assertThat(s.versionTableSchema()).isEmpty();
    }

    @Test
    void toStringMasksTheUrlPassword() {
        RetortSettings s = SettingsResolver.resolve(given(ConfigKey.URL, "postgresql://bob:hunter2@host/app"), BASE);

        assertThat(s.toString()).doesNotContain("hunter2").contains("url=Optional[postgresql://bob:***@host/app]");
    }

    static Stream<Arguments> badValues() {
        String known = "{rev} {slug} {epoch} {year} {month} {day} {hour} {minute} {second}";
        return Stream.of(
                // types
                Arguments.of(ConfigKey.TRANSACTION_PER_MIGRATION, "yes",
                        "'transaction_per_migration' must be true or false, got \"yes\""),
                Arguments.of(ConfigKey.SCRIPT_LOCATION, 3L, "'script_location' must be a string, got 3"),
                Arguments.of(ConfigKey.TRUNCATE_SLUG_LENGTH, "40",
                        "'truncate_slug_length' must be an integer, got \"40\"; write 40 without quotes"),
                Arguments.of(ConfigKey.TRANSACTION_PER_MIGRATION, "false",
                        "'transaction_per_migration' must be true or false, got \"false\"; write false without quotes"),
                Arguments.of(ConfigKey.VERSION_TABLE, "retort_history",
                        "'version_table' must differ from 'history_table' (both are \"retort_history\")"),
                Arguments.of(ConfigKey.TRUNCATE_SLUG_LENGTH, 1.5, "'truncate_slug_length' must be an integer, got 1.5"),
                Arguments.of(ConfigKey.VERSION_LOCATIONS, "migrations/versions",
                        "'version_locations' must be a list of strings, got \"migrations/versions\"; "
                                + "write [\"migrations/versions\"]"),
                Arguments.of(ConfigKey.VERSION_LOCATIONS, List.of("a", 2L),
                        "'version_locations[1]' must be a string, got 2"),
                Arguments.of(ConfigKey.PLACEHOLDERS, "schema=app",
                        "'placeholders' must be a table of strings, got \"schema=app\""),
                Arguments.of(ConfigKey.PLACEHOLDERS, Map.of("n", 1L), "'placeholders.n' must be a string, got 1"),
                Arguments.of(ConfigKey.URL, List.of("a"), "'url' must be a string, got [\"a\"]"),
                Arguments.of(ConfigKey.URL, List.of("postgresql://bob:hunter2@h/db"),
                        "'url' must be a string, got [\"postgresql://bob:***@h/db\"]"),
                Arguments.of(ConfigKey.TIMEZONE, "say \"hi\"\n",
                        "'timezone' is not a known time zone: \"say \\\"hi\\\"\\n\"; use a region such as "
                                + "\"Europe/Berlin\", an offset such as \"+02:00\", or \"UTC\""),
                // meanings
                Arguments.of(ConfigKey.SCRIPT_LOCATION, "", "'script_location' must not be empty"),
                Arguments.of(ConfigKey.SCRIPT_LOCATION, "a\0b", "'script_location' is not a valid path: "
                        + "Nul character not allowed in \"a\\u0000b\""),
                Arguments.of(ConfigKey.VERSION_LOCATIONS, List.of(),
                        "'version_locations' must name at least one directory; leave it out for "
                                + "[<script_location>/versions]"),
                Arguments.of(ConfigKey.VERSION_LOCATIONS, List.of("v", ""),
                        "'version_locations' must not contain an empty string"),
                Arguments.of(ConfigKey.VERSION_LOCATIONS, List.of("v", "./v/"),
                        "'version_locations' names the same directory twice: \"v\" and \"./v/\""),
                Arguments.of(ConfigKey.URL, "postgresql://bob:hunter2@:5432/db",
                        "'url' is invalid: Malformed database URL 'postgresql://bob:***@:5432/db': missing host"),
                Arguments.of(ConfigKey.VERSION_TABLE, "", "'version_table' must not be empty"),
                Arguments.of(ConfigKey.HISTORY_TABLE, "", "'history_table' must not be empty"),
                Arguments.of(ConfigKey.VERSION_TABLE, "v".repeat(64),
                        "'version_table' must be at most 63 bytes long (PostgreSQL's limit for names), got 64"),
                Arguments.of(ConfigKey.HISTORY_TABLE, "ä".repeat(32),
                        "'history_table' must be at most 63 bytes long (PostgreSQL's limit for names), got 64"),
                Arguments.of(ConfigKey.VERSION_TABLE_SCHEMA, "s".repeat(64),
                        "'version_table_schema' must be at most 63 bytes long (PostgreSQL's limit for names), got "
                                + "64"),
                Arguments.of(ConfigKey.HISTORY_TABLE, "retort_version",
                        "'history_table' must differ from 'version_table' (both are \"retort_version\")"),
                Arguments.of(ConfigKey.FILE_TEMPLATE, "{slug}",
                        "'file_template' must contain {rev}, which keeps file names unique; known tokens: " + known),
                Arguments.of(ConfigKey.FILE_TEMPLATE, "{rev}_{date}",
                        "'file_template' has unknown token {date}; known tokens: " + known),
                Arguments.of(ConfigKey.TIMEZONE, "Mars/Olympus_Mons",
                        "'timezone' is not a known time zone: \"Mars/Olympus_Mons\"; use a region such as "
                                + "\"Europe/Berlin\", an offset such as \"+02:00\", or \"UTC\""),
                Arguments.of(ConfigKey.TIMEZONE, "utc",
                        "'timezone' is not a known time zone: \"utc\"; did you mean \"UTC\"?"),
                Arguments.of(ConfigKey.TRUNCATE_SLUG_LENGTH, 0L,
                        "'truncate_slug_length' must be greater than 0, got 0"),
                Arguments.of(ConfigKey.TRUNCATE_SLUG_LENGTH, -3L,
                        "'truncate_slug_length' must be greater than 0, got -3"),
                Arguments.of(ConfigKey.TRUNCATE_SLUG_LENGTH, 1L << 40,
                        "'truncate_slug_length' must be at most 2147483647, got 1099511627776"),
                Arguments.of(ConfigKey.PLACEHOLDERS, Map.of("", "x"),
                        "'placeholders' has an entry with an empty name"),
                Arguments.of(ConfigKey.STATEMENT_LOCK_TIMEOUT, 5L,
                        "'statement_lock_timeout' must be a duration in quotes, such as \"5s\" or \"10min\", got 5;"
                                + " write it in quotes with a unit, e.g. \"5s\""),
                Arguments.of(ConfigKey.STATEMENT_LOCK_TIMEOUT, "5 seconds",
                        "'statement_lock_timeout' is invalid: '5 seconds' has an unknown unit 'seconds'; write a whole"
                                + " number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none)"),
                Arguments.of(ConfigKey.STATEMENT_TIMEOUT, "10m",
                        "'statement_timeout' is invalid: '10m' is ambiguous; write 10min for minutes or 10ms for"
                                + " milliseconds"),
                Arguments.of(ConfigKey.LOCK_TIMEOUT_BACKOFF, "1000",
                        "'lock_timeout_backoff' is invalid: '1000' has no unit; write 1000s for seconds or 1000ms for"
                                + " milliseconds"),
                Arguments.of(ConfigKey.LOCK_TIMEOUT_RETRIES, -1L,
                        "'lock_timeout_retries' must be between 0 and 2147483647, got -1"),
                Arguments.of(ConfigKey.VALIDATE_ON_UPGRADE, "no",
                        "'validate_on_upgrade' must be true or false, got \"no\""),
                Arguments.of(ConfigKey.REVISION_FORMAT, "kotlin",
                        "'revision_format' must be \"sql\" or \"java\", got \"kotlin\""),
                Arguments.of(ConfigKey.REVISION_FORMAT, "Java",
                        "'revision_format' must be \"sql\" or \"java\", got \"Java\""),
                Arguments.of(ConfigKey.JAVA_PACKAGE, "com.example.",
                        "'java_package' is not a Java package name: \"com.example.\"; write it as"
                                + " com.example.revisions"),
                Arguments.of(ConfigKey.JAVA_CLASSPATH, List.of("lib/revisions.jar"),
                        "'java_classpath' is set but 'java_package' is not; name the package of the precompiled"
                                + " revisions in java_package"),
                Arguments.of(ConfigKey.JAVA_CLASSPATH, "lib/revisions.jar",
                        "'java_classpath' must be a list of strings, got \"lib/revisions.jar\"; write"
                                + " [\"lib/revisions.jar\"]"));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @MethodSource("badValues")
    void rejectsBadValuesNamingKeyAndOrigin(ConfigKey key, Object value, String message) {
        assertThatThrownBy(() -> SettingsResolver.resolve(given(key, value), BASE))
                .isInstanceOf(ConfigException.class)
                .hasMessage(AT + ": " + message);
    }

    @Test
    void reportsEveryProblemInKeyOrder() {
        Map<ConfigKey, ConfigValue> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.TRUNCATE_SLUG_LENGTH, new ConfigValue(0L, "retort.toml:2"));
        values.put(ConfigKey.SCRIPT_LOCATION, new ConfigValue(false, "retort.toml:9"));

        assertThatThrownBy(() -> SettingsResolver.resolve(values, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "retort.toml:9: 'script_location' must be a string, got false",
                        "retort.toml:2: 'truncate_slug_length' must be greater than 0, got 0"))
                .hasMessage("retort.toml:9: 'script_location' must be a string, got false\n"
                        + "retort.toml:2: 'truncate_slug_length' must be greater than 0, got 0");
    }

    @Test
    void valuesWithoutOriginHaveNoPrefix() {
        assertThatThrownBy(() -> SettingsResolver.resolve(Map.of(ConfigKey.TIMEZONE, ConfigValue.of("Nowhere")), BASE))
                .hasMessageStartingWith("'timezone' is not a known time zone: \"Nowhere\"");
    }
}
