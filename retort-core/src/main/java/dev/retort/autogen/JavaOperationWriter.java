package dev.retort.autogen;

import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateExtension;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateSchema;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateView;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropEnumType;
import dev.retort.ops.DropExtension;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropSchema;
import dev.retort.ops.DropSequence;
import dev.retort.ops.DropTable;
import dev.retort.ops.DropView;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationVisitor;
import dev.retort.ops.RenameTable;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.SetTableOptions;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes operations as the Java a person would write in a revision: {@code op.addColumn("books",
 * column("author", varchar(100)).notNull());}, one statement per operation, in the facade's
 * simplest form. What the facade cannot say briefly (an unnamed unique constraint, say) is
 * written with the schema records themselves. {@link #imports()} lists what the statements need.
 *
 * <p>Not thread-safe; one per file written.
 */
public final class JavaOperationWriter implements OperationVisitor<String> {

    private final TreeSet<String> imports = new TreeSet<>();

    /** The statements, one per operation (a batch spans lines), each ending in {@code ;}. */
    public List<String> write(List<Operation> operations) {
        List<String> lines = new ArrayList<>();
        for (Operation operation : operations) {
            lines.add(operation.accept(this));
        }
        return lines;
    }

    /** The import lines the written statements need, sorted, {@code import static} ones first. */
    public List<String> imports() {
        List<String> lines = new ArrayList<>();
        imports.stream().filter(i -> i.startsWith("static ")).forEach(i -> lines.add("import " + i + ";"));
        imports.stream().filter(i -> !i.startsWith("static ")).forEach(i -> lines.add("import " + i + ";"));
        return lines;
    }

    // ------------------------------------------------------------------------------------------
    // operations

    @Override
    public String visit(CreateTable op) {
        Table table = op.table();
        List<String> elements = new ArrayList<>();
        for (Column column : table.columns()) {
            elements.add(column(column));
        }
        table.primaryKey().ifPresent(key -> elements.add(primaryKey(key)));
        table.uniques().forEach(u -> elements.add(constraint(u)));
        table.checks().forEach(c -> elements.add(constraint(c)));
        table.foreignKeys().forEach(f -> elements.add(constraint(f)));
        table.indexes().forEach(i -> elements.add(index(i)));
        table.comment().ifPresent(c -> elements.add(tables("comment") + "(" + string(c) + ")"));
        table.storageParameters().forEach((k, v) -> elements.add(tables("storage") + "(" + string(k) + ", "
                + string(v) + ")"));
        table.mysqlOptions().forEach((k, v) -> elements.add(mysqlOption(k, v)));
        return scope(table.name()) + (op.ifNotExists() ? "createTableIfNotExists(" : "createTable(")
                + string(table.name().name()) + ",\n        " + String.join(",\n        ", elements) + ");";
    }

    @Override
    public String visit(DropTable op) {
        return scope(op.table()) + (op.ifExists() ? "dropTableIfExists(" : "dropTable(") + string(op.table().name())
                + ");";
    }

    @Override
    public String visit(RenameTable op) {
        return scope(op.table()) + "renameTable(" + string(op.table().name()) + ", " + string(op.newName()) + ");";
    }

    @Override
    public String visit(SetTableComment op) {
        return scope(op.table()) + op.comment().map(c -> "createTableComment(" + string(op.table().name()) + ", "
                + string(c) + ");").orElse("dropTableComment(" + string(op.table().name()) + ");");
    }

    @Override
    public String visit(AddColumn op) {
        String position = op.position().map(p -> ", " + position(p)).orElse("");
        return scope(op.table()) + (op.ifNotExists() ? "addColumnIfNotExists(" : "addColumn(")
                + string(op.table().name()) + ", " + column(op.column()) + position + ");";
    }

    @Override
    public String visit(DropColumn op) {
        return scope(op.table()) + (op.ifExists() ? "dropColumnIfExists(" : "dropColumn(") + string(op.table().name())
                + ", " + string(op.column()) + ");";
    }

    @Override
    public String visit(AlterColumn op) {
        StringBuilder change = new StringBuilder("c -> c");
        op.type().ifPresent(t -> change.append(".type(").append(type(t)).append(')'));
        op.using().ifPresent(u -> change.append(".using(").append(string(u)).append(')'));
        op.nullable().ifPresent(n -> change.append(n ? ".nullable(true)" : ".notNull()"));
        op.serverDefault().ifPresent(d -> change.append(d.value().map(v -> v instanceof DefaultValue.Expression e
                ? ".serverDefaultExpression(" + string(e.sql()) + ")"
                : ".serverDefault(" + importing("dev.retort.schema.DefaultValue") + ".literal(" + literal(
                ((DefaultValue.Literal) v).value()) + "))").orElse(".dropServerDefault()")));
        op.comment().ifPresent(c -> change.append(c.value().map(v -> ".comment(" + string(v) + ")")
                .orElse(".dropComment()")));
        op.newName().ifPresent(n -> change.append(".rename(").append(string(n)).append(')'));
        // MySQL restates the whole column; offline scripts need to know what it was
        op.existing().ifPresent(e -> change.append("\n                .existing(").append(column(e)).append(')'));
        return scope(op.table()) + "alterColumn(" + string(op.table().name()) + ", " + string(op.column()) + ", "
                + change + ");";
    }

    @Override
    public String visit(CreateIndex op) {
        List<String> options = new ArrayList<>();
        if (op.concurrently()) {
            options.add(importing("dev.retort.ops.IndexOption") + ".CONCURRENTLY");
        }
        if (op.ifNotExists()) {
            options.add(importing("dev.retort.ops.IndexOption") + ".IF_NOT_EXISTS");
        }
        return scope(op.index().table()) + "createIndex(" + string(op.index().table().name()) + ", "
                + index(op.index()) + options.stream().map(o -> ", " + o).collect(Collectors.joining()) + ");";
    }

    @Override
    public String visit(DropIndex op) {
        List<String> arguments = new ArrayList<>();
        arguments.add(string(op.index().name()));
        arguments.add(op.table().map(t -> string(t.name())).orElse("null"));
        if (op.concurrently()) {
            arguments.add(importing("dev.retort.ops.IndexOption") + ".CONCURRENTLY");
        }
        if (op.ifExists()) {
            arguments.add(importing("dev.retort.ops.IndexOption") + ".IF_EXISTS");
        }
        return scope(op.index()) + "dropIndex(" + String.join(", ", arguments) + ");";
    }

    @Override
    public String visit(AddConstraint op) {
        String method = op.notValid() ? "addConstraintNotValid(" : "addConstraint(";
        return scope(op.table()) + method + string(op.table().name()) + ", " + constraint(op.constraint()) + ");";
    }

    @Override
    public String visit(DropConstraint op) {
        String type = op.type().map(t -> ", " + importing("dev.retort.schema.ConstraintType") + "." + t.name())
                .orElse("");
        return scope(op.table()) + "dropConstraint(" + string(op.name()) + ", " + string(op.table().name()) + type
                + ");";
    }

    @Override
    public String visit(ValidateConstraint op) {
        return scope(op.table()) + "validateConstraint(" + string(op.table().name()) + ", " + string(op.name()) + ");";
    }

    @Override
    public String visit(Execute op) {
        String parameters = op.parameters().stream().map(p -> ", " + literal(p)).collect(Collectors.joining());
        return (op.transactional() ? "op.execute(" : "op.executeOutsideTransaction(") + string(op.sql()) + parameters
                + ");";
    }

    @Override
    public String visit(BulkInsert op) {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : op.rows()) {
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < op.columns().size(); i++) {
                entries.add(importing("java.util.Map") + ".entry(" + string(op.columns().get(i)) + ", "
                        + literal(row.get(i)) + ")");
            }
            rows.add("Map.ofEntries(" + String.join(", ", entries) + ")");
        }
        return scope(op.table()) + "bulkInsert(" + string(op.table().name()) + ", " + importing("java.util.List")
                + ".of(\n        " + String.join(",\n        ", rows) + "));";
    }

    @Override
    public String visit(CreateSchema op) {
        return "op.createSchema(" + string(op.name()) + ");";
    }

    @Override
    public String visit(DropSchema op) {
        return (op.cascade() ? "op.dropSchemaCascade(" : "op.dropSchema(") + string(op.name()) + ");";
    }

    @Override
    public String visit(CreateExtension op) {
        return "op.createExtension(" + string(op.name()) + ");";
    }

    @Override
    public String visit(DropExtension op) {
        return "op.dropExtension(" + string(op.name()) + ");";
    }

    @Override
    public String visit(CreateEnumType op) {
        return scope(op.name()) + "createEnumType(" + string(op.name().name()) + strings(op.values()) + ");";
    }

    @Override
    public String visit(DropEnumType op) {
        return scope(op.name()) + "dropEnumType(" + string(op.name().name())
                + op.values().map(JavaOperationWriter::strings).orElse("") + ");";
    }

    @Override
    public String visit(AddEnumValue op) {
        String prefix = scope(op.type());
        if (op.before().isPresent()) {
            return prefix + "addEnumValueBefore(" + string(op.type().name()) + ", " + string(op.value()) + ", "
                    + string(op.before().get()) + ");";
        }
        if (op.after().isPresent()) {
            return prefix + "addEnumValueAfter(" + string(op.type().name()) + ", " + string(op.value()) + ", "
                    + string(op.after().get()) + ");";
        }
        return prefix + "addEnumValue(" + string(op.type().name()) + ", " + string(op.value()) + ");";
    }

    @Override
    public String visit(CreateSequence op) {
        StringBuilder options = new StringBuilder();
        op.start().ifPresent(v -> options.append(".startWith(").append(v).append("L)"));
        op.increment().ifPresent(v -> options.append(".incrementBy(").append(v).append("L)"));
        op.minValue().ifPresent(v -> options.append(".minValue(").append(v).append("L)"));
        op.maxValue().ifPresent(v -> options.append(".maxValue(").append(v).append("L)"));
        op.cache().ifPresent(v -> options.append(".cache(").append(v).append("L)"));
        if (op.cycle()) {
            options.append(".withCycle()");
        }
        if (op.ifNotExists()) {
            options.append(".withIfNotExists()");
        }
        String name = string(op.name().name());
        return scope(op.name()) + (options.isEmpty() ? "createSequence(" + name + ");"
                : "createSequence(" + name + ", s -> s" + options + ");");
    }

    @Override
    public String visit(DropSequence op) {
        return scope(op.name()) + "dropSequence(" + string(op.name().name()) + ");";
    }

    @Override
    public String visit(SetStorageParameters op) {
        return scope(op.table()) + "setStorageParameters(" + string(op.table().name()) + ", " + map(op.parameters())
                + ");";
    }

    @Override
    public String visit(ResetStorageParameters op) {
        return scope(op.table()) + "resetStorageParameters(" + string(op.table().name()) + strings(op.names()) + ");";
    }

    @Override
    public String visit(SetTableOptions op) {
        return scope(op.table()) + "setTableOptions(" + string(op.table().name()) + ", " + map(op.options()) + ");";
    }

    @Override
    public String visit(CreateView op) {
        return scope(op.view().name()) + "createView(" + string(op.view().name().name()) + ", "
                + string(op.view().definition()) + ");";
    }

    @Override
    public String visit(DropView op) {
        return scope(op.name()) + "dropView(" + string(op.name().name()) + ");";
    }

    @Override
    public String visit(BatchAlterTable op) {
        List<String> inner = new ArrayList<>();
        for (Operation operation : op.operations()) {
            inner.add("    " + batchStatement(operation));
        }
        String recreate = op.recreate() == BatchAlterTable.Recreate.AUTO ? ""
                : importing("dev.retort.ops.BatchAlterTable") + ".Recreate." + op.recreate().name() + ", ";
        return scope(op.table()) + "batchAlterTable(" + string(op.table().name()) + ", " + recreate + "b -> {\n"
                + String.join("\n", inner) + "\n});";
    }

    /** An operation of a batch, through {@link dev.retort.ops.BatchOperations}, which takes no table argument. */
    private String batchStatement(Operation operation) {
        if (operation instanceof AddColumn add) {
            return "b.addColumn(" + column(add.column()) + add.position().map(p -> ", " + position(p)).orElse("")
                    + ");";
        }
        if (operation instanceof DropColumn drop) {
            return "b.dropColumn(" + string(drop.column()) + ");";
        }
        if (operation instanceof AlterColumn alter) {
            String statement = visit(alter);
            return "b.alterColumn(" + statement.substring(statement.indexOf(", ") + 2);
        }
        if (operation instanceof CreateIndex create) {
            return "b.createIndex(" + index(create.index()) + ");";
        }
        if (operation instanceof DropIndex drop) {
            return "b.dropIndex(" + string(drop.index().name()) + ");";
        }
        if (operation instanceof AddConstraint add) {
            return "b.addConstraint(" + constraint(add.constraint()) + ");";
        }
        if (operation instanceof DropConstraint drop) {
            return "b.dropConstraint(" + string(drop.name()) + drop.type().map(t -> ", "
                    + importing("dev.retort.schema.ConstraintType") + "." + t.name()).orElse("") + ");";
        }
        if (operation instanceof SetTableComment comment) {
            return comment.comment().map(c -> "b.createTableComment(" + string(c) + ");")
                    .orElse("b.dropTableComment();");
        }
        if (operation instanceof Execute execute && execute.parameters().isEmpty() && execute.transactional()) {
            return "b.execute(" + string(execute.sql()) + ");";
        }
        throw new IllegalArgumentException("a batch cannot hold: " + operation.describe());
    }

    // ------------------------------------------------------------------------------------------
    // schema objects as Java expressions

    /** {@code column("name", varchar(100)).notNull()...}. */
    public String column(Column column) {
        StringBuilder java = new StringBuilder(types("column")).append('(').append(string(column.name())).append(", ")
                .append(type(column.type())).append(')');
        column.identity().ifPresent(identity -> java.append(identity(identity)));
        if (!column.nullable() && column.identity().isEmpty()) {
            java.append(".notNull()");
        }
        column.serverDefault().ifPresent(value -> java.append(defaultValue(value)));
        column.generated().ifPresent(expression -> java.append(".generatedAs(").append(string(expression)).append(')'));
        column.comment().ifPresent(comment -> java.append(".comment(").append(string(comment)).append(')'));
        return java.toString();
    }

    private String identity(Identity identity) {
        if (!identity.always() && identity.start().isEmpty() && identity.increment().isEmpty()) {
            return ".autoincrement()";
        }
        StringBuilder java = new StringBuilder(".identity(").append(importing("dev.retort.schema.Identity"))
                .append(identity.always() ? ".generatedAlways()" : ".byDefault()");
        identity.start().ifPresent(v -> java.append(".startWith(").append(v).append("L)"));
        identity.increment().ifPresent(v -> java.append(".incrementBy(").append(v).append("L)"));
        return java.append(')').toString();
    }

    private String defaultValue(DefaultValue value) {
        if (value instanceof DefaultValue.Expression expression) {
            return ".serverDefaultExpression(" + string(expression.sql()) + ")";
        }
        Object literal = ((DefaultValue.Literal) value).value();
        if (literal instanceof Integer || literal instanceof Long) {
            return ".serverDefault(" + literal + "L)";
        }
        return ".serverDefault(" + literal(literal) + ")";
    }

    /** A type as the {@code Types} factory call that makes it. */
    public String type(ColumnType type) {
        if (type instanceof ColumnType.IntegerType integer) {
            return types(switch (integer.bytes()) {
                case 2 -> "smallint";
                case 4 -> "integer";
                default -> "bigint";
            }) + "()";
        }
        if (type instanceof ColumnType.BooleanType) {
            return types("bool") + "()";
        }
        if (type instanceof ColumnType.VarcharType varchar) {
            return types("varchar") + "(" + varchar.length() + ")";
        }
        if (type instanceof ColumnType.CharType character) {
            return types("character") + "(" + character.length() + ")";
        }
        if (type instanceof ColumnType.TextType) {
            return types("text") + "()";
        }
        if (type instanceof ColumnType.NumericType numeric) {
            String arguments = numeric.precision().isEmpty() ? "" : numeric.precision().getAsInt()
                    + (numeric.scale().isPresent() ? ", " + numeric.scale().getAsInt() : "");
            return types("numeric") + "(" + arguments + ")";
        }
        if (type instanceof ColumnType.FloatType floating) {
            return types(floating.bytes() == 4 ? "real" : "doublePrecision") + "()";
        }
        if (type instanceof ColumnType.DateType) {
            return types("date") + "()";
        }
        if (type instanceof ColumnType.TimeType time) {
            return types(time.withTimeZone() ? "timeTz" : "time") + "()";
        }
        if (type instanceof ColumnType.TimestampType timestamp) {
            return types(timestamp.withTimeZone() ? "timestampTz" : "timestamp") + "()";
        }
        if (type instanceof ColumnType.UuidType) {
            return types("uuid") + "()";
        }
        if (type instanceof ColumnType.JsonType json) {
            return types(json.binary() ? "jsonb" : "json") + "()";
        }
        if (type instanceof ColumnType.BinaryType binary) {
            return types("binary") + "(" + (binary.length().isPresent() ? binary.length().getAsInt() : "") + ")";
        }
        if (type instanceof ColumnType.EnumType enumeration) {
            String name = enumeration.schema().isPresent()
                    ? importing("dev.retort.schema.QualifiedName") + ".of(" + string(enumeration.schema().get()) + ", "
                    + string(enumeration.name()) + ")" : string(enumeration.name());
            return types("enumType") + "(" + name + strings(enumeration.values()) + ")";
        }
        if (type instanceof ColumnType.ArrayType array) {
            return types("array") + "(" + type(array.element()) + ")";
        }
        if (type instanceof ColumnType.VectorType vector) {
            return types("vector") + "(" + vector.dimensions() + ")";
        }
        return types("raw") + "(" + string(((ColumnType.RawType) type).sql()) + ")";
    }

    private String primaryKey(PrimaryKey key) {
        return key.name().map(n -> tables("namedPrimaryKey") + "(" + string(n) + strings(key.columns()) + ")")
                .orElse(tables("primaryKey") + "(" + String.join(", ", key.columns().stream()
                        .map(JavaOperationWriter::string).toList()) + ")");
    }

    /** A constraint as the {@code Tables} call (or record) that makes it. */
    public String constraint(TableConstraint constraint) {
        if (constraint instanceof PrimaryKey key) {
            return primaryKey(key);
        }
        if (constraint instanceof UniqueConstraint unique) {
            String base = unique.name().isPresent()
                    ? tables("unique") + "(" + string(unique.name().get()) + strings(unique.columns()) + ")"
                    : "new " + importing("dev.retort.schema.UniqueConstraint") + "(" + importing("java.util.Optional")
                    + ".empty(), " + importing("java.util.List") + ".of(" + String.join(", ",
                    unique.columns().stream().map(JavaOperationWriter::string).toList()) + "), Optional.empty())";
            return base + unique.deferrable().map(d -> ".deferrable(" + importing("dev.retort.schema.Deferrable")
                    + "." + d.name() + ")").orElse("");
        }
        if (constraint instanceof CheckConstraint check) {
            return check.name().map(n -> tables("check") + "(" + string(n) + ", " + string(check.condition()) + ")")
                    .orElse("new " + importing("dev.retort.schema.CheckConstraint") + "("
                            + importing("java.util.Optional") + ".empty(), " + string(check.condition()) + ")");
        }
        if (constraint instanceof ForeignKey key) {
            return foreignKey(key);
        }
        ExcludeConstraint exclude = (ExcludeConstraint) constraint;
        String elements = exclude.elements().stream().map(e -> "new ExcludeConstraint.Element(" + string(e.expression())
                + ", " + string(e.operator()) + ")").collect(Collectors.joining(", "));
        return "new " + importing("dev.retort.schema.ExcludeConstraint") + "(" + importing("java.util.Optional") + "."
                + exclude.name().map(n -> "of(" + string(n) + ")").orElse("empty()") + ", " + string(exclude.using())
                + ", " + importing("java.util.List") + ".of(" + elements + "), "
                + exclude.where().map(w -> "Optional.of(" + string(w) + ")").orElse("Optional.empty()") + ")";
    }

    private String foreignKey(ForeignKey key) {
        String start = key.name().map(n -> tables("foreignKey") + "(" + string(n) + strings(key.columns()) + ")")
                .orElse(importing("dev.retort.schema.ForeignKey") + ".from(" + importing("java.util.Optional")
                        + ".empty(), " + importing("java.util.List") + ".of(" + String.join(", ",
                        key.columns().stream().map(JavaOperationWriter::string).toList()) + "))");
        String referenced = key.referencedTable().schema().isPresent()
                ? importing("dev.retort.schema.QualifiedName") + ".of(" + string(key.referencedTable().schema().get())
                + ", " + string(key.referencedTable().name()) + ")"
                : string(key.referencedTable().name());
        StringBuilder java = new StringBuilder(start).append(".references(").append(referenced)
                .append(strings(key.referencedColumns())).append(')');
        key.onDelete().ifPresent(a -> java.append(".onDelete(").append(action(a.name())).append(')'));
        key.onUpdate().ifPresent(a -> java.append(".onUpdate(").append(action(a.name())).append(')'));
        key.deferrable().ifPresent(d -> java.append(".deferrable(").append(importing("dev.retort.schema.Deferrable"))
                .append('.').append(d.name()).append(')'));
        key.match().ifPresent(m -> java.append(".match(").append(string(m)).append(')'));
        return java.toString();
    }

    private String action(String name) {
        imports.add("static dev.retort.schema.ReferentialAction." + name);
        return name;
    }

    /** An index as the {@code Tables.index} call and refinements that make it. */
    public String index(Index index) {
        List<IndexElement> elements = index.elements();
        boolean plain = elements.stream().allMatch(e -> !e.expression() && e.operatorClass().isEmpty()
                && !e.descending() && e.nulls().isEmpty());
        StringBuilder java = new StringBuilder(tables("index")).append('(').append(string(index.name()));
        if (plain) {
            elements.forEach(e -> java.append(", ").append(string(e.text())));
            java.append(')');
        } else {
            java.append(").on(").append(elements.stream().map(this::indexElement).collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (index.isUnique()) {
            java.append(".unique()");
        }
        index.method().ifPresent(m -> java.append(".using(").append(string(m)).append(')'));
        if (!index.include().isEmpty()) {
            java.append(".include(").append(String.join(", ", index.include().stream()
                    .map(JavaOperationWriter::string).toList())).append(')');
        }
        index.parameters().forEach((k, v) -> java.append(".with(").append(string(k)).append(", ").append(string(v))
                .append(')'));
        index.where().ifPresent(w -> java.append(".where(").append(string(w)).append(')'));
        return java.toString();
    }

    private String indexElement(IndexElement element) {
        StringBuilder java = new StringBuilder(tables(element.expression() ? "expression" : "key")).append('(')
                .append(string(element.text())).append(')');
        element.operatorClass().ifPresent(o -> java.append(".operatorClass(").append(string(o)).append(')'));
        if (element.descending()) {
            java.append(".desc()");
        }
        element.nulls().ifPresent(n -> java.append(n == IndexElement.Nulls.FIRST ? ".nullsFirst()" : ".nullsLast()"));
        return java.toString();
    }

    private String mysqlOption(String name, String value) {
        return switch (name) {
            case "ENGINE" -> tables("engine") + "(" + string(value) + ")";
            case "DEFAULT CHARSET" -> tables("charset") + "(" + string(value) + ")";
            case "COLLATE" -> tables("collate") + "(" + string(value) + ")";
            default -> "new " + importing("dev.retort.schema.TableOption") + ".MySqlOption(" + string(name) + ", "
                    + string(value) + ")";
        };
    }

    private String position(ColumnPosition position) {
        String type = importing("dev.retort.ops.ColumnPosition");
        return position instanceof ColumnPosition.After after ? type + ".after(" + string(after.column()) + ")"
                : type + ".first()";
    }

    // ------------------------------------------------------------------------------------------
    // Java syntax

    /** {@code op.} or, for a name in a schema, {@code op.inSchema("s").}. */
    private static String scope(QualifiedName name) {
        return name.schema().map(s -> "op.inSchema(" + string(s) + ").").orElse("op.");
    }

    private String types(String method) {
        imports.add("static dev.retort.schema.Types." + method);
        return method;
    }

    private String tables(String method) {
        imports.add("static dev.retort.schema.Tables." + method);
        return method;
    }

    private String importing(String className) {
        imports.add(className);
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private String map(Map<String, String> values) {
        return importing("java.util.Map") + ".of(" + values.entrySet().stream()
                .map(e -> string(e.getKey()) + ", " + string(e.getValue())).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code , "a", "b"}: the values as trailing string arguments. */
    private static String strings(List<String> values) {
        return values.stream().map(v -> ", " + string(v)).collect(Collectors.joining());
    }

    private String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Long number) {
            return number + "L";
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double number) {
            return number.isInfinite() || number.isNaN() ? "Double." + (number.isNaN() ? "NaN"
                    : number > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY") : number + "d";
        }
        if (value instanceof BigDecimal decimal) {
            return "new " + importing("java.math.BigDecimal") + "(" + string(decimal.toPlainString()) + ")";
        }
        return string(value.toString());
    }

    /** A Java string literal. */
    static String string(String text) {
        StringBuilder java = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> java.append("\\\"");
                case '\\' -> java.append("\\\\");
                case '\n' -> java.append("\\n");
                case '\r' -> java.append("\\r");
                case '\t' -> java.append("\\t");
                default -> {
                    if (c < 0x20) {
                        java.append(String.format("\\u%04x", (int) c));
                    } else {
                        java.append(c);
                    }
                }
            }
        }
        return java.append('"').toString();
    }
}
