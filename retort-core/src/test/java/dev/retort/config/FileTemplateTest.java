package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileTemplateTest {
    private static final ZonedDateTime CREATED = ZonedDateTime.of(2025, 3, 7, 4, 5, 9, 0, ZoneId.of("UTC"));

    @Test
    void defaultIsAlembics() {
        assertThat(FileTemplate.render(FileTemplate.DEFAULT, "8ca7de033db9", "add_users", CREATED))
                .isEqualTo("8ca7de033db9_add_users");
    }

    @Test
    void dateTokensAreZeroPaddedLikeAlembic() {
        assertThat(FileTemplate.render("{year}_{month}_{day}_{hour}{minute}{second}-{rev}_{slug}", "ab12", "x",
                CREATED))
                .isEqualTo("2025_03_07_040509-ab12_x");
        assertThat(FileTemplate.render("{epoch}_{rev}", "ab12", "x", CREATED))
                .isEqualTo(CREATED.toEpochSecond() + "_ab12");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{slug}|must contain {rev}, which keeps file names unique; known tokens: "
                + "{rev} {slug} {epoch} {year} {month} {day} {hour} {minute} {second}",
        "''|must contain {rev}, which keeps file names unique; known tokens: "
                + "{rev} {slug} {epoch} {year} {month} {day} {hour} {minute} {second}",
        "{rev}_{date}|has unknown token {date}; known tokens: "
                + "{rev} {slug} {epoch} {year} {month} {day} {hour} {minute} {second}",
        "%(rev)s_%(slug)s|uses Alembic's %(name)s syntax; write tokens in braces, e.g. "
                + "{year}_{month}_{day}-{rev}_{slug}",
        "{rev}_{slug|has an unclosed '{' at position 7",
        "{rev}_{sl{ug}|has an unclosed '{' at position 7",
        "{rev}}|has a '}' without a '{' at position 6",
    })
    void explainsWhatIsWrong(String template, String problem) {
        assertThat(FileTemplate.problem(template)).contains(problem);
        assertThatThrownBy(() -> FileTemplate.render(template, "r", "s", CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file_template " + problem);
    }
}
