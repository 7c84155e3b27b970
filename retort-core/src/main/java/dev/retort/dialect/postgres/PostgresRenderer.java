package dev.retort.dialect.postgres;

import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateExtension;
import dev.retort.ops.DropEnumType;
import dev.retort.ops.DropExtension;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.TableConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL's statements. The shared renderer already writes standard SQL as PostgreSQL speaks
 * it; this adds what only PostgreSQL has (extensions, enum types, storage parameters, exclusion
 * constraints), orders a column change so that PostgreSQL can make it, and refuses what it cannot
 * do before anything runs.
 *
 * <p>What runs outside a transaction ({@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX
 * CONCURRENTLY}, {@code ALTER TYPE ... ADD VALUE}) is marked so, and the runner commits what came
 * before; an offline script gets {@code COMMIT;} and {@code BEGIN;} around it.
 *
 * <p>Not thread-safe (one per rendering, as every renderer).
 */
final class PostgresRenderer extends OperationRenderer {

    /** A column name as an exclusion constraint element, quoted like any other; anything else is an expression. */
    private static final Pattern BARE_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

    PostgresRenderer(PostgresDialect dialect, RenderContext context) {
        super(dialect, context);
    }

    @Override
    public List<RenderedStatement> render(Operation operation) {
        try {
            return super.render(operation);
        } catch (PostgresRefusal e) {
            throw refuse(operation, e.reason(), e.wayOut());
        }
    }

    // ------------------------------------------------------------------------------------------
    // columns

    /**
     * The changes in the order PostgreSQL can make them. A type change casts the column's default
     * to the new type too, and fails when there is no such cast ({@code 'draft'::varchar} to
     * integer: "default for column cannot be cast automatically"), even when the default is being
     * replaced in the same breath. So when both change, the old default is dropped first and the new
     * one set after the type. The rename comes last, so that everything before names the column
     * as it is.
     */
    @Override
    public List<RenderedStatement> visit(AlterColumn op) {
        String alter = "ALTER TABLE " + table(op.table()) + " ALTER COLUMN " + id(op.column()) + " ";
        List<RenderedStatement> statements = new ArrayList<>();
        boolean typeAndDefault = op.type().isPresent() && op.serverDefault().isPresent();
        if (typeAndDefault) {
            statements.add(RenderedStatement.of(alter + "DROP DEFAULT"));
        }
        op.type().ifPresent(type -> statements.add(RenderedStatement.of(alter + "TYPE " + dialect.typeName(type)
                + op.using().or(() -> explicitCast(op, type)).map(expression -> " USING " + expression).orElse(""))));
        op.nullable().ifPresent(nullable -> statements.add(RenderedStatement.of(alter
                + (nullable ? "DROP NOT NULL" : "SET NOT NULL"))));
        op.serverDefault().ifPresent(change -> {
            ColumnType type = op.type().or(() -> op.existing().map(Column::type)).orElse(null);
            Optional<DefaultValue> value = change.value();
            if (value.isPresent()) {
                statements.add(RenderedStatement.of(alter + "SET DEFAULT " + defaultValue(value.get(), type)));
            } else if (!typeAndDefault) {
                statements.add(RenderedStatement.of(alter + "DROP DEFAULT"));
            }
        });
        op.comment().ifPresent(change -> statements.add(columnComment(op.table(), op.column(), change.value(),
                op.existing().map(op::applyTo))));
        op.newName().ifPresent(name -> statements.add(RenderedStatement.of("ALTER TABLE " + table(op.table())
                + " RENAME COLUMN " + id(op.column()) + " TO " + id(name))));
        return statements;
    }

    /**
     * {@code column::type} where PostgreSQL converts the values only when told, and refuses the change
     * otherwise ("column cannot be cast automatically"): from text to anything but text (casts from the
     * string types are explicit only), and to an enum type from anything but that enum (by way of
     * text). Elsewhere the column's assignment cast does it, so nothing is added: a widened
     * {@code varchar} stays a catalog change. Known only where the column's type before is.
     */
    private Optional<String> explicitCast(AlterColumn op, ColumnType type) {
        Optional<ColumnType> before = op.existing().map(Column::type);
        if (before.isEmpty() || before.get().equals(type)) {
            return Optional.empty();
        }
        String column = id(op.column());
        if (type instanceof ColumnType.EnumType) {
            return Optional.of(column + (before.get() instanceof ColumnType.EnumType ? "::text" : "") + "::"
                    + dialect.typeName(type));
        }
        if (isText(before.get()) && !isText(type)) {
            return Optional.of(column + "::" + dialect.typeName(type));
        }
        return Optional.empty();
    }

    private static boolean isText(ColumnType type) {
        return type instanceof ColumnType.TextType || type instanceof ColumnType.VarcharType
                || type instanceof ColumnType.CharType;
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    /**
     * {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] schema.name}. An index lives in its table's
     * schema, so an index named without one is looked for there when the table is known, not on
     * the search path.
     */
    @Override
    public List<RenderedStatement> visit(DropIndex op) {
        QualifiedName index = op.index();
        if (index.schema().isEmpty() && op.table().flatMap(QualifiedName::schema).isPresent()) {
            index = index.inSchema(op.table().get().schema());
        }
        return super.visit(new DropIndex(index, op.table(), op.concurrently(), op.ifExists(), op.existing()));
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    @Override
    protected String constraintDefinition(TableConstraint constraint, QualifiedName table) {
        if (constraint instanceof ExcludeConstraint exclude) {
            return exclude(exclude);
        }
        return super.constraintDefinition(constraint, table);
    }

    /** {@code CONSTRAINT name EXCLUDE USING method (element WITH operator, ...) [WHERE (predicate)]}. */
    private String exclude(ExcludeConstraint exclude) {
        StringBuilder sql = new StringBuilder();
        exclude.name().ifPresent(name -> sql.append("CONSTRAINT ").append(id(name)).append(' '));
        sql.append("EXCLUDE ");
        if (!exclude.using().isBlank()) {
            sql.append("USING ").append(exclude.using()).append(' ');
        }
        sql.append('(').append(exclude.elements().stream()
                .map(element -> excludeElement(element.expression()) + " WITH " + element.operator())
                .collect(Collectors.joining(", "))).append(')');
        exclude.where().ifPresent(predicate -> sql.append(" WHERE (").append(predicate).append(')'));
        return sql.toString();
    }

    /** A bare name is a column, quoted as any name; anything else is an expression, in parentheses. */
    private String excludeElement(String text) {
        return BARE_NAME.matcher(text).matches() ? id(text) : "(" + text + ")";
    }

    /**
     * As the shared foreign key, with {@code MATCH FULL} or {@code MATCH SIMPLE} (the default)
     * checked: PostgreSQL parses {@code MATCH PARTIAL} but has never implemented it.
     */
    @Override
    protected String foreignKey(ForeignKey foreignKey, QualifiedName table) {
        if (foreignKey.match().isPresent()) {
            String match = foreignKey.match().get().strip().toUpperCase(Locale.ROOT);
            if (match.equals("PARTIAL")) {
                throw new PostgresRefusal("MATCH PARTIAL is not implemented in PostgreSQL", "Use MATCH FULL (all"
                        + " columns null, or all must match) or MATCH SIMPLE (the default: any null column exempts"
                        + " the row)");
            }
            if (!match.equals("FULL") && !match.equals("SIMPLE")) {
                throw new PostgresRefusal("MATCH " + foreignKey.match().get() + " is no match type",
                        "Use MATCH FULL or MATCH SIMPLE");
            }
            foreignKey = foreignKey.match(match);
        }
        return super.foreignKey(foreignKey, table);
    }

    // ------------------------------------------------------------------------------------------
    // data

    /**
     * The SQL with each {@code ?} placeholder replaced by its parameter's literal, for offline
     * scripts, read as the PostgreSQL driver reads it online: a {@code ?} inside a string (also
     * {@code E'...'} with backslash escapes), a quoted name, a dollar quote or a comment is text, and
     * {@code ??} stands for the operator {@code ?} (as in {@code data ?? 'key'}).
     */
    @Override
    protected String inline(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            int end = i + 1;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierChar(sql.charAt(i - 2)));
                end = stringEnd(sql, i + 1, escapes);
            } else if (c == '"') {
                end = sql.indexOf('"', i + 1);
                end = end < 0 ? length : end + 1;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                end = blockCommentEnd(sql, i + 2);
            } else if (c == '$' && (i == 0 || !isIdentifierChar(sql.charAt(i - 1)))) {
                end = dollarQuoteEnd(sql, i);
            } else if (c == '?') {
                if (i + 1 < length && sql.charAt(i + 1) == '?') {
                    out.append('?');
                    i += 2;
                    continue;
                }
                if (next >= parameters.size()) {
                    throw new IllegalArgumentException("the SQL has more ? placeholders than the " + parameters.size()
                            + " parameters given (write the operator ? as ??): " + sql);
                }
                out.append(dialect.literal(parameters.get(next++)));
                i++;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        if (next != parameters.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters given for " + next
                    + " ? placeholders: " + sql);
        }
        return out.toString();
    }

    /** Just past the quote that closes a string starting at {@code from}; {@code ''} is a quote inside. */
    private static int stringEnd(String sql, int from, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Just past the end of a block comment whose text starts at {@code from}; they nest in PostgreSQL. */
    private static int blockCommentEnd(String sql, int from) {
        int depth = 1;
        int i = from;
        while (i < sql.length() && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }

    /**
     * Just past the closing tag of a dollar quote ({@code $$...$$}, {@code $tag$...$tag$}) opening at
     * {@code start}; just past the {@code $} when none opens there ({@code $1}).
     */
    private static int dollarQuoteEnd(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return start + 1;
        }
        while (i < sql.length() && sql.charAt(i) != '$') {
            if (!isIdentifierChar(sql.charAt(i))) {
                return start + 1;
            }
            i++;
        }
        if (i >= sql.length()) {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    // ------------------------------------------------------------------------------------------
    // extensions, enum types, storage parameters

    /** {@code CREATE EXTENSION [IF NOT EXISTS] name [SCHEMA s] [VERSION 'v']}. */
    @Override
    public List<RenderedStatement> visit(CreateExtension op) {
        StringBuilder sql = new StringBuilder("CREATE EXTENSION ");
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(id(op.name()));
        op.schema().ifPresent(schema -> sql.append(" SCHEMA ").append(id(schema)));
        op.version().ifPresent(version -> sql.append(" VERSION ").append(dialect.literal(version)));
        return List.of(RenderedStatement.of(sql.toString()));
    }

    @Override
    public List<RenderedStatement> visit(DropExtension op) {
        return List.of(RenderedStatement.of("DROP EXTENSION " + (op.ifExists() ? "IF EXISTS " : "") + id(op.name())
                + (op.cascade() ? " CASCADE" : "")));
    }

    @Override
    public List<RenderedStatement> visit(CreateEnumType op) {
        return List.of(RenderedStatement.of("CREATE TYPE " + table(op.name()) + " AS ENUM ("
                + op.values().stream().map(dialect::literal).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public List<RenderedStatement> visit(DropEnumType op) {
        return List.of(RenderedStatement.of("DROP TYPE " + (op.ifExists() ? "IF EXISTS " : "") + table(op.name())));
    }

    /**
     * {@code ALTER TYPE ... ADD VALUE}, outside the transaction: since PostgreSQL 12 it may run in
     * one, but the new value cannot be used before that transaction commits ("unsafe use of new
     * value"), so a migration that adds a value and then writes it would fail.
     */
    @Override
    public List<RenderedStatement> visit(AddEnumValue op) {
        StringBuilder sql = new StringBuilder("ALTER TYPE ").append(table(op.type())).append(" ADD VALUE ");
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(dialect.literal(op.value()));
        op.before().ifPresent(before -> sql.append(" BEFORE ").append(dialect.literal(before)));
        op.after().ifPresent(after -> sql.append(" AFTER ").append(dialect.literal(after)));
        return List.of(RenderedStatement.outsideTransaction(sql.toString()));
    }

    @Override
    public List<RenderedStatement> visit(SetStorageParameters op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " SET ("
                + parameters(op.parameters()) + ")"));
    }

    @Override
    public List<RenderedStatement> visit(ResetStorageParameters op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " RESET ("
                + String.join(", ", op.names()) + ")"));
    }
}
