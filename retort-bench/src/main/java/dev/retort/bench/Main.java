package dev.retort.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The benchmark harness: {@code bench/run BENCHMARK [--option value]...}. Reports in Markdown on
 * standard output; see bench/README.md for what each benchmark measures and its options.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: bench/run (graph | upgrade | cli | generate) [--option value]...;"
                    + " see bench/README.md");
            return;
        }
        Options options = new Options(Arrays.asList(args).subList(1, args.length));
        Report.line("<!-- bench/run " + String.join(" ", args) + " -->");
        Report.line(Machine.describe());
        long start = System.nanoTime();
        switch (args[0]) {
            case "graph" -> GraphBench.run(options);
            case "upgrade" -> UpgradeBench.run(options);
            case "cli" -> CliBench.run(options);
            case "generate" -> generate(options);
            default -> throw new IllegalArgumentException("unknown benchmark '" + args[0] + "'; see bench/README.md");
        }
        Report.line("");
        Report.line(String.format(Locale.ROOT, "(benchmark took %.0f s; load average now %s)",
                (System.nanoTime() - start) / 1e9, Machine.loadAverage()));
        // the test kit's embedded servers stop in an exit hook
        System.exit(0);
    }

    /** Writes one project for trying things by hand: {@code generate --shape random --revisions 10000 --out DIR}. */
    private static void generate(Options options) {
        Shapes shape = Shapes.parse(options.get("shape", "linear"));
        int size = options.integer("revisions", 10_000);
        long seed = options.longValue("seed", 11L);
        Path out = options.path("out", Path.of("retort-bench/target/bench-work/generated-" + shape.label() + "-"
                + size));
        options.requireAllUsed();
        ProjectWriter.write(Workspace.fresh(out), shape.revisions(size, seed));
        Report.line("Wrote " + size + " " + shape.label() + " revisions to " + out);
    }
}
