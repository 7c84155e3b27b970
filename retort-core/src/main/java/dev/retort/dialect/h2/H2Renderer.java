package dev.retort.dialect.h2;

import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * H2's spelling of operations. Mostly standard SQL, as the base renderer writes it; what differs:
 * {@code ALTER COLUMN ... SET DATA TYPE} and {@code ALTER COLUMN ... RENAME TO}, generated columns
 * without {@code STORED}, JSON literals typed as such, added columns placed with {@code FIRST} /
 * {@code AFTER}, and indexes that are plain column lists (no partial, expression or covering
 * indexes). Like MySQL, H2 commits each DDL statement by itself.
 */
final class H2Renderer extends OperationRenderer {

    H2Renderer(H2Dialect dialect, RenderContext context) {
        super(dialect, context);
    }

    // ------------------------------------------------------------------------------------------
    // tables and columns

    @Override
    public List<RenderedStatement> visit(CreateTable op) {
        for (TableConstraint constraint : op.table().constraints()) {
            checkConstraint(op, constraint);
        }
        for (Index index : op.table().indexes()) {
            checkIndex(op, index);
        }
        return super.visit(op);
    }

    /** PostgreSQL's storage parameters and MySQL's table options mean nothing to H2 and are left out. */
    @Override
    protected String tableOptions(Table table) {
        return "";
    }

    /** H2 computes generated columns when rows are written and has no {@code STORED} keyword. */
    @Override
    protected String generated(String expression) {
        return "GENERATED ALWAYS AS (" + expression + ")";
    }

    /**
     * A string literal given to a JSON column is typed {@code JSON '...'}: H2 would otherwise take it
     * for a JSON string value and store {@code "{}"} instead of the object {@code {}}.
     */
    @Override
    protected String defaultValue(DefaultValue value, ColumnType type) {
        if (value instanceof DefaultValue.Literal literal && literal.value() instanceof String text
                && type instanceof ColumnType.JsonType) {
            return "JSON " + dialect.literal(text);
        }
        return super.defaultValue(value, type);
    }

    /** H2 places an added column as MySQL does. */
    @Override
    protected String position(AddColumn op) {
        return op.position().map(position -> position instanceof ColumnPosition.After after
                ? " AFTER " + id(after.column()) : " FIRST").orElse("");
    }

    @Override
    public List<RenderedStatement> visit(AlterColumn op) {
        if (op.using().isPresent()) {
            throw refuse(op, "USING is PostgreSQL's; H2 converts the values itself when a column's type changes",
                    "Drop .using(...), or convert the values with op.execute(\"UPDATE ...\") before changing the"
                            + " type");
        }
        String alter = "ALTER TABLE " + table(op.table()) + " ALTER COLUMN " + id(op.column()) + " ";
        List<RenderedStatement> statements = new ArrayList<>();
        // SET DATA TYPE changes the type alone: nullability, default and identity stay
        op.type().ifPresent(type -> statements.add(RenderedStatement.of(alter + "SET DATA TYPE "
                + dialect.typeName(type))));
        op.nullable().ifPresent(nullable -> statements.add(RenderedStatement.of(alter
                + (nullable ? "DROP NOT NULL" : "SET NOT NULL"))));
        ColumnType type = op.type().or(() -> op.existing().map(Column::type)).orElse(null);
        op.serverDefault().ifPresent(change -> statements.add(RenderedStatement.of(alter + change.value()
                .map(value -> "SET DEFAULT " + defaultValue(value, type)).orElse("DROP DEFAULT"))));
        op.comment().ifPresent(change -> statements.add(columnComment(op.table(), op.column(), change.value(),
                Optional.empty())));
        op.newName().ifPresent(name -> statements.add(RenderedStatement.of(alter + "RENAME TO " + id(name))));
        return statements;
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    /**
     * {@code CONCURRENTLY} is ignored: H2 has no concurrent index build, and locks the table while it
     * builds the index (a short wait at H2's sizes).
     */
    @Override
    public List<RenderedStatement> visit(CreateIndex op) {
        Index index = op.index();
        checkIndex(op, index);
        String method = index.method().map(m -> m.toLowerCase(Locale.ROOT)).orElse("btree");
        return List.of(RenderedStatement.of("CREATE " + (index.isUnique() ? "UNIQUE " : "")
                + (method.equals("hash") ? "HASH " : "") + "INDEX " + (op.ifNotExists() ? "IF NOT EXISTS " : "")
                + id(index.name()) + " ON " + table(index.table()) + " ("
                + index.elements().stream().map(this::indexElement).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * What an index may not be in H2, refused before anything runs. Storage parameters
     * ({@code WITH (...)}) are PostgreSQL's tuning and are left out, as table storage parameters are.
     */
    private void checkIndex(Operation op, Index index) {
        String what = "index " + index.name();
        if (index.where().isPresent()) {
            throw refuse(op, "it has no partial indexes (" + what + " has WHERE " + index.where().get() + ")",
                    "Drop .where(...) to index every row");
        }
        if (!index.include().isEmpty()) {
            throw refuse(op, "it has no INCLUDE columns (" + what + ")", "Add the columns as the index's last keys"
                    + " instead");
        }
        String method = index.method().map(m -> m.toLowerCase(Locale.ROOT)).orElse("btree");
        if (!method.equals("btree") && !method.equals("hash")) {
            throw refuse(op, "it has no " + index.method().get() + " indexes (" + what + "); its index methods are"
                    + " the default (btree) and hash", "Use one of those, or leave the method out");
        }
        for (IndexElement element : index.elements()) {
            if (element.expression()) {
                throw refuse(op, "it cannot index an expression (" + element.text() + " in " + what + ")",
                        "Add a generated column for the expression, op.addColumn(table, column(name,"
                                + " type).generatedAs(\"" + element.text() + "\")), and index that column");
            }
            if (element.operatorClass().isPresent()) {
                throw refuse(op, "it has no operator classes (" + element.operatorClass().get() + " on "
                        + element.text() + " in " + what + ")", "Drop .operatorClass(...) from the key");
            }
        }
    }

    @Override
    public List<RenderedStatement> visit(DropIndex op) {
        return List.of(RenderedStatement.of("DROP INDEX " + (op.ifExists() ? "IF EXISTS " : "") + table(op.index())));
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    @Override
    public List<RenderedStatement> visit(AddConstraint op) {
        if (op.notValid()) {
            // H2's NOCHECK skips the existing rows, but nothing can check them later, which is what
            // NOT VALID promises (op.validateConstraint)
            throw refuse(op, "it cannot check existing rows after adding a constraint; there is no NOT VALID",
                    "Add the constraint with op.addConstraint, after fixing the rows that would break it");
        }
        checkConstraint(op, op.constraint());
        return super.visit(op);
    }

    private void checkConstraint(Operation op, TableConstraint constraint) {
        String what = constraintLabel(constraint);
        refuseDeferrable(op, constraint);
        if (constraint instanceof ForeignKey foreignKey && foreignKey.match().isPresent()) {
            throw refuse(op, "it has no MATCH clause for foreign keys (" + what + ")", "Drop .match(...); H2 matches"
                    + " as MATCH SIMPLE");
        }
    }

    @Override
    protected String constraintDefinition(TableConstraint constraint, QualifiedName table) {
        if (constraint instanceof UniqueConstraint unique) {
            return unique.name().map(n -> "CONSTRAINT " + id(n) + " ").orElse("") + "UNIQUE ("
                    + columns(unique.columns()) + ")";
        }
        return super.constraintDefinition(constraint, table);
    }

    /**
     * As the shared foreign key, without {@code MATCH} and {@code DEFERRABLE} (refused before). H2 looks
     * for an unqualified referenced table in the constrained table's own schema, not in the default
     * one, so a table of another schema names a default-schema table with the default schema's name.
     */
    @Override
    protected String foreignKey(ForeignKey foreignKey, QualifiedName table) {
        QualifiedName referenced = foreignKey.referencedTable();
        if (referenced.schema().isEmpty() && table.schema().isPresent()) {
            referenced = referenced.inSchema(Optional.of(defaultSchema()));
        }
        StringBuilder sql = new StringBuilder("FOREIGN KEY (").append(columns(foreignKey.columns()))
                .append(") REFERENCES ").append(table(referenced)).append(" (")
                .append(columns(foreignKey.referencedColumns())).append(')');
        foreignKey.onDelete().ifPresent(action -> sql.append(" ON DELETE ").append(action.sql()));
        foreignKey.onUpdate().ifPresent(action -> sql.append(" ON UPDATE ").append(action.sql()));
        return sql.toString();
    }

    /** The schema an unqualified name means: the session's online, else H2's default, {@code PUBLIC}. */
    private String defaultSchema() {
        return context.connection().map(connection -> {
            try {
                return connection.getSchema();
            } catch (SQLException e) {
                return null;
            }
        }).orElse("PUBLIC");
    }

    /** Constraints are validated when they are added here (NOT VALID is refused): nothing is left to check. */
    @Override
    public List<RenderedStatement> visit(ValidateConstraint op) {
        return List.of();
    }
}
