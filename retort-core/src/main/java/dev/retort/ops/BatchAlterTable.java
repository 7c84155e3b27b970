package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alembic's {@code batch_alter_table}: changes to one table, applied together. On SQLite, which
 * cannot alter a column's type or add a constraint to a table, it rebuilds the table ("move and
 * copy": create the new shape under a temporary name, copy the rows, drop the old table, rename,
 * recreate the indexes), keeping the data; elsewhere the same changes become plain {@code ALTER}s.
 *
 * @param table      the table
 * @param operations the changes, each about {@code table}
 * @param recreate   when to rebuild
 * @param copyFrom   the table as it is, for offline scripts (online, retort reads it from the database)
 */
public record BatchAlterTable(QualifiedName table, List<Operation> operations, Recreate recreate,
                              Optional<Table> copyFrom) implements Operation {

    /** When a batch rebuilds its table. */
    public enum Recreate {
        /** Only where the database cannot make a change in place (SQLite), as Alembic's {@code "auto"}. */
        AUTO,
        /** Always, on every database. */
        ALWAYS,
        /** Never: plain {@code ALTER}s, refused where the database cannot. */
        NEVER
    }

    public BatchAlterTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(recreate, "recreate");
        Objects.requireNonNull(copyFrom, "copyFrom");
        operations = List.copyOf(operations);
        for (Operation operation : operations) {
            if (operation instanceof BatchAlterTable) {
                throw new IllegalArgumentException("batch for table " + table + " holds another batch");
            }
        }
    }

    @Override
    public String describe() {
        return "batch alter table " + table + " (" + operations.size()
                + (operations.size() == 1 ? " change)" : " changes)");
    }

    /** The inverse of every change, last first; empty if any change has none. */
    @Override
    public Optional<Operation> inverse() {
        List<Operation> inverses = new ArrayList<>();
        for (Operation operation : operations) {
            Optional<Operation> inverse = operation.inverse();
            if (inverse.isEmpty()) {
                return Optional.empty();
            }
            inverses.add(inverse.get());
        }
        Collections.reverse(inverses);
        return Optional.of(new BatchAlterTable(table, inverses, recreate, Optional.empty()));
    }

    /**
     * The table {@code operation} alters, for the changes of one table a batch can hold (columns,
     * constraints, indexes, comments, storage parameters, table options); empty for any other
     * operation, and for a drop of an index that names no table.
     */
    public static Optional<QualifiedName> tableAltered(Operation operation) {
        if (operation instanceof DropIndex op) {
            return op.table();
        }
        if (operation instanceof CreateIndex op) {
            return Optional.of(op.index().table());
        }
        QualifiedName table = null;
        if (operation instanceof AddColumn op) {
            table = op.table();
        } else if (operation instanceof DropColumn op) {
            table = op.table();
        } else if (operation instanceof AlterColumn op) {
            table = op.table();
        } else if (operation instanceof AddConstraint op) {
            table = op.table();
        } else if (operation instanceof DropConstraint op) {
            table = op.table();
        } else if (operation instanceof SetTableComment op) {
            table = op.table();
        } else if (operation instanceof SetStorageParameters op) {
            table = op.table();
        } else if (operation instanceof ResetStorageParameters op) {
            table = op.table();
        } else if (operation instanceof SetTableOptions op) {
            table = op.table();
        }
        return Optional.ofNullable(table);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
