package dev.retort.lint;

import java.util.List;
import java.util.Optional;

/**
 * What one statement (or one operation) does, as far as the rules care: the common ground between a
 * parsed SQL statement and a Java revision's operation record, so that each rule is written once.
 * One SQL statement may do several things ({@code ALTER TABLE t ADD a int, ADD b int}).
 */
sealed interface Action {

    /** A column as declared. {@code defaultValue} literal: a constant, not an expression. */
    record ColumnFact(String name, TypeFact type, boolean notNull, Optional<DefaultFact> defaultValue,
                      boolean generatedStored, boolean autoIncrement, boolean primaryKey,
                      Optional<TableName> references) {
    }

    /** A column default: its SQL, and whether it is known to be a constant. */
    record DefaultFact(String sql, boolean literal) {
    }

    /** A table constraint. */
    record ConstraintFact(Kind kind, Optional<String> name, List<String> columns, boolean notValid,
                          boolean usingIndex, Optional<TableName> referenced, String condition) {
        enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUDE }

        String displayName() {
            return name.orElse("(unnamed)");
        }
    }

    record CreateTable(TableName table, List<ColumnFact> columns, List<ConstraintFact> constraints)
            implements Action {
    }

    record AddColumn(TableName table, ColumnFact column) implements Action {
    }

    /** {@code ALTER COLUMN ... TYPE}; {@code before} when the operation carries the column as it was. */
    record AlterColumnType(TableName table, String column, TypeFact type, Optional<TypeFact> before)
            implements Action {
    }

    record SetNotNull(TableName table, String column) implements Action {
    }

    record DropNotNull(TableName table, String column) implements Action {
    }

    /** MySQL's {@code MODIFY} / {@code CHANGE}: the column restated, maybe renamed. */
    record ModifyColumn(TableName table, String oldName, ColumnFact column) implements Action {
    }

    record RenameColumn(TableName table, String from, String to) implements Action {
    }

    record RenameTable(TableName table, String to) implements Action {
    }

    record DropColumn(TableName table, String column) implements Action {
    }

    record DropTable(TableName table) implements Action {
    }

    record DropSchema(String name) implements Action {
    }

    record DropDatabase(String name) implements Action {
    }

    record AddConstraint(TableName table, ConstraintFact constraint) implements Action {
    }

    record ValidateConstraint(TableName table, String name) implements Action {
    }

    /** {@code keys}: the number of indexed columns and expressions. */
    record CreateIndex(TableName table, String name, boolean unique, boolean concurrently, int keys)
            implements Action {
    }

    record DropIndex(String name, boolean concurrently) implements Action {
    }

    record Reindex(String target, boolean concurrently) implements Action {
    }

    record Truncate(List<TableName> tables, boolean cascade) implements Action {
    }

    /** {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END}, {@code ROLLBACK}. */
    record Transaction(Kind kind) implements Action {
        enum Kind { BEGIN, COMMIT, ROLLBACK }
    }

    /** {@code SET [SESSION|LOCAL] name = value}. */
    record SetParameter(String name, String value) implements Action {
    }

    record AddEnumValue(String type, String value, boolean positioned) implements Action {
    }

    /** MySQL's {@code ALGORITHM=} and {@code LOCK=} clauses of an {@code ALTER TABLE} or {@code CREATE INDEX}. */
    record AlterTableOptions(TableName table, Optional<String> algorithm, Optional<String> lock) implements Action {
    }

    /**
     * Anything else: DML, other DDL. {@code table} when it works on one; {@code ddl} when it is a
     * schema change that takes a lock on it (an {@code ALTER TABLE} sub-command no rule is about).
     */
    record Other(String what, Optional<TableName> table, boolean ddl) implements Action {
    }

    /** SQL that neither the parser nor the fallback could read. */
    record Unreadable(String problem) implements Action {
    }
}
