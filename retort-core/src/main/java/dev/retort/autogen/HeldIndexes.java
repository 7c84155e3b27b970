package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shapes a diff for a database whose constraints take an existing index as their own
 * ({@link Dialect#constraintsTakeMatchingIndexes}; H2): a foreign key added after an index on
 * exactly its columns uses that index, a unique constraint a unique one, and the index cannot be
 * dropped while the constraint holds it ({@code Index "IX_COPIES_BOOK" belongs to constraint
 * "FK_COPIES_BOOK"}). Introspection cannot tell whether the constraint made an index of its own
 * (when it came first, in its {@code CREATE TABLE}) or took the user's, so every constraint the diff
 * keeps that could hold a dropped index is dropped just before the index and added again after it
 * (after the index that replaces it, when one of the same name is created), where it takes an index
 * again. The inverses, in the downgrade, do the same the other way round.
 *
 * <p>Where the dialect's constraints make their own indexes the diff comes back as it was.
 * Stateless; thread-safe.
 */
final class HeldIndexes {

    private HeldIndexes() {
    }

    static SchemaDiff shape(SchemaDiff diff, DatabaseSchema database, Dialect dialect) {
        if (!dialect.constraintsTakeMatchingIndexes()) {
            return diff;
        }
        List<Operation> upgrade = new ArrayList<>(diff.upgrade());
        Set<String> gone = gone(upgrade);
        boolean changed = false;
        for (int i = 0; i < upgrade.size(); i++) {
            if (!(upgrade.get(i) instanceof DropIndex drop) || drop.existing().isEmpty()) {
                continue;
            }
            Index index = drop.existing().get();
            Optional<Table> table = database.table(index.table());
            if (table.isEmpty() || index.elements().stream().anyMatch(IndexElement::expression)) {
                continue;
            }
            Set<String> columns = new HashSet<>();
            index.elements().forEach(e -> columns.add(e.text()));
            for (TableConstraint constraint : holders(table.get(), index, columns)) {
                String key = key(index.table(), constraint.name().orElseThrow());
                if (gone.contains(key) || constraint.columns().stream().anyMatch(c -> gone.contains(key(index.table(),
                        "column " + c)))) {
                    continue;
                }
                gone.add(key);
                upgrade.add(i++, new DropConstraint(index.table(), constraint.name().get(),
                        Optional.of(constraint.constraintType()), false, Optional.of(constraint)));
                upgrade.add(afterRecreation(upgrade, i, index), new AddConstraint(index.table(), constraint, false));
                changed = true;
            }
        }
        return changed ? new SchemaDiff(diff.differences(), upgrade, diff.warnings()) : diff;
    }

    /** The table's named foreign keys on exactly the index's columns, and unique constraints if it is unique. */
    private static List<TableConstraint> holders(Table table, Index index, Set<String> columns) {
        List<TableConstraint> holders = new ArrayList<>();
        for (ForeignKey key : table.foreignKeys()) {
            if (key.name().isPresent() && key.columns().size() == columns.size()
                    && columns.containsAll(key.columns())) {
                holders.add(key);
            }
        }
        if (index.isUnique()) {
            for (UniqueConstraint unique : table.uniques()) {
                if (unique.name().isPresent() && unique.columns().size() == columns.size()
                        && columns.containsAll(unique.columns())) {
                    holders.add(unique);
                }
            }
        }
        return holders;
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

    /** Just after the index of the same name is created again, or just after the drop at {@code drop}. */
    private static int afterRecreation(List<Operation> upgrade, int drop, Index index) {
        for (int j = drop + 1; j < upgrade.size(); j++) {
            if (upgrade.get(j) instanceof CreateIndex create && create.index().name().equals(index.name())
                    && create.index().table().equals(index.table())) {
                return j + 1;
            }
        }
        return drop + 1;
    }

    private static String key(QualifiedName table, String name) {
        return table + "\u0000" + name;
    }
}
