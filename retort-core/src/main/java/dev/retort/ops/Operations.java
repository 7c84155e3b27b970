package dev.retort.ops;

import dev.retort.dialect.Dialect;
import dev.retort.schema.Column;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.TableElement;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What a Java revision's {@code upgrade(op)} and {@code downgrade(op)} call: every directive of
 * Alembic's {@code op.*}, as methods that each record one {@link Operation}. The runner renders it
 * for the database at hand and runs it, or prints it in an offline script. Names without a schema
 * are in the connection's default schema; {@link #inSchema} scopes them.
 *
 * <pre>{@code
 * op.addColumn("reading_progress", column("cfi", varchar(500)).comment("EPUB CFI"));
 * op.createIndex("ix_progress_cfi", "reading_progress", "book_id", "user_id", "cfi");
 * }</pre>
 *
 * <p>Not thread-safe: one instance serves one running migration.
 */
public interface Operations {

    // ------------------------------------------------------------------------------------------
    // what an implementation provides

    /** Runs (or, offline, prints) an operation; every other method comes down to this. */
    void apply(Operation operation);

    /** The schema names are resolved in; empty = the connection's default. */
    Optional<String> schema();

    /** The same operations with names resolved in {@code schema}. */
    Operations inSchema(String schema);

    /**
     * The live connection, for data migrations (queries whose results decide what to do). It is the
     * migration's own connection, inside its transaction: do not commit or close it.
     *
     * @throws IllegalStateException offline, naming the revision: such a revision cannot be rendered
     *                               as a script
     */
    Connection connection();

    /** Whether statements are printed as an offline script ({@code --sql}) rather than run. */
    boolean isOffline();

    /** The database the migration is for. */
    Dialect dialect();

    /** The {@code -x KEY=VALUE} arguments of the command line (or the library's). */
    Map<String, String> arguments();

    // ------------------------------------------------------------------------------------------
    // tables

    /**
     * {@code CREATE TABLE} with columns, constraints, indexes and options ({@link dev.retort.schema.Tables}).
     * An unqualified table that a foreign key references is taken to be in this scope's schema, as
     * with {@link #createForeignKey(String, ForeignKey)}.
     */
    default void createTable(String table, TableElement... elements) {
        apply(new CreateTable(Table.of(name(table), scoped(elements)), false));
    }

    default void createTableIfNotExists(String table, TableElement... elements) {
        apply(new CreateTable(Table.of(name(table), scoped(elements)), true));
    }

    /** {@code CREATE TABLE} of a table defined elsewhere (a schema model, a copy). */
    default void createTable(Table table) {
        apply(new CreateTable(table, false));
    }

    default void dropTable(String table) {
        apply(new DropTable(name(table), false, false, Optional.empty()));
    }

    default void dropTableIfExists(String table) {
        apply(new DropTable(name(table), true, false, Optional.empty()));
    }

    /** Drops the table, carrying its definition so that the operation has an inverse (as autogenerate writes). */
    default void dropTable(Table definition) {
        apply(new DropTable(definition.name(), false, false, Optional.of(definition)));
    }

    default void renameTable(String table, String newName) {
        apply(new RenameTable(name(table), newName));
    }

    default void createTableComment(String table, String comment) {
        apply(new SetTableComment(name(table), Optional.of(comment), Optional.empty()));
    }

    default void dropTableComment(String table) {
        apply(new SetTableComment(name(table), Optional.empty(), Optional.empty()));
    }

    // ------------------------------------------------------------------------------------------
    // columns

    default void addColumn(String table, Column column) {
        apply(new AddColumn(name(table), column, false, Optional.empty()));
    }

    default void addColumnIfNotExists(String table, Column column) {
        apply(new AddColumn(name(table), column, true, Optional.empty()));
    }

    /** Adds a column at a position (MySQL, MariaDB, H2: {@code FIRST} / {@code AFTER col}; elsewhere at the end). */
    default void addColumn(String table, Column column, ColumnPosition position) {
        apply(new AddColumn(name(table), column, false, Optional.of(position)));
    }

    default void dropColumn(String table, String column) {
        apply(new DropColumn(name(table), column, false, Optional.empty()));
    }

    default void dropColumnIfExists(String table, String column) {
        apply(new DropColumn(name(table), column, true, Optional.empty()));
    }

    /** Drops a column, carrying its definition so that the operation has an inverse. */
    default void dropColumn(String table, Column existing) {
        apply(new DropColumn(name(table), existing.name(), false, Optional.of(existing)));
    }

    /** Changes what {@code change} sets and nothing else: {@code c -> c.type(bigint()).notNull()}. */
    default void alterColumn(String table, String column, UnaryOperator<AlterColumn> change) {
        AlterColumn op = change.apply(AlterColumn.of(name(table), column));
        if (!op.changesSomething()) {
            throw new IllegalArgumentException("alter column " + op.table() + "." + column + " changes nothing");
        }
        apply(op);
    }

    /** Sets (or with null removes) a column's comment. */
    default void setColumnComment(String table, String column, String comment) {
        alterColumn(table, column, c -> comment == null ? c.dropComment() : c.comment(comment));
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    default void createPrimaryKey(String name, String table, String... columns) {
        addConstraint(table, new dev.retort.schema.PrimaryKey(Optional.of(name), List.of(columns)));
    }

    default void createUniqueConstraint(String name, String table, String... columns) {
        addConstraint(table, dev.retort.schema.UniqueConstraint.of(name, columns));
    }

    default void createCheckConstraint(String name, String table, String condition) {
        addConstraint(table, dev.retort.schema.CheckConstraint.of(name, condition));
    }

    /**
     * {@code ALTER TABLE table ADD CONSTRAINT ... FOREIGN KEY}, the key built with
     * {@code foreignKey(name, columns...).references(table, columns...)}. An unqualified referenced
     * table is taken to be in this scope's schema.
     */
    default void createForeignKey(String table, ForeignKey foreignKey) {
        addConstraint(table, foreignKey);
    }

    /** Alembic's argument order: {@code create_foreign_key(name, source, referent, local_cols, remote_cols)}. */
    default void createForeignKey(String name, String sourceTable, String referentTable, List<String> localColumns,
                                  List<String> remoteColumns) {
        addConstraint(sourceTable, ForeignKey.from(Optional.of(name), localColumns)
                .references(referentTable, remoteColumns.toArray(String[]::new)));
    }

    default void createExcludeConstraint(String table, ExcludeConstraint constraint) {
        addConstraint(table, constraint);
    }

    default void addConstraint(String table, TableConstraint constraint) {
        apply(new AddConstraint(name(table), scoped(constraint), false));
    }

    /**
     * PostgreSQL: adds a foreign key or check without checking existing rows ({@code NOT VALID}), so
     * the table is not locked while they are read; {@link #validateConstraint} checks them later.
     */
    default void addConstraintNotValid(String table, TableConstraint constraint) {
        apply(new AddConstraint(name(table), scoped(constraint), true));
    }

    default void validateConstraint(String table, String name) {
        apply(new ValidateConstraint(name(table), name));
    }

    /** Drops a constraint; on MySQL and MariaDB its kind is read from the database (or give it, offline). */
    default void dropConstraint(String name, String table) {
        apply(new DropConstraint(name(table), name, Optional.empty(), false, Optional.empty()));
    }

    default void dropConstraint(String name, String table, ConstraintType type) {
        apply(new DropConstraint(name(table), name, Optional.of(type), false, Optional.empty()));
    }

    default void dropConstraintIfExists(String name, String table, ConstraintType type) {
        apply(new DropConstraint(name(table), name, Optional.of(type), true, Optional.empty()));
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    default void createIndex(String name, String table, String... columns) {
        apply(new CreateIndex(Index.of(name, name(table), columns), false, false));
    }

    /**
     * Creates an index built with {@code index(name, columns...)} and its refinements
     * ({@code .unique()}, {@code .where(...)}, {@code .using("gin")}, {@code .on(expression(...))}).
     */
    default void createIndex(String table, Index index, IndexOption... options) {
        EnumSet<IndexOption> set = options(IndexOption.IF_EXISTS, "createIndex", options);
        apply(new CreateIndex(index.onTable(name(table)), set.contains(IndexOption.CONCURRENTLY),
                set.contains(IndexOption.IF_NOT_EXISTS)));
    }

    /** Drops an index; MySQL and MariaDB need its table (PostgreSQL, SQLite and H2 do not). */
    default void dropIndex(String name, String table, IndexOption... options) {
        EnumSet<IndexOption> set = options(IndexOption.IF_NOT_EXISTS, "dropIndex", options);
        apply(new DropIndex(name(name), table == null ? Optional.empty() : Optional.of(name(table)),
                set.contains(IndexOption.CONCURRENTLY), set.contains(IndexOption.IF_EXISTS), Optional.empty()));
    }

    default void dropIndex(String name) {
        dropIndex(name, null);
    }

    // ------------------------------------------------------------------------------------------
    // data and raw SQL

    /** Raw SQL, run in the migration's transaction. */
    default void execute(String sql) {
        apply(new Execute(sql, List.of(), true));
    }

    /** Raw SQL with {@code ?} bind parameters (offline, written as literals). */
    default void execute(String sql, Object... parameters) {
        apply(new Execute(sql, Arrays.asList(parameters), true));
    }

    /**
     * Raw SQL outside any transaction (what came before is committed first), as Alembic's
     * {@code autocommit_block}: {@code VACUUM}, {@code CREATE DATABASE}...
     */
    default void executeOutsideTransaction(String sql) {
        apply(new Execute(sql, List.of(), false));
    }

    /**
     * Inserts rows given as column-to-value maps; every row must name the same columns. The columns
     * come in the first row's order when its map keeps one (a LinkedHashMap, a SortedMap), else
     * sorted by name, so that the statement is the same on every run ({@code Map.of} has no order).
     */
    default void bulkInsert(String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> first = rows.get(0);
        List<String> columns = new ArrayList<>(first.keySet());
        if (!(first instanceof java.util.LinkedHashMap) && !(first instanceof java.util.SortedMap)) {
            java.util.Collections.sort(columns);
        }
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (!row.keySet().equals(new java.util.HashSet<>(columns))) {
                throw new IllegalArgumentException("bulk insert into " + table + ": every row must name the same"
                        + " columns; the first names " + columns + ", another " + row.keySet());
            }
            List<Object> ordered = new ArrayList<>();
            columns.forEach(column -> ordered.add(row.get(column)));
            values.add(ordered);
        }
        apply(new BulkInsert(name(table), columns, values));
    }

    // ------------------------------------------------------------------------------------------
    // schemas, extensions, types, sequences (PostgreSQL first)

    default void createSchema(String schema) {
        apply(new CreateSchema(schema, true));
    }

    default void dropSchema(String schema) {
        apply(new DropSchema(schema, false, false));
    }

    /** {@code DROP SCHEMA ... CASCADE}: everything in it goes too; there is no inverse. */
    default void dropSchemaCascade(String schema) {
        apply(new DropSchema(schema, false, true));
    }

    /** {@code CREATE EXTENSION IF NOT EXISTS}, e.g. {@code pg_trgm}, {@code vector}. */
    default void createExtension(String extension) {
        apply(new CreateExtension(extension, true, Optional.empty(), Optional.empty()));
    }

    default void dropExtension(String extension) {
        apply(new DropExtension(extension, true, false));
    }

    default void createEnumType(String type, String... values) {
        apply(new CreateEnumType(name(type), List.of(values)));
    }

    default void dropEnumType(String type) {
        apply(new DropEnumType(name(type), false, Optional.empty()));
    }

    /** Drops the type, carrying its values so that the operation has an inverse. */
    default void dropEnumType(String type, String... values) {
        apply(new DropEnumType(name(type), false, Optional.of(List.of(values))));
    }

    /** {@code ALTER TYPE ... ADD VALUE IF NOT EXISTS}, run outside the transaction. */
    default void addEnumValue(String type, String value) {
        apply(new AddEnumValue(name(type), value, Optional.empty(), Optional.empty(), true));
    }

    default void addEnumValueBefore(String type, String value, String before) {
        apply(new AddEnumValue(name(type), value, Optional.of(before), Optional.empty(), true));
    }

    default void addEnumValueAfter(String type, String value, String after) {
        apply(new AddEnumValue(name(type), value, Optional.empty(), Optional.of(after), true));
    }

    default void createSequence(String sequence) {
        apply(CreateSequence.of(name(sequence)));
    }

    /** A sequence with options: {@code s -> s.startWith(1000).incrementBy(10)}. */
    default void createSequence(String sequence, UnaryOperator<CreateSequence> options) {
        apply(options.apply(CreateSequence.of(name(sequence))));
    }

    default void dropSequence(String sequence) {
        apply(new DropSequence(name(sequence), false, Optional.empty()));
    }

    /** PostgreSQL {@code ALTER TABLE ... SET (name = value, ...)}. */
    default void setStorageParameters(String table, Map<String, String> parameters) {
        apply(new SetStorageParameters(name(table), parameters, Optional.empty()));
    }

    /** PostgreSQL {@code ALTER TABLE ... RESET (name, ...)}. */
    default void resetStorageParameters(String table, String... parameters) {
        apply(new ResetStorageParameters(name(table), List.of(parameters), Optional.empty()));
    }

    /** MySQL/MariaDB {@code ALTER TABLE ... ENGINE = ..., DEFAULT CHARSET = ...}; nothing elsewhere. */
    default void setTableOptions(String table, Map<String, String> options) {
        apply(new SetTableOptions(name(table), options, Optional.empty()));
    }

    /** {@code CREATE VIEW name AS query}. */
    default void createView(String view, String query) {
        apply(new CreateView(new dev.retort.schema.View(name(view), query)));
    }

    default void dropView(String view) {
        apply(new DropView(name(view), false, Optional.empty()));
    }

    // ------------------------------------------------------------------------------------------
    // batch

    /**
     * Changes to one table applied together; on SQLite rebuilt by copy and move where {@code ALTER}
     * cannot do them (see {@link BatchAlterTable}).
     */
    default void batchAlterTable(String table, Consumer<BatchOperations> changes) {
        batchAlterTable(table, BatchAlterTable.Recreate.AUTO, changes);
    }

    default void batchAlterTable(String table, BatchAlterTable.Recreate recreate, Consumer<BatchOperations> changes) {
        QualifiedName name = name(table);
        BatchOperations batch = new BatchOperations(name);
        changes.accept(batch);
        apply(new BatchAlterTable(name, batch.operations(), recreate, Optional.empty()));
    }

    /**
     * A batch given the table as it is now, as Alembic's {@code copy_from}: a SQLite rebuild copies
     * that definition instead of reading the table, which is what lets an offline script
     * ({@code --sql}) rebuild a table at all.
     *
     * @param copyFrom the table's current definition, e.g. {@code Table.of(QualifiedName.of("books"), ...)};
     *                 its name must be {@code table}
     */
    default void batchAlterTable(String table, Table copyFrom, Consumer<BatchOperations> changes) {
        batchAlterTable(table, copyFrom, BatchAlterTable.Recreate.AUTO, changes);
    }

    default void batchAlterTable(String table, Table copyFrom, BatchAlterTable.Recreate recreate,
                                 Consumer<BatchOperations> changes) {
        QualifiedName name = name(table);
        if (!copyFrom.name().name().equals(table)) {
            throw new IllegalArgumentException("batch alter table " + name + ": copyFrom describes table "
                    + copyFrom.name());
        }
        BatchOperations batch = new BatchOperations(name);
        changes.accept(batch);
        apply(new BatchAlterTable(name, batch.operations(), recreate, Optional.of(copyFrom.renamed(name))));
    }

    // ------------------------------------------------------------------------------------------
    // lint

    /**
     * Tells {@code retort lint} that the next operation breaks {@code rule} on purpose, and why:
     * {@code op.lintIgnore("ban-drop-column", "the app stopped reading it in 4.2")}. The reason is
     * required (lint reports an ignore without one) and an ignore that matches nothing is reported
     * too. Running or printing the revision does nothing with it.
     */
    default void lintIgnore(String rule, String reason) {
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    /** A name in this scope's schema. */
    default QualifiedName name(String name) {
        return QualifiedName.of(schema(), name);
    }

    /** A constraint whose referenced table, if unqualified, is put in this scope's schema. */
    private TableConstraint scoped(TableConstraint constraint) {
        if (constraint instanceof ForeignKey fk && fk.referencedTable().schema().isEmpty() && schema().isPresent()) {
            return new ForeignKey(fk.name(), fk.columns(), fk.referencedTable().inSchema(schema()),
                    fk.referencedColumns(), fk.onDelete(), fk.onUpdate(), fk.deferrable(), fk.match());
        }
        return constraint;
    }

    /** Table elements with their foreign keys' unqualified referenced tables put in this scope's schema. */
    private List<TableElement> scoped(TableElement... elements) {
        List<TableElement> scoped = new ArrayList<>();
        for (TableElement element : elements) {
            scoped.add(element instanceof TableConstraint constraint ? scoped(constraint) : element);
        }
        return scoped;
    }

    private static EnumSet<IndexOption> options(IndexOption refused, String method, IndexOption... options) {
        EnumSet<IndexOption> set = EnumSet.noneOf(IndexOption.class);
        set.addAll(Arrays.asList(options));
        if (set.contains(refused)) {
            throw new IllegalArgumentException(method + " does not take " + refused + "; did you mean "
                    + (refused == IndexOption.IF_EXISTS ? IndexOption.IF_NOT_EXISTS : IndexOption.IF_EXISTS) + "?");
        }
        return set;
    }
}
