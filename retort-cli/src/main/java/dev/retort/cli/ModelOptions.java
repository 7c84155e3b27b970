package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.autogen.DatabaseModel;
import dev.retort.autogen.DdlFileModel;
import dev.retort.autogen.JavaModel;
import dev.retort.autogen.ModelSource;
import dev.retort.autogen.Renames;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.ModelSettings;
import dev.retort.hibernate.HibernateModel;
import dev.retort.hibernate.Naming;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.schema.QualifiedName;
import dev.retort.script.JavaCompilerProvider;
import dev.retort.script.JavaModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of the commands that compare the database with a model ({@code check}, {@code diff},
 * {@code revision --autogenerate}): where the model is, what is renamed, what is compared.
 */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "SOURCE",
            description = "The model: sql:FILE (a DDL file), java:FILE (a SchemaModel class), jpa (JPA entities of"
                    + " model_classpath and model_packages) or db:URL (another database); default: the config's model.")
    String model;

    @Option(names = "--rename-table", paramLabel = "OLD=NEW",
            description = "Table OLD was renamed to NEW: rename it, do not drop and add (repeatable).")
    List<String> renameTables = new ArrayList<>();

    @Option(names = "--rename-column", paramLabel = "TABLE.OLD=NEW",
            description = "Column OLD of TABLE (its new name) was renamed to NEW (repeatable).")
    List<String> renameColumns = new ArrayList<>();

    @Option(names = "--include-table", paramLabel = "PATTERN",
            description = "Compare only tables matching the pattern (* and ?; repeatable).")
    List<String> includeTables = new ArrayList<>();

    @Option(names = "--exclude-table", paramLabel = "PATTERN",
            description = "Leave out tables matching the pattern (* and ?; repeatable).")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "NAME",
            description = "Compare this schema too, besides the default one (repeatable).")
    List<String> schemas = new ArrayList<>();

    /** The model source the flag (paths relative to the working directory) or the config names. */
    ModelSource source(Project project) {
        Path relativeTo = model != null ? project.workingDirectory() : project.baseDirectory();
        String spec = Optional.ofNullable(model).or(() -> project.settings().model().source())
                .orElseThrow(() -> new RetortException("No model to compare with: give --model sql:FILE (a DDL"
                        + " file), java:FILE (a SchemaModel class), jpa (JPA entities) or db:URL (another database),"
                        + " or set model in retort.toml"));
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String value = colon < 0 ? "" : spec.substring(colon + 1);
        switch (kind) {
            case "sql" -> {
                return new DdlFileModel(existing(relativeTo, value, "sql:FILE with the path of a DDL file"), value);
            }
            case "java" -> {
                Path file = existing(relativeTo, value, "java:FILE with the path of a SchemaModel class");
                return new JavaModel(JavaModelFile.compile(file, value, JavaCompilerProvider.SYSTEM), value);
            }
            case "jpa" -> {
                ModelSettings config = project.settings().model();
                if (config.classpath().isEmpty() || config.packages().isEmpty()) {
                    throw new RetortException("A JPA model needs the entities' classes: set model_classpath (e.g."
                            + " [\"target/classes\"]) and model_packages (e.g. [\"com.example.domain\"]) in"
                            + " retort.toml");
                }
                return HibernateModel.builder().classPath(config.classpath()).packages(config.packages())
                        .naming("spring".equals(config.naming()) ? Naming.SPRING_BOOT : Naming.HIBERNATE).build();
            }
            case "db" -> {
                DatabaseUrl url = DatabaseUrl.parse(value, project.workingDirectory());
                project.addSecrets(url.secrets());
                return new DatabaseModel(url.jdbcUrl(), url.connectionProperties(), url.masked());
            }
            default -> throw new RetortException("Unknown model '" + DatabaseUrl.mask(spec) + "': give sql:FILE (a"
                    + " DDL file), java:FILE (a SchemaModel class), jpa (JPA entities) or db:URL (another database)");
        }
    }

    private static Path existing(Path relativeTo, String value, String shape) {
        Path file = relativeTo.resolve(value).normalize();
        if (value.isEmpty() || !Files.isRegularFile(file)) {
            throw new RetortException("Model file " + value + " does not exist; give " + shape);
        }
        return file;
    }

    /** The renames the flags give, and a Java model's {@code @RenamedFrom}s. */
    Renames renames(ModelSource source) {
        Renames renames = renames();
        return source instanceof JavaModel java ? java.renames(renames) : renames;
    }

    /** The renames the flags give. */
    Renames renames() {
        Renames renames = Renames.none();
        for (String rename : renameTables) {
            String[] parts = split(rename, "--rename-table", "OLD=NEW");
            renames = renames.table(QualifiedName.of(parts[0]), parts[1]);
        }
        for (String rename : renameColumns) {
            String[] parts = split(rename, "--rename-column", "TABLE.OLD=NEW");
            int dot = parts[0].lastIndexOf('.');
            if (dot <= 0 || dot == parts[0].length() - 1) {
                throw new RetortException("--rename-column " + rename + ": write TABLE.OLD=NEW, e.g. users.mail=email");
            }
            renames = renames.column(QualifiedName.of(parts[0].substring(0, dot)), parts[0].substring(dot + 1),
                    parts[1]);
        }
        return renames;
    }

    private static String[] split(String value, String flag, String shape) {
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw new RetortException(flag + " " + value + ": write " + shape);
        }
        return new String[] {value.substring(0, equals), value.substring(equals + 1)};
    }

    /** What is compared: the flags' lists and the config's. */
    IntrospectionFilter filter(Project project) {
        ModelSettings config = project.settings().model();
        return new IntrospectionFilter(both(schemas, config.schemas()), both(includeTables, config.includeTables()),
                both(excludeTables, config.excludeTables()), Set.of());
    }

    private static List<String> both(List<String> flags, List<String> config) {
        List<String> all = new ArrayList<>(config);
        flags.stream().filter(f -> !all.contains(f)).forEach(all::add);
        return all;
    }
}
