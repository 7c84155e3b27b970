package dev.retort.bench;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line as whole processes ({@code bin/retort}, JVM start included), each figure the
 * median of several runs, interleaved so that a change in the machine's load touches all of them
 * alike. Parts:
 * <ul>
 *   <li>{@code read}: {@code heads} and {@code history} on 10,000 revisions of each shape, with the
 *       header cache off ({@code RETORT_CACHE_DIR=}), on its first run (an empty cache directory,
 *       which the run fills) and warm; with the default heap and with {@code -Xmx256m};</li>
 *   <li>{@code heap}: the smallest {@code -Xmx} with which they still succeed, and the peak RSS;</li>
 *   <li>{@code current}: {@code current} with the database at head, 10,000 revisions on SQLite and
 *       PostgreSQL, 100 on SQLite, and {@code --version} as the floor of a JVM start;</li>
 *   <li>{@code scaling}: {@code heads} and {@code history} on random graphs of growing size;</li>
 *   <li>{@code startup}: where the time of {@code current} on 100 revisions on SQLite goes, from the
 *       moments the JVM loads a few landmark classes (not part of the default run);</li>
 *   <li>{@code cds}: an experiment, not part of the default run: {@code current} and {@code heads}
 *       with and without an application class-data-sharing archive made for them beforehand.</li>
 * </ul>
 */
final class CliBench {

    private static final String CACHE = "RETORT_CACHE_DIR";
    private static final String JAVA_OPTS = "RETORT_JAVA_OPTS";
    private static final List<Integer> HEAPS = List.of(16, 24, 32, 48, 64, 96, 128, 192, 256);

    private final Path work;
    private final Path retort;
    private final int runs;
    private final long seed;
    private final Machine.Gate gate;
    private int cacheSequence;

    private CliBench(Path work, Path retort, int runs, long seed, Machine.Gate gate) {
        this.work = work;
        this.retort = retort;
        this.runs = runs;
        this.seed = seed;
        this.gate = gate;
    }

    static void run(Options options) {
        Path work = options.path("work", Path.of("retort-bench/target/bench-work"));
        Path retort = options.path("retort", Path.of("bin/retort"));
        int runs = options.integer("runs", 10);
        int size = options.integer("revisions", 10_000);
        long seed = options.longValue("seed", 11L);
        List<String> parts = options.list("parts", List.of("read", "heap", "current", "scaling"));
        List<Shapes> shapes = options.list("shapes", List.of("linear", "branched", "random")).stream()
                .map(Shapes::parse).toList();
        List<Integer> scalingSizes = options.sizes("scaling-sizes", List.of(1_000, 2_000, 5_000, 10_000, 20_000));
        List<String> databases = options.list("current-dbs", List.of("sqlite", "postgres"));
        int waitQuiet = options.integer("wait-quiet", 0);
        int gateSeconds = options.integer("gate", 0);
        options.requireAllUsed();

        CliBench bench = new CliBench(work, retort, runs, seed, new Machine.Gate(gateSeconds, 0.3));
        for (String part : parts) {
            Report.line("");
            Report.line(Machine.waitForQuiet(waitQuiet, 0.15));
            switch (part) {
                case "read" -> bench.read(shapes, size);
                case "heap" -> bench.heap(shapes, size);
                case "current" -> bench.current(size, databases);
                case "scaling" -> bench.scaling(scalingSizes);
                case "startup" -> bench.startup();
                case "cds" -> bench.cds(size);
                default -> throw new IllegalArgumentException("--parts: read, heap, current, scaling, startup, cds;"
                        + " not " + part);
            }
        }
        Report.line("");
        Report.line("Quiet gate: " + bench.gate.describe() + ".");
    }

    // ------------------------------------------------------------------------------------------

    /** One way of running a command: a label and what to set in the environment before each run. */
    private record Config(String label, String javaOpts, CacheMode cache) {
    }

    private enum CacheMode { OFF, FIRST_RUN, WARM }

    /** The runs of one command in one configuration: wall-clock and CPU times, the largest peak RSS. */
    private static final class Measured {
        final Samples wall = new Samples();
        final Samples cpu = new Samples();
        final Samples undisturbed = new Samples();
        long peakRssKib = -1;

        void add(Processes.Run run) {
            wall.add(run.nanos());
            if (run.undisturbed()) {
                undisturbed.add(run.nanos());
            }
            if (run.cpuNanos() >= 0) {
                cpu.add(run.cpuNanos());
            }
            peakRssKib = Math.max(peakRssKib, run.peakRssKib());
        }

        long median() {
            return wall.median();
        }

        /** The median of the runs other processes hardly disturbed, and how many there were. */
        String quiet() {
            return undisturbed.count() == 0 ? "–" : Samples.ms(undisturbed.median()) + " (" + undisturbed.count() + ")";
        }

        String summary() {
            return "wall " + wall.summary() + "; undisturbed runs " + quiet()
                    + (cpu.count() > 0 ? "; CPU (user+sys) " + cpu.summary() : "")
                    + (peakRssKib >= 0 ? "; peak RSS " + peakRssKib / 1024 + " MiB" : "");
        }
    }

    private void read(List<Shapes> shapes, int size) {
        Report.heading(String.format(Locale.ROOT, "heads and history on %,d revisions, whole processes", size));
        List<Config> configs = new ArrayList<>();
        for (String heap : List.of("", "-Xmx256m")) {
            String shown = heap.isEmpty() ? "default heap" : heap;
            configs.add(new Config("cache off, " + shown, heap, CacheMode.OFF));
            configs.add(new Config("first run, " + shown, heap, CacheMode.FIRST_RUN));
            configs.add(new Config("warm cache, " + shown, heap, CacheMode.WARM));
        }
        Machine.Stretch stretch = new Machine.Stretch();
        Map<String, Map<Config, Measured>> rows = new LinkedHashMap<>();
        Map<String, String> described = new HashMap<>();
        for (Shapes shape : shapes) {
            Project project = project(shape, size);
            described.put(shape.label(), project.describe());
            for (String command : List.of("heads", "history")) {
                rows.put(shape.label() + " | " + command, measure(project, List.of(command), configs));
                System.err.printf(Locale.ROOT, "cli read %s %s done%n", shape.label(), command);
            }
        }
        String load = stretch.end();
        Report.line("Medians of " + runs + " runs (spread below); " + load + ".");
        shapes.forEach(s -> Report.line("- " + s.label() + ": " + described.get(s.label())));
        Report.line("");
        tables(List.of("graph", "command"), rows, configs);
    }

    private void heap(List<Shapes> shapes, int size) {
        Report.heading(String.format(Locale.ROOT, "Heap needed by heads and history on %,d revisions", size));
        Report.line("The smallest -Xmx of " + HEAPS + " (MiB) with which the command succeeds and prints everything,"
                + " with the header cache off (the most work), and the peak RSS of a run with -Xmx256m (GNU time).");
        Report.line("");
        Report.tableHeader(List.of("graph", "command", "smallest -Xmx that works", "peak RSS, -Xmx256m, cache off",
                "peak RSS, -Xmx256m, warm cache"));
        for (Shapes shape : shapes) {
            Project project = project(shape, size);
            for (String command : List.of("heads", "history")) {
                String smallest = "none of them";
                for (int heap : HEAPS) {
                    try {
                        project.check(command, Processes.run(List.of(retort.toString(), command), project.directory(),
                                Map.of(CACHE, "", JAVA_OPTS, "-Xmx" + heap + "m")).stdout());
                        smallest = heap + " MiB";
                        break;
                    } catch (IllegalStateException e) {
                        // too small; try the next
                    }
                }
                Map<String, String> off = Map.of(CACHE, "", JAVA_OPTS, "-Xmx256m");
                Map<String, String> warm = Map.of(CACHE, project.warmCache().toString(), JAVA_OPTS, "-Xmx256m");
                List<String> line = List.of(retort.toString(), command);
                Processes.run(line, project.directory(), warm);
                long rssOff = Processes.run(line, project.directory(), off).peakRssKib();
                long rssWarm = Processes.run(line, project.directory(), warm).peakRssKib();
                Report.tableRow(List.of(shape.label(), command, smallest, rssOff / 1024 + " MiB",
                        rssWarm / 1024 + " MiB"));
            }
        }
    }

    private void current(int size, List<String> databases) {
        Report.heading("current with the database at head, whole processes");
        Report.line("The database is brought to head with Retort.stamp(head) (current reads only the version table,"
                + " so how it got there does not matter); linear graphs.");
        List<Config> configs = List.of(new Config("warm cache", "", CacheMode.WARM),
                new Config("cache off", "", CacheMode.OFF));
        Map<String, Map<Config, Measured>> rows = new LinkedHashMap<>();
        Machine.Stretch stretch = new Machine.Stretch();
        Project small = project(Shapes.LINEAR, 100);
        rows.put("bin/retort --version (JVM start, no project)",
                measure(small, List.of("--version"), configs));
        for (String db : databases) {
            Databases.Target target = Databases.fresh(db, work);
            Project large = project(Shapes.LINEAR, size);
            stamp(large, target);
            rows.put(String.format(Locale.ROOT, "current, %,d revisions, %s", size, db),
                    measure(large, List.of("--url", target.url(), "current"), configs));
            System.err.printf(Locale.ROOT, "cli current %s done%n", db);
            if (db.equals("sqlite")) {
                Databases.Target smallTarget = Databases.fresh(db, work);
                stamp(small, smallTarget);
                rows.put("current, 100 revisions, sqlite",
                        measure(small, List.of("--url", smallTarget.url(), "current"), configs));
            }
        }
        Project heads = project(Shapes.LINEAR, size);
        rows.put(String.format(Locale.ROOT, "heads, %,d revisions", size), measure(heads, List.of("heads"), configs));
        String load = stretch.end();
        Report.line("Medians of " + runs + " runs; " + load + ".");
        Report.line("");
        tables(List.of("command"), rows, configs);
    }

    private void scaling(List<Integer> sizes) {
        Report.heading("heads and history as processes on random graphs of growing size");
        List<Config> configs = List.of(new Config("warm cache", "", CacheMode.WARM),
                new Config("cache off", "", CacheMode.OFF));
        Map<String, Map<Config, Measured>> rows = new LinkedHashMap<>();
        Map<Integer, String> described = new LinkedHashMap<>();
        Machine.Stretch stretch = new Machine.Stretch();
        for (int size : sizes) {
            Project project = project(Shapes.RANDOM, size);
            described.put(size, project.describe());
            for (String command : List.of("heads", "history")) {
                rows.put(String.format(Locale.ROOT, "%,d | %s", size, command), measure(project, List.of(command),
                        configs));
            }
            System.err.printf(Locale.ROOT, "cli scaling %d done%n", size);
        }
        String load = stretch.end();
        Report.line("Medians of " + runs + " runs; " + load + ".");
        described.values().forEach(d -> Report.line("- " + d));
        Report.line("");
        tables(List.of("revisions", "command"), rows, configs);
    }

    /**
     * Three tables of the same rows: wall-clock medians, CPU-time medians, and the medians of the runs
     * that other processes hardly disturbed; then every figure's spread. A row's name holds its
     * leading cells, separated by " | ".
     */
    private static void tables(List<String> leading, Map<String, Map<Config, Measured>> rows, List<Config> configs) {
        table("Wall-clock time, median of all runs:", leading, rows, configs, m -> Samples.ms(m.median()));
        table("CPU time (user + system) of the process, median:", leading, rows, configs,
                m -> m.cpu.count() == 0 ? "–" : Samples.ms(m.cpu.median()));
        table("Wall-clock time, median of the runs during which other processes kept under 15% of the CPUs busy"
                + " (how many such runs):", leading, rows, configs, Measured::quiet);
        Report.line("Spread of each figure:");
        Report.line("");
        rows.forEach((name, byConfig) -> configs.forEach(c -> Report.line("- " + name.replace(" | ", ", ") + ", "
                + c.label() + ": " + byConfig.get(c).summary())));
    }

    private static void table(String title, List<String> leading, Map<String, Map<Config, Measured>> rows,
                              List<Config> configs, java.util.function.Function<Measured, String> cell) {
        Report.line(title);
        Report.line("");
        List<String> header = new ArrayList<>(leading);
        configs.forEach(c -> header.add(c.label()));
        Report.tableHeader(header);
        rows.forEach((name, byConfig) -> {
            List<String> row = new ArrayList<>(List.of(name.split(" \\| ")));
            configs.forEach(c -> row.add(cell.apply(byConfig.get(c))));
            Report.tableRow(row);
        });
        Report.line("");
    }

    private void cds(int size) {
        Report.heading("Experiment: current and heads with an application class-data-sharing (AppCDS) archive");
        Project small = project(Shapes.LINEAR, 100);
        Project large = project(Shapes.LINEAR, size);
        Databases.Target target = Databases.fresh("sqlite", work);
        stamp(small, target);
        Path archive = work.resolve("retort-appcds.jsa");
        try {
            java.nio.file.Files.deleteIfExists(archive);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // JDK 17's dynamic archive: written at the exit of one run, holding the classes it loaded
        Processes.run(List.of(retort.toString(), "--url", target.url(), "current"), small.directory(),
                Map.of(CACHE, small.warmCache().toString(), JAVA_OPTS, "-XX:ArchiveClassesAtExit=" + archive
                        + " -Xlog:cds=off -Xlog:cds+dynamic=off"));
        Report.line("The archive (" + archive.toFile().length() / 1024 / 1024 + " MiB) was written by one run of"
                + " current with -XX:ArchiveClassesAtExit and is used with -XX:SharedArchiveFile; bin/retort as it is"
                + " uses the JDK's default archive only (-Xshare:auto).");
        List<Config> configs = List.of(new Config("bin/retort as it is", "", CacheMode.WARM),
                new Config("with the AppCDS archive", "-XX:SharedArchiveFile=" + archive, CacheMode.WARM));
        Map<String, Map<Config, Measured>> rows = new LinkedHashMap<>();
        Machine.Stretch stretch = new Machine.Stretch();
        rows.put("current, 100 revisions, sqlite", measure(small, List.of("--url", target.url(), "current"),
                configs));
        rows.put(String.format(Locale.ROOT, "heads, %,d revisions", size), measure(large, List.of("heads"), configs));
        Report.line("Medians of " + runs + " runs, warm header cache; " + stretch.end() + ".");
        Report.line("");
        tables(List.of("command"), rows, configs);
    }

    /** Landmark classes of a {@code current} run, in the order they load, and what starts there. */
    private static final List<String[]> LANDMARKS = List.of(
            new String[] {"dev.retort.cli.Main", "JVM start until main (JVM uptime)"},
            new String[] {"dev.retort.cli.Project", "picocli: command model and parsing"},
            new String[] {"org.tomlj.Toml", "finding the config file"},
            new String[] {"dev.retort.cli.SqliteNativeLibrary", "reading retort.toml (tomlj), settings, URL"},
            new String[] {"dev.retort.script.ScriptDirectory", "locating SQLite's cached native library"},
            new String[] {"org.sqlite.JDBC", "loading the revision files and the graph"},
            new String[] {"dev.retort.runtime.VersionTable", "SQLite: driver, native library, connection"},
            new String[] {"", "the rest: version table, printing, exit; and bin/retort (bash) and GNU time"});

    private void startup() {
        Report.heading("Where the time of current (100 revisions, SQLite, warm cache) goes");
        Project small = project(Shapes.LINEAR, 100);
        Databases.Target target = Databases.fresh("sqlite", work);
        stamp(small, target);
        Path log = work.resolve("class-load.log");
        Map<String, String> environment = Map.of(CACHE, small.warmCache().toString(), JAVA_OPTS,
                "-Xlog:class+load:file=" + log + ":uptime");
        List<String> command = List.of(retort.toString(), "--url", target.url(), "current");
        Processes.run(command, small.directory(), environment);
        List<Samples> phases = new ArrayList<>();
        LANDMARKS.forEach(l -> phases.add(new Samples()));
        Samples total = new Samples();
        for (int i = 0; i < runs; i++) {
            Processes.Run run = Processes.run(command, small.directory(), environment);
            long previous = 0;
            List<Long> at = ClassLoadLog.times(log, LANDMARKS.stream().map(l -> l[0]).toList(), run.nanos());
            for (int p = 0; p < at.size(); p++) {
                phases.get(p).add(at.get(p) - previous);
                previous = at.get(p);
            }
            total.add(run.nanos());
        }
        Report.line("Medians of " + runs + " runs, with -Xlog:class+load (which itself costs some time); a phase ends"
                + " when the JVM loads the class named. Total " + total.summary() + ".");
        Report.line("");
        Report.tableHeader(List.of("phase", "until the class loads", "median"));
        for (int p = 0; p < LANDMARKS.size(); p++) {
            String landmark = LANDMARKS.get(p)[0];
            Report.tableRow(List.of(LANDMARKS.get(p)[1], landmark.isEmpty() ? "(process exit)" : landmark,
                    Samples.ms(phases.get(p).median())));
        }
    }

    // ------------------------------------------------------------------------------------------

    /** Runs the command {@code runs} times in every configuration, interleaved; samples by configuration. */
    private Map<Config, Measured> measure(Project project, List<String> arguments, List<Config> configs) {
        List<String> command = new ArrayList<>(List.of(retort.toString()));
        command.addAll(arguments);
        Map<Config, Measured> samples = new LinkedHashMap<>();
        configs.forEach(c -> samples.put(c, new Measured()));
        // one untimed run of each, which also fills the page cache and the warm header cache
        for (Config config : configs) {
            Processes.run(command, project.directory(), environment(project, config));
        }
        for (int i = 0; i < runs; i++) {
            gate.await();
            for (Config config : configs) {
                Processes.Run run = Processes.run(command, project.directory(), environment(project, config));
                project.check(arguments.get(arguments.size() - 1), run.stdout());
                samples.get(config).add(run);
            }
        }
        return samples;
    }

    private Map<String, String> environment(Project project, Config config) {
        Map<String, String> environment = new HashMap<>();
        environment.put(JAVA_OPTS, config.javaOpts());
        environment.put(CACHE, switch (config.cache()) {
            case OFF -> "";
            case FIRST_RUN -> Workspace.fresh(work.resolve("cache-first").resolve(Integer.toString(++cacheSequence)))
                    .toString();
            case WARM -> project.warmCache().toString();
        });
        return environment;
    }

    private void stamp(Project project, Databases.Target target) {
        Retort.configure().url(target.url()).scriptLocation(project.directory().resolve("migrations"))
                .baseDirectory(project.directory()).load().stamp(List.of("head"), false);
    }

    /** A generated project, reused within one harness run. */
    private final Map<String, Project> projects = new HashMap<>();

    private Project project(Shapes shape, int size) {
        return projects.computeIfAbsent(shape.label() + "-" + size, name -> {
            List<Revision> revisions = shape.revisions(size, seed);
            Path directory = Workspace.fresh(work.resolve("cli-" + name));
            ProjectWriter.write(directory, revisions);
            return new Project(directory, RevisionGraph.of(revisions), work.resolve("cache-warm-" + name));
        });
    }

    /** A project on disk and its graph, to check what the commands print. */
    private record Project(Path directory, RevisionGraph graph, Path warmCache) {

        String describe() {
            long merges = graph.revisions().stream().filter(Revision::isMergePoint).count();
            return String.format(Locale.ROOT, "%,d revisions, %d heads, %d bases, %d merge revisions", graph.size(),
                    graph.heads().size(), graph.bases().size(), merges);
        }

        /** Fails unless the output is complete: one line per head, per revision, or one current row. */
        void check(String command, String stdout) {
            long lines = stdout.lines().filter(l -> !l.isBlank()).count();
            long expected = switch (command) {
                case "heads" -> graph.heads().size();
                case "history" -> graph.size();
                case "current" -> graph.realHeads().size();
                default -> lines;
            };
            if (lines != expected) {
                throw new IllegalStateException(command + " printed " + lines + " lines, expected " + expected
                        + " in " + directory);
            }
        }
    }
}
