package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void replaceConfiguredNamesEverywhere() {
        String sql = "CREATE TABLE ${schema}.t (a int); -- in ${schema}\nSELECT '${schema}', \"${schema}\"";

        assertThat(Placeholders.expand(sql, Map.of("schema", "app")))
                .isEqualTo("CREATE TABLE app.t (a int); -- in app\nSELECT 'app', \"app\"");
    }

    @Test
    void leaveUnconfiguredAndMalformedPlaceholdersAlone() {
        String sql = "SELECT '${unknown}', $${schema}, ${ schema}, ${schema";

        assertThat(Placeholders.expand(sql, Map.of("schema", "app")))
                .isEqualTo("SELECT '${unknown}', $app, ${ schema}, ${schema");
    }

    @Test
    void compareNamesExactly() {
        assertThat(Placeholders.expand("${Schema} ${schema}", Map.of("schema", "app"))).isEqualTo("${Schema} app");
    }

    @Test
    void expandInOnePass() {
        Map<String, String> values = Map.of("a", "${b}", "b", "x");

        assertThat(Placeholders.expand("${a} ${b}", values)).isEqualTo("${b} x");
    }

    @Test
    void findAPlaceholderInsideAnUnconfiguredOne() {
        assertThat(Placeholders.expand("${x${a}}", Map.of("a", "1"))).isEqualTo("${x1}");
    }

    @Test
    void returnTheTextUnchangedWithoutValues() {
        String sql = "SELECT $$ ${a} $$";

        assertThat(Placeholders.expand(sql, Map.of())).isSameAs(sql);
    }

    @Test
    void insertValuesLiterally() {
        assertThat(Placeholders.expand("${v}", Map.of("v", "$1 \\ ${"))).isEqualTo("$1 \\ ${");
    }
}
