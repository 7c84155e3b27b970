package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on, and how busy the machine was meanwhile: the processor count,
 * memory and CPU model from {@code /proc}, the JVM, the load average, and the share of all CPU
 * time that was busy (from {@code /proc/stat}) over a measured stretch. The busy share includes the
 * benchmark itself; the load average includes everything else that ran.
 */
final class Machine {

    private Machine() {
    }

    /** One paragraph describing the machine and the JVM running the harness. */
    static String describe() {
        return "machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + memory() + ", "
                + cpuModel() + "; harness JVM: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; load average " + loadAverage();
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double loadAverage1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB memory", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "memory unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return "CPU '" + line.substring(line.indexOf(':') + 1).trim() + "'";
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "CPU unknown";
    }

    /** Total and idle jiffies of all CPUs. */
    record CpuTimes(long total, long idle) {
        static CpuTimes now() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                String[] f = lines.get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return new CpuTimes(total, idle);
            } catch (IOException | RuntimeException e) {
                return new CpuTimes(0, 0);
            }
        }

        /**
         * CPU time all processes used between {@code earlier} and this, in nanoseconds ({@code /proc/stat}
         * counts in USER_HZ ticks, 100 a second on Linux).
         */
        long busyNanosSince(CpuTimes earlier) {
            return ((total - earlier.total) - (idle - earlier.idle)) * 10_000_000L;
        }

        /** The busy share of all CPUs between {@code earlier} and this, 0 to 1. */
        double busySince(CpuTimes earlier) {
            long total = this.total - earlier.total;
            long idle = this.idle - earlier.idle;
            return total <= 0 ? Double.NaN : 1.0 - (double) idle / total;
        }
    }

    /** Load at the start of a measured stretch; {@link #end} describes the stretch. */
    static final class Stretch {
        private final String loadBefore = loadAverage();
        private final CpuTimes before = CpuTimes.now();

        String end() {
            double busy = CpuTimes.now().busySince(before);
            return String.format(Locale.ROOT, "load average before %s, after %s; all CPUs %.0f%% busy meanwhile"
                    + " (this benchmark included)", loadBefore, loadAverage(), busy * 100);
        }
    }

    /**
     * Waits, up to {@code maxSeconds}, until the machine is nearly idle (under {@code busyShare} of
     * all CPUs busy over two seconds), so that other jobs disturb the figures less. Returns what it saw.
     */
    static String waitForQuiet(int maxSeconds, double busyShare) {
        if (maxSeconds <= 0) {
            return "did not wait for a quiet machine";
        }
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double busy = Double.NaN;
        int waited = 0;
        while (System.nanoTime() < deadline) {
            CpuTimes before = CpuTimes.now();
            sleep(2000);
            waited += 2;
            busy = CpuTimes.now().busySince(before);
            if (busy < busyShare) {
                return String.format(Locale.ROOT, "machine quiet after %d s (%.0f%% busy)", waited, busy * 100);
            }
        }
        return String.format(Locale.ROOT, "machine still %.0f%% busy after waiting %d s; measured anyway",
                busy * 100, waited);
    }

    /**
     * Before one measurement: waits, up to {@code maxSeconds}, for a second in which under
     * {@code busyShare} of all CPUs were busy. Counts how often it found one, for the report.
     */
    static final class Gate {
        private final int maxSeconds;
        private final double busyShare;
        private int quiet;
        private int busy;

        Gate(int maxSeconds, double busyShare) {
            this.maxSeconds = maxSeconds;
            this.busyShare = busyShare;
        }

        void await() {
            if (maxSeconds <= 0) {
                return;
            }
            long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                CpuTimes before = CpuTimes.now();
                sleep(1000);
                if (CpuTimes.now().busySince(before) < busyShare) {
                    quiet++;
                    return;
                }
            }
            busy++;
        }

        String describe() {
            if (maxSeconds <= 0) {
                return "no quiet gate";
            }
            return String.format(Locale.ROOT, "%d of %d measurements started after a quiet second (under %.0f%% of"
                    + " all CPUs busy; waiting up to %d s for one)", quiet, quiet + busy, busyShare * 100, maxSeconds);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
