package dev.retort.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells autogenerate that a table or column of a {@link SchemaModel} was renamed, so that it writes a
 * rename instead of a drop (losing the data) and an add. Give {@code table} for a table, or
 * {@code column} as {@code table.old} for a column; {@code to} is the new name.
 *
 * <pre>{@code
 * @RenamedFrom(table = "people", to = "users")
 * @RenamedFrom(column = "users.mail", to = "email")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(RenamedFrom.All.class)
public @interface RenamedFrom {

    /** The table's old name (in the model's new table's schema). */
    String table() default "";

    /** The column's old name as {@code table.old}, where {@code table} is its table's new name. */
    String column() default "";

    /** The new name. */
    String to();

    /** The container of repeated {@link RenamedFrom}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface All {
        RenamedFrom[] value();
    }
}
