package dev.retort.autogen;

import dev.retort.autogen.Difference.Changed;
import dev.retort.autogen.Difference.Missing;
import dev.retort.autogen.Difference.Unexpected;
import dev.retort.autogen.SchemaObject.ColumnObject;
import dev.retort.autogen.SchemaObject.ConstraintObject;
import dev.retort.autogen.SchemaObject.EnumObject;
import dev.retort.autogen.SchemaObject.ExtensionObject;
import dev.retort.autogen.SchemaObject.IndexObject;
import dev.retort.autogen.SchemaObject.SchemaName;
import dev.retort.autogen.SchemaObject.SequenceObject;
import dev.retort.autogen.SchemaObject.TableObject;
import dev.retort.autogen.SchemaObject.ViewObject;
import dev.retort.dialect.Dialect;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
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
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.ops.SetTableComment;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumDefinition;
import dev.retort.schema.Extension;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compares a database with its model and plans the operations that make the database match.
 *
 * <p>Both sides are meant to be read by the same introspection (the model applied to a scratch
 * database of the same kind, then read back), so a default, a check's condition or an index
 * expression is in the server's own spelling on both sides and plain equality is the right test:
 * an unchanged schema never shows a change. Objects are matched by name (tables and columns after
 * the given {@link Renames}); constraints without a name are matched by what they constrain.
 *
 * <p>Stateless; thread-safe.
 */
public final class SchemaComparator {

    /**
     * Groups of operations, in the order they run. Renamed tables are renamed first, so that everything
     * after names them as the model does (a foreign key referencing one follows it, on every database).
     * Tables are dropped before new ones are created:
     * a new table may take a name the dropped one held for an index or a constraint (PostgreSQL keeps
     * a renamed table's {@code series_pkey}), and nothing new can depend on a table the model lacks.
     */
    private enum Phase {
        CREATE_SCHEMAS, CREATE_EXTENSIONS, CREATE_TYPES, CREATE_SEQUENCES, RENAME_TABLES, DROP_VIEWS,
        DROP_FOREIGN_KEYS, DROP_INDEXES_AND_CONSTRAINTS, DROP_TABLES, CREATE_TABLES, ALTER_COLUMNS, DROP_COLUMNS,
        CREATE_INDEXES_AND_CONSTRAINTS, CREATE_FOREIGN_KEYS, TABLE_OPTIONS, CREATE_VIEWS, DROP_SEQUENCES,
        DROP_TYPES, DROP_EXTENSIONS, DROP_SCHEMAS
    }

    /**
     * How an unnamed constraint is changed on SQLite, where even a batch drops constraints by name:
     * rebuild the table from a definition without it, which wins over the live one.
     */
    private static final String SQLITE_BY_HAND = "on SQLite, with op.batchAlterTable given the table as it is with"
            + " that change made as copyFrom, and Recreate.ALWAYS: the rebuild takes that definition";

    private SchemaComparator() {
    }

    /** The differences of {@code database} from {@code model} and the operations that remove them. */
    public static SchemaDiff compare(DatabaseSchema database, DatabaseSchema model, Renames renames) {
        return new Run(renames).compare(database, model);
    }

    /**
     * The same, with the operations shaped for the dialect that runs them: on a database that can
     * change a table only by rebuilding it (SQLite), a table's changes become one batch that
     * rebuilds it from the definition read here ({@link TableRebuilds}).
     */
    public static SchemaDiff compare(DatabaseSchema database, DatabaseSchema model, Renames renames,
                                     Dialect dialect) {
        return shapedFor(compare(database, model, renames), database, dialect);
    }

    /**
     * A comparison's operations shaped for the dialect that runs them, as {@link #compare(DatabaseSchema,
     * DatabaseSchema, Renames, Dialect)} does; for a diff settled by other means first ({@link SpellingSettler}).
     */
    public static SchemaDiff shapedFor(SchemaDiff diff, DatabaseSchema database, Dialect dialect) {
        return TableRebuilds.shape(HeldIndexes.shape(wholeTypes(diff, dialect), database, dialect), database,
                dialect);
    }

    /** Each type change as the dialect writes the whole of the model's type ({@link Dialect#wholeType}). */
    private static SchemaDiff wholeTypes(SchemaDiff diff, Dialect dialect) {
        List<Operation> upgrade = diff.upgrade().stream().map(operation -> operation instanceof AlterColumn alter
                && alter.type().isPresent() && alter.existing().isPresent()
                ? alter.type(dialect.wholeType(alter.type().get(), alter.existing().get().type())) : operation)
                .toList();
        return upgrade.equals(diff.upgrade()) ? diff : new SchemaDiff(diff.differences(), upgrade, diff.warnings());
    }

    /** One comparison's accumulating state. */
    private static final class Run {
        private final Renames renames;
        private final List<Difference> differences = new ArrayList<>();
        private final Map<Phase, List<Operation>> operations = new EnumMap<>(Phase.class);
        private final List<String> warnings = new ArrayList<>();
        /**
         * The columns of the table being compared that are dropped and added again (a generated
         * column's new expression): what is on them is dropped with them and must be made again.
         */
        private final Set<String> recreatedColumns = new HashSet<>();
        /** Columns the hints rename, by their table's (model) name: the database's name to the model's. */
        private final Map<QualifiedName, Map<String, String>> renamedColumns = new HashMap<>();
        /** The enum types that are types of their own (PostgreSQL's), not a column's inline list of values. */
        private final Set<QualifiedName> namedEnums = new HashSet<>();
        /** The names given to unnamed constraints so far, per table, lower case. */
        private final Map<QualifiedName, Set<String>> givenNames = new HashMap<>();

        Run(Renames renames) {
            this.renames = renames;
            for (Phase phase : Phase.values()) {
                operations.put(phase, new ArrayList<>());
            }
        }

        SchemaDiff compare(DatabaseSchema database, DatabaseSchema model) {
            database.enums().forEach(e -> namedEnums.add(e.name()));
            model.enums().forEach(e -> namedEnums.add(e.name()));
            schemas(database.schemas(), model.schemas());
            extensions(database.extensions(), model.extensions());
            enums(database.enums(), model.enums());
            sequences(database.sequences(), model.sequences());
            tables(database.tables(), model.tables());
            views(database.views(), model.views());
            List<Operation> ordered = new ArrayList<>();
            operations.values().forEach(ordered::addAll);
            return new SchemaDiff(differences, ordered, warnings);
        }

        private void add(Phase phase, Operation operation) {
            operations.get(phase).add(operation);
        }

        // --------------------------------------------------------------------------------------
        // schema-level objects

        private void schemas(List<String> database, List<String> model) {
            for (String name : model) {
                if (!database.contains(name)) {
                    differences.add(new Missing(new SchemaName(name)));
                    add(Phase.CREATE_SCHEMAS, new CreateSchema(name, true));
                }
            }
            for (String name : database) {
                if (!model.contains(name)) {
                    differences.add(new Unexpected(new SchemaName(name)));
                    add(Phase.DROP_SCHEMAS, new DropSchema(name, false, false));
                }
            }
        }

        private void extensions(List<Extension> database, List<Extension> model) {
            Map<String, Extension> present = byKey(database, Extension::name);
            Map<String, Extension> wanted = byKey(model, Extension::name);
            wanted.forEach((name, extension) -> {
                if (!present.containsKey(name)) {
                    differences.add(new Missing(new ExtensionObject(extension)));
                    add(Phase.CREATE_EXTENSIONS, new CreateExtension(name, true, extension.schema(),
                            extension.version()));
                }
            });
            present.forEach((name, extension) -> {
                if (!wanted.containsKey(name)) {
                    differences.add(new Unexpected(new ExtensionObject(extension)));
                    add(Phase.DROP_EXTENSIONS, new DropExtension(name, false, false));
                }
            });
        }

        private void enums(List<EnumDefinition> database, List<EnumDefinition> model) {
            Map<QualifiedName, EnumDefinition> present = byKey(database, EnumDefinition::name);
            Map<QualifiedName, EnumDefinition> wanted = byKey(model, EnumDefinition::name);
            wanted.forEach((name, definition) -> {
                EnumDefinition current = present.get(name);
                if (current == null) {
                    differences.add(new Missing(new EnumObject(definition)));
                    add(Phase.CREATE_TYPES, new CreateEnumType(name, definition.values()));
                } else if (!current.values().equals(definition.values())) {
                    differences.add(new Changed(new EnumObject(current), new EnumObject(definition),
                            List.of("values")));
                    enumValues(current, definition);
                }
            });
            present.forEach((name, definition) -> {
                if (!wanted.containsKey(name)) {
                    differences.add(new Unexpected(new EnumObject(definition)));
                    add(Phase.DROP_TYPES, new DropEnumType(name, false, Optional.of(definition.values())));
                }
            });
        }

        /**
         * Values added anywhere become {@code ADD VALUE ... BEFORE/AFTER}; PostgreSQL can neither remove
         * nor reorder values, so those are warnings.
         */
        private void enumValues(EnumDefinition current, EnumDefinition wanted) {
            List<String> kept = wanted.values().stream().filter(current.values()::contains).toList();
            if (!kept.equals(current.values())) {
                warnings.add("enum type " + current.name() + " has values " + current.values() + " but the model has "
                        + wanted.values() + ": PostgreSQL cannot remove or reorder enum values, so this revision"
                        + " does not; recreate the type by hand (new type, ALTER COLUMN ... TYPE, drop the old one)");
                return;
            }
            List<String> values = wanted.values();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (current.values().contains(value)) {
                    continue;
                }
                Optional<String> after = i == 0 ? Optional.empty() : Optional.of(values.get(i - 1));
                Optional<String> before = i == 0 ? Optional.of(values.get(1)) : Optional.empty();
                add(Phase.CREATE_TYPES, new AddEnumValue(current.name(), value, before, after, true));
            }
        }

        private void sequences(List<Sequence> database, List<Sequence> model) {
            Map<QualifiedName, Sequence> present = byKey(database, Sequence::name);
            Map<QualifiedName, Sequence> wanted = byKey(model, Sequence::name);
            wanted.forEach((name, sequence) -> {
                Sequence current = present.get(name);
                if (current == null) {
                    differences.add(new Missing(new SequenceObject(sequence)));
                    add(Phase.CREATE_SEQUENCES, createSequence(sequence));
                } else if (!current.equals(sequence)) {
                    differences.add(new Changed(new SequenceObject(current), new SequenceObject(sequence),
                            List.of("options")));
                    warnings.add("sequence " + name + " differs from the model in its options; this revision does"
                            + " not change it (dropping it would reset its value): alter it by hand with op.execute");
                }
            });
            present.forEach((name, sequence) -> {
                if (!wanted.containsKey(name)) {
                    differences.add(new Unexpected(new SequenceObject(sequence)));
                    add(Phase.DROP_SEQUENCES, new DropSequence(name, false, Optional.of(createSequence(sequence))));
                }
            });
        }

        private static CreateSequence createSequence(Sequence sequence) {
            return new CreateSequence(sequence.name(), sequence.start(), sequence.increment(), sequence.minValue(),
                    sequence.maxValue(), sequence.cycle(), sequence.cache(), false);
        }

        private void views(List<View> database, List<View> model) {
            Map<QualifiedName, View> present = byKey(database, View::name);
            Map<QualifiedName, View> wanted = byKey(model, View::name);
            wanted.forEach((name, view) -> {
                View current = present.get(name);
                if (current == null) {
                    differences.add(new Missing(new ViewObject(view)));
                    add(Phase.CREATE_VIEWS, new CreateView(view));
                } else if (!current.definition().equals(view.definition())) {
                    differences.add(new Changed(new ViewObject(current), new ViewObject(view), List.of("definition")));
                    add(Phase.DROP_VIEWS, new DropView(name, false, Optional.of(current)));
                    add(Phase.CREATE_VIEWS, new CreateView(view));
                }
            });
            present.forEach((name, view) -> {
                if (!wanted.containsKey(name)) {
                    differences.add(new Unexpected(new ViewObject(view)));
                    add(Phase.DROP_VIEWS, new DropView(name, false, Optional.of(view)));
                }
            });
        }

        // --------------------------------------------------------------------------------------
        // tables

        private void tables(List<Table> database, List<Table> model) {
            Map<QualifiedName, Table> present = new LinkedHashMap<>(byKey(database, Table::name));
            Map<QualifiedName, Table> wanted = byKey(model, Table::name);
            renamedTables(present, wanted);
            renamedColumns(present, wanted);
            List<Table> created = new ArrayList<>();
            for (Table table : wanted.values()) {
                Table current = present.get(table.name());
                if (current == null) {
                    differences.add(new Missing(new TableObject(table)));
                    created.add(table);
                } else {
                    table(current, table);
                }
            }
            createTables(created);
            List<Table> dropped = new ArrayList<>();
            for (Table table : present.values()) {
                if (!wanted.containsKey(table.name())) {
                    differences.add(new Unexpected(new TableObject(table)));
                    dropped.add(table);
                }
            }
            dropTables(dropped, created);
        }

        /**
         * Applies table renames: the database's table is compared under its new name from here on, and
         * the foreign keys that reference it reference it by that name, as they do once it is renamed
         * (renames run first).
         */
        private void renamedTables(Map<QualifiedName, Table> present, Map<QualifiedName, Table> wanted) {
            Map<QualifiedName, QualifiedName> applied = new HashMap<>();
            renames.tables().forEach((from, to) -> {
                QualifiedName target = from.withName(to);
                Table old = present.get(from);
                if (old == null || !wanted.containsKey(target) || present.containsKey(target)) {
                    warnings.add("rename of table " + from + " to " + to + " not applied: the database "
                            + (old == null ? "has no table " + from : "already has " + target)
                            + (wanted.containsKey(target) ? "" : " and the model has no table " + target));
                    return;
                }
                differences.add(new Changed(new TableObject(old), new TableObject(wanted.get(target)),
                        List.of("renamed from " + from.name())));
                add(Phase.RENAME_TABLES, new RenameTable(from, to));
                present.remove(from);
                present.put(target, old.renamed(target));
                applied.put(from, target);
            });
            if (!applied.isEmpty()) {
                present.replaceAll((name, table) -> referencingRenamed(table, applied));
            }
        }

        private static Table referencingRenamed(Table table, Map<QualifiedName, QualifiedName> renamed) {
            List<ForeignKey> keys = table.foreignKeys().stream().map(k -> !renamed.containsKey(k.referencedTable())
                    ? k : new ForeignKey(k.name(), k.columns(), renamed.get(k.referencedTable()), k.referencedColumns(),
                    k.onDelete(), k.onUpdate(), k.deferrable(), k.match())).toList();
            return keys.equals(table.foreignKeys()) ? table : new Table(table.name(), table.columns(),
                    table.primaryKey(), table.uniques(), table.checks(), keys, table.indexes(), table.comment(),
                    table.storageParameters(), table.mysqlOptions());
        }

        /** The column renames the hints give that apply: the old column is there and the new one is not. */
        private void renamedColumns(Map<QualifiedName, Table> present, Map<QualifiedName, Table> wanted) {
            wanted.forEach((name, table) -> {
                Table current = present.get(name);
                if (current == null) {
                    return;
                }
                for (Column column : table.columns()) {
                    renames.oldColumnName(name, column.name())
                            .filter(old -> current.column(old).isPresent() && current.column(column.name()).isEmpty())
                            .ifPresent(old -> renamedColumns.computeIfAbsent(name, k -> new HashMap<>())
                                    .put(old, column.name()));
                }
            });
        }

        private List<String> afterColumnRenames(QualifiedName table, List<String> columns) {
            Map<String, String> renamed = renamedColumns.getOrDefault(table, Map.of());
            return renamed.isEmpty() ? columns : columns.stream().map(c -> renamed.getOrDefault(c, c)).toList();
        }

        /**
         * A constraint of the database as it reads once the hinted columns are renamed, to compare with
         * the model's (an index, a key or a foreign key on a renamed column is no change). The drop of a
         * constraint that did change still names the columns as they are: drops run before the rename.
         */
        private TableConstraint afterColumnRenames(QualifiedName table, TableConstraint constraint) {
            if (renamedColumns.isEmpty()) {
                return constraint;
            }
            if (constraint instanceof PrimaryKey key) {
                return new PrimaryKey(key.name(), afterColumnRenames(table, key.columns()));
            }
            if (constraint instanceof UniqueConstraint unique) {
                return new UniqueConstraint(unique.name(), afterColumnRenames(table, unique.columns()),
                        unique.deferrable());
            }
            if (constraint instanceof ForeignKey key) {
                return new ForeignKey(key.name(), afterColumnRenames(table, key.columns()), key.referencedTable(),
                        afterColumnRenames(key.referencedTable(), key.referencedColumns()), key.onDelete(),
                        key.onUpdate(), key.deferrable(), key.match());
            }
            return constraint;
        }

        private Index afterColumnRenames(Index index) {
            Map<String, String> renamed = renamedColumns.getOrDefault(index.table(), Map.of());
            if (renamed.isEmpty()) {
                return index;
            }
            List<IndexElement> elements = index.elements().stream().map(e -> e.expression() ? e
                    : new IndexElement(renamed.getOrDefault(e.text(), e.text()), false, e.operatorClass(),
                    e.descending(), e.nulls())).toList();
            return new Index(index.name(), index.table(), elements, index.isUnique(), index.where(), index.method(),
                    afterColumnRenames(index.table(), index.include()), index.parameters());
        }

        /** New tables in foreign-key order; keys that close a cycle among them are added afterwards. */
        private void createTables(List<Table> created) {
            Map<QualifiedName, Table> byName = byKey(created, Table::name);
            Set<QualifiedName> done = new HashSet<>();
            Set<QualifiedName> visiting = new HashSet<>();
            for (Table table : created) {
                createInOrder(table, byName, done, visiting);
            }
        }

        private void createInOrder(Table table, Map<QualifiedName, Table> byName, Set<QualifiedName> done,
                                   Set<QualifiedName> visiting) {
            if (done.contains(table.name())) {
                return;
            }
            visiting.add(table.name());
            List<ForeignKey> deferred = new ArrayList<>();
            for (ForeignKey key : table.foreignKeys()) {
                Table referenced = byName.get(key.referencedTable());
                if (referenced == null || referenced.name().equals(table.name())) {
                    continue;
                }
                if (visiting.contains(referenced.name())) {
                    deferred.add(key);
                } else {
                    createInOrder(referenced, byName, done, visiting);
                }
            }
            visiting.remove(table.name());
            done.add(table.name());
            reserveNames(table.name(), table);
            Table withoutDeferred = deferred.isEmpty() ? table : new Table(table.name(), table.columns(),
                    table.primaryKey(), table.uniques(), table.checks(),
                    table.foreignKeys().stream().filter(k -> !deferred.contains(k)).toList(), table.indexes(),
                    table.comment(), table.storageParameters(), table.mysqlOptions());
            add(Phase.CREATE_TABLES, new CreateTable(withoutDeferred, false));
            for (ForeignKey key : deferred) {
                add(Phase.CREATE_FOREIGN_KEYS, new AddConstraint(table.name(), named(key, table.name()), false));
            }
        }

        /** Tables dropped, the ones that reference others first. */
        private void dropTables(List<Table> dropped, List<Table> created) {
            Map<QualifiedName, Table> byName = byKey(dropped, Table::name);
            Set<QualifiedName> done = new LinkedHashSet<>();
            for (Table table : dropped) {
                dropInOrder(table, byName, done, new HashSet<>());
            }
            for (Table table : dropped) {
                warnings.add("drops table " + table.name() + " and its data" + renameHint(table, created));
            }
        }

        private void dropInOrder(Table table, Map<QualifiedName, Table> byName, Set<QualifiedName> done,
                                 Set<QualifiedName> visiting) {
            if (done.contains(table.name()) || !visiting.add(table.name())) {
                return;
            }
            // a table referencing this one goes first
            for (Table other : byName.values()) {
                if (!other.name().equals(table.name()) && other.foreignKeys().stream()
                        .anyMatch(k -> k.referencedTable().equals(table.name()))) {
                    dropInOrder(other, byName, done, visiting);
                }
            }
            if (done.add(table.name())) {
                add(Phase.DROP_TABLES, new DropTable(table.name(), false, false, Optional.of(table)));
            }
        }

        private static String renameHint(Table dropped, List<Table> created) {
            for (Table table : created) {
                Set<String> columns = new HashSet<>();
                table.columns().forEach(c -> columns.add(c.name()));
                long shared = dropped.columns().stream().filter(c -> columns.contains(c.name())).count();
                if (shared * 2 >= dropped.columns().size()) {
                    return "; if it was renamed to " + table.name() + ", say so with --rename-table "
                            + dropped.name().name() + "=" + table.name().name() + " (or @RenamedFrom) and run again";
                }
            }
            return "";
        }

        /** One table both sides have. */
        private void table(Table current, Table wanted) {
            QualifiedName name = wanted.name();
            recreatedColumns.clear();
            reserveNames(name, current, wanted);
            columns(current, wanted);
            primaryKey(current, wanted);
            constraints(name, current.uniques(), wanted.uniques());
            constraints(name, current.checks(), wanted.checks());
            foreignKeys(name, current.foreignKeys(), wanted.foreignKeys());
            indexes(current.indexes(), wanted.indexes());
            if (!current.comment().equals(wanted.comment())) {
                differences.add(new Changed(new TableObject(current), new TableObject(wanted), List.of("comment")));
                add(Phase.TABLE_OPTIONS, new SetTableComment(name, wanted.comment(), Optional.of(current.comment())));
            }
            storageParameters(current, wanted);
            tableOptions(current, wanted);
        }

        /**
         * MySQL's and MariaDB's {@code ENGINE} and {@code COLLATE}, as introspection reads them: only
         * where they are not the server's and the database's defaults, whose names the comparison does
         * not know. Going back to a default needs that name, and a downgrade the one before, so a
         * difference is reported and warned about, and changed by hand.
         */
        private void tableOptions(Table current, Table wanted) {
            if (current.mysqlOptions().equals(wanted.mysqlOptions())) {
                return;
            }
            differences.add(new Changed(new TableObject(current), new TableObject(wanted), List.of("table options")));
            warnings.add("table " + wanted.name() + " has the options " + options(current.mysqlOptions())
                    + " and the model " + options(wanted.mysqlOptions()) + " (an option left out is the default);"
                    + " this revision does not change them: do it by hand, e.g. with op.setTableOptions");
        }

        private static String options(Map<String, String> options) {
            return options.isEmpty() ? "of the defaults" : options.entrySet().stream()
                    .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
        }

        /**
         * PostgreSQL's {@code WITH (...)}: parameters the model sets (or sets otherwise) are set, those it
         * leaves out are reset to the server's defaults; both carry the values before, for the downgrade.
         */
        private void storageParameters(Table current, Table wanted) {
            Map<String, String> before = current.storageParameters();
            Map<String, String> set = new LinkedHashMap<>();
            wanted.storageParameters().forEach((parameter, value) -> {
                if (!value.equals(before.get(parameter))) {
                    set.put(parameter, value);
                }
            });
            List<String> reset = before.keySet().stream()
                    .filter(parameter -> !wanted.storageParameters().containsKey(parameter)).toList();
            if (set.isEmpty() && reset.isEmpty()) {
                return;
            }
            differences.add(new Changed(new TableObject(current), new TableObject(wanted),
                    List.of("storage parameters")));
            if (!set.isEmpty()) {
                add(Phase.TABLE_OPTIONS, new SetStorageParameters(wanted.name(), set, Optional.of(before)));
            }
            if (!reset.isEmpty()) {
                add(Phase.TABLE_OPTIONS, new ResetStorageParameters(wanted.name(), reset, Optional.of(before)));
            }
        }

        private void columns(Table current, Table wanted) {
            QualifiedName table = wanted.name();
            Map<String, Column> present = new LinkedHashMap<>(byKey(current.columns(), Column::name));
            for (Column column : wanted.columns()) {
                Optional<String> oldName = renames.oldColumnName(table, column.name())
                        .filter(old -> present.containsKey(old) && !present.containsKey(column.name()));
                Column existing = present.remove(oldName.orElse(column.name()));
                if (existing == null) {
                    differences.add(new Missing(new ColumnObject(table, column)));
                    add(Phase.ALTER_COLUMNS, new AddColumn(table, column, false, Optional.empty()));
                    continue;
                }
                column(table, existing, column);
            }
            for (Column column : present.values()) {
                differences.add(new Unexpected(new ColumnObject(table, column)));
                add(Phase.DROP_COLUMNS, new DropColumn(table, column.name(), false, Optional.of(column)));
                Optional<Column> added = wanted.columns().stream()
                        .filter(c -> current.column(c.name()).isEmpty() && c.type().equals(column.type())).findFirst();
                warnings.add("drops column " + table + "." + column.name() + " and its data" + added
                        .map(c -> "; if it was renamed to " + c.name() + ", say so with --rename-column " + table.name()
                                + "." + column.name() + "=" + c.name() + " (or @RenamedFrom) and run again")
                        .orElse(""));
            }
        }

        private void column(QualifiedName table, Column existing, Column wanted) {
            List<String> aspects = new ArrayList<>();
            AlterColumn alter = AlterColumn.of(table, existing.name()).existing(existing);
            if (!existing.name().equals(wanted.name())) {
                aspects.add("renamed from " + existing.name());
                alter = alter.rename(wanted.name());
            }
            if (!existing.generated().equals(wanted.generated())) {
                differences.add(new Changed(new ColumnObject(table, existing), new ColumnObject(table, wanted),
                        List.of("generated expression")));
                warnings.add("column " + table + "." + wanted.name() + " is a generated column whose expression"
                        + " changed: it is dropped and added again");
                // dropped before it is added again under the same name, which the drop frees, and with
                // it go the indexes and constraints on it, which are made again after it
                add(Phase.ALTER_COLUMNS, new DropColumn(table, existing.name(), false, Optional.of(existing)));
                add(Phase.ALTER_COLUMNS, new AddColumn(table, wanted, false, Optional.empty()));
                recreatedColumns.add(existing.name());
                recreatedColumns.add(wanted.name());
                return;
            }
            if (!sameType(existing.type(), wanted.type())) {
                aspects.add("type");
                alter = alter.type(wanted.type());
            }
            if (existing.nullable() != wanted.nullable()) {
                aspects.add("nullable");
                alter = alter.nullable(wanted.nullable());
            }
            if (!existing.serverDefault().equals(wanted.serverDefault())) {
                aspects.add("default");
                alter = wanted.serverDefault().map(alter::serverDefault).orElse(alter.dropServerDefault());
            }
            if (!existing.comment().equals(wanted.comment())) {
                aspects.add("comment");
                alter = wanted.comment().map(alter::comment).orElse(alter.dropComment());
            }
            if (!Objects.equals(existing.identity().map(i -> i.always()), wanted.identity().map(i -> i.always()))) {
                aspects.add("identity");
                warnings.add("column " + table + "." + wanted.name() + ": its identity (generated values) differs from"
                        + " the model; retort does not change identities, do it by hand");
            }
            if (aspects.isEmpty()) {
                return;
            }
            differences.add(new Changed(new ColumnObject(table, existing), new ColumnObject(table, wanted), aspects));
            if (alter.changesSomething()) {
                add(Phase.ALTER_COLUMNS, alter);
            }
        }

        /**
         * Whether two column types are the same. A column of a named enum type is of that type whatever
         * the type's values, which are compared once, with the type (an added value is ALTER TYPE ... ADD
         * VALUE, not a change of every column using it); an inline enum's values are the column's type.
         */
        private boolean sameType(ColumnType current, ColumnType wanted) {
            if (current instanceof ColumnType.EnumType one && wanted instanceof ColumnType.EnumType other
                    && namedEnums.contains(one.qualifiedName())) {
                return one.qualifiedName().equals(other.qualifiedName());
            }
            if (current instanceof ColumnType.ArrayType one && wanted instanceof ColumnType.ArrayType other) {
                return sameType(one.element(), other.element());
            }
            return current.equals(wanted);
        }

        private void primaryKey(Table current, Table wanted) {
            QualifiedName table = wanted.name();
            List<String> before = current.primaryKey().map(k -> afterColumnRenames(table, k.columns()))
                    .orElse(List.of());
            List<String> after = wanted.primaryKey().map(PrimaryKey::columns).orElse(List.of());
            if (before.equals(after)) {
                return;
            }
            if (current.primaryKey().isPresent()) {
                PrimaryKey key = current.primaryKey().get();
                if (key.name().isEmpty()) {
                    warnings.add("table " + table + " has an unnamed primary key that the model changes; change it"
                            + " by hand (" + SQLITE_BY_HAND + ")");
                    differences.add(new Changed(new TableObject(current), new TableObject(wanted),
                            List.of("primary key")));
                    return;
                }
                add(Phase.DROP_INDEXES_AND_CONSTRAINTS, new DropConstraint(table, key.name().get(),
                        Optional.of(key.constraintType()), false, Optional.of(key)));
            }
            differences.add(new Changed(new TableObject(current), new TableObject(wanted), List.of("primary key")));
            wanted.primaryKey().ifPresent(key -> add(Phase.CREATE_INDEXES_AND_CONSTRAINTS,
                    new AddConstraint(table, named(key, table), false)));
        }

        /** Unique and check constraints: by name, or by what they constrain when unnamed. */
        private <C extends TableConstraint> void constraints(QualifiedName table, List<C> current, List<C> wanted) {
            Function<C, Object> key = c -> c.name().isPresent() ? c.name().get()
                    : c instanceof CheckConstraint check ? "check:" + check.condition() : "columns:" + c.columns();
            matchConstraints(table, current, wanted, key, Phase.DROP_INDEXES_AND_CONSTRAINTS,
                    Phase.CREATE_INDEXES_AND_CONSTRAINTS);
        }

        private void foreignKeys(QualifiedName table, List<ForeignKey> current, List<ForeignKey> wanted) {
            Function<ForeignKey, Object> key = k -> k.name().isPresent() ? k.name().get()
                    : "fk:" + k.columns() + "->" + k.referencedTable() + k.referencedColumns();
            matchConstraints(table, current, wanted, key, Phase.DROP_FOREIGN_KEYS, Phase.CREATE_FOREIGN_KEYS);
        }

        private <C extends TableConstraint> void matchConstraints(QualifiedName table, List<C> current,
                                                                  List<C> wanted, Function<C, Object> key,
                                                                  Phase dropPhase, Phase createPhase) {
            @SuppressWarnings("unchecked")
            Function<C, C> renamed = c -> (C) afterColumnRenames(table, c);
            Map<Object, C> present = byKey(current, key.compose(renamed));
            Map<Object, C> desired = byKey(wanted, key);
            Set<Object> matchedByDefinition = new HashSet<>();
            desired.forEach((k, constraint) -> {
                C existing = present.get(k);
                if (existing == null && constraint.name().isEmpty()) {
                    // the model leaves the name to the database: a constraint of the same definition
                    // there is this one, whatever it is called (the name autogenerate gave it when it
                    // added it, on a database that keeps unnamed constraints unnamed)
                    Optional<Object> same = present.entrySet().stream()
                            .filter(e -> !desired.containsKey(e.getKey()) && !matchedByDefinition.contains(e.getKey())
                                    && sameDefinition(renamed.apply(e.getValue()), constraint))
                            .map(Map.Entry::getKey).findFirst();
                    if (same.isPresent()) {
                        matchedByDefinition.add(same.get());
                        return;
                    }
                }
                if (existing == null) {
                    differences.add(new Missing(new ConstraintObject(table, constraint)));
                    add(createPhase, new AddConstraint(table, named(constraint, table), false));
                } else if (!renamed.apply(existing).equals(constraint) || onRecreatedColumn(constraint)) {
                    differences.add(new Changed(new ConstraintObject(table, existing),
                            new ConstraintObject(table, constraint), List.of(renamed.apply(existing).equals(constraint)
                            ? "made again with its column" : "definition")));
                    drop(table, existing, dropPhase);
                    add(createPhase, new AddConstraint(table, named(constraint, table), false));
                }
            });
            present.forEach((k, constraint) -> {
                if (!desired.containsKey(k) && !matchedByDefinition.contains(k)) {
                    differences.add(new Unexpected(new ConstraintObject(table, constraint)));
                    drop(table, constraint, dropPhase);
                }
            });
        }

        private static boolean sameDefinition(TableConstraint a, TableConstraint b) {
            return a.named("-").equals(b.named("-"));
        }

        private void drop(QualifiedName table, TableConstraint constraint, Phase phase) {
            if (constraint.name().isEmpty()) {
                warnings.add("table " + table + " has an unnamed " + constraint.constraintType().description()
                        + " the model does not have; it cannot be dropped by name: drop it by hand (" + SQLITE_BY_HAND
                        + ")");
                return;
            }
            add(phase, new DropConstraint(table, constraint.name().get(), Optional.of(constraint.constraintType()),
                    false, Optional.of(constraint)));
        }

        private void indexes(List<Index> current, List<Index> wanted) {
            Map<String, Index> present = byKey(current, Index::name);
            Map<String, Index> desired = byKey(wanted, Index::name);
            desired.forEach((name, index) -> {
                Index existing = present.get(name);
                if (existing == null) {
                    differences.add(new Missing(new IndexObject(index)));
                    add(Phase.CREATE_INDEXES_AND_CONSTRAINTS, new CreateIndex(index, false, false));
                } else if (!afterColumnRenames(existing).equals(index) || onRecreatedColumn(index)) {
                    differences.add(new Changed(new IndexObject(existing), new IndexObject(index),
                            List.of(afterColumnRenames(existing).equals(index) ? "made again with its column"
                                    : "definition")));
                    add(Phase.DROP_INDEXES_AND_CONSTRAINTS, dropIndex(existing));
                    add(Phase.CREATE_INDEXES_AND_CONSTRAINTS, new CreateIndex(index, false, false));
                }
            });
            present.forEach((name, index) -> {
                if (!desired.containsKey(name)) {
                    differences.add(new Unexpected(new IndexObject(index)));
                    add(Phase.DROP_INDEXES_AND_CONSTRAINTS, dropIndex(index));
                }
            });
        }

        /** Whether a constraint is on a column that is dropped and added again (a check: names it). */
        private boolean onRecreatedColumn(TableConstraint constraint) {
            if (recreatedColumns.isEmpty()) {
                return false;
            }
            if (constraint instanceof CheckConstraint check) {
                return mentionsRecreated(check.condition());
            }
            return constraint.columns().stream().anyMatch(recreatedColumns::contains);
        }

        private boolean onRecreatedColumn(Index index) {
            if (recreatedColumns.isEmpty()) {
                return false;
            }
            return index.include().stream().anyMatch(recreatedColumns::contains)
                    || index.where().filter(this::mentionsRecreated).isPresent()
                    || index.elements().stream().anyMatch(e -> e.expression() ? mentionsRecreated(e.text())
                    : recreatedColumns.contains(e.text()));
        }

        /** Whether SQL names a recreated column: as a word of its own (erring towards making more again). */
        private boolean mentionsRecreated(String sql) {
            return recreatedColumns.stream().anyMatch(column -> Pattern.compile("(?<![\\w$])" + Pattern.quote(column)
                    + "(?![\\w$])").matcher(sql).find());
        }

        private static DropIndex dropIndex(Index index) {
            return new DropIndex(index.table().withName(index.name()), Optional.of(index.table()), false, false,
                    Optional.of(index));
        }

        /** The constraint names the tables have, which a name given to an unnamed constraint must not take. */
        private void reserveNames(QualifiedName name, Table... tables) {
            Set<String> taken = givenNames.computeIfAbsent(name, t -> new HashSet<>());
            for (Table table : tables) {
                table.constraints().forEach(c -> c.name().ifPresent(n -> taken.add(n.toLowerCase(Locale.ROOT))));
            }
        }

        /**
         * A constraint added by ALTER needs a name; an unnamed one in the model gets a conventional
         * one, numbered when the table already has it (two unnamed checks would both be {@code ck_t}).
         */
        private TableConstraint named(TableConstraint constraint, QualifiedName table) {
            if (constraint.name().isPresent()) {
                return constraint;
            }
            String prefix = switch (constraint.constraintType()) {
                case PRIMARY_KEY -> "pk";
                case UNIQUE -> "uq";
                case CHECK -> "ck";
                case FOREIGN_KEY -> "fk";
                case EXCLUDE -> "ex";
            };
            String columns = constraint.columns().isEmpty() ? "" : "_" + String.join("_", constraint.columns());
            String name = prefix + "_" + table.name() + columns;
            Set<String> taken = givenNames.computeIfAbsent(table, t -> new HashSet<>());
            String unique = name;
            for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = name + "_" + n;
            }
            return constraint.named(unique);
        }

        private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
            Map<K, V> map = new LinkedHashMap<>();
            for (V value : values) {
                map.putIfAbsent(key.apply(value), value);
            }
            return map;
        }
    }
}
