package dev.retort.ops;

import java.util.Optional;

/**
 * A schema change as data: no SQL inside. A dialect's renderer turns it into statements; offline
 * scripts, inverses and lint all work on the same records (STYLE.md rule 1). Every operation says
 * what it is in a few words ({@link #describe()}) and knows its inverse where the record holds
 * enough to build one.
 */
public sealed interface Operation
        permits CreateTable, DropTable, RenameTable, SetTableComment, AddColumn, DropColumn, AlterColumn,
        CreateIndex, DropIndex, AddConstraint, DropConstraint, ValidateConstraint, Execute, BulkInsert,
        CreateSchema, DropSchema, CreateExtension, DropExtension, CreateEnumType, DropEnumType, AddEnumValue,
        CreateSequence, DropSequence, SetStorageParameters, ResetStorageParameters, SetTableOptions,
        BatchAlterTable, CreateView, DropView {

    /** What the operation does, for messages: {@code add column reading_progress.cfi}. */
    String describe();

    /**
     * The operation that undoes this one, when the record holds what it needs: a {@link DropColumn}
     * knows how to re-add its column only when it carries the column's definition. Empty when it
     * cannot be inverted (raw SQL, a drop without the definition).
     */
    Optional<Operation> inverse();

    <R> R accept(OperationVisitor<R> visitor);
}
