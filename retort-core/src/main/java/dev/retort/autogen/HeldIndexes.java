package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.TableElement;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shapes a diff for a database where a constraint may hold an index as its own, which it then
 * refuses to drop ({@link Dialect#constraintsHoldingIndex}): H2 gives a foreign key added after an
 * index on exactly its columns that index ({@code Index "IX_COPIES_BOOK" belongs to constraint
 * "FK_COPIES_BOOK"}), and InnoDB keeps the last index that leads with a foreign key's columns for it
 * ({@code Cannot drop index 'ix_copies_book': needed in a foreign key constraint}). Introspection
 * cannot tell which index a key holds, so every constraint the diff keeps that may hold an index it
 * drops (a plain index, or a unique constraint's or primary key's) is dropped just before that index
 * and added again after the table's last change, when the index that replaces it is there. The
 * inverses, in the downgrade, do the same the other way round.
 *
 * <p>Where the dialect's constraints have indexes of their own the diff comes back as it was.
 * Stateless; thread-safe.
 */
final class HeldIndexes {

    private HeldIndexes() {
    }

    static SchemaDiff shape(SchemaDiff diff, DatabaseSchema database, Dialect dialect) {
        List<Operation> upgrade = new ArrayList<>(diff.upgrade());
        Set<String> gone = gone(upgrade);
        Map<QualifiedName, List<AddConstraint>> again = new LinkedHashMap<>();
        for (int i = 0; i < upgrade.size(); i++) {
            Optional<Dropped> dropped = dropped(upgrade.get(i));
            if (dropped.isEmpty()) {
                continue;
            }
            QualifiedName name = dropped.get().table();
            Optional<Table> table = database.table(name);
            if (table.isEmpty()) {
                continue;
            }
            for (TableConstraint holder : dialect.constraintsHoldingIndex(withoutDropped(table.get(), upgrade),
                    dropped.get().columns(), dropped.get().unique())) {
                String key = key(name, holder.name().orElseThrow());
                if (gone.contains(key) || holder.columns().stream().anyMatch(c -> gone.contains(key(name,
                        "column " + c)))) {
                    continue;
                }
                gone.add(key);
                upgrade.add(i++, new DropConstraint(name, holder.name().get(),
                        Optional.of(holder.constraintType()), false, Optional.of(holder)));
                again.computeIfAbsent(name, t -> new ArrayList<>()).add(new AddConstraint(name, holder, false));
            }
        }
        if (again.isEmpty()) {
            return diff;
        }
        again.forEach((table, constraints) -> upgrade.addAll(afterLastChange(upgrade, table), constraints));
        return new SchemaDiff(diff.differences(), upgrade, diff.warnings());
    }

    /** An index dropped, with its columns, when it has no expressions. */
    private record Dropped(QualifiedName table, List<String> columns, boolean unique) {
    }

    private static Optional<Dropped> dropped(Operation operation) {
        if (operation instanceof DropIndex drop && drop.existing().isPresent()) {
            Index index = drop.existing().get();
            if (index.elements().stream().anyMatch(IndexElement::expression)) {
                return Optional.empty();
            }
            return Optional.of(new Dropped(index.table(), index.elements().stream().map(IndexElement::text).toList(),
                    index.isUnique()));
        }
        if (operation instanceof DropConstraint drop && drop.existing().isPresent()
                && (drop.existing().get() instanceof PrimaryKey || drop.existing().get() instanceof UniqueConstraint)) {
            return Optional.of(new Dropped(drop.table(), drop.existing().get().columns(), true));
        }
        return Optional.empty();
    }

    /** The table without the indexes, unique constraints and primary key the diff drops. */
    private static Table withoutDropped(Table table, List<Operation> upgrade) {
        Set<String> indexes = new HashSet<>();
        Set<String> constraints = new HashSet<>();
        for (Operation operation : upgrade) {
            if (operation instanceof DropIndex drop && drop.table().filter(table.name()::equals).isPresent()) {
                indexes.add(drop.index().name());
            } else if (operation instanceof DropConstraint drop && drop.table().equals(table.name())) {
                constraints.add(drop.name());
            }
        }
        List<TableElement> elements = new ArrayList<>(table.columns());
        table.constraints().stream().filter(c -> c.name().filter(constraints::contains).isEmpty())
                .forEach(elements::add);
        table.indexes().stream().filter(i -> !indexes.contains(i.name())).forEach(elements::add);
        return Table.of(table.name(), elements);
    }

    /** Constraints, columns and tables the diff drops anyway. */
    private static Set<String> gone(List<Operation> upgrade) {
        Set<String> gone = new HashSet<>();
        for (Operation operation : upgrade) {
            if (operation instanceof DropConstraint drop) {
                gone.add(key(drop.table(), drop.name()));
            } else if (operation instanceof DropColumn drop) {
                gone.add(key(drop.table(), "column " + drop.column()));
            } else if (operation instanceof DropTable drop) {
                drop.definition().ifPresent(t -> t.constraints().forEach(c -> c.name()
                        .ifPresent(n -> gone.add(key(drop.table(), n)))));
            }
        }
        return gone;
    }

    /** Just after the last change to the table's columns, constraints and indexes. */
    private static int afterLastChange(List<Operation> upgrade, QualifiedName table) {
        int last = 0;
        for (int i = 0; i < upgrade.size(); i++) {
            if (about(upgrade.get(i)).filter(table::equals).isPresent()) {
                last = i + 1;
            }
        }
        return last;
    }

    private static Optional<QualifiedName> about(Operation operation) {
        if (operation instanceof AddColumn op) {
            return Optional.of(op.table());
        }
        if (operation instanceof DropColumn op) {
            return Optional.of(op.table());
        }
        if (operation instanceof AlterColumn op) {
            return Optional.of(op.table());
        }
        if (operation instanceof AddConstraint op) {
            return Optional.of(op.table());
        }
        if (operation instanceof DropConstraint op) {
            return Optional.of(op.table());
        }
        if (operation instanceof CreateIndex op) {
            return Optional.of(op.index().table());
        }
        if (operation instanceof DropIndex op) {
            return op.table();
        }
        return Optional.empty();
    }

    private static String key(QualifiedName table, String name) {
        return table + "\u0000" + name;
    }
}
