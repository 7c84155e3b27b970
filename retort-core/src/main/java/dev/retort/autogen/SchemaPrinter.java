package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.CreateTable;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumDefinition;
import dev.retort.schema.Extension;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Sequence;
import dev.retort.schema.View;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a schema as a Java schema model ({@link dev.retort.schema.SchemaModel}) or as DDL, which is
 * what {@code retort inspect} shows so that an existing database can adopt retort: the printed model
 * compares equal to the database it came from.
 *
 * <p>Stateless; thread-safe.
 */
public final class SchemaPrinter {

    private SchemaPrinter() {
    }

    /** The DDL that creates the schema on the dialect's database, statements ending in {@code ;}. */
    public static String ddl(DatabaseSchema schema, Dialect dialect) {
        StringBuilder out = new StringBuilder();
        for (Operation operation : creation(schema, dialect)) {
            for (RenderedStatement statement : dialect.render(operation, RenderContext.OFFLINE)) {
                out.append(statement.sql()).append(";\n\n");
            }
        }
        return out.toString();
    }

    /** A compilable Java schema model class declaring the schema. */
    public static String javaModel(DatabaseSchema schema, String packageName, String className) {
        JavaOperationWriter writer = new JavaOperationWriter();
        List<String> lines = new ArrayList<>();
        for (String name : schema.schemas()) {
            lines.add("schema.inSchema(" + JavaOperationWriter.string(name) + ");");
        }
        for (Extension extension : schema.extensions()) {
            lines.add("schema.extension(" + JavaOperationWriter.string(extension.name()) + ");");
        }
        for (EnumDefinition definition : schema.enums()) {
            lines.add(scope(definition.name()) + "enumType(" + JavaOperationWriter.string(definition.name().name())
                    + definition.values().stream().map(v -> ", " + JavaOperationWriter.string(v))
                    .reduce("", String::concat) + ");");
        }
        for (Sequence sequence : schema.sequences()) {
            lines.add(scope(sequence.name()) + "sequence(" + JavaOperationWriter.string(sequence.name().name()) + ");");
        }
        for (dev.retort.schema.Table table : schema.tables()) {
            // a model declares each table whole (foreign keys too): order does not matter there.
            // "op.createTable(" written by the operation writer becomes "schema.table("
            String statement = writer.visit(new CreateTable(table, false));
            String call = statement.substring(statement.indexOf("createTable(") + "createTable(".length());
            lines.add(scope(table.name()) + "table(" + call);
        }
        for (View view : schema.views()) {
            lines.add(scope(view.name()) + "view(" + JavaOperationWriter.string(view.name().name()) + ", "
                    + JavaOperationWriter.string(view.definition()) + ");");
        }
        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        List<String> imports = new ArrayList<>(writer.imports());
        imports.add("import dev.retort.schema.SchemaBuilder;");
        imports.add("import dev.retort.schema.SchemaModel;");
        imports.forEach(i -> out.append(i).append('\n'));
        out.append("\n/** The schema as retort inspect read it. */\n");
        out.append("public class ").append(className).append(" implements SchemaModel {\n");
        out.append("    @Override\n    public void define(SchemaBuilder schema) {\n");
        for (String line : lines) {
            out.append("        ").append(line.replace("\n", "\n        ")).append('\n');
        }
        out.append("    }\n}\n");
        return out.toString();
    }

    /** The operations that create the schema from nothing on the dialect's database, in an order that runs. */
    private static List<Operation> creation(DatabaseSchema schema, Dialect dialect) {
        return SchemaComparator.compare(DatabaseSchema.empty(), schema, Renames.none(), dialect).upgrade();
    }

    private static String scope(QualifiedName name) {
        return name.schema().map(s -> "schema.inSchema(" + JavaOperationWriter.string(s) + ").").orElse("schema.");
    }
}
