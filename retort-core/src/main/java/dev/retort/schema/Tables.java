package dev.retort.schema;

import java.util.List;
import java.util.Optional;

/**
 * Constraints, indexes and options for {@code op.createTable}, meant for static import next to
 * {@link Types}:
 *
 * <pre>{@code
 * op.createTable("user_preferences",
 *         column("id", uuid()).primaryKey().serverDefaultExpression("gen_random_uuid()"),
 *         column("user_id", uuid()).notNull(),
 *         foreignKey("fk_user_preferences_user", "user_id").references("users", "id").onDelete(CASCADE),
 *         unique("uq_user_preferences_user_id", "user_id"),
 *         index("ix_user_preferences_theme", "theme"),
 *         comment("per-user settings"));
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    /** An unnamed primary key (the database names it). */
    public static PrimaryKey primaryKey(String... columns) {
        return new PrimaryKey(Optional.empty(), List.of(columns));
    }

    public static PrimaryKey namedPrimaryKey(String name, String... columns) {
        return new PrimaryKey(Optional.of(name), List.of(columns));
    }

    public static UniqueConstraint unique(String name, String... columns) {
        return UniqueConstraint.of(name, columns);
    }

    public static CheckConstraint check(String name, String condition) {
        return CheckConstraint.of(name, condition);
    }

    /** A named foreign key on these columns; complete it with {@code .references(table, columns...)}. */
    public static ForeignKey.Builder foreignKey(String name, String... columns) {
        return ForeignKey.from(Optional.of(name), List.of(columns));
    }

    /** An index of the table being created, on these columns (more keys with {@link Index#on}). */
    public static Index index(String name, String... columns) {
        // the table is filled in by op.createTable or op.createIndex(table, index)
        return Index.of(name, QualifiedName.of("(table)"), columns);
    }

    /** A column as an index key, to give it an operator class or order. */
    public static IndexElement key(String column) {
        return IndexElement.column(column);
    }

    /** An expression as an index key: {@code lower(email)}. */
    public static IndexElement expression(String sql) {
        return IndexElement.expression(sql);
    }

    public static TableOption comment(String text) {
        return new TableOption.Comment(text);
    }

    /** A PostgreSQL storage parameter: {@code WITH (name = value)}. */
    public static TableOption storage(String name, String value) {
        return new TableOption.StorageParameter(name, value);
    }

    /** MySQL/MariaDB {@code ENGINE = value}. */
    public static TableOption engine(String value) {
        return new TableOption.MySqlOption("ENGINE", value);
    }

    /** MySQL/MariaDB {@code DEFAULT CHARSET = value}. */
    public static TableOption charset(String value) {
        return new TableOption.MySqlOption("DEFAULT CHARSET", value);
    }

    /** MySQL/MariaDB {@code COLLATE = value}. */
    public static TableOption collate(String value) {
        return new TableOption.MySqlOption("COLLATE", value);
    }
}
