package dev.retort.autogen;

import dev.retort.ops.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How a database differs from its model, and the operations that make it match: in an order that
 * runs (schemas, types and sequences before the tables that use them; foreign keys dropped before
 * their tables and added after theirs), and the downgrade that undoes them. Warnings say what the
 * operations cannot do safely or at all (a drop that loses data and may have been a rename, an
 * enum value PostgreSQL cannot remove). Immutable.
 *
 * @param differences how the database differs
 * @param upgrade     what makes it match the model
 * @param warnings    what the upgrade cannot do safely or at all
 * @param downgrade   what undoes the upgrade: each upgrade operation's inverse, last first, unless
 *                    the diff was shaped for a dialect that needs more (a SQLite table rebuild that
 *                    undoes one knows the table the first one left)
 */
public record SchemaDiff(List<Difference> differences, List<Operation> upgrade, List<String> warnings,
                         List<Operation> downgrade) {

    public SchemaDiff {
        differences = List.copyOf(differences);
        upgrade = List.copyOf(upgrade);
        warnings = List.copyOf(warnings);
        downgrade = List.copyOf(downgrade);
    }

    /**
     * The diff whose downgrade is each upgrade operation's inverse, last first. An operation without
     * an inverse (adding an enum value) is left out; {@link #downgradeWarnings()} names it.
     */
    public SchemaDiff(List<Difference> differences, List<Operation> upgrade, List<String> warnings) {
        this(differences, upgrade, warnings, inverses(upgrade));
    }

    private static List<Operation> inverses(List<Operation> upgrade) {
        List<Operation> inverses = new ArrayList<>();
        for (Operation operation : upgrade) {
            operation.inverse().ifPresent(inverses::add);
        }
        Collections.reverse(inverses);
        return inverses;
    }

    /** True when the database matches the model. */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** What the downgrade cannot undo. */
    public List<String> downgradeWarnings() {
        List<String> notes = new ArrayList<>();
        for (Operation operation : upgrade) {
            Optional<Operation> inverse = operation.inverse();
            if (inverse.isEmpty()) {
                notes.add("cannot be undone, undo it by hand: " + operation.describe());
            }
        }
        return notes;
    }
}
