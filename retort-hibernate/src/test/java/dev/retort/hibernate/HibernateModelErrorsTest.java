package dev.retort.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.autogen.Renames;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way the entities can fail to be a model gives one line that names the culprit and the fix. */
class HibernateModelErrorsTest {

    private static final TargetDatabase POSTGRES_17 = new TargetDatabase("PostgreSQL", "17.2", 17, 2);

    @TempDir
    Path temp;

    @Test
    void aClassPathEntryThatDoesNotExistIsNamedWithTheBuildToRun() {
        Path missing = temp.resolve("build/classes/java/main");
        HibernateModel model = HibernateModel.builder().classPath(TestClasses.directory(), missing)
                .packages("dev.retort.hibernate.sample.library").build();

        assertThatThrownBy(() -> model.createStatements(POSTGRES_17)).isInstanceOf(EntityModelException.class)
                .hasMessage("class path entry " + missing + " of the JPA model does not exist: build the application"
                        + " first (mvn compile, gradle classes) or fix the model's classpath");
    }

    @Test
    void aPackageWithoutEntitiesIsRefusedRatherThanComparedAsNoTables() {
        HibernateModel model = HibernateModel.builder().classPath(TestClasses.directory())
                .packages("dev.retort.hibernate.sample.library", "dev.retort.hibernate.sample.libary").build();

        assertThatThrownBy(() -> model.createStatements(POSTGRES_17)).isInstanceOf(EntityModelException.class)
                .hasMessage("package dev.retort.hibernate.sample.libary has no @Entity, @Embeddable, @MappedSuperclass"
                        + " or @Converter classes on the JPA model's class path [" + TestClasses.directory() + "]:"
                        + " check the package name and that the class path holds the compiled entities (build them"
                        + " first)");
    }

    @Test
    void anEntityHibernateCannotMapIsNamedWithHibernatesMessage() {
        HibernateModel model = HibernateModel.builder().classPath(TestClasses.directory())
                .packages("dev.retort.hibernate.sample.broken").build();

        assertThatThrownBy(() -> model.createStatements(POSTGRES_17)).isInstanceOf(EntityModelException.class)
                .hasMessageStartingWith("entity dev.retort.hibernate.sample.broken.Shelf does not map: ")
                .hasMessageContaining("'dev.retort.hibernate.sample.broken.Shelf.neighbour'")
                .hasMessageContaining("@JoinColumn")
                .hasMessageEndingWith("(Hibernate 7.4.15.Final; fix the mapping, or the model's naming and properties"
                        + " if the application sets others)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anEntityWhoseDependencyIsNotOnTheClassPathNamesWhatIsMissing() throws Exception {
        Path money = CompiledSources.compile(temp, Map.of("com/example/money/Money.java", """
                package com.example.money;
                public class Money implements java.io.Serializable { }
                """), temp.resolve("money"));
        Path entities = CompiledSources.compile(temp, Map.of("com/example/shop/Order.java", """
                package com.example.shop;
                @jakarta.persistence.Entity
                public class Order extends com.example.money.Money {
                    @jakarta.persistence.Id Long id;
                }
                """), temp.resolve("shop"), money);
        HibernateModel model = HibernateModel.builder().classPath(entities).packages("com.example.shop").build();

        assertThatThrownBy(() -> model.createStatements(POSTGRES_17)).isInstanceOf(EntityModelException.class)
                .hasMessage("entity class com.example.shop.Order does not load: it needs com.example.money.Money,"
                        + " which is not on the JPA model's class path; add the directory or jar that holds it");
    }

    @Test
    void javaxPersistenceEntitiesAreToldToMoveToJakarta() throws Exception {
        Path legacy = CompiledSources.compile(temp, Map.of(
                "javax/persistence/Entity.java", """
                        package javax.persistence;
                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        public @interface Entity { String name() default ""; }
                        """,
                "com/example/legacy/Customer.java", """
                        package com.example.legacy;
                        @javax.persistence.Entity(name = "customers")
                        public class Customer { }
                        """), temp.resolve("legacy"));
        HibernateModel model = HibernateModel.builder().classPath(legacy).packages("com.example.legacy").build();

        assertThatThrownBy(() -> model.createStatements(POSTGRES_17)).isInstanceOf(EntityModelException.class)
                .hasMessageEndingWith("; its classes use javax.persistence (com.example.legacy.Customer), which"
                        + " Hibernate 7 does not read: move them to jakarta.persistence");
    }

    @Test
    void anEntityInAnotherSchemaIsRefusedNamingIt() throws Exception {
        Path archive = CompiledSources.compile(temp, Map.of("com/example/archive/Record.java", """
                package com.example.archive;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "record", schema = "archive")
                public class Record { @jakarta.persistence.Id Long id; }
                """), temp.resolve("archive"));
        HibernateModel model = HibernateModel.builder().classPath(archive).packages("com.example.archive").build();

        assertThatThrownBy(() -> model.createStatements(POSTGRES_17)).isInstanceOf(EntityModelException.class)
                .hasMessage("table record of the JPA model is in schema archive, and retort compares entities in the"
                        + " default schema only: drop schema/catalog from its @Table (and hibernate.default_schema),"
                        + " or compare that schema with a DDL model");
    }

    @Test
    void aStatementTheDatabaseRefusesNamesItAndTheColumnDefinition() throws Exception {
        Path odd = CompiledSources.compile(temp, Map.of("com/example/odd/Gadget.java", """
                package com.example.odd;
                @jakarta.persistence.Entity
                public class Gadget {
                    @jakarta.persistence.Id Long id;
                    @jakarta.persistence.Column(columnDefinition = "no_such_type") String colour;
                }
                """), temp.resolve("odd"));
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.H2);
        Files.createDirectories(temp.resolve("project/versions"));
        Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password())
                .scriptLocation(temp.resolve("project")).load();
        HibernateModel model = HibernateModel.builder().classPath(odd).packages("com.example.odd").build();

        assertThatThrownBy(() -> retort.compare(model, Renames.none(), IntrospectionFilter.excluding()))
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("JPA entities in com.example.odd: H2 refuses Hibernate's statement 1 (create"
                        + " table Gadget (id bigint not null, colour no_such_type, primary key (id))): ")
                .hasMessageEndingWith("; Hibernate's dialect and the database disagree: check the entity's"
                        + " columnDefinition or the model property hibernate.dialect");
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> HibernateModel.builder().packages("com.example.").build())
                .isInstanceOf(EntityModelException.class)
                .hasMessage("'com.example.' is not a Java package name; give packages as com.example.domain");
        assertThatThrownBy(() -> HibernateModel.builder().packages("com.example").build())
                .hasMessage("the JPA model needs a class path: the directories or jars of the compiled entities"
                        + " (target/classes, build/classes/java/main)");
        assertThatThrownBy(() -> HibernateModel.builder().classPath(temp).build())
                .hasMessage("the JPA model needs the packages of the entities to scan (com.example.domain)");
        assertThatThrownBy(() -> HibernateModel.builder().property("jakarta.persistence.jdbc.url", "jdbc:h2:mem:x"))
                .hasMessage("model property jakarta.persistence.jdbc.url is retort's to set: the model never connects"
                        + " and runs no schema action; leave it out");
    }
}
