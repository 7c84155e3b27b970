package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.autogen.SchemaPrinter;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.schema.DatabaseSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort inspect}: the live database as a Java schema model or as DDL, so that a database
 * that already exists can adopt retort: keep the printed model, and {@code check} compares with it.
 */
@Command(name = "inspect", description = "Print the live database as a Java schema model or as DDL.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = "--format", paramLabel = "java|ddl", defaultValue = "java",
            description = "java (a SchemaModel class, the default) or ddl.")
    String format;

    @Option(names = "--class", paramLabel = "NAME", defaultValue = "AppSchema",
            description = "Name of the Java class (default AppSchema).")
    String className;

    @Option(names = "--package", paramLabel = "NAME", defaultValue = "",
            description = "Package of the Java class (default: none).")
    String packageName;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "Dialect of the DDL (default: the database's).")
    String dialect;

    @Option(names = "--include-table", paramLabel = "PATTERN", description = "Only these tables (repeatable).")
    List<String> includeTables = new ArrayList<>();

    @Option(names = "--exclude-table", paramLabel = "PATTERN", description = "Not these tables (repeatable).")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "NAME", description = "This schema too (repeatable).")
    List<String> schemas = new ArrayList<>();

    @Override
    public Integer call() {
        Project project = root.project();
        DatabaseSchema schema = project.retort().inspect(new IntrospectionFilter(schemas, includeTables,
                excludeTables, Set.of()));
        switch (format) {
            case "java" -> {
                if (!className.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                    throw new RetortException("--class " + className + " is not a Java class name");
                }
                root.console.raw(SchemaPrinter.javaModel(schema, packageName, className));
            }
            case "ddl" -> {
                Dialect target = dialect != null ? Dialects.forName(dialect)
                        : Dialects.forJdbcUrl(project.requireUrl().jdbcUrl());
                root.console.raw(SchemaPrinter.ddl(schema, target));
            }
            default -> throw new RetortException("--format " + format + ": give java or ddl");
        }
        return 0;
    }
}
