package dev.retort.bench;

import dev.retort.revision.MigrationStep;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.RevisionPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The graph alone, in one warmed-up JVM, at growing sizes: building the graph, {@code heads},
 * planning {@code upgrade heads} and {@code downgrade base}, {@code history} and {@code current}
 * (the database at the heads). Each operation runs on a graph built just for it, as a command does,
 * so no operation profits from what another computed and cached. No files, no database.
 *
 * <p>Linear growth shows as a constant time per revision and a fitted exponent near 1; quadratic
 * growth as an exponent near 2 (the time quadruples when the size doubles).
 */
final class GraphBench {

    private static final List<String> OPERATIONS = List.of("build graph", "heads", "upgrade heads (plan)",
            "history", "downgrade base (plan)", "current");

    private GraphBench() {
    }

    static void run(Options options) {
        Shapes shape = Shapes.parse(options.get("shape", "random"));
        List<Integer> sizes = options.sizes("sizes", List.of(1_000, 2_000, 5_000, 10_000, 20_000, 50_000));
        int warmup = options.integer("warmup", 3);
        int runs = options.integer("runs", 7);
        long seed = options.longValue("seed", 20_240_601L);
        int waitQuiet = options.integer("wait-quiet", 0);
        Machine.Gate gate = new Machine.Gate(options.integer("gate", 0), 0.3);
        options.requireAllUsed();

        Report.heading("Graph operations in-process, " + shape.label() + " graph");
        Report.line(Machine.waitForQuiet(waitQuiet, 0.15));
        Machine.Stretch stretch = new Machine.Stretch();
        Map<Integer, Map<String, Samples>> results = new LinkedHashMap<>();
        Map<Integer, Map<String, Samples>> cpuResults = new LinkedHashMap<>();
        Map<Integer, Map<String, Samples>> allocated = new LinkedHashMap<>();
        Map<Integer, String> shapes = new LinkedHashMap<>();
        for (int size : sizes) {
            List<Revision> revisions = shape.revisions(size, seed);
            RevisionGraph sample = RevisionGraph.of(revisions);
            shapes.put(size, describe(sample));
            Map<String, Samples> bySize = new LinkedHashMap<>();
            Map<String, Samples> cpuBySize = new LinkedHashMap<>();
            OPERATIONS.forEach(op -> bySize.put(op, new Samples()));
            OPERATIONS.forEach(op -> cpuBySize.put(op, new Samples()));
            Map<String, Samples> allocatedBySize = new LinkedHashMap<>();
            OPERATIONS.forEach(op -> allocatedBySize.put(op, new Samples()));
            for (int i = 0; i < warmup + runs; i++) {
                if (i >= warmup) {
                    gate.await();
                }
                Map<String, long[]> once = once(revisions);
                if (i >= warmup) {
                    once.forEach((op, nanos) -> {
                        bySize.get(op).add(nanos[0]);
                        cpuBySize.get(op).add(nanos[1]);
                        allocatedBySize.get(op).add(nanos[2]);
                    });
                }
            }
            results.put(size, bySize);
            cpuResults.put(size, cpuBySize);
            allocated.put(size, allocatedBySize);
            System.err.printf(Locale.ROOT, "graph %s %d done%n", shape.label(), size);
        }
        String load = stretch.end();

        Report.line("Medians of " + runs + " runs after " + warmup + " warm-up runs per size; " + load + "; "
                + gate.describe() + ".");
        shapes.forEach((size, text) -> Report.line(String.format(Locale.ROOT, "- %,d revisions: %s", size, text)));
        Report.line("");
        Report.line("Wall-clock time:");
        Report.line("");
        table(results);
        Report.line("");
        Report.line("CPU time of the measuring thread plus garbage-collection time, which other jobs on the machine"
                + " disturb far less:");
        Report.line("");
        table(cpuResults);
        Report.line("");
        Report.line("Memory allocated by the operation (the measuring thread's allocations, in MB; the same on a busy"
                + " machine as on an idle one), in the same layout:");
        Report.line("");
        table(allocated, GraphBench::megabytes, "bytes per revision at the largest size", 1);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, bytes >= 10_000_000 ? "%.0f MB" : "%.2f MB", bytes / 1e6);
    }

    private static void table(Map<Integer, Map<String, Samples>> results) {
        table(results, Samples::ms, "µs per revision at the largest size", 1e3);
    }

    private static void table(Map<Integer, Map<String, Samples>> results, Function<Long, String> format,
                              String perRevisionLabel, double perRevisionDivisor) {
        List<String> header = new ArrayList<>(List.of("revisions"));
        header.addAll(OPERATIONS);
        Report.tableHeader(header);
        for (Map.Entry<Integer, Map<String, Samples>> entry : results.entrySet()) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", entry.getKey())));
            for (String op : OPERATIONS) {
                row.add(format.apply(entry.getValue().get(op).median()));
            }
            Report.tableRow(row);
        }
        List<String> perRevision = new ArrayList<>(List.of(perRevisionLabel));
        List<String> exponents = new ArrayList<>(List.of("fitted exponent k (time ∝ n^k)"));
        List<String> lastStep = new ArrayList<>(List.of("growth over the last step ÷ size growth"));
        List<Integer> sizeList = new ArrayList<>(results.keySet());
        int largest = sizeList.get(sizeList.size() - 1);
        for (String op : OPERATIONS) {
            List<Long> medians = sizeList.stream().map(s -> results.get(s).get(op).median()).toList();
            perRevision.add(String.format(Locale.ROOT, "%.2f", medians.get(medians.size() - 1) / perRevisionDivisor
                    / largest));
            exponents.add(sizeList.size() >= 2 ? String.format(Locale.ROOT, "%.2f", Samples.exponent(sizeList, medians))
                    : "");
            if (sizeList.size() >= 2) {
                int n = sizeList.size();
                double timeGrowth = (double) medians.get(n - 1) / Math.max(1, medians.get(n - 2));
                double sizeGrowth = (double) sizeList.get(n - 1) / sizeList.get(n - 2);
                lastStep.add(String.format(Locale.ROOT, "%.2f", timeGrowth / sizeGrowth));
            } else {
                lastStep.add("");
            }
        }
        Report.tableRow(perRevision);
        Report.tableRow(exponents);
        Report.tableRow(lastStep);
    }

    /** Heads, merges and labels of a graph, in a few words. */
    private static String describe(RevisionGraph graph) {
        long merges = graph.revisions().stream().filter(Revision::isMergePoint).count();
        long branchPoints = graph.revisions().stream().filter(r -> graph.isBranchPoint(r.id())).count();
        return String.format(Locale.ROOT, "%d heads, %d bases, %d branch points, %d merges", graph.heads().size(),
                graph.bases().size(), branchPoints, merges);
    }

    /** One run of every operation, each on a freshly built graph; {wall, CPU, allocated} by operation. */
    private static Map<String, long[]> once(List<Revision> revisions) {
        Map<String, long[]> nanos = new LinkedHashMap<>();
        RevisionGraph[] built = new RevisionGraph[1];
        nanos.put("build graph", timed(() -> built[0] = RevisionGraph.of(revisions)));
        RevisionGraph graph = built[0];
        nanos.put("heads", timed(() -> {
            List<Revision> heads = graph.resolve(graph.heads());
            check(!heads.isEmpty(), "no heads");
            return heads;
        }));
        nanos.put("upgrade heads (plan)", onFreshGraph(revisions, planner -> {
            List<MigrationStep> steps = planner.upgrade("heads", List.of());
            check(steps.size() == revisions.size(), "upgrade heads planned " + steps.size() + " steps");
            return steps;
        }));
        nanos.put("history", onFreshGraph(revisions, planner -> {
            List<Revision> history = planner.history((String) null, (String) null);
            check(history.size() == revisions.size(), "history listed " + history.size() + " revisions");
            return history;
        }));
        nanos.put("downgrade base (plan)", onFreshGraph(revisions, planner -> {
            List<MigrationStep> steps = planner.downgrade("base", planner.graph().realHeads());
            check(steps.size() == revisions.size(), "downgrade base planned " + steps.size() + " steps");
            return steps;
        }));
        nanos.put("current", onFreshGraph(revisions, planner -> {
            List<Revision> current = planner.graph().currentRevisions(planner.graph().realHeads());
            check(!current.isEmpty(), "no current revisions");
            return current;
        }));
        return nanos;
    }

    private static long[] onFreshGraph(List<Revision> revisions, Function<RevisionPlanner, Object> operation) {
        RevisionPlanner planner = new RevisionPlanner(RevisionGraph.of(revisions));
        return timed(() -> operation.apply(planner));
    }

    /** {wall nanoseconds, CPU nanoseconds, bytes allocated} of one call. */
    private static long[] timed(Supplier<Object> operation) {
        long allocated = ProcessCpu.allocatedBytes();
        long cpu = ProcessCpu.nanos();
        long start = System.nanoTime();
        Object result = operation.get();
        long wall = System.nanoTime() - start;
        long cpuUsed = ProcessCpu.nanos() - cpu;
        long allocatedNow = ProcessCpu.allocatedBytes() - allocated;
        check(result != null, "no result");
        return new long[] {wall, cpuUsed, allocatedNow};
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
