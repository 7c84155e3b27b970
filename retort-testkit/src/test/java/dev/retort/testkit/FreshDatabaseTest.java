package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link FreshDatabase} as a value, without any server. */
class FreshDatabaseTest {

    @Test
    void urlWithCredentialsPutsThemWhereEachDriverLooks() {
        assertThat(new FreshDatabase(DatabaseKind.POSTGRES, "jdbc:postgresql://h:1/d", "postgres", "", "d")
                .urlWithCredentials()).isEqualTo("jdbc:postgresql://h:1/d?user=postgres");
        assertThat(new FreshDatabase(DatabaseKind.MYSQL, "jdbc:mysql://h:1/d?useSSL=false", "u", "p w", "d")
                .urlWithCredentials()).isEqualTo("jdbc:mysql://h:1/d?useSSL=false&user=u&password=p+w");
        assertThat(new FreshDatabase(DatabaseKind.MARIADB, "jdbc:mariadb://h:1/d?user=u&password=p", "u", "p", "d")
                .urlWithCredentials()).isEqualTo("jdbc:mariadb://h:1/d?user=u&password=p");
        assertThat(new FreshDatabase(DatabaseKind.H2, "jdbc:h2:file:/t/d", "sa", "", "d")
                .urlWithCredentials()).isEqualTo("jdbc:h2:file:/t/d;USER=sa");
        assertThat(new FreshDatabase(DatabaseKind.SQLITE, "jdbc:sqlite:/t/d.db", "", "", "d")
                .urlWithCredentials()).isEqualTo("jdbc:sqlite:/t/d.db");
    }

    @Test
    void toStringHidesThePassword() {
        FreshDatabase db =
                new FreshDatabase(DatabaseKind.MYSQL, "jdbc:mysql://h:1/d?password=secret", "u", "secret", "d");

        assertThat(db.toString()).doesNotContain("secret").contains("password=****");
    }

    @Test
    void componentsMustNotBeNull() {
        assertThatThrownBy(() -> new FreshDatabase(DatabaseKind.H2, "jdbc:h2:file:/t/d", null, "", "d"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("user");
    }

    @Test
    void namesAreValidUnquotedIdentifiersAndUnique() {
        String first = TestDatabases.nextName();
        String second = TestDatabases.nextName();

        assertThat(first).matches("[a-z][a-z0-9_]*").hasSizeLessThanOrEqualTo(63);
        assertThat(second).isNotEqualTo(first);
    }
}
