package dev.retort;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Java revision's place in the graph: the same fields as a SQL revision's header (SPEC §3.1).
 * Read by the compiler's output, so it is kept at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {

    /** The revision id, {@code [A-Za-z0-9_]+}. */
    String id();

    /** Parent revisions: none for a base, one, or several for a merge. */
    String[] down() default {};

    /** Branch labels this revision carries. */
    String[] branchLabels() default {};

    /** Revisions (or labels) this one depends on without descending from them. */
    String[] dependsOn() default {};

    /** The message, as {@code revision -m} gave it. */
    String message() default "";

    /** When the revision was written, {@code yyyy-MM-dd HH:mm:ss}, as SQL revisions' {@code create_date}. */
    String created() default "";
}
