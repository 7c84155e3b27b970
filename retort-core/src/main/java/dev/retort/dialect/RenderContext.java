package dev.retort.dialect;

import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.util.Optional;

/**
 * What a renderer may learn beyond the operation itself: whether it renders an offline script, and
 * (online) how a table looks now, which a SQLite rebuild and MySQL's restated columns need.
 */
public interface RenderContext {

    /** Rendering an offline script: nothing can be read from a database. */
    RenderContext OFFLINE = new RenderContext() {
        @Override
        public boolean offline() {
            return true;
        }

        @Override
        public Optional<Table> table(QualifiedName name) {
            return Optional.empty();
        }
    };

    boolean offline();

    /** The table as the database has it now; empty offline, or when there is no such table. */
    Optional<Table> table(QualifiedName name);

    /**
     * Online, the migration's connection, for a renderer that must read more than a table's
     * definition (what SQLite keeps around a table it rebuilds: triggers, views, the foreign keys
     * that point at it, {@code PRAGMA foreign_keys}). Read only, inside the migration's transaction.
     * Empty offline, and by default.
     */
    default Optional<Connection> connection() {
        return Optional.empty();
    }
}
