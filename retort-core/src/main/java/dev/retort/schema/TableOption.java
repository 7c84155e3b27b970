package dev.retort.schema;

import java.util.Objects;

/**
 * A table-level option of {@code op.createTable}: its comment, a PostgreSQL storage parameter
 * ({@code WITH (fillfactor = 70)}), or a MySQL/MariaDB table option ({@code ENGINE}, {@code DEFAULT
 * CHARSET}, {@code COLLATE}). Options of another database are ignored, as Alembic ignores
 * {@code mysql_engine} on PostgreSQL, so one revision serves every database.
 */
public sealed interface TableOption extends TableElement {

    record Comment(String text) implements TableOption {
        public Comment {
            Objects.requireNonNull(text, "text");
        }
    }

    record StorageParameter(String name, String value) implements TableOption {
        public StorageParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code name} is {@code ENGINE}, {@code DEFAULT CHARSET}, {@code COLLATE} or another MySQL table option. */
    record MySqlOption(String name, String value) implements TableOption {
        public MySqlOption {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
