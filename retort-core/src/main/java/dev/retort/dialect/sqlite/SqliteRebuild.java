package dev.retort.dialect.sqlite;

import dev.retort.dialect.RenderedStatement;
import dev.retort.dialect.sqlite.SqliteRenderer.Refusal;
import dev.retort.dialect.sqlite.SqliteTableDefinition.Reference;
import dev.retort.dialect.sqlite.SqliteTableDefinition.Trigger;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.TableElement;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Alembic's "move and copy" for SQLite, done as SQLite's own "generalized ALTER TABLE procedure"
 * (lang_altertable, section 7) prescribes:
 *
 * <ol>
 *   <li>The batch's changes are applied to the table's model: columns added (at their position),
 *       dropped (with the indexes and constraints that use them, as PostgreSQL's DROP COLUMN drops
 *       them), altered; constraints and indexes added and dropped.</li>
 *   <li>{@code CREATE TABLE _retort_tmp_<table>} in the new shape, keeping defaults, checks (named or
 *       not), foreign keys, unique constraints, the primary key, {@code AUTOINCREMENT}, collations,
 *       {@code WITHOUT ROWID} and {@code STRICT}.</li>
 *   <li>{@code INSERT INTO} it {@code SELECT} the kept columns from the old table, with the rowid when
 *       no column is the rowid. A changed type converts by the new column's affinity, which converts
 *       what converts without loss and keeps the rest as it is ({@code CAST} would turn {@code 'abc'}
 *       into 0 and {@code 1.5} into 1); {@code using(expr)} gives the expression to copy instead.</li>
 *   <li>The old table's {@code sqlite_sequence} value is carried over, so AUTOINCREMENT never hands
 *       out a number it handed out before.</li>
 *   <li>{@code DROP TABLE} the old table; {@code ALTER TABLE} the new one {@code RENAME TO} the old
 *       name, with {@code legacy_alter_table} on for that statement: otherwise SQLite checks every
 *       view and trigger that names the table while it does not exist, and fails.</li>
 *   <li>Indexes, then the table's triggers (which DROP TABLE dropped), are created again.</li>
 *   <li>Renames run last, in place ({@code RENAME COLUMN}), so that SQLite itself rewrites what names
 *       the columns: indexes, triggers, views, other tables' foreign keys. Until then columns keep
 *       their old names, and what the batch adds that names a renamed column is written with its old
 *       name.</li>
 *   <li>Each view that names the table and compiled before is compiled again ({@code SELECT * FROM v
 *       LIMIT 0}), so that a view broken by the change fails the migration instead of its users.</li>
 *   <li>The batch's raw SQL ({@code b.execute}) runs last.</li>
 * </ol>
 *
 * Foreign key enforcement must be off for all of it, or {@code DROP TABLE} would run the {@code ON
 * DELETE} actions of every row that references the table: the runner turns it off before the
 * migration's transaction and checks the foreign keys ({@code PRAGMA foreign_key_check}) before it
 * commits (see {@link SqliteDialect#needsForeignKeysOff}).
 *
 * <p>Not thread-safe; one per rendering.
 */
final class SqliteRebuild {

    private static final String TEMPORARY_PREFIX = "_retort_tmp_";

    private final SqliteRenderer renderer;
    private final BatchAlterTable batch;
    private final SqliteTableDefinition definition;
    private final QualifiedName table;

    /** The new table, in the names its columns have while it is rebuilt (before the batch's renames). */
    private final List<Slot> slots = new ArrayList<>();
    private Optional<PrimaryKey> primaryKey;
    private final List<UniqueConstraint> uniques;
    private final List<CheckConstraint> checks;
    private final List<ForeignKey> foreignKeys;
    private final List<Index> indexes;
    private final List<Execute> executes = new ArrayList<>();
    /** Where the columns the batch dropped were, by name in lower case. */
    private final Map<String, Integer> droppedAt = new HashMap<>();

    /** A column of the new table: its definition (under its name during the rebuild) and where its values come from. */
    private static final class Slot {
        private Column column;
        private String finalName;
        private final Optional<String> source;
        private Optional<String> using = Optional.empty();

        Slot(Column column, Optional<String> source) {
            this.column = column;
            this.finalName = column.name();
            this.source = source;
        }

        String physical() {
            return column.name();
        }
    }

    SqliteRebuild(SqliteRenderer renderer, BatchAlterTable batch, SqliteTableDefinition definition) {
        this.renderer = renderer;
        this.batch = batch;
        this.definition = definition;
        this.table = batch.table();
        Table old = definition.table();
        for (Column column : old.columns()) {
            slots.add(new Slot(column, Optional.of(column.name())));
        }
        this.primaryKey = old.primaryKey();
        this.uniques = new ArrayList<>(old.uniques());
        this.checks = new ArrayList<>(old.checks());
        this.foreignKeys = new ArrayList<>(old.foreignKeys());
        this.indexes = new ArrayList<>(old.indexes());
    }

    /**
     * What a batch may hold, checked before anything is read: changes to its own table, of the kinds
     * {@code BatchOperations} makes.
     */
    static void checkShape(BatchAlterTable batch) {
        for (Operation operation : batch.operations()) {
            Optional<QualifiedName> about = BatchAlterTable.tableAltered(operation);
            if (about.isEmpty() && !(operation instanceof Execute) && !(operation instanceof DropIndex)) {
                throw new Refusal("a batch holds changes to its own table only (columns, constraints, indexes,"
                        + " comments, raw SQL), not " + operation.describe(), "Run it outside the batch");
            }
            if (about.isPresent() && !sameTable(about.get(), batch.table())) {
                throw new Refusal("a batch holds changes to its own table only, and " + operation.describe()
                        + " is about " + about.get(), "Run it outside the batch, or in a batch of its own table");
            }
        }
        if (batch.copyFrom().isPresent() && !sameTable(batch.copyFrom().get().name(), batch.table())) {
            throw new Refusal("the batch's copyFrom describes table " + batch.copyFrom().get().name(),
                    "Give the definition of " + batch.table());
        }
    }

    private static boolean sameTable(QualifiedName a, QualifiedName b) {
        return a.schema().equals(b.schema()) && same(a.name(), b.name());
    }

    private static boolean same(String a, String b) {
        return ExpressionColumns.fold(a).equals(ExpressionColumns.fold(b));
    }

    /** The name of the copy a rebuild of the table builds, before it takes the table's name. */
    static String temporaryName(String table) {
        return TEMPORARY_PREFIX + table;
    }

    /**
     * Whether the statement is the one that ends a rebuild, {@code ALTER TABLE [schema.]_retort_tmp_t
     * RENAME TO t}: how a SQL revision that holds a rebuild is known. Only a rebuild names a table
     * so.
     */
    static boolean isRenameOfCopy(String sql) {
        if (!sql.toLowerCase(Locale.ROOT).contains(TEMPORARY_PREFIX)) {
            return false;
        }
        List<SqliteLexer.Token> tokens;
        try {
            tokens = SqliteLexer.tokenize(sql);
        } catch (SqliteParseException e) {
            return false;
        }
        int name = tokens.size() > 4 && tokens.get(3).isSymbol(".") ? 4 : 2;
        return tokens.size() >= name + 4 && tokens.get(0).isWord("ALTER") && tokens.get(1).isWord("TABLE")
                && tokens.get(name).isName() && tokens.get(name).value().toLowerCase(Locale.ROOT)
                .startsWith(TEMPORARY_PREFIX) && tokens.get(name + 1).isWord("RENAME")
                && tokens.get(name + 2).isWord("TO");
    }

    // ------------------------------------------------------------------------------------------
    // applying the changes

    List<RenderedStatement> statements() {
        if (!definition.notKept().isEmpty()) {
            throw new Refusal("the table declares " + String.join(", ", definition.notKept())
                    + ", which a rebuild would not keep", "Rebuild the table with op.execute, following SQLite's"
                    + " generalized ALTER TABLE procedure (https://www.sqlite.org/lang_altertable.html#otheralter)");
        }
        for (Operation operation : batch.operations()) {
            apply(operation);
        }
        Table rebuilt = rebuiltTable();
        requireNoForeignKeyActions(rebuilt);
        return render(rebuilt);
    }

    /**
     * The table the rebuild leaves, in the model (columns under their final names, and what names
     * them renamed with them, as SQLite's RENAME COLUMN rewrites it), without rendering anything:
     * what {@link SqliteDialect#tableAfter} gives autogenerate for the batch that undoes this one.
     *
     * @throws Refusal when the batch cannot be applied to the table
     */
    Table result() {
        for (Operation operation : batch.operations()) {
            apply(operation);
        }
        Table rebuilt = rebuiltTable();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Slot slot : slots) {
            if (!slot.physical().equals(slot.finalName)) {
                renamed.put(slot.physical(), slot.finalName);
            }
        }
        return renamed.isEmpty() ? rebuilt : renamed(rebuilt, renamed);
    }

    private Table renamed(Table rebuilt, Map<String, String> renamed) {
        java.util.function.UnaryOperator<String> column = name -> renamed.entrySet().stream()
                .filter(e -> same(e.getKey(), name)).map(Map.Entry::getValue).findFirst().orElse(name);
        java.util.function.UnaryOperator<String> expression = sql -> ExpressionColumns.rename(sql, renamed,
                renderer::name);
        List<TableElement> elements = new ArrayList<>();
        for (Column c : rebuilt.columns()) {
            Column moved = c.withName(column.apply(c.name()));
            elements.add(moved.generated().map(g -> moved.generatedAs(expression.apply(g))).orElse(moved));
        }
        rebuilt.primaryKey().ifPresent(key -> elements.add(new PrimaryKey(key.name(),
                key.columns().stream().map(column).toList())));
        rebuilt.uniques().forEach(unique -> elements.add(new UniqueConstraint(unique.name(),
                unique.columns().stream().map(column).toList(), unique.deferrable())));
        rebuilt.checks().forEach(check -> elements.add(new CheckConstraint(check.name(),
                expression.apply(check.condition()))));
        rebuilt.foreignKeys().forEach(key -> elements.add(new ForeignKey(key.name(),
                key.columns().stream().map(column).toList(), key.referencedTable(), selfReference(key)
                ? key.referencedColumns().stream().map(column).toList() : key.referencedColumns(), key.onDelete(),
                key.onUpdate(), key.deferrable(), key.match())));
        for (Index index : rebuilt.indexes()) {
            elements.add(new Index(index.name(), index.table(), index.elements().stream()
                    .map(e -> new IndexElement(e.expression() ? expression.apply(e.text()) : column.apply(e.text()),
                            e.expression(), e.operatorClass(), e.descending(), e.nulls())).toList(),
                    index.isUnique(), index.where().map(expression), index.method(),
                    index.include().stream().map(column).toList(), index.parameters()));
        }
        return Table.of(rebuilt.name(), elements);
    }

    private void apply(Operation operation) {
        if (operation instanceof AddColumn op) {
            addColumn(op);
        } else if (operation instanceof DropColumn op) {
            dropColumn(op);
        } else if (operation instanceof AlterColumn op) {
            alterColumn(op);
        } else if (operation instanceof AddConstraint op) {
            addConstraint(op);
        } else if (operation instanceof DropConstraint op) {
            dropConstraint(op);
        } else if (operation instanceof CreateIndex op) {
            createIndex(op);
        } else if (operation instanceof DropIndex op) {
            dropIndex(op);
        } else if (operation instanceof Execute op) {
            executes.add(op);
        }
        // comments, storage parameters and MySQL table options: nothing on SQLite
    }

    private void addColumn(AddColumn op) {
        Column column = op.column();
        if (slot(column.name()).isPresent()) {
            if (op.ifNotExists()) {
                return;
            }
            throw new Refusal("the table already has a column " + column.name(), "Give the new column another name");
        }
        String name = column.name();
        if (slots.stream().anyMatch(s -> same(s.physical(), name))) {
            throw new Refusal("this batch renames column " + name + ", and SQLite renames it only after"
                    + " rebuilding the table", "Add the new column " + name + " in a second batch");
        }
        if (column.generated().isPresent()) {
            column = column.generatedAs(physical(column.generated().get()));
        }
        // a column dropped and added again under its name (a generated column's new expression) keeps its place
        int at = Math.min(droppedAt.getOrDefault(name.toLowerCase(Locale.ROOT), slots.size()), slots.size());
        if (op.position().isPresent()) {
            ColumnPosition position = op.position().get();
            if (position instanceof ColumnPosition.First) {
                at = 0;
            } else {
                String after = ((ColumnPosition.After) position).column();
                Slot previous = slot(after).orElseThrow(() -> new Refusal("the table has no column " + after
                        + " to add " + op.column().name() + " after", "Name a column the table has"));
                at = slots.indexOf(previous) + 1;
            }
        }
        if (column.identity().isPresent()) {
            if (primaryKey.isPresent()) {
                throw new Refusal("an autoincrement column is the whole primary key, and the table has one on "
                        + primaryKey.get().columns(), primaryKey.get().name().map(n -> "Drop that key first in the same"
                        + " batch (b.dropConstraint(" + JavaSpelling.string(n) + ")), or add the column without"
                        + " autoincrement()").orElse("Add the column without autoincrement(): the table's primary key"
                        + " has no name to drop it by"));
            }
            primaryKey = Optional.of(new PrimaryKey(Optional.empty(), List.of(column.name())));
        }
        slots.add(at, new Slot(column, Optional.empty()));
    }

    private void dropColumn(DropColumn op) {
        Optional<Slot> found = slot(op.column());
        if (found.isEmpty()) {
            if (op.ifExists()) {
                return;
            }
            throw noColumn(op.column());
        }
        Slot slot = found.get();
        String column = slot.physical();
        String blocking = blocking(slot);
        if (!blocking.isEmpty()) {
            throw new Refusal("the batch drops column " + slot.finalName + ", which " + blocking + " uses",
                    "Drop or change " + blocking + " first");
        }
        droppedAt.put(slot.finalName.toLowerCase(Locale.ROOT), slots.indexOf(slot));
        slots.remove(slot);
        primaryKey = primaryKey.filter(key -> !contains(key.columns(), column));
        uniques.removeIf(unique -> contains(unique.columns(), column));
        foreignKeys.removeIf(key -> contains(key.columns(), column)
                || selfReference(key) && contains(key.referencedColumns(), column));
        checks.removeIf(check -> ExpressionColumns.mentions(check.condition(), column));
        indexes.removeIf(index -> mentions(index, column));
    }

    /** What outside the table's own constraints and indexes keeps the column from being dropped. */
    private String blocking(Slot dropped) {
        List<String> uses = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot != dropped && slot.column.generated().isPresent()
                    && ExpressionColumns.mentions(slot.column.generated().get(), dropped.physical())) {
                uses.add("the generated column " + slot.finalName);
            }
        }
        if (dropped.source.isPresent()) {
            uses.addAll(referencing(definition, dropped.source.get()));
        }
        return String.join(", ", uses);
    }

    /** The foreign keys of other tables that reference the column of the old table. */
    private static List<String> referencing(SqliteTableDefinition definition, String column) {
        List<String> uses = new ArrayList<>();
        List<String> key = definition.table().primaryKey().map(PrimaryKey::columns).orElse(List.of());
        for (Reference reference : definition.referencedBy()) {
            List<String> referenced = reference.referencedColumns().isEmpty() ? key : reference.referencedColumns();
            if (contains(referenced, column)) {
                uses.add("the foreign key of table " + reference.table() + " (" + String.join(", ",
                        reference.columns()) + ")");
            }
        }
        return uses;
    }

    private void alterColumn(AlterColumn op) {
        Slot slot = slot(op.column()).orElseThrow(() -> noColumn(op.column()));
        Column before = slot.column;
        try {
            slot.column = op.applyTo(before).withName(before.name());
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage(), "Change the column so that it stays valid");
        }
        if (op.type().isPresent()) {
            // the old enum's CHECK holds the column to the old values; the new type brings its own
            checks.removeIf(check -> SqliteRenderer.isEnumCheck(check, before.name()));
        }
        if (op.using().isPresent()) {
            slot.using = Optional.of(physical(op.using().get()));
        }
        if (op.newName().isPresent()) {
            String name = op.newName().get();
            Optional<Slot> other = slot(name);
            if (other.isPresent() && other.get() != slot) {
                String existing = other.get().finalName;
                throw new Refusal("the table already has a column " + existing, "Rename it to a name the table does"
                        + " not have, or drop " + existing + " first");
            }
            slot.finalName = name;
        }
    }

    private void addConstraint(AddConstraint op) {
        TableConstraint constraint = op.constraint();
        String name = op.name();
        Optional<TableConstraint> clash = namedConstraint(name);
        if (clash.isPresent()) {
            throw new Refusal("the table already has a constraint named " + clash.get().name().orElse(name),
                    "Give the constraint another name, or drop the other first");
        }
        if (constraint instanceof PrimaryKey key) {
            if (primaryKey.isPresent()) {
                throw new Refusal("the table already has a primary key, on " + primaryKey.get().columns(),
                        "Drop it in the same batch first" + primaryKey.get().name().map(n -> ": b.dropConstraint("
                                + JavaSpelling.string(n) + ")").orElse(""));
            }
            primaryKey = Optional.of(new PrimaryKey(key.name(), physicalColumns(key.columns())));
        } else if (constraint instanceof UniqueConstraint unique) {
            uniques.add(new UniqueConstraint(unique.name(), physicalColumns(unique.columns()), unique.deferrable()));
        } else if (constraint instanceof CheckConstraint check) {
            checks.add(new CheckConstraint(check.name(), physical(check.condition())));
        } else if (constraint instanceof ForeignKey key) {
            boolean self = sameTable(key.referencedTable().schema().isPresent() ? key.referencedTable()
                    : key.referencedTable().inSchema(table.schema()), table);
            foreignKeys.add(new ForeignKey(key.name(), physicalColumns(key.columns()), key.referencedTable(),
                    self ? physicalColumns(key.referencedColumns()) : key.referencedColumns(), key.onDelete(),
                    key.onUpdate(), key.deferrable(), key.match()));
        } else {
            throw new Refusal("exclusion constraints are PostgreSQL's", "Enforce the rule with a unique index or a"
                    + " trigger");
        }
    }

    private void dropConstraint(DropConstraint op) {
        Optional<TableConstraint> found = namedConstraint(op.name());
        if (found.isEmpty()) {
            Optional<Index> index = indexes.stream().filter(i -> same(i.name(), op.name())).findFirst();
            if (index.isPresent()) {
                throw new Refusal(op.name() + " is an index of the table, not a constraint", "Drop it with b.dropIndex("
                        + JavaSpelling.string(index.get().name()) + ")");
            }
            if (op.ifExists()) {
                return;
            }
            List<String> named = constraints().stream().flatMap(c -> c.name().stream()).toList();
            throw new Refusal("the table has no constraint named " + op.name() + (named.isEmpty()
                    ? " (it has no named constraints; SQLite keeps unnamed ones, which have no name to drop them by)"
                    : "; its named constraints are " + String.join(", ", named)), "Name one of them");
        }
        TableConstraint constraint = found.get();
        if (op.type().isPresent() && op.type().get() != constraint.constraintType()) {
            throw new Refusal(op.name() + " is a " + constraint.constraintType().description() + ", not a "
                    + op.type().get().description(), "Drop it as a " + constraint.constraintType().description());
        }
        if (constraint instanceof PrimaryKey) {
            primaryKey = Optional.empty();
        }
        uniques.remove(constraint);
        checks.remove(constraint);
        foreignKeys.remove(constraint);
    }

    private void createIndex(CreateIndex op) {
        Index index = op.index();
        if (indexes.stream().anyMatch(i -> same(i.name(), index.name()))) {
            if (op.ifNotExists()) {
                return;
            }
            throw new Refusal("the table already has an index named " + index.name(), "Give the index another name");
        }
        List<IndexElement> elements = new ArrayList<>();
        for (IndexElement element : index.elements()) {
            String text = element.expression() ? physical(element.text()) : physicalColumn(element.text());
            elements.add(new IndexElement(text, element.expression(), element.operatorClass(), element.descending(),
                    element.nulls()));
        }
        indexes.add(new Index(index.name(), table, elements, index.isUnique(), index.where().map(this::physical),
                index.method(), physicalColumns(index.include()), index.parameters()));
    }

    private void dropIndex(DropIndex op) {
        String name = op.index().name();
        boolean removed = indexes.removeIf(index -> same(index.name(), name));
        if (!removed && !op.ifExists()) {
            throw new Refusal("the table has no index named " + name + (indexes.isEmpty() ? ""
                    : "; its indexes are " + indexes.stream().map(Index::name).collect(Collectors.joining(", "))),
                    "Name one of its indexes");
        }
    }

    // ------------------------------------------------------------------------------------------
    // the new table and its statements

    private Table rebuiltTable() {
        if (slots.isEmpty()) {
            throw new Refusal("the batch leaves the table no column", "Drop the table and create a new one");
        }
        List<TableElement> elements = new ArrayList<>();
        slots.forEach(slot -> elements.add(slot.column));
        primaryKey.ifPresent(elements::add);
        Table old = definition.table();
        elements.addAll(inOldPlaces(uniques, old.uniques()));
        elements.addAll(inOldPlaces(checks, old.checks()));
        elements.addAll(inOldPlaces(foreignKeys, old.foreignKeys()));
        elements.addAll(indexes);
        try {
            return Table.of(table, elements);
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage(), "Change the batch so that the table it leaves is valid");
        }
    }

    /**
     * With enforcement on, dropping the old table would run the ON DELETE actions of the rows that
     * reference it (from other tables, and from the new copy through a self-reference). The runner
     * turns it off for a migration it knows rebuilds a table; enforcement still on here means the
     * rebuild came too late for that.
     */
    private void requireNoForeignKeyActions(Table rebuilt) {
        if (!definition.known() || !definition.foreignKeysEnforced()) {
            return;
        }
        Set<String> referencing = new TreeSet<>();
        definition.referencedBy().forEach(reference -> referencing.add(reference.table()));
        if (rebuilt.foreignKeys().stream().anyMatch(this::selfReference)) {
            referencing.add(table.name() + " itself");
        }
        if (!referencing.isEmpty()) {
            throw new Refusal("foreign keys are enforced on this connection and " + String.join(", ", referencing)
                    + " reference" + (referencing.size() == 1 ? "s" : "") + " the table, so dropping its old copy would"
                    + " run their ON DELETE actions; retort turns enforcement off for a migration that rebuilds a"
                    + " table when it sees the rebuild before the migration starts, and this batch comes after the"
                    + " revision reads op.connection()", "Move the batch before the first op.connection(), or into a"
                    + " revision of its own");
        }
    }

    private List<RenderedStatement> render(Table rebuilt) {
        QualifiedName temporary = table.withName(TEMPORARY_PREFIX + table.name());
        List<RenderedStatement> statements = new ArrayList<>();
        statements.add(RenderedStatement.of(renderer.createTable(rebuilt, temporary, false, definition.withoutRowid(),
                definition.strict())));
        copy(rebuilt, temporary).ifPresent(statements::add);
        if (identity(definition.table()) && identity(rebuilt)) {
            statements.addAll(carrySequence(temporary));
        }
        statements.add(RenderedStatement.of("DROP TABLE " + renderer.tableName(table)));
        if (!definition.legacyAlterTable()) {
            // SQLite would otherwise check every view and trigger naming the table, which does not exist now
            statements.add(RenderedStatement.of("PRAGMA legacy_alter_table = ON"));
        }
        statements.add(RenderedStatement.of("ALTER TABLE " + renderer.tableName(temporary) + " RENAME TO "
                + renderer.name(table.name())));
        if (!definition.legacyAlterTable()) {
            statements.add(RenderedStatement.of("PRAGMA legacy_alter_table = OFF"));
        }
        for (Index index : rebuilt.indexes()) {
            statements.add(RenderedStatement.of(renderer.createIndexSql(index, false)));
        }
        for (Trigger trigger : definition.triggers()) {
            statements.add(RenderedStatement.of(trigger.sql()));
        }
        for (String[] rename : renames()) {
            statements.add(RenderedStatement.of("ALTER TABLE " + renderer.tableName(table) + " RENAME COLUMN "
                    + renderer.name(rename[0]) + " TO " + renderer.name(rename[1])));
        }
        for (String view : definition.views()) {
            statements.add(RenderedStatement.of("SELECT * FROM " + renderer.tableName(table.withName(view))
                    + " LIMIT 0"));
        }
        for (Execute execute : executes) {
            statements.addAll(renderer.render(execute));
        }
        return statements;
    }

    /** {@code INSERT INTO tmp (...) SELECT ... FROM old} for the columns that come from the old table. */
    private Optional<RenderedStatement> copy(Table rebuilt, QualifiedName temporary) {
        List<String> targets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Optional<String> rowid = rowid(rebuilt);
        rowid.ifPresent(name -> {
            targets.add(name);
            values.add(name);
        });
        for (Slot slot : slots) {
            if (slot.source.isPresent() && slot.column.generated().isEmpty()) {
                targets.add(renderer.name(slot.physical()));
                values.add(slot.using.map(expression -> "(" + expression + ")")
                        .orElse(renderer.name(slot.source.get())));
            }
        }
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RenderedStatement.of("INSERT INTO " + renderer.tableName(temporary) + " ("
                + String.join(", ", targets) + ")\nSELECT " + String.join(", ", values) + " FROM "
                + renderer.tableName(table)));
    }

    /**
     * The name the rowid goes by, when it is to be copied: the old and new tables have one, and no
     * column stands for it (an {@code INTEGER PRIMARY KEY}, which is copied as a column).
     */
    private Optional<String> rowid(Table rebuilt) {
        if (definition.withoutRowid() || rowidAlias(definition.table()) || rowidAlias(rebuilt)) {
            return Optional.empty();
        }
        for (String name : List.of("rowid", "_rowid_", "oid")) {
            boolean taken = definition.table().columns().stream().anyMatch(c -> same(c.name(), name))
                    || rebuilt.columns().stream().anyMatch(c -> same(c.name(), name));
            if (!taken) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private boolean rowidAlias(Table model) {
        if (identity(model)) {
            return true;
        }
        Optional<PrimaryKey> key = model.primaryKey();
        if (key.isEmpty() || key.get().columns().size() != 1) {
            return false;
        }
        Optional<Column> column = model.column(key.get().columns().get(0));
        return column.isPresent() && renderer.typeName(column.get().type()).equalsIgnoreCase("INTEGER");
    }

    private static boolean identity(Table model) {
        return model.columns().stream().anyMatch(c -> c.identity().isPresent());
    }

    /** The new table's AUTOINCREMENT goes on where the old one's stopped (deleted last rows included). */
    private List<RenderedStatement> carrySequence(QualifiedName temporary) {
        String sequence = schemaPrefix() + "sqlite_sequence";
        String old = renderer.literal(table.name());
        String copy = renderer.literal(temporary.name());
        return List.of(
                RenderedStatement.of("UPDATE " + sequence + " SET seq = max(seq, coalesce((SELECT seq FROM " + sequence
                        + " WHERE name = " + old + " COLLATE NOCASE), 0)) WHERE name = " + copy),
                RenderedStatement.of("INSERT INTO " + sequence + " (name, seq) SELECT " + copy + ", seq FROM "
                        + sequence + " WHERE name = " + old + " COLLATE NOCASE AND NOT EXISTS (SELECT 1 FROM "
                        + sequence + " WHERE name = " + copy + ")"));
    }

    /**
     * The in-place renames that give the columns their final names, ordered so that none takes a
     * name another column still has; a swap goes through a temporary name.
     */
    private List<String[]> renames() {
        List<String[]> pending = new ArrayList<>();
        Set<String> current = new TreeSet<>();
        for (Slot slot : slots) {
            current.add(ExpressionColumns.fold(slot.physical()));
            if (!slot.physical().equals(slot.finalName)) {
                pending.add(new String[] {slot.physical(), slot.finalName});
            }
        }
        List<String[]> ordered = new ArrayList<>();
        int temporaries = 0;
        while (!pending.isEmpty()) {
            String[] free = null;
            for (String[] rename : pending) {
                if (!current.contains(ExpressionColumns.fold(rename[1])) || same(rename[0], rename[1])) {
                    free = rename;
                    break;
                }
            }
            if (free == null) {
                String[] first = pending.get(0);
                String temporary;
                do {
                    temporary = TEMPORARY_PREFIX + first[0] + (temporaries++ == 0 ? "" : "_" + temporaries);
                } while (current.contains(ExpressionColumns.fold(temporary)));
                ordered.add(new String[] {first[0], temporary});
                current.remove(ExpressionColumns.fold(first[0]));
                current.add(ExpressionColumns.fold(temporary));
                first[0] = temporary;
                continue;
            }
            ordered.add(free);
            current.remove(ExpressionColumns.fold(free[0]));
            current.add(ExpressionColumns.fold(free[1]));
            pending.remove(free);
        }
        return ordered;
    }

    // ------------------------------------------------------------------------------------------
    // names

    private String schemaPrefix() {
        return table.schema().map(s -> renderer.name(s) + ".").orElse("");
    }

    private Optional<Slot> slot(String name) {
        return slots.stream().filter(s -> same(s.finalName, name)).findFirst();
    }

    /** A column named as the batch names it (after its renames so far), under its name during the rebuild. */
    private String physicalColumn(String name) {
        return slot(name).map(Slot::physical).orElse(name);
    }

    private List<String> physicalColumns(List<String> names) {
        return names.stream().map(this::physicalColumn).toList();
    }

    /** An expression of the batch with the columns it names under their names during the rebuild. */
    private String physical(String expression) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Slot slot : slots) {
            if (!slot.finalName.equals(slot.physical())) {
                renamed.put(slot.finalName, slot.physical());
            }
        }
        return ExpressionColumns.rename(expression, renamed, renderer::name);
    }

    /**
     * The constraints, those the table had by name (made again, or kept) where it had them and the new
     * ones after: a batch that drops a constraint and adds it again under its name (a changed foreign
     * key) leaves it where it was, so that the batch undoing it gives back the table as it was.
     */
    private static <C extends TableConstraint> List<C> inOldPlaces(List<C> now, List<C> before) {
        List<C> ordered = new ArrayList<>();
        for (C was : before) {
            if (was.name().isEmpty()) {
                now.stream().filter(was::equals).findFirst().ifPresent(ordered::add);
            } else {
                now.stream().filter(c -> c.name().filter(n -> same(n, was.name().get())).isPresent()).findFirst()
                        .ifPresent(ordered::add);
            }
        }
        now.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        return ordered;
    }

    private List<TableConstraint> constraints() {
        List<TableConstraint> all = new ArrayList<>();
        primaryKey.ifPresent(all::add);
        all.addAll(uniques);
        all.addAll(checks);
        all.addAll(foreignKeys);
        return all;
    }

    private Optional<TableConstraint> namedConstraint(String name) {
        return constraints().stream().filter(c -> c.name().filter(n -> same(n, name)).isPresent()).findFirst();
    }

    private boolean selfReference(ForeignKey key) {
        QualifiedName referenced = key.referencedTable();
        return same(referenced.name(), table.name())
                && (referenced.schema().isEmpty() || referenced.schema().equals(table.schema()));
    }

    private static boolean mentions(Index index, String column) {
        for (IndexElement element : index.elements()) {
            boolean uses = element.expression() ? ExpressionColumns.mentions(element.text(), column)
                    : same(element.text(), column);
            if (uses) {
                return true;
            }
        }
        return index.where().filter(where -> ExpressionColumns.mentions(where, column)).isPresent()
                || contains(index.include(), column);
    }

    private static boolean contains(List<String> names, String name) {
        return names.stream().anyMatch(n -> same(n, name));
    }

    private Refusal noColumn(String column) {
        return new Refusal("the table has no column " + column, "Name a column of " + table + ": "
                + slots.stream().map(s -> s.finalName).collect(Collectors.joining(", ")));
    }

    // ------------------------------------------------------------------------------------------
    // a plain DROP COLUMN

    /**
     * What uses a column, for a plain {@code DROP COLUMN}.
     *
     * @param inTable  what in the table SQLite's DROP COLUMN refuses to leave behind (a rebuild drops them with
     *                 the column)
     * @param blocking what even a rebuild cannot drop with it: generated columns and other tables'
     *                 foreign keys; empty when nothing
     */
    record Uses(List<String> inTable, String blocking) {
    }

    static Uses uses(SqliteTableDefinition definition, String name) {
        Table table = definition.table();
        String column = table.column(name).map(Column::name)
                .orElseGet(() -> table.columns().stream().filter(c -> same(c.name(), name)).map(Column::name)
                        .findFirst().orElse(name));
        List<String> inTable = new ArrayList<>();
        if (table.primaryKey().filter(key -> contains(key.columns(), column)).isPresent()) {
            inTable.add("its primary key");
        }
        for (UniqueConstraint unique : table.uniques()) {
            if (contains(unique.columns(), column)) {
                inTable.add(describe("unique constraint", unique.name()));
            }
        }
        for (CheckConstraint check : table.checks()) {
            if (ExpressionColumns.mentions(check.condition(), column) && !definition.declaredWith(check, column)) {
                inTable.add(describe("check constraint", check.name()));
            }
        }
        for (ForeignKey key : table.foreignKeys()) {
            boolean referencesIt = same(key.referencedTable().name(), table.name().name())
                    && contains(key.referencedColumns(), column);
            if (contains(key.columns(), column) && !definition.declaredWith(key, column) || referencesIt) {
                inTable.add(describe("foreign key", key.name()));
            }
        }
        for (Index index : table.indexes()) {
            if (mentions(index, column)) {
                inTable.add("index " + index.name());
            }
        }
        List<String> blocking = new ArrayList<>();
        for (Column other : table.columns()) {
            if (!other.name().equals(column) && other.generated().isPresent()
                    && ExpressionColumns.mentions(other.generated().get(), column)) {
                blocking.add("the generated column " + other.name());
            }
        }
        blocking.addAll(referencing(definition, column));
        return new Uses(inTable, String.join(", ", blocking));
    }

    private static String describe(String kind, Optional<String> name) {
        return Objects.requireNonNull(name).map(n -> kind + " " + n).orElse("an unnamed " + kind);
    }
}
