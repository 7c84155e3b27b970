package dev.retort.lint;

import dev.retort.RetortException;
import dev.retort.lint.Action.ColumnFact;
import dev.retort.lint.Action.ConstraintFact;
import dev.retort.lint.Action.DefaultFact;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropSchema;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import dev.retort.script.SqlFlavor;
import dev.retort.script.SqlSection;
import dev.retort.script.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link Operation} does, as {@link Action}s, so that Java revisions are checked by the
 * same rules as SQL. Raw SQL ({@link Execute}) is read as SQL.
 *
 * <p>The operations are matched by type rather than through {@code OperationVisitor}: lint has rules
 * for some operations only, and an operation added later (by another change to the operations API)
 * has no lock hazard until a rule says so; a visitor would make every new operation a compile error
 * here. An operation with no rule reads as {@link Action.Other}.
 */
final class OperationReader {

    private final SqlReader sql;
    private final SqlFlavor flavor;

    OperationReader(SqlReader sql, SqlFlavor flavor) {
        this.sql = sql;
        this.flavor = flavor;
    }

    /** The actions of one operation, and whether it runs inside the migration's transaction. */
    record Read(List<Action> actions, boolean transactional, boolean rawSql) {
    }

    Read read(Operation operation) {
        List<Action> actions = new ArrayList<>();
        boolean transactional = true;
        boolean raw = false;
        if (operation instanceof CreateTable op) {
            actions.add(createTable(op.table()));
        } else if (operation instanceof AddColumn op) {
            actions.add(new Action.AddColumn(TableName.of(op.table()), column(op.column())));
        } else if (operation instanceof AlterColumn op) {
            alterColumn(op, actions);
        } else if (operation instanceof DropColumn op) {
            actions.add(new Action.DropColumn(TableName.of(op.table()), op.column()));
        } else if (operation instanceof DropTable op) {
            actions.add(new Action.DropTable(TableName.of(op.table())));
        } else if (operation instanceof RenameTable op) {
            actions.add(new Action.RenameTable(TableName.of(op.table()), op.newName()));
        } else if (operation instanceof CreateIndex op) {
            actions.add(new Action.CreateIndex(TableName.of(op.index().table()), op.index().name(),
                    op.index().isUnique(), op.concurrently(), op.index().elements().size()));
            // retort runs a concurrent build outside the transaction by itself
            transactional = !op.concurrently();
        } else if (operation instanceof DropIndex op) {
            actions.add(new Action.DropIndex(op.index().name(), op.concurrently()));
            transactional = !op.concurrently();
        } else if (operation instanceof AddConstraint op) {
            actions.add(new Action.AddConstraint(TableName.of(op.table()), constraint(op.constraint(),
                    op.notValid())));
        } else if (operation instanceof ValidateConstraint op) {
            actions.add(new Action.ValidateConstraint(TableName.of(op.table()), op.name()));
        } else if (operation instanceof DropSchema op) {
            actions.add(new Action.DropSchema(op.name()));
        } else if (operation instanceof AddEnumValue op) {
            actions.add(new Action.AddEnumValue(op.type().name(), op.value(),
                    op.before().isPresent() || op.after().isPresent()));
            transactional = false;
        } else if (operation instanceof Execute op) {
            raw = true;
            transactional = op.transactional();
            actions.addAll(readRaw(op.sql()));
        } else if (operation instanceof BatchAlterTable op) {
            for (Operation inner : op.operations()) {
                actions.addAll(read(inner).actions());
            }
        } else {
            actions.add(new Action.Other(operation.describe(), Optional.empty(), false));
        }
        return new Read(actions, transactional, raw);
    }

    /** Raw SQL, split into statements as a SQL section would be. */
    private List<Action> readRaw(String text) {
        List<Action> actions = new ArrayList<>();
        try {
            for (SqlStatement statement : new SqlSection(text, 1, true, "op.execute").statements(flavor)) {
                actions.addAll(sql.read(statement.sql()));
            }
        } catch (RetortException e) {
            actions.addAll(sql.read(text));
        }
        return actions;
    }

    private void alterColumn(AlterColumn op, List<Action> actions) {
        TableName table = TableName.of(op.table());
        op.type().ifPresent(type -> actions.add(new Action.AlterColumnType(table, op.column(), TypeFact.of(type),
                op.existing().map(c -> TypeFact.of(c.type())))));
        op.nullable().ifPresent(nullable -> actions.add(nullable ? new Action.DropNotNull(table, op.column())
                : new Action.SetNotNull(table, op.column())));
        op.newName().ifPresent(name -> actions.add(new Action.RenameColumn(table, op.column(), name)));
        if (op.serverDefault().isPresent() || op.comment().isPresent()) {
            actions.add(new Action.Other("alter column default or comment", Optional.of(table), true));
        }
    }

    private static Action createTable(Table table) {
        List<ColumnFact> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            boolean key = table.primaryKey().map(k -> k.columns().contains(column.name())).orElse(false);
            ColumnFact fact = column(column);
            columns.add(new ColumnFact(fact.name(), fact.type(), fact.notNull() || key, fact.defaultValue(),
                    fact.generatedStored(), fact.autoIncrement(), key, Optional.empty()));
        }
        List<ConstraintFact> constraints = new ArrayList<>();
        table.constraints().forEach(c -> constraints.add(constraint(c, false)));
        return new Action.CreateTable(TableName.of(table.name()), columns, constraints);
    }

    static ColumnFact column(Column column) {
        Optional<DefaultFact> defaultValue = column.serverDefault().map(d -> d instanceof DefaultValue.Expression e
                ? new DefaultFact(e.sql(), false) : new DefaultFact(String.valueOf(((DefaultValue.Literal) d).value()),
                true));
        return new ColumnFact(column.name(), TypeFact.of(column.type()), !column.nullable(), defaultValue,
                column.generated().isPresent(), column.identity().isPresent(), column.markedPrimaryKey(),
                Optional.empty());
    }

    private static ConstraintFact constraint(TableConstraint constraint, boolean notValid) {
        if (constraint instanceof ForeignKey fk) {
            return new ConstraintFact(ConstraintFact.Kind.FOREIGN_KEY, fk.name(), fk.columns(), notValid, false,
                    Optional.of(TableName.of(fk.referencedTable())), "");
        }
        if (constraint instanceof CheckConstraint check) {
            return new ConstraintFact(ConstraintFact.Kind.CHECK, check.name(), List.of(), notValid, false,
                    Optional.empty(), check.condition());
        }
        if (constraint instanceof UniqueConstraint unique) {
            return new ConstraintFact(ConstraintFact.Kind.UNIQUE, unique.name(), unique.columns(), false, false,
                    Optional.empty(), "");
        }
        if (constraint instanceof PrimaryKey key) {
            return new ConstraintFact(ConstraintFact.Kind.PRIMARY_KEY, key.name(), key.columns(), false, false,
                    Optional.empty(), "");
        }
        ExcludeConstraint exclude = (ExcludeConstraint) constraint;
        return new ConstraintFact(ConstraintFact.Kind.EXCLUDE, exclude.name(), List.of(), false, false,
                Optional.empty(), "");
    }
}
