package dev.retort.dialect.sqlite;

import dev.retort.ops.AlterColumn;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Java a revision would write, for refusals that name the exact call to make instead
 * ({@code op.batchAlterTable("books", b -> b.alterColumn("pages", c -> c.type(bigint())))}), in the
 * vocabulary of {@code Types}, {@code Tables} and the operations API.
 *
 * <p>Stateless and thread-safe.
 */
final class JavaSpelling {

    private JavaSpelling() {
    }

    /** {@code op.batchAlterTable("t", b -> b.<call>)}, scoped with {@code inSchema} when the table has a schema. */
    static String batch(QualifiedName table, String call) {
        return "op." + table.schema().map(s -> "inSchema(" + string(s) + ").").orElse("") + "batchAlterTable("
                + string(table.name()) + ", b -> b." + call + ")";
    }

    static String addColumn(Column column) {
        return "addColumn(" + column(column) + ")";
    }

    static String dropColumn(String column) {
        return "dropColumn(" + string(column) + ")";
    }

    /** {@code alterColumn("c", c -> c.type(...)...)} with the changes the operation makes. */
    static String alterColumn(AlterColumn op) {
        StringBuilder changes = new StringBuilder("c -> c");
        op.type().ifPresent(type -> changes.append(".type(").append(type(type)).append(')'));
        op.using().ifPresent(using -> changes.append(".using(").append(string(using)).append(')'));
        op.nullable().ifPresent(nullable -> changes.append(nullable ? ".nullable(true)" : ".notNull()"));
        op.serverDefault().ifPresent(change -> changes.append(change.value().map(JavaSpelling::alterDefault)
                .orElse(".dropServerDefault()")));
        op.comment().ifPresent(change -> changes.append(change.value().map(text -> ".comment(" + string(text) + ")")
                .orElse(".dropComment()")));
        op.newName().ifPresent(name -> changes.append(".rename(").append(string(name)).append(')'));
        return "alterColumn(" + string(op.column()) + ", " + changes + ")";
    }

    /** The batch method that adds the constraint. */
    static String addConstraint(TableConstraint constraint) {
        String name = string(constraint.name().orElse("name"));
        if (constraint instanceof CheckConstraint check) {
            return "createCheckConstraint(" + name + ", " + string(check.condition()) + ")";
        }
        if (constraint instanceof UniqueConstraint unique) {
            return "createUniqueConstraint(" + name + ", " + strings(unique.columns()) + ")";
        }
        if (constraint instanceof PrimaryKey key) {
            return "createPrimaryKey(" + name + ", " + strings(key.columns()) + ")";
        }
        if (constraint instanceof ForeignKey foreignKey) {
            return "createForeignKey(" + foreignKey(foreignKey) + ")";
        }
        return "addConstraint(...)";
    }

    static String dropConstraint(String name) {
        return "dropConstraint(" + string(name) + ")";
    }

    /** {@code foreignKey("fk", "a").references("t", "id").onDelete(ReferentialAction.CASCADE)...}. */
    static String foreignKey(ForeignKey foreignKey) {
        StringBuilder java = new StringBuilder("foreignKey(").append(string(foreignKey.name().orElse("name")))
                .append(", ").append(strings(foreignKey.columns())).append(").references(")
                .append(string(foreignKey.referencedTable().name())).append(", ")
                .append(strings(foreignKey.referencedColumns())).append(')');
        foreignKey.onDelete().ifPresent(a -> java.append(".onDelete(ReferentialAction.").append(a.name()).append(')'));
        foreignKey.onUpdate().ifPresent(a -> java.append(".onUpdate(ReferentialAction.").append(a.name()).append(')'));
        foreignKey.deferrable().ifPresent(d -> java.append(".deferrable(Deferrable.").append(d.name()).append(')'));
        foreignKey.match().ifPresent(m -> java.append(".match(").append(string(m)).append(')'));
        return java.toString();
    }

    /** {@code column("name", type)} and the refinements the column carries. */
    static String column(Column column) {
        StringBuilder java = new StringBuilder("column(").append(string(column.name())).append(", ")
                .append(type(column.type())).append(')');
        if (column.identity().isPresent()) {
            java.append(".autoincrement()");
        } else if (!column.nullable()) {
            java.append(".notNull()");
        }
        column.serverDefault().ifPresent(value -> java.append(columnDefault(value)));
        column.generated().ifPresent(expression -> java.append(".generatedAs(").append(string(expression))
                .append(')'));
        column.comment().ifPresent(text -> java.append(".comment(").append(string(text)).append(')'));
        return java.toString();
    }

    /** The {@code Types} factory call for a type. */
    static String type(ColumnType type) {
        if (type instanceof ColumnType.IntegerType integer) {
            return switch (integer.bytes()) {
                case 2 -> "smallint()";
                case 4 -> "integer()";
                default -> "bigint()";
            };
        }
        if (type instanceof ColumnType.BooleanType) {
            return "bool()";
        }
        if (type instanceof ColumnType.VarcharType varchar) {
            return "varchar(" + varchar.length() + ")";
        }
        if (type instanceof ColumnType.CharType character) {
            return "character(" + character.length() + ")";
        }
        if (type instanceof ColumnType.TextType) {
            return "text()";
        }
        if (type instanceof ColumnType.NumericType numeric) {
            if (numeric.precision().isEmpty()) {
                return "numeric()";
            }
            return "numeric(" + numeric.precision().getAsInt()
                    + (numeric.scale().isPresent() ? ", " + numeric.scale().getAsInt() : "") + ")";
        }
        if (type instanceof ColumnType.FloatType floating) {
            return floating.bytes() == 4 ? "real()" : "doublePrecision()";
        }
        if (type instanceof ColumnType.DateType) {
            return "date()";
        }
        if (type instanceof ColumnType.TimeType time) {
            return time.withTimeZone() ? "timeTz()" : "time()";
        }
        if (type instanceof ColumnType.TimestampType timestamp) {
            return timestamp.withTimeZone() ? "timestampTz()" : "timestamp()";
        }
        if (type instanceof ColumnType.UuidType) {
            return "uuid()";
        }
        if (type instanceof ColumnType.JsonType json) {
            return json.binary() ? "jsonb()" : "json()";
        }
        if (type instanceof ColumnType.BinaryType binary) {
            return binary.length().isPresent() ? "binary(" + binary.length().getAsInt() + ")" : "binary()";
        }
        if (type instanceof ColumnType.EnumType enumeration) {
            return "enumType(" + string(enumeration.name()) + ", " + strings(enumeration.values()) + ")";
        }
        if (type instanceof ColumnType.ArrayType array) {
            return "array(" + type(array.element()) + ")";
        }
        if (type instanceof ColumnType.VectorType vector) {
            return "vector(" + vector.dimensions() + ")";
        }
        return "raw(" + string(((ColumnType.RawType) type).sql()) + ")";
    }

    private static String columnDefault(DefaultValue value) {
        if (value instanceof DefaultValue.Expression expression) {
            return ".serverDefaultExpression(" + string(expression.sql()) + ")";
        }
        return ".serverDefault(" + literal(((DefaultValue.Literal) value).value()) + ")";
    }

    /** AlterColumn takes a string literal directly, other literals as a {@code DefaultValue}. */
    private static String alterDefault(DefaultValue value) {
        if (value instanceof DefaultValue.Expression expression) {
            return ".serverDefaultExpression(" + string(expression.sql()) + ")";
        }
        Object literal = ((DefaultValue.Literal) value).value();
        if (literal instanceof String text) {
            return ".serverDefault(" + string(text) + ")";
        }
        return ".serverDefault(DefaultValue.literal(" + literal(literal) + "))";
    }

    private static String literal(Object value) {
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof BigDecimal decimal) {
            return "new BigDecimal(" + string(decimal.toPlainString()) + ")";
        }
        if (value instanceof Long number) {
            return number + "L";
        }
        return String.valueOf(value);
    }

    private static String strings(List<String> values) {
        return values.stream().map(JavaSpelling::string).collect(Collectors.joining(", "));
    }

    /** A Java string literal. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
