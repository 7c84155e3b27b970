package dev.retort.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.config.ConfigException;
import dev.retort.config.RetortSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFileTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private Path write(String name, String toml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
        return file;
    }

    private RetortSettings load(String toml, Map<String, String> env) throws IOException {
        write("retort.toml", toml);
        return ConfigFile.load(Optional.empty(), env, dir).settings();
    }

    private void assertFails(String toml, Map<String, String> env, String message) throws IOException {
        write("retort.toml", toml);
        assertThatThrownBy(() -> ConfigFile.load(Optional.empty(), env, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    // ---------------------------------------------------------------- finding the file

    @Test
    void noConfigFile() {
        assertThatThrownBy(() -> ConfigFile.load(Optional.empty(), NO_ENV, dir))
                .isInstanceOf(ConfigFileNotFoundException.class)
                .hasMessage("No config file: looked for ./retort.toml (use -c FILE, set RETORT_CONFIG, "
                        + "or run 'retort init DIR')");
    }

    @Test
    void missingFileFromFlagOrEnvironmentSaysWhereTheNameCameFrom() throws IOException {
        write("retort.toml", "");
        assertThatThrownBy(() -> ConfigFile.locate(Optional.of(Path.of("conf/app.toml")), NO_ENV, dir))
                .isInstanceOf(ConfigFileNotFoundException.class)
                .hasMessage("Config file 'conf/app.toml' (given with -c) does not exist");
        assertThatThrownBy(() -> ConfigFile.locate(Optional.empty(), Map.of("RETORT_CONFIG", "other.toml"), dir))
                .isInstanceOf(ConfigFileNotFoundException.class)
                .hasMessage("Config file 'other.toml' (from $RETORT_CONFIG) does not exist");
        Files.createDirectories(dir.resolve("conf"));
        assertThatThrownBy(() -> ConfigFile.locate(Optional.of(Path.of("conf")), NO_ENV, dir))
                .isInstanceOf(ConfigFileNotFoundException.class)
                .hasMessage("Config file 'conf' (given with -c) is a directory; name the file, e.g. conf/retort.toml");
    }

    @Test
    void readingAMissingFileSaysSo() {
        assertThatThrownBy(() -> ConfigFile.read(Path.of("gone.toml"), NO_ENV, dir))
                .isInstanceOf(ConfigFileNotFoundException.class)
                .hasMessage("Config file 'gone.toml' does not exist");
    }

    @Test
    void flagBeatsEnvironmentBeatsWorkingDirectory() throws IOException {
        write("retort.toml", "");
        write("env.toml", "");
        write("flag.toml", "");
        Map<String, String> env = Map.of("RETORT_CONFIG", "env.toml");

        assertThat(ConfigFile.locate(Optional.of(Path.of("flag.toml")), env, dir)).isEqualTo(Path.of("flag.toml"));
        assertThat(ConfigFile.locate(Optional.empty(), env, dir)).isEqualTo(Path.of("env.toml"));
        assertThat(ConfigFile.locate(Optional.empty(), Map.of("RETORT_CONFIG", ""), dir))
                .isEqualTo(Path.of("retort.toml"));
        assertThat(ConfigFile.locate(Optional.empty(), NO_ENV, dir)).isEqualTo(Path.of("retort.toml"));
    }

    // ---------------------------------------------------------------- reading it

    @Test
    void specExampleReads() throws IOException {
        RetortSettings s = load("""
                [retort]
                script_location = "migrations"                # holds versions/ (and templates, if customised)
                version_locations = ["migrations/versions"]    # optional; several directories form one graph
                url = "${DATABASE_URL:-sqlite:///app.db}"      # ${VAR} and ${VAR:-default} are expanded
                version_table = "retort_version"               # "alembic_version" adopts an Alembic-managed database
                version_table_schema = ""                      # optional
                file_template = "{year}_{month}_{day}_{hour}{minute}-{rev}_{slug}"
                timezone = "UTC"
                transaction_per_migration = true
                """, NO_ENV);

        assertThat(s.scriptLocation()).isEqualTo(dir.resolve("migrations"));
        assertThat(s.versionLocations()).containsExactly(dir.resolve("migrations/versions"));
        assertThat(s.url()).contains("sqlite:///app.db");
        assertThat(s.versionTable()).isEqualTo("retort_version");
        assertThat(s.versionTableSchema()).isEmpty();
        assertThat(s.fileTemplate()).isEqualTo("{year}_{month}_{day}_{hour}{minute}-{rev}_{slug}");
        assertThat(s.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.transactionPerMigration()).isTrue();
    }

    @Test
    void everyKeyIncludingPlaceholdersAsSubTable() throws IOException {
        RetortSettings s = load("""
                [retort]
                history_table = "log"
                truncate_slug_length = 12
                timezone = "Europe/Berlin"
                transaction_per_migration = false

                [retort.placeholders]
                schema = "${APP_SCHEMA:-public}"
                owner = "admin"
                """, Map.of("APP_SCHEMA", "app"));

        assertThat(s.historyTable()).isEqualTo("log");
        assertThat(s.truncateSlugLength()).isEqualTo(12);
        assertThat(s.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.transactionPerMigration()).isFalse();
        assertThat(s.placeholders()).containsOnly(Map.entry("schema", "app"), Map.entry("owner", "admin"));
    }

    @Test
    void emptyFileGivesDefaultsRelativeToItsDirectory() throws IOException {
        Path file = write("conf/retort.toml", "# nothing yet\n");

        ConfigFile config = ConfigFile.read(Path.of("conf/retort.toml"), NO_ENV, dir);

        assertThat(config.path()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(config.settings().scriptLocation()).isEqualTo(dir.resolve("conf/migrations"));
        assertThat(config.settings().versionLocations()).containsExactly(dir.resolve("conf/migrations/versions"));
        assertThat(config.settings().url()).isEmpty();
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesDirectoryNotTheWorkingDirectory() throws IOException {
        write("project/conf/retort.toml", """
                [retort]
                script_location = "../db"
                version_locations = ["../db/versions", "shared", "/opt/versions"]
                """);
        Path elsewhere = Files.createDirectories(dir.resolve("somewhere/else"));

        RetortSettings s = ConfigFile.load(Optional.of(dir.resolve("project/conf/retort.toml")), NO_ENV, elsewhere)
                .settings();

        assertThat(s.scriptLocation()).isEqualTo(dir.resolve("project/db"));
        assertThat(s.versionLocations()).containsExactly(
                dir.resolve("project/db/versions"), dir.resolve("project/conf/shared"), Path.of("/opt/versions"));
    }

    @Test
    void relativeConfigFileFromEnvironmentIsFoundFromTheWorkingDirectory() throws IOException {
        write("conf/retort.toml", "[retort]\nscript_location = \"m\"\n");

        ConfigFile config = ConfigFile.load(Optional.empty(), Map.of("RETORT_CONFIG", "conf/retort.toml"), dir);

        assertThat(config.settings().scriptLocation()).isEqualTo(dir.resolve("conf/m"));
    }

    // ---------------------------------------------------------------- ${VAR} expansion

    @Test
    void defaultIsUsedWhenUnsetOrEmptyAndNotWhenSet() throws IOException {
        String toml = "[retort]\nurl = \"${DATABASE_URL:-sqlite:///app.db}\"\n";

        assertThat(load(toml, NO_ENV).url()).contains("sqlite:///app.db");
        assertThat(load(toml, Map.of("DATABASE_URL", "")).url()).contains("sqlite:///app.db");
        assertThat(load(toml, Map.of("DATABASE_URL", "postgresql://h/db")).url()).contains("postgresql://h/db");
    }

    @Test
    void setButEmptyVariableWithoutDefaultIsEmptyAndAnEmptyUrlIsNoUrl() throws IOException {
        assertThat(load("[retort]\nurl = \"${DATABASE_URL}\"\n", Map.of("DATABASE_URL", "")).url()).isEmpty();
    }

    @Test
    void expandsEveryStringValueAndDoubleDollarIsALiteralDollar() throws IOException {
        RetortSettings s = load("""
                [retort]
                script_location = "${ROOT}/db"
                version_locations = ["${ROOT}/db/versions", "$${NOT_EXPANDED}"]
                version_table = "${PREFIX:-app}_version"
                file_template = "{rev}_{slug}_${SUFFIX:-x}"
                placeholders = { price = "5$$", nested = "${A:-${B:-deep}}" }
                """, Map.of("ROOT", "/srv"));

        assertThat(s.scriptLocation()).isEqualTo(Path.of("/srv/db"));
        assertThat(s.versionLocations()).containsExactly(Path.of("/srv/db/versions"), dir.resolve("${NOT_EXPANDED}"));
        assertThat(s.versionTable()).isEqualTo("app_version");
        assertThat(s.fileTemplate()).isEqualTo("{rev}_{slug}_x");
        assertThat(s.placeholders()).containsOnly(Map.entry("price", "5$"), Map.entry("nested", "deep"));
    }

    // ---------------------------------------------------------------- bad input: exact one-line messages

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("syntax", "[retort]\nurl = \"abc\n",
                        "retort.toml:2:11: Unexpected end of line, expected \" or a character"),
                Arguments.of("duplicate key", "[retort]\nurl = 'a'\nurl = 'b'\n",
                        "retort.toml:3:1: url previously defined at line 2, column 1"),
                Arguments.of("unknown key, near", "[retort]\nscrip_location = \"m\"\n",
                        "retort.toml:2: unknown key 'scrip_location' in [retort]; did you mean 'script_location'?"),
                Arguments.of("unknown key, far", "[retort]\n\nsqlalchemy_url = \"x\"\n",
                        "retort.toml:3: unknown key 'sqlalchemy_url' in [retort]; known keys: script_location, "
                                + "version_locations, url, version_table, version_table_schema, history_table, "
                                + "file_template, timezone, transaction_per_migration, truncate_slug_length, "
                                + "placeholders, validate_on_upgrade, statement_lock_timeout, statement_timeout, "
                                + "lock_timeout_retries, lock_timeout_backoff, revision_format, java_package, "
                                + "java_classpath, model, model_classpath, model_packages, model_naming, "
                                + "autogenerate_schemas, autogenerate_include_tables, autogenerate_exclude_tables, "
                                + "lock_timeout"),
                Arguments.of("unknown sub-table", "[retort]\n[retort.hooks]\nx = 1\n",
                        "retort.toml:2: unknown key 'hooks' in [retort]; known keys: script_location, "
                                + "version_locations, url, version_table, version_table_schema, history_table, "
                                + "file_template, timezone, transaction_per_migration, truncate_slug_length, "
                                + "placeholders, validate_on_upgrade, statement_lock_timeout, statement_timeout, "
                                + "lock_timeout_retries, lock_timeout_backoff, revision_format, java_package, "
                                + "java_classpath, model, model_classpath, model_packages, model_naming, "
                                + "autogenerate_schemas, autogenerate_include_tables, autogenerate_exclude_tables, "
                                + "lock_timeout"),
                Arguments.of("unknown table", "[retort]\nurl = \"sqlite://\"\n\n[database]\nhost = \"x\"\n",
                        "retort.toml:4: unknown table [database]; retort reads only [retort]"),
                Arguments.of("pyproject habit", "[tool.retort]\nurl = \"sqlite://\"\n",
                        "retort.toml:1: unknown table [tool]; write [retort], not [tool.retort]: retort.toml is not "
                                + "pyproject.toml"),
                Arguments.of("key outside [retort]", "url = \"sqlite://\"\n[retort]\n",
                        "retort.toml:1: 'url' must be inside [retort]; move it below the [retort] line"),
                Arguments.of("unknown key outside [retort]", "colour = 1\n",
                        "retort.toml:1: unknown key 'colour' outside [retort]; retort reads only [retort]"),
                Arguments.of("retort not a table", "retort = 1\n",
                        "retort.toml:1: 'retort' must be the table [retort], got a value"),
                Arguments.of("wrong type", "[retort]\nurl = \"sqlite://\"\n\ntransaction_per_migration = \"yes\"\n",
                        "retort.toml:4: 'transaction_per_migration' must be true or false, got \"yes\""),
                Arguments.of("wrong type: number", "[retort]\ntruncate_slug_length = 4.5\n",
                        "retort.toml:2: 'truncate_slug_length' must be an integer, got 4.5"),
                Arguments.of("wrong type: date", "[retort]\ntimezone = 2025-01-01\n",
                        "retort.toml:2: 'timezone' must be a string, got 2025-01-01"),
                Arguments.of("wrong type: list element", "[retort]\nversion_locations = [\"a\", 1]\n",
                        "retort.toml:2: 'version_locations[1]' must be a string, got 1"),
                Arguments.of("wrong type: placeholder", "[retort.placeholders]\nn = 1\n",
                        "retort.toml:1: 'placeholders.n' must be a string, got 1"),
                Arguments.of("bad value", "[retort]\ntruncate_slug_length = 0\n",
                        "retort.toml:2: 'truncate_slug_length' must be greater than 0, got 0"),
                Arguments.of("unset variable", "[retort]\nscript_location = \"m\"\nurl = \"${DATABASE_URL}\"\n",
                        "retort.toml:3: 'url' uses ${DATABASE_URL}, which is not set; set it or write "
                                + "${DATABASE_URL:-default}"),
                Arguments.of("unset variable in a list", "[retort]\nversion_locations = [\"a\", \"${V2}\"]\n",
                        "retort.toml:2: 'version_locations[1]' uses ${V2}, which is not set; set it or write "
                                + "${V2:-default}"),
                Arguments.of("unset variable in a placeholder", "[retort]\nplaceholders = { schema = \"${S}\" }\n",
                        "retort.toml:2: 'placeholders.schema' uses ${S}, which is not set; set it or write "
                                + "${S:-default}"),
                Arguments.of("bad reference", "[retort]\nurl = \"${DATABASE_URL-x}\"\n",
                        "retort.toml:2: 'url' has an unsupported form ${DATABASE_URL-…}; write ${DATABASE_URL} or "
                                + "${DATABASE_URL:-default}, and $$ for a literal $"),
                Arguments.of("backslash dollar is not TOML", "[retort]\nurl = \"\\${X}\"\n",
                        "retort.toml:2:8: Invalid escape sequence '\\$'"),
                Arguments.of("malformed url", "[retort]\nurl = \"postgresql://bob:hunter2@:5432/db\"\n",
                        "retort.toml:2: 'url' is invalid: Malformed database URL 'postgresql://bob:***@:5432/db': "
                                + "missing host"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badFiles")
    void rejectsBadFilesInOneLine(String what, String toml, String message) throws IOException {
        assertFails(toml, NO_ENV, message);
    }

    @Test
    void reportsEveryProblemOrderedByLine() throws IOException {
        assertFails("""
                [retort]
                transaction_per_migration = "yes"
                scrip_location = "m"
                url = "${NOPE}"
                truncate_slug_length = -1

                [extra]
                """, NO_ENV, String.join("\n",
                "retort.toml:2: 'transaction_per_migration' must be true or false, got \"yes\"",
                "retort.toml:3: unknown key 'scrip_location' in [retort]; did you mean 'script_location'?",
                "retort.toml:4: 'url' uses ${NOPE}, which is not set; set it or write ${NOPE:-default}",
                "retort.toml:5: 'truncate_slug_length' must be greater than 0, got -1",
                "retort.toml:7: unknown table [extra]; retort reads only [retort]"));
    }

    @Test
    void messagesNameTheFileAsTheUserNamedIt() throws IOException {
        write("conf/app.toml", "[retort]\ntimezone = \"utc\"\n");

        assertThatThrownBy(() -> ConfigFile.load(Optional.of(Path.of("conf/app.toml")), NO_ENV, dir))
                .hasMessage("conf/app.toml:2: 'timezone' is not a known time zone: \"utc\"; did you mean \"UTC\"?");
    }

    @Test
    void noMessageShowsThePassword() throws IOException {
        String password = "hunter2";
        Map<String, String> env = Map.of("PW", password, "DATABASE_URL", "postgresql://bob:" + password + "@:5432/db");
        List<String> files = List.of(
                "[retort]\nurl = \"postgresql://bob:${PW}@:5432/db\"\n",
                "[retort]\nurl = \"${DATABASE_URL}\"\n",
                "[retort]\nurl = \"${DATABASE_URL}?ssl_ca=/x\"\n",
                "[retort]\nurl = \"postgresql://bob:${PW}@h:99999/db\"\n",
                "[retort]\nurl = \"jdbc:postgresql://bob:${PW}@h/db\"\n",
                "[retort]\nurl = \"oracle://bob:${PW}@h/db\"\n",
                "[retort]\nurl = \"postgresql://h/db?sslpassword=${PW}&connect_timeout=x\"\n",
                "[retort]\nurl = \"h2:file:;PASSWORD=${PW}\"\n",
                "[retort]\nurl = \"postgresql://bob:${PW}@h/db\"\nversion_table = \"${PW}${NOPE}\"\n");
        for (String toml : files) {
            write("retort.toml", toml);
            assertThatThrownBy(() -> ConfigFile.load(Optional.empty(), env, dir))
                    .as(toml)
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password).doesNotContain("\n"));
        }
        write("retort.toml", "[retort]\nurl = \"postgresql://bob:${PW}@h/db\"\n");
        assertThat(ConfigFile.load(Optional.empty(), env, dir).toString()).doesNotContain(password);
    }

    @Test
    void valuesOfSecretLookingVariablesAreMaskedWhereAnErrorQuotesThem() throws IOException {
        Map<String, String> env = Map.of("DB_PASSWORD", "Tr0ub4dor&3", "TZ_NAME", "Mars/Base");

        assertFails("[retort]\ntimezone = \"${DB_PASSWORD}\"\n", env,
                "retort.toml:2: 'timezone' is not a known time zone: \"***\"; use a region such as "
                        + "\"Europe/Berlin\", an offset such as \"+02:00\", or \"UTC\"");
        assertFails("[retort]\ntimezone = \"${TZ_NAME}\"\n", env,
                "retort.toml:2: 'timezone' is not a known time zone: \"Mars/Base\"; use a region such as "
                        + "\"Europe/Berlin\", an offset such as \"+02:00\", or \"UTC\"");
        assertFails("[retort]\nurl = [\"${DATABASE_URL}\"]\n", Map.of("DATABASE_URL", "postgresql://bob:hunter2@h/db"),
                "retort.toml:2: 'url' must be a string, got [\"postgresql://bob:***@h/db\"]");
    }

    // ---------------------------------------------------------------- URL precedence

    static Stream<Arguments> urlPrecedence() {
        Optional<String> none = Optional.empty();
        Map<String, String> env = Map.of("DATABASE_URL", "from-env");
        return Stream.of(
                Arguments.of(Optional.of("flag"), Optional.of("config"), env, Optional.of("flag")),
                Arguments.of(Optional.of("flag"), none, Map.of(), Optional.of("flag")),
                Arguments.of(Optional.of(""), Optional.of("config"), env, Optional.of("")),
                Arguments.of(none, Optional.of("config"), env, Optional.of("config")),
                Arguments.of(none, Optional.of(""), env, Optional.of("from-env")),
                Arguments.of(none, none, env, Optional.of("from-env")),
                Arguments.of(none, none, Map.of("DATABASE_URL", ""), none),
                Arguments.of(none, none, Map.of(), none));
    }

    @ParameterizedTest(name = "[{index}] flag={0} config={1} env={2}")
    @MethodSource("urlPrecedence")
    void chooseUrlFollowsFlagThenConfigThenEnvironment(Optional<String> flag, Optional<String> config,
            Map<String, String> env, Optional<String> expected) {
        assertThat(ConfigFile.chooseUrl(flag, config, env)).isEqualTo(expected);
    }
}
