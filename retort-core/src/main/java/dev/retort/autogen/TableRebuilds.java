package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.TableElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shapes a diff's operations for a database that can make most changes to a table only by
 * rebuilding it ({@link Dialect#rebuildsTableFor}; SQLite, whose ALTER TABLE renames, adds and
 * drops columns and nothing else). The comparator plans for ALTER TABLE; this step, run after it,
 * regroups what it planned:
 *
 * <ul>
 *   <li>When any change to an existing table needs a rebuild, all the table's changes (columns,
 *       constraints, indexes) become one {@link BatchAlterTable}, so the table is copied once and
 *       the in-place ones do not run against a table about to be replaced. They keep the
 *       comparator's order inside it: drops of constraints and indexes, column changes, column
 *       drops, then new constraints and indexes. The batch carries the table as it was read
 *       ({@code copyFrom}), so that it renders offline too, in a SQL revision; its inverse, in the
 *       downgrade, carries the table the batch leaves ({@link Dialect#tableAfter}).</li>
 *   <li>The batch runs after the tables this diff renames, drops and creates (a new foreign key may
 *       reference a new table; the dropped ones go first, as the new ones may take their index names,
 *       which are the database's on SQLite): where the comparator alters columns, or later if the
 *       table's first change is later. A foreign key that referenced a dropped table is thus changed
 *       after the drop, which SQLite takes, as a migration with a rebuild runs with foreign keys off
 *       and checks every key before it commits.</li>
 *   <li>A constraint the comparator adds to a table it creates (a foreign key that closes a cycle
 *       among new tables) goes into the {@code CREATE TABLE} instead: a database that cannot add a
 *       constraint to a table would otherwise rebuild a table it just made. This takes a reference
 *       to a table created after, which SQLite does (it checks references when rows are written).</li>
 * </ul>
 *
 * Where the dialect never needs a rebuild the diff comes back as it was. Stateless; thread-safe.
 */
final class TableRebuilds {

    private TableRebuilds() {
    }

    static SchemaDiff shape(SchemaDiff diff, DatabaseSchema database, Dialect dialect) {
        List<Operation> upgrade = diff.upgrade();
        Map<QualifiedName, Table> existing = new LinkedHashMap<>();
        database.tables().forEach(t -> existing.put(t.name(), t));
        Map<QualifiedName, Integer> created = new LinkedHashMap<>();
        int afterCreations = 0;
        for (int i = 0; i < upgrade.size(); i++) {
            Operation operation = upgrade.get(i);
            if (operation instanceof RenameTable rename) {
                Table table = existing.remove(rename.table());
                QualifiedName to = rename.table().withName(rename.newName());
                if (table != null) {
                    existing.put(to, table.renamed(to));
                }
                afterCreations = i + 1;
            } else if (operation instanceof CreateTable create) {
                created.put(create.table().name(), i);
                afterCreations = i + 1;
            }
        }
        Map<QualifiedName, List<Integer>> changes = new LinkedHashMap<>();
        for (int i = 0; i < upgrade.size(); i++) {
            int index = i;
            BatchAlterTable.tableAltered(upgrade.get(i))
                    .ifPresent(t -> changes.computeIfAbsent(t, k -> new ArrayList<>()).add(index));
        }

        List<Operation> shaped = new ArrayList<>(upgrade);
        Set<Integer> removed = new HashSet<>();
        Map<Integer, List<Operation>> inserted = new TreeMap<>();
        Map<Operation, Operation> inverses = new IdentityHashMap<>();
        for (Map.Entry<QualifiedName, List<Integer>> entry : changes.entrySet()) {
            QualifiedName name = entry.getKey();
            List<Operation> operations = entry.getValue().stream().map(upgrade::get).toList();
            if (created.containsKey(name)) {
                int at = created.get(name);
                Table table = ((CreateTable) upgrade.get(at)).table();
                List<Integer> folded = entry.getValue().stream()
                        .filter(i -> upgrade.get(i) instanceof AddConstraint && dialect.rebuildsTableFor(upgrade.get(i),
                                table)).toList();
                if (!folded.isEmpty()) {
                    List<TableElement> elements = new ArrayList<>(table.elements());
                    folded.forEach(i -> elements.add(((AddConstraint) upgrade.get(i)).constraint()));
                    shaped.set(at, new CreateTable(Table.of(name, elements), ((CreateTable) upgrade.get(at))
                            .ifNotExists()));
                    removed.addAll(folded);
                }
                continue;
            }
            Table current = existing.get(name);
            if (current == null) {
                continue;
            }
            Table judged = withoutDropped(current, operations);
            if (operations.stream().noneMatch(operation -> dialect.rebuildsTableFor(operation, judged))) {
                continue;
            }
            BatchAlterTable batch = new BatchAlterTable(name, operations, BatchAlterTable.Recreate.AUTO,
                    Optional.of(current));
            batch.inverse().ifPresent(inverse -> inverses.put(batch, new BatchAlterTable(name,
                    ((BatchAlterTable) inverse).operations(), BatchAlterTable.Recreate.AUTO,
                    dialect.tableAfter(batch))));
            removed.addAll(entry.getValue());
            inserted.computeIfAbsent(Math.max(entry.getValue().get(0), afterCreations), k -> new ArrayList<>())
                    .add(batch);
        }
        if (removed.isEmpty()) {
            return diff;
        }
        List<Operation> result = new ArrayList<>();
        for (int i = 0; i <= shaped.size(); i++) {
            result.addAll(inserted.getOrDefault(i, List.of()));
            if (i < shaped.size() && !removed.contains(i)) {
                result.add(shaped.get(i));
            }
        }
        List<Operation> downgrade = new ArrayList<>();
        for (Operation operation : result) {
            Optional<Operation> inverse = inverses.containsKey(operation) ? Optional.of(inverses.get(operation))
                    : operation.inverse();
            inverse.ifPresent(downgrade::add);
        }
        Collections.reverse(downgrade);
        return new SchemaDiff(diff.differences(), result, diff.warnings(), downgrade);
    }

    /**
     * The table as a change of the diff meets it: without the indexes and constraints the diff drops
     * first, so that a column whose index goes first is still dropped in place.
     */
    private static Table withoutDropped(Table table, List<Operation> operations) {
        Set<String> indexes = new HashSet<>();
        Set<String> constraints = new HashSet<>();
        for (Operation operation : operations) {
            if (operation instanceof DropIndex drop) {
                indexes.add(drop.index().name());
            } else if (operation instanceof DropConstraint drop) {
                constraints.add(drop.name());
            }
        }
        if (indexes.isEmpty() && constraints.isEmpty()) {
            return table;
        }
        List<TableElement> elements = new ArrayList<>(table.columns());
        for (TableConstraint constraint : table.constraints()) {
            if (constraint.name().filter(constraints::contains).isEmpty()) {
                elements.add(constraint);
            }
        }
        for (Index index : table.indexes()) {
            if (!indexes.contains(index.name())) {
                elements.add(index);
            }
        }
        return Table.of(table.name(), elements);
    }
}
