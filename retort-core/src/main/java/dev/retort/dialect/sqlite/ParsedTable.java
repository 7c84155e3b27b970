package dev.retort.dialect.sqlite;

import dev.retort.schema.Deferrable;
import dev.retort.schema.ReferentialAction;
import java.util.List;
import java.util.Optional;

/**
 * A {@code CREATE TABLE} statement as SQLite stores it in {@code sqlite_master}, taken apart by
 * {@link SqliteDdlParser}: the clauses that {@code PRAGMA table_xinfo} and friends do not report
 * (constraint names, CHECK conditions, generated expressions, {@code AUTOINCREMENT}, collations,
 * conflict clauses, table options). Expressions are kept as written.
 *
 * @param schema       the schema the statement names, if any
 * @param name         the table, unquoted
 * @param columns      its column definitions, in order
 * @param constraints  its table constraints, in order
 * @param withoutRowid {@code WITHOUT ROWID}
 * @param strict       {@code STRICT}
 * @param asSelect     {@code CREATE TABLE ... AS SELECT}: no column definitions were written
 */
record ParsedTable(Optional<String> schema, String name, List<ParsedColumn> columns, List<TableClause> constraints,
                   boolean withoutRowid, boolean strict, boolean asSelect) {

    ParsedTable {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    /** One column definition: name, declared type as written (empty for none) and its constraints. */
    record ParsedColumn(String name, String type, List<ColumnClause> clauses) {
        ParsedColumn {
            clauses = List.copyOf(clauses);
        }
    }

    /** A constraint written with its column; {@code name} is its {@code CONSTRAINT name}, if any. */
    sealed interface ColumnClause {
        Optional<String> name();
    }

    record ColumnPrimaryKey(Optional<String> name, boolean descending, Optional<String> onConflict,
                            boolean autoincrement) implements ColumnClause {
    }

    record ColumnNotNull(Optional<String> name, Optional<String> onConflict) implements ColumnClause {
    }

    record ColumnUnique(Optional<String> name, Optional<String> onConflict) implements ColumnClause {
    }

    record ColumnCheck(Optional<String> name, String condition) implements ColumnClause {
    }

    /** {@code DEFAULT}, its value as written: a literal, a signed number, or an expression in parentheses. */
    record ColumnDefault(Optional<String> name, String value) implements ColumnClause {
    }

    record ColumnCollate(Optional<String> name, String collation) implements ColumnClause {
    }

    record ColumnReferences(Optional<String> name, References references) implements ColumnClause {
    }

    /** {@code [GENERATED ALWAYS] AS (expression) [STORED | VIRTUAL]}; VIRTUAL when neither is written. */
    record ColumnGenerated(Optional<String> name, String expression, boolean stored) implements ColumnClause {
    }

    /** A constraint written after the columns. */
    sealed interface TableClause {
        Optional<String> name();
    }

    record TablePrimaryKey(Optional<String> name, List<IndexedColumn> columns, Optional<String> onConflict)
            implements TableClause {
        TablePrimaryKey {
            columns = List.copyOf(columns);
        }
    }

    record TableUnique(Optional<String> name, List<IndexedColumn> columns, Optional<String> onConflict)
            implements TableClause {
        TableUnique {
            columns = List.copyOf(columns);
        }
    }

    record TableCheck(Optional<String> name, String condition) implements TableClause {
    }

    record TableForeignKey(Optional<String> name, List<String> columns, References references)
            implements TableClause {
        TableForeignKey {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A {@code REFERENCES} clause.
     *
     * @param table      the parent table
     * @param columns    its columns; empty when the clause names none (then the parent's primary key is meant)
     * @param onDelete   the {@code ON DELETE} action
     * @param onUpdate   the {@code ON UPDATE} action
     * @param match      the word after {@code MATCH} (which SQLite parses and ignores)
     * @param deferrable the {@code [NOT] DEFERRABLE [INITIALLY ...]} clause
     */
    record References(String table, List<String> columns, Optional<ReferentialAction> onDelete,
                      Optional<ReferentialAction> onUpdate, Optional<String> match,
                      Optional<Deferrable> deferrable) {
        References {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A key of an index or of a PRIMARY KEY / UNIQUE constraint.
     *
     * @param expression the key as written, without its {@code COLLATE} and order
     * @param column     the column, when the key is a plain column name
     * @param collation  its {@code COLLATE}
     * @param descending {@code DESC}
     */
    record IndexedColumn(String expression, Optional<String> column, Optional<String> collation,
                         boolean descending) {
    }

    /** A {@code CREATE INDEX} statement, taken apart. */
    record ParsedIndex(Optional<String> schema, String name, boolean unique, String table,
                       List<IndexedColumn> columns, Optional<String> where) {
        ParsedIndex {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A {@code CREATE VIEW} statement, taken apart.
     *
     * @param schema  the schema the statement names, if any
     * @param name    the view, unquoted
     * @param columns the column names given after the view's name; empty when none are
     * @param query   the {@code SELECT} after {@code AS}, as written
     */
    record ParsedView(Optional<String> schema, String name, List<String> columns, String query) {
        ParsedView {
            columns = List.copyOf(columns);
        }
    }
}
