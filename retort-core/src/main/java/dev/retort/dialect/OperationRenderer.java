package dev.retort.dialect;

import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BulkInsert;
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
import dev.retort.schema.Deferrable;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns operations into statements, in standard SQL as PostgreSQL speaks it; each dialect's
 * renderer overrides what its database spells otherwise and refuses what it cannot do, saying
 * why and what to do instead. One instance renders for one context (online or offline).
 *
 * <p>Not thread-safe (it is cheap: make one per use).
 */
public class OperationRenderer implements OperationVisitor<List<RenderedStatement>> {

    protected final Dialect dialect;
    protected final RenderContext context;

    public OperationRenderer(Dialect dialect, RenderContext context) {
        this.dialect = dialect;
        this.context = context;
    }

    /**
     * The operation's statements.
     *
     * @throws OperationNotSupportedException when the database cannot perform it
     */
    public List<RenderedStatement> render(Operation operation) {
        try {
            return operation.accept(this);
        } catch (UnsupportedTypeException e) {
            throw new OperationNotSupportedException(operation.describe(), dialect.displayName(), e.reason(),
                    capitalize(e.wayOut()));
        }
    }

    // ------------------------------------------------------------------------------------------
    // tables

    @Override
    public List<RenderedStatement> visit(CreateTable op) {
        Table table = op.table();
        List<RenderedStatement> statements = new ArrayList<>();
        statements.add(RenderedStatement.of(createTableSql(table, op.ifNotExists())));
        statements.addAll(comments(table));
        for (Index index : table.indexes()) {
            statements.addAll(render(new CreateIndex(index, false, op.ifNotExists())));
        }
        return statements;
    }

    /** The {@code CREATE TABLE} statement itself, without the indexes and comments that follow it. */
    protected String createTableSql(Table table, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(table(table.name())).append(" (");
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(columnDefinition(column, Optional.of(table)));
        }
        for (TableConstraint constraint : table.constraints()) {
            if (!constraintInlined(constraint, table)) {
                parts.add(constraintDefinition(constraint, table.name()));
            }
        }
        sql.append("\n    ").append(String.join(",\n    ", parts)).append("\n)");
        sql.append(tableOptions(table));
        return sql.toString();
    }

    /** Whether a constraint was already declared with its column (SQLite's autoincrement key). */
    protected boolean constraintInlined(TableConstraint constraint, Table table) {
        return false;
    }

    /** What follows the closing parenthesis: PostgreSQL {@code WITH (...)}, MySQL's {@code ENGINE}... */
    protected String tableOptions(Table table) {
        if (table.storageParameters().isEmpty()) {
            return "";
        }
        return " WITH (" + parameters(table.storageParameters()) + ")";
    }

    /** The table's and its columns' comments as statements ({@code COMMENT ON}). */
    protected List<RenderedStatement> comments(Table table) {
        List<RenderedStatement> statements = new ArrayList<>();
        table.comment().ifPresent(text -> statements.add(tableComment(table.name(), Optional.of(text))));
        for (Column column : table.columns()) {
            column.comment().ifPresent(text -> statements.add(columnComment(table.name(), column.name(),
                    Optional.of(text), Optional.of(column))));
        }
        return statements;
    }

    protected RenderedStatement tableComment(QualifiedName table, Optional<String> comment) {
        return RenderedStatement.of("COMMENT ON TABLE " + table(table) + " IS "
                + comment.map(dialect::literal).orElse("NULL"));
    }

    /** Sets or removes a column's comment; {@code column} is its full definition where known (MySQL needs it). */
    protected RenderedStatement columnComment(QualifiedName table, String column, Optional<String> comment,
                                              Optional<Column> definition) {
        return RenderedStatement.of("COMMENT ON COLUMN " + table(table) + "." + id(column) + " IS "
                + comment.map(dialect::literal).orElse("NULL"));
    }

    @Override
    public List<RenderedStatement> visit(DropTable op) {
        return List.of(RenderedStatement.of("DROP TABLE " + (op.ifExists() ? "IF EXISTS " : "") + table(op.table())
                + (op.cascade() ? " CASCADE" : "")));
    }

    @Override
    public List<RenderedStatement> visit(RenameTable op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " RENAME TO " + id(op.newName())));
    }

    @Override
    public List<RenderedStatement> visit(SetTableComment op) {
        return List.of(tableComment(op.table(), op.comment()));
    }

    // ------------------------------------------------------------------------------------------
    // columns

    /** A column as {@code CREATE TABLE} (with its table) and {@code ADD COLUMN} (without) declare it. */
    protected String columnDefinition(Column column, Optional<Table> table) {
        StringBuilder sql = new StringBuilder(id(column.name())).append(' ').append(dialect.typeName(column.type()));
        column.generated().ifPresent(expression -> sql.append(' ').append(generated(expression)));
        column.identity().ifPresent(identity -> sql.append(' ').append(identity(identity)));
        column.serverDefault().ifPresent(value -> sql.append(" DEFAULT ").append(defaultValue(value, column.type())));
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    protected String generated(String expression) {
        return "GENERATED ALWAYS AS (" + expression + ") STORED";
    }

    protected String identity(Identity identity) {
        StringBuilder sql = new StringBuilder("GENERATED ").append(identity.always() ? "ALWAYS" : "BY DEFAULT")
                .append(" AS IDENTITY");
        List<String> options = new ArrayList<>();
        identity.start().ifPresent(start -> options.add("START WITH " + start));
        identity.increment().ifPresent(increment -> options.add("INCREMENT BY " + increment));
        if (!options.isEmpty()) {
            sql.append(" (").append(String.join(" ", options)).append(')');
        }
        return sql.toString();
    }

    /** A default as it follows {@code DEFAULT}. */
    protected String defaultValue(DefaultValue value, ColumnType type) {
        if (value instanceof DefaultValue.Literal literal) {
            return dialect.literal(literal.value());
        }
        return ((DefaultValue.Expression) value).sql();
    }

    @Override
    public List<RenderedStatement> visit(AddColumn op) {
        List<RenderedStatement> statements = new ArrayList<>();
        statements.add(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " ADD COLUMN "
                + (op.ifNotExists() ? "IF NOT EXISTS " : "") + columnDefinition(op.column(), Optional.empty())
                + position(op)));
        op.column().comment().ifPresent(text -> statements.add(columnComment(op.table(), op.column().name(),
                Optional.of(text), Optional.of(op.column()))));
        return statements;
    }

    /** MySQL's {@code FIRST} / {@code AFTER col}; nothing elsewhere. */
    protected String position(AddColumn op) {
        return "";
    }

    @Override
    public List<RenderedStatement> visit(DropColumn op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " DROP COLUMN "
                + (op.ifExists() ? "IF EXISTS " : "") + id(op.column())));
    }

    @Override
    public List<RenderedStatement> visit(AlterColumn op) {
        String alter = "ALTER TABLE " + table(op.table()) + " ALTER COLUMN " + id(op.column()) + " ";
        List<RenderedStatement> statements = new ArrayList<>();
        op.type().ifPresent(type -> statements.add(RenderedStatement.of(alter + "TYPE " + dialect.typeName(type)
                + op.using().map(expression -> " USING " + expression).orElse(""))));
        op.nullable().ifPresent(nullable -> statements.add(RenderedStatement.of(alter
                + (nullable ? "DROP NOT NULL" : "SET NOT NULL"))));
        op.serverDefault().ifPresent(change -> statements.add(RenderedStatement.of(alter + change.value()
                .map(value -> "SET DEFAULT " + defaultValue(value, op.type().or(() -> op.existing()
                        .map(Column::type)).orElse(null)))
                .orElse("DROP DEFAULT"))));
        op.comment().ifPresent(change -> statements.add(columnComment(op.table(), op.column(), change.value(),
                op.existing().map(op::applyTo))));
        op.newName().ifPresent(name -> statements.add(RenderedStatement.of("ALTER TABLE " + table(op.table())
                + " RENAME COLUMN " + id(op.column()) + " TO " + id(name))));
        return statements;
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    @Override
    public List<RenderedStatement> visit(CreateIndex op) {
        Index index = op.index();
        boolean concurrently = op.concurrently() && dialect.supportsConcurrentIndexes();
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.isUnique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ");
        if (concurrently) {
            sql.append("CONCURRENTLY ");
        }
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(id(index.name())).append(" ON ").append(table(index.table()));
        index.method().ifPresent(method -> sql.append(" USING ").append(method));
        sql.append(" (").append(index.elements().stream().map(this::indexElement).collect(Collectors.joining(", ")))
                .append(')');
        if (!index.include().isEmpty()) {
            sql.append(" INCLUDE (").append(index.include().stream().map(this::id).collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (!index.parameters().isEmpty()) {
            sql.append(" WITH (").append(parameters(index.parameters())).append(')');
        }
        index.where().ifPresent(predicate -> sql.append(" WHERE ").append(predicate));
        return List.of(concurrently ? RenderedStatement.outsideTransaction(sql.toString())
                : RenderedStatement.of(sql.toString()));
    }

    protected String indexElement(IndexElement element) {
        StringBuilder sql = new StringBuilder(element.expression() ? "(" + element.text() + ")" : id(element.text()));
        element.operatorClass().ifPresent(opclass -> sql.append(' ').append(opclass));
        if (element.descending()) {
            sql.append(" DESC");
        }
        element.nulls().ifPresent(nulls -> sql.append(" NULLS ").append(nulls.name()));
        return sql.toString();
    }

    @Override
    public List<RenderedStatement> visit(DropIndex op) {
        boolean concurrently = op.concurrently() && dialect.supportsConcurrentIndexes();
        String sql = "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + (op.ifExists() ? "IF EXISTS " : "")
                + table(op.index());
        return List.of(concurrently ? RenderedStatement.outsideTransaction(sql) : RenderedStatement.of(sql));
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    @Override
    public List<RenderedStatement> visit(AddConstraint op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " ADD "
                + constraintDefinition(op.constraint(), op.table()) + (op.notValid() ? " NOT VALID" : "")));
    }

    /** A constraint as {@code CREATE TABLE} and {@code ADD} declare it, with its {@code CONSTRAINT name}. */
    protected String constraintDefinition(TableConstraint constraint, QualifiedName table) {
        String name = constraint.name().map(n -> "CONSTRAINT " + id(n) + " ").orElse("");
        if (constraint instanceof PrimaryKey key) {
            return name + "PRIMARY KEY (" + columns(key.columns()) + ")";
        }
        if (constraint instanceof UniqueConstraint unique) {
            return name + "UNIQUE (" + columns(unique.columns()) + ")"
                    + unique.deferrable().map(d -> " " + d.sql()).orElse("");
        }
        if (constraint instanceof CheckConstraint check) {
            return name + "CHECK (" + check.condition() + ")";
        }
        if (constraint instanceof ForeignKey foreignKey) {
            return name + foreignKey(foreignKey, table);
        }
        throw new UnsupportedTypeException("exclusion constraints are PostgreSQL's", "enforce the rule with a unique"
                + " index or a trigger");
    }

    /** {@code FOREIGN KEY (...) REFERENCES t (...) [MATCH] [ON DELETE] [ON UPDATE] [DEFERRABLE]}. */
    protected String foreignKey(ForeignKey foreignKey, QualifiedName table) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY (").append(columns(foreignKey.columns()))
                .append(") REFERENCES ").append(table(foreignKey.referencedTable())).append(" (")
                .append(columns(foreignKey.referencedColumns())).append(')');
        foreignKey.match().ifPresent(match -> sql.append(" MATCH ").append(match));
        foreignKey.onDelete().ifPresent(action -> sql.append(" ON DELETE ").append(action.sql()));
        foreignKey.onUpdate().ifPresent(action -> sql.append(" ON UPDATE ").append(action.sql()));
        foreignKey.deferrable().ifPresent(when -> sql.append(' ').append(when.sql()));
        return sql.toString();
    }

    @Override
    public List<RenderedStatement> visit(DropConstraint op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " DROP CONSTRAINT "
                + (op.ifExists() ? "IF EXISTS " : "") + id(op.name())));
    }

    @Override
    public List<RenderedStatement> visit(ValidateConstraint op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " VALIDATE CONSTRAINT "
                + id(op.name())));
    }

    // ------------------------------------------------------------------------------------------
    // data

    @Override
    public List<RenderedStatement> visit(Execute op) {
        if (context.offline() && !op.parameters().isEmpty()) {
            return List.of(new RenderedStatement(inline(op.sql(), op.parameters()), op.transactional(), List.of()));
        }
        return List.of(new RenderedStatement(op.sql(), op.transactional(),
                op.parameters().isEmpty() ? List.of() : List.of(op.parameters())));
    }

    @Override
    public List<RenderedStatement> visit(BulkInsert op) {
        String prefix = "INSERT INTO " + table(op.table()) + " (" + columns(op.columns()) + ") VALUES ";
        if (context.offline()) {
            List<RenderedStatement> statements = new ArrayList<>();
            for (List<Object> row : op.rows()) {
                statements.add(RenderedStatement.of(prefix + "("
                        + row.stream().map(dialect::literal).collect(Collectors.joining(", ")) + ")"));
            }
            return statements;
        }
        if (op.rows().isEmpty()) {
            return List.of();
        }
        String placeholders = "(" + String.join(", ", java.util.Collections.nCopies(op.columns().size(), "?")) + ")";
        return List.of(new RenderedStatement(prefix + placeholders, true, op.rows()));
    }

    /** The SQL with each {@code ?} outside quotes replaced by the parameter's literal, for offline scripts. */
    protected String inline(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                if (next >= parameters.size()) {
                    throw new IllegalArgumentException("the SQL has more ? placeholders than the " + parameters.size()
                            + " parameters given: " + sql);
                }
                out.append(dialect.literal(parameters.get(next++)));
            } else {
                out.append(c);
            }
        }
        if (next != parameters.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters given for " + next
                    + " ? placeholders: " + sql);
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------
    // schemas, extensions, types, sequences

    @Override
    public List<RenderedStatement> visit(CreateSchema op) {
        return List.of(RenderedStatement.of("CREATE SCHEMA " + (op.ifNotExists() ? "IF NOT EXISTS " : "")
                + id(op.name())));
    }

    @Override
    public List<RenderedStatement> visit(DropSchema op) {
        return List.of(RenderedStatement.of("DROP SCHEMA " + (op.ifExists() ? "IF EXISTS " : "") + id(op.name())
                + (op.cascade() ? " CASCADE" : "")));
    }

    @Override
    public List<RenderedStatement> visit(CreateExtension op) {
        throw refuse(op, "extensions are PostgreSQL's", "Run this revision on PostgreSQL, or check op.dialect()"
                + " before creating the extension");
    }

    @Override
    public List<RenderedStatement> visit(DropExtension op) {
        throw refuse(op, "extensions are PostgreSQL's", "Run this revision on PostgreSQL, or check op.dialect()"
                + " before dropping the extension");
    }

    /** Enums are inline column types outside PostgreSQL: there is no type to create. */
    @Override
    public List<RenderedStatement> visit(CreateEnumType op) {
        return List.of();
    }

    @Override
    public List<RenderedStatement> visit(DropEnumType op) {
        return List.of();
    }

    @Override
    public List<RenderedStatement> visit(AddEnumValue op) {
        throw refuse(op, "its enums are declared with each column, not as a type", "Change the columns' type with"
                + " op.alterColumn(table, column, c -> c.type(enumType(...))) listing every value");
    }

    @Override
    public List<RenderedStatement> visit(CreateSequence op) {
        StringBuilder sql = new StringBuilder("CREATE SEQUENCE ");
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(table(op.name()));
        op.start().ifPresent(v -> sql.append(" START WITH ").append(v));
        op.increment().ifPresent(v -> sql.append(" INCREMENT BY ").append(v));
        op.minValue().ifPresent(v -> sql.append(" MINVALUE ").append(v));
        op.maxValue().ifPresent(v -> sql.append(" MAXVALUE ").append(v));
        op.cache().ifPresent(v -> sql.append(" CACHE ").append(v));
        if (op.cycle()) {
            sql.append(" CYCLE");
        }
        return List.of(RenderedStatement.of(sql.toString()));
    }

    @Override
    public List<RenderedStatement> visit(DropSequence op) {
        return List.of(RenderedStatement.of("DROP SEQUENCE " + (op.ifExists() ? "IF EXISTS " : "")
                + table(op.name())));
    }

    /** Storage parameters are PostgreSQL's tuning; like its table options, other databases skip them. */
    @Override
    public List<RenderedStatement> visit(SetStorageParameters op) {
        return List.of();
    }

    @Override
    public List<RenderedStatement> visit(ResetStorageParameters op) {
        return List.of();
    }

    /** MySQL's table options; other databases skip them, as {@code op.createTable} does. */
    @Override
    public List<RenderedStatement> visit(SetTableOptions op) {
        return List.of();
    }

    // ------------------------------------------------------------------------------------------
    // views

    @Override
    public List<RenderedStatement> visit(CreateView op) {
        return List.of(RenderedStatement.of("CREATE VIEW " + table(op.view().name()) + " AS "
                + op.view().definition()));
    }

    @Override
    public List<RenderedStatement> visit(DropView op) {
        return List.of(RenderedStatement.of("DROP VIEW " + (op.ifExists() ? "IF EXISTS " : "") + table(op.name())));
    }

    // ------------------------------------------------------------------------------------------
    // batch

    /**
     * Where {@code ALTER TABLE} can make every change, a batch is those changes in order. A dialect
     * that must rebuild the table (SQLite), or {@code Recreate.ALWAYS}, overrides this.
     */
    @Override
    public List<RenderedStatement> visit(BatchAlterTable op) {
        if (op.recreate() == BatchAlterTable.Recreate.ALWAYS) {
            throw refuse(op, "rebuilding a table (recreate = ALWAYS) is implemented for SQLite only",
                    "Use Recreate.AUTO, which alters the table in place here");
        }
        List<RenderedStatement> statements = new ArrayList<>();
        for (Operation operation : op.operations()) {
            statements.addAll(render(operation));
        }
        return statements;
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    protected String id(String name) {
        return dialect.identifier(name);
    }

    protected String table(QualifiedName name) {
        return dialect.table(name);
    }

    protected String columns(List<String> columns) {
        return columns.stream().map(this::id).collect(Collectors.joining(", "));
    }

    protected static String parameters(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** A constraint as a refusal names it: its kind and, when it has one, its name. */
    protected static String constraintLabel(TableConstraint constraint) {
        return constraint.constraintType().description() + constraint.name().map(n -> " " + n).orElse("");
    }

    /** Refuses a DEFERRABLE unique constraint or foreign key, for a database that checks every constraint at once. */
    protected void refuseDeferrable(Operation op, TableConstraint constraint) {
        Optional<Deferrable> deferrable = constraint instanceof UniqueConstraint unique ? unique.deferrable()
                : constraint instanceof ForeignKey foreignKey ? foreignKey.deferrable() : Optional.empty();
        if (deferrable.filter(d -> d != Deferrable.NOT_DEFERRABLE).isPresent()) {
            throw refuse(op, "it checks constraints at once; nothing is DEFERRABLE (" + constraintLabel(constraint)
                    + ")", "Drop .deferrable(...)");
        }
    }

    /** The refusal of an operation, to throw. */
    protected OperationNotSupportedException refuse(Operation op, String reason, String wayOut) {
        return new OperationNotSupportedException(op.describe(), dialect.displayName(), reason, wayOut);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
