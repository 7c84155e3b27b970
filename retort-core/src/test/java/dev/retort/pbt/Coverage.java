package dev.retort.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How often the cases of one theory run had some trait, checked once the run is over: a generator
 * must reach the hard cases often, not just in theory. Count inside the property, assert after
 * {@code check}:
 *
 * <pre>
 * Coverage coverage = new Coverage();
 * qt().withExamples(500).forAll(scripts).checkAssert(script -&gt; {
 *     …
 *     coverage.count("several statements", script.expected().size() &gt;= 2);
 * });
 * coverage.assertAbove("several statements", 40);
 * </pre>
 *
 * <p>Not thread-safe: a theory runs its cases one after the other.
 */
public final class Coverage {

    /** Per label: cases counted, cases that had the trait. */
    private final Map<String, int[]> counts = new LinkedHashMap<>();

    /** Counts one case under {@code label}, as having the trait or not. */
    public void count(String label, boolean hasTrait) {
        int[] count = counts.computeIfAbsent(label, l -> new int[2]);
        count[0]++;
        if (hasTrait) {
            count[1]++;
        }
    }

    /** Percentage of the cases counted under {@code label} that had the trait; 0 if none was counted. */
    public double percentage(String label) {
        int[] count = counts.getOrDefault(label, new int[2]);
        return count[0] == 0 ? 0 : 100.0 * count[1] / count[0];
    }

    /** Fails unless more than {@code minimum} percent of the cases counted under {@code label} had the trait. */
    public void assertAbove(String label, double minimum) {
        assertThat(percentage(label)).as("%% of cases with '%s' (%s)", label, this).isGreaterThan(minimum);
    }

    @Override
    public String toString() {
        return counts.entrySet().stream()
                .map(e -> String.format("%s: %d of %d", e.getKey(), e.getValue()[1], e.getValue()[0]))
                .collect(Collectors.joining(", "));
    }
}
