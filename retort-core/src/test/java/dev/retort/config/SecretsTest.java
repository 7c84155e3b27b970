package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void masksEveryOccurrence() {
        Secrets secrets = Secrets.of("hunter2");

        assertThat(secrets.mask("login hunter2 failed; hunter2 again")).isEqualTo("login *** failed; *** again");
    }

    @Test
    void masksPercentEncodedFormsInAnyCaseAndMix() {
        Secrets secrets = Secrets.of("p@ss/w:rd");

        assertThat(secrets.mask("a p%40ss%2Fw%3Ard b")).isEqualTo("a *** b");
        assertThat(secrets.mask("a p%40ss%2fw:rd b")).isEqualTo("a *** b");
        assertThat(secrets.mask("a %70%40%73%73/w:rd b")).isEqualTo("a *** b");
        assertThat(secrets.mask("a p@ss/w:rd b")).isEqualTo("a *** b");
    }

    @Test
    void masksFormEncodedSpacesAndMultiByteCharacters() {
        Secrets secrets = Secrets.of("grüne Äpfel");

        assertThat(secrets.mask("x=gr%C3%BCne+%C3%84pfel&y")).isEqualTo("x=***&y");
        assertThat(secrets.mask("x=gr%c3%bcne%20Äpfel")).isEqualTo("x=***");
    }

    @Test
    void masksEscapedFormsInJsonAndSqlLiterals() {
        Secrets secrets = Secrets.of("a\"b\\c'd");

        assertThat(secrets.mask("{\"pw\": \"a\\\"b\\\\c'd\"}")).isEqualTo("{\"pw\": \"***\"}");
        assertThat(secrets.mask("SET pw = 'a\"b\\c''d'")).isEqualTo("SET pw = '***'");
    }

    @Test
    void longerSecretsWinOverTheirPrefixes() {
        Secrets secrets = Secrets.of("abc", "abcdef");

        assertThat(secrets.mask("xabcdefx abcx")).isEqualTo("x***x ***x");
    }

    @Test
    void regexCharactersAreLiteral() {
        Secrets secrets = Secrets.of("a.b*c$1\\E(");

        assertThat(secrets.mask("axbbc a.b*c$1\\E( ")).isEqualTo("axbbc *** ");
    }

    @Test
    void emptySecretsAreIgnoredAndNoneIsIdentity() {
        assertThat(Secrets.of("", "").isEmpty()).isTrue();
        assertThat(Secrets.of(List.of("")).mask("text")).isEqualTo("text");
        assertThat(Secrets.none().mask("text")).isEqualTo("text");
        assertThat(Secrets.none().mask(null)).isNull();
    }

    @Test
    void combinesAndNeverShowsItself() {
        Secrets both = Secrets.of("one1").and(Secrets.of("two2"));

        assertThat(both.mask("one1 two2")).isEqualTo("*** ***");
        assertThat(both.toString()).isEqualTo("Secrets[2]");
        assertThat(both).isEqualTo(Secrets.of("two2", "one1"));
    }
}
