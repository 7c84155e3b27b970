package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConstraintNamesTest {

    @Test
    void shortNamesAreAlembicsAndLongOnesFitDistinctly() {
        assertThat(ConstraintNames.of("alembic_version", "_pkc")).isEqualTo("alembic_version_pkc");
        String a = ConstraintNames.of("v".repeat(40) + "é".repeat(11) + "x", "_pkc");
        String b = ConstraintNames.of("v".repeat(40) + "é".repeat(11) + "y", "_pkc");
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(a).endsWith("_pkc").startsWith("v".repeat(40)).isNotEqualTo(b);
        // never cut inside a character
        assertThat(new String(a.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(a);
        assertThat(ConstraintNames.of("ü".repeat(31), "_pk").getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(63);
    }
}
