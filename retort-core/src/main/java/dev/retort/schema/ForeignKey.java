package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A foreign key: {@code columns} of this table reference {@code referencedColumns} of
 * {@code referencedTable}.
 *
 * <pre>{@code
 * foreignKey("fk_prefs_user", "user_id").references("users", "id").onDelete(CASCADE)
 * }</pre>
 */
public record ForeignKey(Optional<String> name, List<String> columns, QualifiedName referencedTable,
                         List<String> referencedColumns, Optional<ReferentialAction> onDelete,
                         Optional<ReferentialAction> onUpdate, Optional<Deferrable> deferrable,
                         Optional<String> match) implements TableConstraint {

    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedTable, "referencedTable");
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(onUpdate, "onUpdate");
        Objects.requireNonNull(deferrable, "deferrable");
        Objects.requireNonNull(match, "match");
        String what = Names.describe("foreign key", name);
        columns = Names.columns(what, columns);
        referencedColumns = Names.columns(what + " (referenced columns)", referencedColumns);
        if (columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException(what + " has " + columns.size() + " columns but references "
                    + referencedColumns.size());
        }
    }

    /** The local side; {@link Builder#references} completes it. */
    public static Builder from(Optional<String> name, List<String> columns) {
        return new Builder(name, columns);
    }

    public ForeignKey onDelete(ReferentialAction action) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, Optional.of(action), onUpdate,
                deferrable, match);
    }

    public ForeignKey onUpdate(ReferentialAction action) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, Optional.of(action),
                deferrable, match);
    }

    public ForeignKey deferrable(Deferrable when) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, onUpdate,
                Optional.of(when), match);
    }

    /** {@code MATCH FULL} / {@code MATCH SIMPLE} / {@code MATCH PARTIAL}, given as the word after MATCH. */
    public ForeignKey match(String kind) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, deferrable,
                Optional.of(kind));
    }

    @Override
    public ConstraintType constraintType() {
        return ConstraintType.FOREIGN_KEY;
    }

    @Override
    public ForeignKey named(String newName) {
        return new ForeignKey(Optional.of(newName), columns, referencedTable, referencedColumns, onDelete, onUpdate,
                deferrable, match);
    }

    /** A foreign key's local columns, waiting for what they reference. */
    public static final class Builder {
        private final Optional<String> name;
        private final List<String> columns;

        private Builder(Optional<String> name, List<String> columns) {
            this.name = Objects.requireNonNull(name, "name");
            this.columns = List.copyOf(columns);
        }

        public ForeignKey references(String table, String... referencedColumns) {
            return references(QualifiedName.of(table), referencedColumns);
        }

        public ForeignKey references(QualifiedName table, String... referencedColumns) {
            return new ForeignKey(name, columns, table, List.of(referencedColumns), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
