package dev.retort.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the annotated test once per {@link DatabaseKind}, named after the kind; the method takes the
 * kind as its first parameter:
 *
 * <pre>{@code
 * @AllDatabases
 * void createsTheVersionTable(DatabaseKind kind) throws SQLException {
 *     FreshDatabase db = TestDatabases.fresh(kind);
 *     ...
 * }
 * }</pre>
 *
 * <p>Short for {@code @ParameterizedTest(name = "{0}") @EnumSource(DatabaseKind.class)}. A kind whose
 * database cannot start fails its run with {@link DatabaseUnavailableException}; nothing is skipped.
 * The runs may go in parallel under JUnit's parallel execution: {@link TestDatabases} is thread-safe.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}")
@EnumSource(DatabaseKind.class)
public @interface AllDatabases {
}
