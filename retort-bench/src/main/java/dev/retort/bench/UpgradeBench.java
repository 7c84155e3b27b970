package dev.retort.bench;

import dev.retort.Retort;
import dev.retort.RunResult;
import dev.retort.revision.MigrationStep;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.RevisionPlanner;
import dev.retort.revision.RevisionStep;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code upgrade head} of N one-statement revisions (a line of {@code CREATE TABLE}s) on a fresh
 * database, three ways, in the same run and on the same server:
 * <ul>
 *   <li><b>plain JDBC</b>: the same statements from memory, each in its own transaction with one
 *       write of a version row ({@code INSERT} for the first, {@code UPDATE} after), prepared once;
 *       the least any tool can do with one version-row write per transaction;</li>
 *   <li><b>retort, library</b>: {@code Retort.configure()…load()} (reads and parses the N files) and
 *       {@code upgrade("head")}, timed apart and together;</li>
 *   <li><b>retort, command line</b>: {@code bin/retort --url URL upgrade head} as a whole process,
 *       JVM start included.</li>
 * </ul>
 * The order of the three alternates between rounds, so that a drift of the machine favours none.
 */
final class UpgradeBench {

    private UpgradeBench() {
    }

    static void run(Options options) throws SQLException {
        String db = options.get("db", "sqlite");
        int size = options.integer("revisions", 10_000);
        int rounds = options.integer("rounds", 3);
        boolean cli = Boolean.parseBoolean(options.get("cli", "true"));
        Path work = options.path("work", Path.of("retort-bench/target/bench-work"));
        Path retortCommand = options.path("retort", Path.of("bin/retort"));
        long seed = options.longValue("seed", 7L);
        String sqliteParameters = options.get("sqlite-params", "");
        int waitQuiet = options.integer("wait-quiet", 0);
        Machine.Gate gate = new Machine.Gate(options.integer("gate", 0), 0.3);
        options.requireAllUsed();

        List<Revision> revisions = Shapes.LINEAR.revisions(size, seed);
        Path project = Workspace.fresh(work.resolve("upgrade-linear-" + size));
        ProjectWriter.write(project, revisions);
        List<String> statements = upgradeOrder(revisions).stream().map(ProjectWriter::upStatement).toList();
        List<String> ids = upgradeOrder(revisions).stream().map(Revision::id).toList();

        Databases.Target probe = Databases.fresh(db, work, sqliteParameters);
        String server = Databases.describe(probe);
        Databases.discard(probe);

        Report.heading("upgrade head of " + String.format(Locale.ROOT, "%,d", size)
                + " one-statement revisions, " + server);
        Report.line(Machine.waitForQuiet(waitQuiet, 0.15));
        Samples jdbc = new Samples();
        Samples load = new Samples();
        Samples upgrade = new Samples();
        Samples library = new Samples();
        Samples process = new Samples();
        Samples jdbcCpu = new Samples();
        Samples libraryCpu = new Samples();
        Samples processCpu = new Samples();
        Machine.Stretch stretch = new Machine.Stretch();
        for (int round = 0; round < rounds; round++) {
            List<Runnable> ways = new ArrayList<>();
            ways.add(() -> {
                long[] parts = plainJdbc(Databases.fresh(db, work, sqliteParameters), statements, ids);
                jdbc.add(parts[0]);
                jdbcCpu.add(parts[1]);
            });
            ways.add(() -> {
                long[] parts = library(Databases.fresh(db, work, sqliteParameters), project, size);
                load.add(parts[0]);
                upgrade.add(parts[1]);
                library.add(parts[0] + parts[1]);
                libraryCpu.add(parts[2]);
            });
            if (cli) {
                ways.add(() -> {
                    Processes.Run run = commandLine(Databases.fresh(db, work, sqliteParameters), project,
                            retortCommand, work);
                    process.add(run.nanos());
                    processCpu.add(run.cpuNanos());
                });
            }
            if (round % 2 == 1) {
                java.util.Collections.reverse(ways);
            }
            for (Runnable way : ways) {
                gate.await();
                way.run();
            }
            System.err.printf(Locale.ROOT, "upgrade %s round %d of %d done%n", db, round + 1, rounds);
        }
        String loadDuring = stretch.end();

        Report.line("Medians of " + rounds + " rounds, each on a fresh database; " + loadDuring + "; "
                + gate.describe() + ".");
        Report.line("");
        Report.tableHeader(List.of("way", "time (median, min–max)", "per revision", "over plain JDBC per revision",
                "÷ plain JDBC"));
        row("plain JDBC (statements from memory)", jdbc, jdbc, size);
        row("retort library: upgrade(\"head\") only", upgrade, jdbc, size);
        row("retort library: load() of the files only", load, null, size);
        row("retort library: load() + upgrade(\"head\")", library, jdbc, size);
        if (cli) {
            row("retort CLI process: upgrade head (JVM start included)", process, jdbc, size);
        }
        Report.line("");
        Report.line("CPU time, which other jobs disturb far less than wall-clock time: the client's (the harness thread"
                + " and garbage collection, or the CLI process's user + system time; SQLite's work is in it) plus, on a"
                + " PostgreSQL server on this machine, the server backends' of the connections it opened (median of"
                + " the sums; the CLI's backend is not counted):");
        Report.line("");
        Report.tableHeader(List.of("way", "CPU (median, min–max)", "per revision", "over plain JDBC per revision",
                "÷ plain JDBC"));
        row("plain JDBC", jdbcCpu, jdbcCpu, size);
        row("retort library: load() + upgrade(\"head\")", libraryCpu, jdbcCpu, size);
        if (cli) {
            row("retort CLI process (client only)", processCpu, null, size);
        }
    }

    private static void row(String way, Samples samples, Samples baseline, int size) {
        String perRevision = String.format(Locale.ROOT, "%.3f ms", samples.medianMillis() / size);
        String over = "";
        String ratio = "";
        if (baseline != null && samples != baseline) {
            over = String.format(Locale.ROOT, "%+.3f ms", (samples.medianMillis() - baseline.medianMillis()) / size);
            ratio = String.format(Locale.ROOT, "%.2f×", samples.medianMillis() / baseline.medianMillis());
        }
        Report.tableRow(List.of(way, samples.summary(), perRevision, over, ratio));
    }

    /** The revisions in the order {@code upgrade head} runs them. */
    private static List<Revision> upgradeOrder(List<Revision> revisions) {
        RevisionPlanner planner = new RevisionPlanner(RevisionGraph.of(revisions));
        List<Revision> order = new ArrayList<>();
        for (MigrationStep step : planner.upgrade("head", List.of())) {
            order.add(((RevisionStep) step).revision());
        }
        return order;
    }

    /** The baseline: each statement and one version-row write per transaction. */
    private static long[] plainJdbc(Databases.Target target, List<String> statements, List<String> ids) {
        try {
            CpuMeter meter = new CpuMeter();
            long start = System.nanoTime();
            try (Connection connection = meter.connect(target)) {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("CREATE TABLE plain_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
                }
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement();
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO plain_version (version_num) VALUES (?)");
                     PreparedStatement update = connection.prepareStatement(
                             "UPDATE plain_version SET version_num = ? WHERE version_num = ?")) {
                    String previous = null;
                    for (int i = 0; i < statements.size(); i++) {
                        statement.execute(statements.get(i));
                        if (previous == null) {
                            insert.setString(1, ids.get(i));
                            insert.executeUpdate();
                        } else {
                            update.setString(1, ids.get(i));
                            update.setString(2, previous);
                            if (update.executeUpdate() != 1) {
                                throw new IllegalStateException("version row missing");
                            }
                        }
                        connection.commit();
                        previous = ids.get(i);
                    }
                }
            }
            long wall = System.nanoTime() - start;
            return new long[] {wall, meter.clientNanos() + Math.max(0, meter.serverNanos())};
        } catch (SQLException e) {
            throw new IllegalStateException("plain JDBC run failed: " + e.getMessage(), e);
        } finally {
            Databases.discard(target);
        }
    }

    /** retort as a library: nanoseconds of load() and of upgrade("head"), and the CPU time of both. */
    private static long[] library(Databases.Target target, Path project, int size) {
        try {
            CpuMeter meter = new CpuMeter();
            long start = System.nanoTime();
            Retort retort = Retort.configure().dataSource(meter.dataSource(target))
                    .scriptLocation(project.resolve("migrations")).baseDirectory(project).load();
            long loaded = System.nanoTime();
            RunResult result = retort.upgrade("head");
            long upgraded = System.nanoTime();
            if (result.steps().size() != size) {
                throw new IllegalStateException("retort ran " + result.steps().size() + " steps, not " + size);
            }
            long cpu = meter.clientNanos() + Math.max(0, meter.serverNanos());
            return new long[] {loaded - start, upgraded - loaded, cpu};
        } finally {
            Databases.discard(target);
        }
    }

    /** {@code bin/retort --url URL upgrade head} in the project, with a warmed header cache. */
    private static Processes.Run commandLine(Databases.Target target, Path project, Path retortCommand, Path work) {
        try {
            Map<String, String> environment = Map.of("RETORT_CACHE_DIR", work.resolve("cache-upgrade").toString());
            Processes.run(List.of(retortCommand.toString(), "heads"), project, environment);
            Processes.Run run = Processes.run(List.of(retortCommand.toString(), "--url", target.url(), "upgrade",
                    "head"), project, environment);
            long lines = run.stderr().lines().filter(l -> l.startsWith("Running upgrade")).count();
            if (lines != statementsIn(project)) {
                throw new IllegalStateException("the command line ran " + lines + " upgrades");
            }
            return run;
        } finally {
            Databases.discard(target);
        }
    }

    private static long statementsIn(Path project) {
        try (var files = java.nio.file.Files.list(project.resolve("migrations").resolve("versions"))) {
            return files.filter(f -> f.toString().endsWith(".sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
