package dev.retort.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableExpanderTest {
    private static final Map<String, String> ENV = Map.of(
            "DATABASE_URL", "postgresql://u:p@h/db",
            "EMPTY", "",
            "B", "bee",
            "_under_9", "u9");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "plain text|plain text",
        "${DATABASE_URL}|postgresql://u:p@h/db",
        "x${B}y${B}z|xbeeybeez",
        "${_under_9}|u9",
        // set but empty: ${VAR} gives "", ${VAR:-d} gives d (POSIX :-)
        "[${EMPTY}]|[]",
        "${EMPTY:-fallback}|fallback",
        "${UNSET:-sqlite:///app.db}|sqlite:///app.db",
        "${DATABASE_URL:-sqlite:///app.db}|postgresql://u:p@h/db",
        "${UNSET:-}|''",
        // nested defaults, expanded only when used
        "${UNSET:-${B}}|bee",
        "${UNSET:-${ALSO_UNSET:-deep}}|deep",
        "${B:-${ALSO_UNSET}}|bee",
        "${UNSET:-a${B}c}|abeec",
        // escapes and lone dollars
        "$${B}|${B}",
        "$$$${B}|$${B}",
        "pa$$word|pa$word",
        "pa$word|pa$word",
        "$HOME|$HOME",
        "cost: 5$|cost: 5$",
        "${UNSET:-$${literal}}|${literal}",
        // a default ends at its closing brace
        "${UNSET:-a}b}|ab}",
    })
    void expands(String text, String expected) {
        assertThat(VariableExpander.expand(text, ENV)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "${DATABASE_URL}|uses ${DATABASE_URL}, which is not set; set it or write ${DATABASE_URL:-default}",
        "x${B:-${NOPE}}${MISSING}|uses ${MISSING}, which is not set; set it or write ${MISSING:-default}",
        "${UNSET:-${NOPE}}|uses ${NOPE}, which is not set; set it or write ${NOPE:-default}",
        "${B|has a ${B without a closing }",
        "${|has a ${ without a closing }",
        "${B:-abc|has a ${B:- without a closing }",
        "${}|has ${ without a variable name (letters, digits, _) after it; write $${ for a literal ${",
        "${1X}|has ${ without a variable name (letters, digits, _) after it; write $${ for a literal ${",
        "${ B}|has ${ without a variable name (letters, digits, _) after it; write $${ for a literal ${",
        "${B-x}|has an unsupported form ${B-…}; write ${B} or ${B:-default}, and $$ for a literal $",
        "${B:=x}|has an unsupported form ${B:…}; write ${B} or ${B:-default}, and $$ for a literal $",
        "${B:?oops}|has an unsupported form ${B:…}; write ${B} or ${B:-default}, and $$ for a literal $",
        "${DATABASE.URL}|has an unsupported form ${DATABASE.…}; write ${DATABASE} or ${DATABASE:-default}, "
                + "and $$ for a literal $",
    })
    void rejects(String text, String message) {
        Map<String, String> env = Map.of("B", "bee");
        assertThatThrownBy(() -> VariableExpander.expand(text, env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
