package dev.retort.ops;

/**
 * One method per kind of {@link Operation}, so that a renderer that misses one does not compile
 * (Java 17 has no exhaustive switch over a sealed interface).
 *
 * @param <R> what a visit returns: a dialect's statements, a lint finding...
 */
public interface OperationVisitor<R> {
    R visit(CreateTable op);

    R visit(DropTable op);

    R visit(RenameTable op);

    R visit(SetTableComment op);

    R visit(AddColumn op);

    R visit(DropColumn op);

    R visit(AlterColumn op);

    R visit(CreateIndex op);

    R visit(DropIndex op);

    R visit(AddConstraint op);

    R visit(DropConstraint op);

    R visit(ValidateConstraint op);

    R visit(Execute op);

    R visit(BulkInsert op);

    R visit(CreateSchema op);

    R visit(DropSchema op);

    R visit(CreateExtension op);

    R visit(DropExtension op);

    R visit(CreateEnumType op);

    R visit(DropEnumType op);

    R visit(AddEnumValue op);

    R visit(CreateSequence op);

    R visit(DropSequence op);

    R visit(SetStorageParameters op);

    R visit(ResetStorageParameters op);

    R visit(SetTableOptions op);

    R visit(BatchAlterTable op);

    R visit(CreateView op);

    R visit(DropView op);
}
