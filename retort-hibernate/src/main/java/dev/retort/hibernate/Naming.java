package dev.retort.hibernate;

/**
 * How entities, attributes and associations without explicit names become table and column names:
 * the naming strategies of the application's own Hibernate set-up, which the model must use too or
 * every name would differ.
 */
public enum Naming {

    /**
     * Hibernate's defaults: {@code ImplicitNamingStrategyJpaCompliantImpl} (a table is named after
     * its entity, a join table {@code Owner_Target}) and names used as written
     * ({@code PhysicalNamingStrategyStandardImpl}); what plain Hibernate and Jakarta EE servers do.
     */
    HIBERNATE,

    /**
     * Spring Boot's defaults (3.x and 4.x): Spring's implicit strategy, which names a join table
     * after the owning table and the attribute ({@code book_tags}) and is otherwise Hibernate's, and
     * {@code PhysicalNamingStrategySnakeCaseImpl} (Spring Boot 3's
     * {@code CamelCaseToUnderscoresNamingStrategy}, the same class under its Hibernate 7 name), which
     * writes every name in lower-case snake case ({@code dueDate} becomes {@code due_date}).
     */
    SPRING_BOOT
}
