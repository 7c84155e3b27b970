package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "5s, 5000", "10min, 600000", "2h, 7200000", "1d, 86400000", "0, 0", "0ms, 0",
        "'5 s', 5000", "' 7S ', 7000", "24d, 2073600000"})
    void readsAWholeNumberAndAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
        assertThat(Durations.problem(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"500, 500ms", "5000, 5s", "600000, 10min", "7200000, 2h", "86400000, 1d", "0, 0", "1500, 1500ms",
        "90000, 90s"})
    void formatsInTheShortestExactForm(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void refusesWhatItCannotReadWithoutGuessing() {
        assertThatThrownBy(() -> Durations.parse("5")).hasMessage("'5' has no unit; write 5s for seconds or 5ms for"
                + " milliseconds");
        assertThatThrownBy(() -> Durations.parse("3m")).hasMessage("'3m' is ambiguous; write 3min for minutes or 3ms"
                + " for milliseconds");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessage("'-1s' is not a duration; write a whole number"
                + " and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none)");
        assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessageStartingWith("'1.5s' is not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageStartingWith("'' is not a duration");
        assertThatThrownBy(() -> Durations.parse("25d")).hasMessage("'25d' is too long; the longest is 2147483647ms"
                + " (about 24 days)");
        assertThatThrownBy(() -> Durations.parse("99999999999999d")).hasMessageEndingWith("(about 24 days)");
    }
}
