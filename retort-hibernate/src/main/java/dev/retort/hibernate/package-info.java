/**
 * JPA entities as a model for {@code Retort.compare}: {@link dev.retort.hibernate.HibernateModel}
 * boots Hibernate's metamodel for an application's compiled entities, with the application's naming
 * ({@link dev.retort.hibernate.Naming}) and the target's dialect and version, and compares what
 * Hibernate's schema creation would run. Nothing here connects to a database except through the
 * scratch database retort hands the model.
 *
 * <p>Everything public here is thread-safe except builders.
 */
package dev.retort.hibernate;
