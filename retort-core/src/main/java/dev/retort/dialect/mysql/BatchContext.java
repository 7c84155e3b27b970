package dev.retort.dialect.mysql;

import dev.retort.dialect.RenderContext;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.Operation;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.TableElement;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a batch's changes read of their table: the table as the database has it, with the batch's
 * earlier changes applied. All of a batch is rendered before any of it runs, so without this a
 * column renamed by one change could not be found by the next one, which restates it.
 *
 * <p>Only what the MySQL renderer reads is followed: columns and constraints.
 */
final class BatchContext implements RenderContext {

    private final RenderContext database;
    private final QualifiedName table;
    private final List<Operation> earlier = new ArrayList<>();

    BatchContext(RenderContext database, QualifiedName table) {
        this.database = database;
        this.table = table;
    }

    /** Records a change of the batch, rendered: the changes after it see it made. */
    void rendered(Operation change) {
        earlier.add(change);
    }

    @Override
    public boolean offline() {
        return database.offline();
    }

    @Override
    public Optional<Table> table(QualifiedName name) {
        Optional<Table> current = database.table(name);
        if (!name.equals(table)) {
            return current;
        }
        for (Operation change : earlier) {
            current = current.map(t -> after(t, change));
        }
        return current;
    }

    private static Table after(Table table, Operation change) {
        List<Column> columns = new ArrayList<>(table.columns());
        List<TableConstraint> constraints = new ArrayList<>(table.constraints());
        if (change instanceof AddColumn add) {
            columns.add(add.column());
        } else if (change instanceof DropColumn drop) {
            columns.removeIf(c -> c.name().equalsIgnoreCase(drop.column()));
            constraints.removeIf(c -> c.columns().stream().anyMatch(drop.column()::equalsIgnoreCase));
        } else if (change instanceof AlterColumn alter) {
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                if (column.name().equalsIgnoreCase(alter.column())) {
                    columns.set(i, alter.applyTo(column));
                    String from = column.name();
                    alter.newName().ifPresent(to -> constraints.replaceAll(c -> renamed(c, from, to)));
                }
            }
        } else if (change instanceof AddConstraint add) {
            constraints.add(add.constraint());
        } else if (change instanceof DropConstraint drop) {
            constraints.removeIf(c -> c.name().filter(drop.name()::equalsIgnoreCase).isPresent());
        } else {
            return table;
        }
        List<TableElement> elements = new ArrayList<>(columns);
        elements.addAll(constraints);
        return Table.of(table.name(), elements);
    }

    private static TableConstraint renamed(TableConstraint constraint, String from, String to) {
        List<String> columns = constraint.columns().stream().map(c -> c.equalsIgnoreCase(from) ? to : c).toList();
        if (constraint instanceof PrimaryKey key) {
            return new PrimaryKey(key.name(), columns);
        }
        if (constraint instanceof UniqueConstraint unique) {
            return new UniqueConstraint(unique.name(), columns, unique.deferrable());
        }
        if (constraint instanceof ForeignKey fk) {
            return new ForeignKey(fk.name(), columns, fk.referencedTable(), fk.referencedColumns(), fk.onDelete(),
                    fk.onUpdate(), fk.deferrable(), fk.match());
        }
        return constraint;
    }
}
