package dev.retort;

import dev.retort.ops.Operations;

/**
 * A Java revision: one top-level class per file, with its place in the graph in a {@link Revision}
 * annotation. The class need not be public. A revision that does not override {@link #downgrade}
 * is irreversible: a downgrade through it fails before anything runs.
 *
 * <pre>{@code
 * @Revision(id = "e94cab18247f", down = "8ca7de033db9", message = "add scroll_offset_percent")
 * class AddScrollOffsetPercent implements Migration {
 *     public void upgrade(Operations op) {
 *         op.addColumn("reading_progress", column("scroll_offset_percent", doublePrecision())
 *                 .notNull().serverDefault("0.0"));
 *     }
 *     public void downgrade(Operations op) {
 *         op.dropColumn("reading_progress", "scroll_offset_percent");
 *     }
 * }
 * }</pre>
 *
 * <p>retort creates a new instance for each run of a direction; implementations need no state.
 */
public interface Migration {

    void upgrade(Operations op);

    /** Undoes {@link #upgrade}. Not overriding it makes the revision irreversible. */
    default void downgrade(Operations op) {
        throw new UnsupportedOperationException("this revision is irreversible");
    }
}
