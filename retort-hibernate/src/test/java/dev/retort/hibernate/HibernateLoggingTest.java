package dev.retort.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hibernate's JBoss Logging goes to SLF4J, where retort's own messages go, not to java.util.logging. */
class HibernateLoggingTest {

    @Test
    void jbossLoggingUsesSlf4j() {
        // the logger classes are JBoss Logging's own; the provider picked decides which one Hibernate gets
        assertThat(org.jboss.logging.Logger.getLogger("org.hibernate.orm.core").getClass().getName())
                .startsWith("org.jboss.logging.Slf4j");
    }
}
