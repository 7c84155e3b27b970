package dev.retort.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one thing, in nanoseconds; reported as median, minimum and maximum. */
final class Samples {

    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int count() {
        return nanos.size();
    }

    long median() {
        List<Long> sorted = sorted();
        int n = sorted.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    long min() {
        return sorted().get(0);
    }

    long max() {
        List<Long> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    private List<Long> sorted() {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted;
    }

    double medianMillis() {
        return median() / 1e6;
    }

    /** "median (min–max, n runs)" in milliseconds. */
    String summary() {
        return String.format(Locale.ROOT, "%s (%s–%s, n=%d)", ms(median()), ms(min()), ms(max()), count());
    }

    static String ms(long nanos) {
        double millis = nanos / 1e6;
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    /**
     * The exponent k of {@code time ∝ size^k} that fits the points best (least squares on logs):
     * about 1 for linear growth, 2 for quadratic.
     */
    static double exponent(List<Integer> sizes, List<Long> times) {
        int n = sizes.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(sizes.get(i));
            double y = Math.log(Math.max(1, times.get(i)));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
