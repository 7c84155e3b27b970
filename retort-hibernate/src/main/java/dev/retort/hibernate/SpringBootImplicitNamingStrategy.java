package dev.retort.hibernate;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/**
 * The same rules as Spring Boot's {@code SpringImplicitNamingStrategy}
 * ({@code org.springframework.boot.hibernate} in Boot 4, {@code org.springframework.boot.orm.jpa.hibernate}
 * in Boot 3), which lives in a Spring jar this module does not carry: Hibernate's JPA-compliant
 * names, except that a join table is named {@code <owning physical table>_<owning attribute>}
 * ({@code book_tags}) where JPA says {@code <owning table>_<target table>} ({@code Book_Tag}).
 * {@code SpringBootNamingTest} compares the DDL of both on a sample model.
 */
final class SpringBootImplicitNamingStrategy extends ImplicitNamingStrategyJpaCompliantImpl {

    private static final long serialVersionUID = 1L;

    @Override
    public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
        String name = source.getOwningPhysicalTableName() + "_"
                + source.getAssociationOwningAttributePath().getProperty();
        return toIdentifier(name, source.getBuildingContext());
    }
}
