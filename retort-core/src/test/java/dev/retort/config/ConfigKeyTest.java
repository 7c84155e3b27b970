package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigKeyTest {
    @Test
    void everyKeyIsDefinedOnceWithItsDefault() {
        assertThat(Arrays.stream(ConfigKey.values()).map(ConfigKey::tomlName)).containsExactly(
                "script_location", "version_locations", "url", "version_table", "version_table_schema",
                "history_table", "file_template", "timezone", "transaction_per_migration", "truncate_slug_length",
                "placeholders", "validate_on_upgrade", "statement_lock_timeout", "statement_timeout",
                "lock_timeout_retries", "lock_timeout_backoff", "revision_format", "java_package", "java_classpath",
                "model", "model_classpath", "model_packages", "model_naming", "autogenerate_schemas",
                "autogenerate_include_tables", "autogenerate_exclude_tables", "lock_timeout");
        assertThat(ConfigKey.MODEL.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.MODEL_NAMING.defaultValue()).contains("hibernate");
        assertThat(ConfigKey.SCRIPT_LOCATION.defaultValue()).contains("migrations");
        assertThat(ConfigKey.VERSION_LOCATIONS.defaultValue()).isEmpty();
        assertThat(ConfigKey.VERSION_LOCATIONS.defaultText()).isEqualTo("[<script_location>/versions]");
        assertThat(ConfigKey.URL.defaultValue()).isEmpty();
        assertThat(ConfigKey.URL.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.VERSION_TABLE.defaultValue()).contains("retort_version");
        assertThat(ConfigKey.VERSION_TABLE_SCHEMA.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.HISTORY_TABLE.defaultValue()).contains("retort_history");
        assertThat(ConfigKey.FILE_TEMPLATE.defaultValue()).contains("{rev}_{slug}");
        assertThat(ConfigKey.TIMEZONE.defaultValue()).contains("UTC");
        assertThat(ConfigKey.TRANSACTION_PER_MIGRATION.defaultValue()).contains(true);
        assertThat(ConfigKey.TRUNCATE_SLUG_LENGTH.defaultValue()).contains(40L);
        assertThat(ConfigKey.PLACEHOLDERS.defaultValue()).contains(Map.of());
        assertThat(ConfigKey.PLACEHOLDERS.defaultText()).isEqualTo("{}");
        assertThat(ConfigKey.VALIDATE_ON_UPGRADE.defaultValue()).contains(true);
        assertThat(ConfigKey.STATEMENT_LOCK_TIMEOUT.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.STATEMENT_TIMEOUT.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.LOCK_TIMEOUT_RETRIES.defaultValue()).contains(3L);
        assertThat(ConfigKey.LOCK_TIMEOUT_BACKOFF.defaultText()).isEqualTo("\"1s\"");
        assertThat(ConfigKey.REVISION_FORMAT.defaultValue()).contains("sql");
        assertThat(ConfigKey.JAVA_PACKAGE.defaultText()).isEqualTo("none");
        assertThat(ConfigKey.JAVA_CLASSPATH.defaultText()).isEqualTo("[]");
        assertThat(ConfigKey.LOCK_TIMEOUT.defaultValue()).contains("forever");
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(key.description()).as(key.tomlName()).isNotBlank().doesNotContain("\n");
            assertThat(ConfigKey.fromTomlName(key.tomlName())).contains(key);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "scrip_location, script_location",
        "scirpt_location, script_location",
        "Script-Location, script_location",
        "version_location, version_locations",
        "versions_table, version_table",
        "uri, url",
        "timezon, timezone",
        "transactions_per_migration, transaction_per_migration",
        "placeholder, placeholders",
        "lock-timeout, lock_timeout",
    })
    void suggestsTheNearestKey(String typo, String meant) {
        assertThat(ConfigKey.closest(typo).map(ConfigKey::tomlName)).contains(meant);
    }

    @ParameterizedTest
    @CsvSource({"sqlalchemy.url", "database", "prepend_sys_path", "x"})
    void suggestsNothingForUnrelatedNames(String name) {
        assertThat(ConfigKey.closest(name)).isEmpty();
    }

    @Test
    void namesAreCaseSensitiveAsInToml() {
        assertThat(ConfigKey.fromTomlName("URL")).isEmpty();
    }
}
