package dev.retort.ops;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The changes of one {@code op.batchAlterTable(table, b -> ...)} block: the table-level methods of
 * {@link Operations} without the table argument. They are collected and applied when the block
 * ends. Not thread-safe.
 */
public final class BatchOperations {

    private final QualifiedName table;
    private final List<Operation> operations = new ArrayList<>();

    BatchOperations(QualifiedName table) {
        this.table = table;
    }

    /** The table the batch changes. */
    public QualifiedName table() {
        return table;
    }

    public void addColumn(Column column) {
        operations.add(new AddColumn(table, column, false, Optional.empty()));
    }

    /** Adds a column at a position; a SQLite rebuild honours it too. */
    public void addColumn(Column column, ColumnPosition position) {
        operations.add(new AddColumn(table, column, false, Optional.of(position)));
    }

    public void dropColumn(String column) {
        operations.add(new DropColumn(table, column, false, Optional.empty()));
    }

    public void alterColumn(String column, UnaryOperator<AlterColumn> change) {
        AlterColumn op = change.apply(AlterColumn.of(table, column));
        if (!op.changesSomething()) {
            throw new IllegalArgumentException("alter column " + table + "." + column + " changes nothing");
        }
        operations.add(op);
    }

    public void createIndex(String name, String... columns) {
        operations.add(new CreateIndex(Index.of(name, table, columns), false, false));
    }

    public void createIndex(Index index) {
        operations.add(new CreateIndex(index.onTable(table), false, false));
    }

    public void dropIndex(String name) {
        operations.add(new DropIndex(table.withName(name), Optional.of(table), false, false, Optional.empty()));
    }

    public void createPrimaryKey(String name, String... columns) {
        addConstraint(new PrimaryKey(Optional.of(name), List.of(columns)));
    }

    public void createUniqueConstraint(String name, String... columns) {
        addConstraint(UniqueConstraint.of(name, columns));
    }

    public void createCheckConstraint(String name, String condition) {
        addConstraint(CheckConstraint.of(name, condition));
    }

    public void createForeignKey(ForeignKey foreignKey) {
        addConstraint(foreignKey);
    }

    public void addConstraint(TableConstraint constraint) {
        operations.add(new AddConstraint(table, constraint, false));
    }

    public void dropConstraint(String name) {
        operations.add(new DropConstraint(table, name, Optional.empty(), false, Optional.empty()));
    }

    public void dropConstraint(String name, ConstraintType type) {
        operations.add(new DropConstraint(table, name, Optional.of(type), false, Optional.empty()));
    }

    public void createTableComment(String comment) {
        operations.add(new SetTableComment(table, Optional.of(comment), Optional.empty()));
    }

    public void dropTableComment() {
        operations.add(new SetTableComment(table, Optional.empty(), Optional.empty()));
    }

    /** Raw SQL, run after the batch's changes. */
    public void execute(String sql) {
        operations.add(new Execute(sql, List.of(), true));
    }

    List<Operation> operations() {
        return List.copyOf(operations);
    }
}
