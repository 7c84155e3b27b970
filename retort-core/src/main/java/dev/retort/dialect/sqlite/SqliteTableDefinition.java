package dev.retort.dialect.sqlite;

import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import java.util.List;

/**
 * A SQLite table as a rebuild needs to know it: the {@link Table} model, plus what SQLite keeps
 * with a table that the model has no place for, and what around the table a rebuild touches.
 *
 * @param table               the table
 * @param withoutRowid        {@code WITHOUT ROWID}: there is no rowid to carry over
 * @param strict              {@code STRICT}
 * @param triggers            the triggers on the table, which {@code DROP TABLE} drops with it
 * @param views               the views whose text names the table and that compile now
 * @param referencedBy        the foreign keys of other tables that reference this one
 * @param columnLevel         the CHECK and REFERENCES constraints written with a column, which
 *                            SQLite's DROP COLUMN drops with it
 * @param notKept             what the table declares that a rebuild could not carry over (a
 *                            conflict clause, a virtual table's module), as phrases for a message;
 *                            a rebuild is refused while it is not empty
 * @param foreignKeysEnforced {@code PRAGMA foreign_keys} of the connection, as read
 * @param legacyAlterTable    {@code PRAGMA legacy_alter_table} of the connection, as read
 * @param known               whether the extras above were read from a database; false for a
 *                            definition given offline ({@code copyFrom}), which has none of them
 */
record SqliteTableDefinition(Table table, boolean withoutRowid, boolean strict, List<Trigger> triggers,
                             List<String> views, List<Reference> referencedBy, List<ColumnLevel> columnLevel,
                             List<String> notKept, boolean foreignKeysEnforced, boolean legacyAlterTable,
                             boolean known) {

    SqliteTableDefinition {
        triggers = List.copyOf(triggers);
        views = List.copyOf(views);
        referencedBy = List.copyOf(referencedBy);
        columnLevel = List.copyOf(columnLevel);
        notKept = List.copyOf(notKept);
    }

    /** A definition given without a database (a batch's {@code copyFrom}): an ordinary rowid table. */
    static SqliteTableDefinition of(Table table) {
        return new SqliteTableDefinition(table, false, false, List.of(), List.of(), List.of(), List.of(), List.of(),
                false, false, false);
    }

    /** The same extras around another table model. */
    SqliteTableDefinition withTable(Table newTable) {
        return new SqliteTableDefinition(newTable, withoutRowid, strict, triggers, views, referencedBy, columnLevel,
                notKept, foreignKeysEnforced, legacyAlterTable, known);
    }

    /** Whether the constraint was written with that column (SQLite compares names ignoring ASCII case). */
    boolean declaredWith(TableConstraint constraint, String column) {
        return columnLevel.stream().anyMatch(c -> c.constraint().equals(constraint)
                && ExpressionColumns.fold(c.column()).equals(ExpressionColumns.fold(column)));
    }

    /** A constraint written as part of a column's definition. */
    record ColumnLevel(String column, TableConstraint constraint) {
    }

    /** A trigger on the table, with the statement that created it. */
    record Trigger(String name, String sql) {
    }

    /**
     * A foreign key of another table that references this one.
     *
     * @param table             the referencing (child) table
     * @param columns           its columns
     * @param referencedColumns the columns of this table it references; empty for "its primary key"
     */
    record Reference(String table, List<String> columns, List<String> referencedColumns) {
        Reference {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }
}
