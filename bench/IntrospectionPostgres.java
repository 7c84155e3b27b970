import dev.retort.Retort;
import dev.retort.RetortException;
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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 4's PostgreSQL benchmark: a database of N tables (10 columns, a primary key, 2 indexes and a
 * foreign key each, the key to the table before), read whole and compared with an identical model.
 * Run by {@code bench/introspection-postgres}, which builds the classpath; prints a Markdown report
 * on stdout, progress on stderr. Uses the test kit's embedded PostgreSQL (zonky), started by this JVM.
 * The MariaDB one, {@code IntrospectionMariaDb.java}, has the same shape; each is a single-file
 * program, so they share no code.
 *
 * <p>Cases, each timed from a new connection in this (warmed-up) JVM:
 * <ul>
 *   <li>introspection alone: {@code PostgresIntrospector.read} of the N tables;</li>
 *   <li>introspection plus diff, the model another database with the same DDL ({@code --model db:URL},
 *       {@code retort diff}): {@code Retort.compare} with a {@code DatabaseModel}, which reads both
 *       and compares;</li>
 *   <li>introspection plus diff, the model a DDL file ({@code --model sql:FILE}; a Java or JPA model
 *       takes the same way): {@code Retort.compare} with a {@code DdlFileModel}, which makes the N
 *       tables in a scratch schema inside a transaction on the target's server (rolled back), reads
 *       them and compares; its parts timed apart as well. Where the test kit's server cannot hold
 *       the locks of that transaction ("out of shared memory": the lock table is sized by
 *       {@code max_locks_per_transaction}, 64 there), the failure is reported and this case runs on a
 *       server the bench starts itself with {@code --locks} (default 256) instead.</li>
 * </ul>
 * Every case is also run on a database of 10 such tables (and its own twin and DDL file) to compare
 * the number of statements. They are counted by the server: {@code log_statement = 'all'} (set with
 * {@code ALTER SYSTEM} for the counting rounds only, after the timed ones) writes each statement
 * executed, whoever sent it, to the server's log, which this program reads; the server is this
 * JVM's own and nothing else uses it meanwhile.
 */
public final class IntrospectionPostgres {

    /** A logged statement: {@code @@ <database> <pid> LOG:  statement: …} or {@code …execute <name>: …}. */
    private static final Pattern LOGGED = Pattern.compile(
            "^@@ (\\S*) \\d+ LOG:  (?:statement|execute [^:]*): (.*)$");
    private static final String PREFIX = "@@ %d %p ";

    public static void main(String[] args) throws Exception {
        int tables = 5000;
        int runs = 5;
        int scratchRuns = 3;
        int locks = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tables" -> tables = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--scratch-runs" -> scratchRuns = Integer.parseInt(args[++i]);
                case "--locks" -> locks = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --tables N, --runs N, --scratch-runs N, --locks N");
            }
        }
        int status = 0;
        try {
            run(tables, runs, scratchRuns, locks);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        // the test kit stops the server in its exit hook
        System.exit(status);
    }

    private static void run(int tables, int runs, int scratchRuns, int locks) throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long started = System.nanoTime();
        FreshDatabase target = TestDatabases.fresh(DatabaseKind.POSTGRES);
        FreshDatabase twin = TestDatabases.fresh(DatabaseKind.POSTGRES);
        FreshDatabase small = TestDatabases.fresh(DatabaseKind.POSTGRES);
        FreshDatabase smallTwin = TestDatabases.fresh(DatabaseKind.POSTGRES);
        String ddl = ddl(tables);
        Path work = Files.createTempDirectory("retort-introspection-bench");
        Path model = work.resolve("model.sql");
        Files.writeString(model, ddl);
        Path smallModel = work.resolve("small-model.sql");
        Files.writeString(smallModel, ddl(10));
        Files.createDirectories(work.resolve("versions"));
        Server server = Server.of(target);
        server.role(target, "target");
        server.role(twin, "twin");
        server.role(small, "small");
        server.role(smallTwin, "small twin");

        log("creating " + tables + " tables in " + target.databaseName() + " and its twin");
        double createSeconds = seconds(() -> apply(target, ddl));
        apply(twin, ddl);
        apply(small, ddl(10));
        apply(smallTwin, ddl(10));

        String version;
        String settings;
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('max_connections'),"
                     + " current_setting('max_locks_per_transaction'), current_setting('shared_buffers'),"
                     + " current_setting('fsync')")) {
            rs.next();
            version = rs.getString(1);
            settings = "max_connections " + rs.getString(2) + ", max_locks_per_transaction " + rs.getString(3)
                    + ", shared_buffers " + rs.getString(4) + ", fsync " + rs.getString(5);
        }
        Dialect dialect = Dialects.forName("postgresql");
        IntrospectionFilter filter = IntrospectionFilter.excluding("retort_version", "retort_history");
        Retort retort = retort(target, work);
        Retort smallRetort = retort(small, work);
        DatabaseModel twinModel = databaseModel(twin);
        DatabaseModel smallTwinModel = databaseModel(smallTwin);
        DdlFileModel ddlModel = new DdlFileModel(model, "model.sql");
        DdlFileModel smallDdlModel = new DdlFileModel(smallModel, "small-model.sql");

        // warm-up: the JIT, the driver, the server's catalog caches
        log("warming up");
        for (int i = 0; i < 2; i++) {
            read(target, dialect, filter, tables);
            requireNoDifference(retort.compare(twinModel, Renames.none(), filter));
        }
        requireNoDifference(smallRetort.compare(smallDdlModel, Renames.none(), filter));

        IntrospectionFilter ten = filter.including(List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9",
                "t10"));
        List<Sample> introspection = new ArrayList<>();
        List<Sample> introspectionOfTen = new ArrayList<>();
        List<Sample> twinDiff = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            log("run " + (i + 1) + " of " + runs);
            introspection.add(sample(server, () -> read(target, dialect, filter, tables)));
            introspectionOfTen.add(sample(server, () -> read(target, dialect, ten, 10)));
            twinDiff.add(sample(server, () -> requireNoDifference(retort.compare(twinModel, Renames.none(),
                    filter))));
        }

        log("counting statements (log_statement = 'all')");
        server.logStatements(true);
        Count readCount = server.count(() -> read(target, dialect, filter, tables));
        Count smallReadCount = server.count(() -> read(small, dialect, filter, 10));
        Count tenCount = server.count(() -> read(target, dialect, ten, 10));
        Count twinCount = server.count(() -> requireNoDifference(retort.compare(twinModel, Renames.none(), filter)));
        Count smallTwinCount = server.count(() -> requireNoDifference(smallRetort.compare(smallTwinModel,
                Renames.none(), filter)));
        Count smallDdlCount = server.count(() -> requireNoDifference(smallRetort.compare(smallDdlModel,
                Renames.none(), filter)));
        server.logStatements(false);

        // the DDL model: on the test kit's server if its lock table holds the scratch schema's objects,
        // else on a server of the bench's own with a bigger one
        DdlCase ddlCase;
        String refused = null;
        double refusedAfter = 0;
        String ddlServer = "the test kit's server";
        long start = System.nanoTime();
        try {
            ddlCase = ddlCase(server, target, retort, ddlModel, ddl, tables, scratchRuns, dialect, filter);
        } catch (RetortException | SQLException e) {
            if (!outOfSharedMemory(e)) {
                throw e;
            }
            refusedAfter = (System.nanoTime() - start) / 1e9;
            refused = e.getMessage();
            log("the test kit's server refused the model: " + refused);
            log("starting a server with max_locks_per_transaction = " + locks);
            try (OwnServer own = OwnServer.start(locks)) {
                FreshDatabase ownTarget = own.create("bench_target");
                FreshDatabase ownTwin = own.create("bench_twin");
                apply(ownTarget, ddl);
                apply(ownTwin, ddl);
                Server ownServer = Server.of(ownTarget);
                ownServer.role(ownTarget, "target");
                ddlServer = "a server of the bench's own, max_locks_per_transaction = " + locks
                        + " (the test kit's other settings)";
                Retort ownRetort = retort(ownTarget, work);
                // its warm-up: the server's catalog caches
                requireNoDifference(ownRetort.compare(databaseModel(ownTwin), Renames.none(), filter));
                ddlCase = ddlCase(ownServer, ownTarget, ownRetort, ddlModel, ddl, tables, scratchRuns, dialect,
                        filter);
            }
        }
        deleteRecursively(work);
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

        System.out.println("# Introspection and diff of " + tables + " PostgreSQL tables");
        System.out.println();
        System.out.println("Each table: 10 columns (an identity key), a primary key, 2 indexes and a foreign key to"
                + " the table before (so 3 indexes, an identity sequence and a TOAST table each). " + version
                + " (the test kit's embedded zonky server, started by the bench's JVM; " + settings + "); creating"
                + " the " + tables + " tables took " + String.format("%.1f", createSeconds) + " s. Medians"
                + " (min–max) of " + runs + " runs after 2 warm-up rounds; the DDL model " + scratchRuns + " runs,"
                + " on " + ddlServer + ". The timed runs are done with statement logging off; the statements are"
                + " counted in separate rounds.");
        System.out.println();
        System.out.println("| case | wall, median (s) | wall, min–max (s) | bench JVM CPU (s) | server CPU (s) | load"
                + " (1 min) | queries (" + tables + " tables) | queries (10 tables) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        row("introspection alone", introspection, readCount, smallReadCount);
        row("introspection of 10 of the " + tables + " tables (an include filter)", introspectionOfTen, tenCount,
                null);
        row("introspection + diff, model = another database (`--model db:URL`, `retort diff`)", twinDiff,
                twinCount, smallTwinCount);
        row("introspection + diff, model = a DDL file through a scratch schema (`--model sql:FILE`)",
                ddlCase.diff(), ddlCase.count(), smallDdlCount);
        row("  of which: the model's DDL run in the scratch schema", ddlCase.make(), null, null);
        row("  of which: reading the scratch schema back", ddlCase.read(), null, null);
        row("  of which: rolling the scratch schema back", ddlCase.rollback(), null, null);
        System.out.println();
        if (refused != null) {
            System.out.println("On the test kit's server the DDL model failed after " + String.format("%.1f",
                    refusedAfter) + " s: `" + refused.replaceAll("\\(CREATE TABLE .*\\)\\): ", "(CREATE TABLE ...): ")
                    + "` The scratch schema lives in one transaction, which holds a lock on every relation the"
                    + " model creates until it is rolled back (here 7 a table: the table, its primary key's index,"
                    + " its 2 indexes, its identity sequence, its TOAST table and that one's index); the server's"
                    + " lock table has room for about max_locks_per_transaction × (max_connections + background"
                    + " processes) locks, shared by all its sessions. So the DDL-model rows above come from "
                    + ddlServer + ".");
            System.out.println();
        }
        System.out.println("Queries: every statement the server logged while the case ran, on every database (the"
                + " target and the model's), the driver's own included, except the model's " + 3 * tables
                + " (or 30) `CREATE TABLE`/`CREATE INDEX` statements, counted apart: " + ddlCase.count().modelDdl()
                + " and " + smallDdlCount.modelDdl() + ".");
        System.out.println();
        System.out.println("Statements of the DDL-model case on " + tables + " tables (the model's DDL left out),"
                + " in order:");
        System.out.println();
        for (String statement : ddlCase.count().queries()) {
            System.out.println("- `" + statement + "`");
        }
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs ("
                + cpu() + "), " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; load average (1, 5, 15 min) before: " + loadBefore.substring(0, nth(loadBefore, ' ', 3))
                + ", after: " + loadAfter.substring(0, nth(loadAfter, ' ', 3)) + "; whole run "
                + String.format("%.0f", (System.nanoTime() - started) / 1e9) + " s.");
    }

    /**
     * The DDL model's runs: whole, and in its parts (another scratch schema each time); the
     * statements of one more run.
     */
    private record DdlCase(List<Sample> diff, List<Sample> make, List<Sample> read, List<Sample> rollback,
                           Count count) {
    }

    private static DdlCase ddlCase(Server server, FreshDatabase target, Retort retort, DdlFileModel model, String ddl,
                                   int tables, int runs, Dialect dialect, IntrospectionFilter filter)
            throws Exception {
        List<Sample> diff = new ArrayList<>();
        List<Sample> make = new ArrayList<>();
        List<Sample> read = new ArrayList<>();
        List<Sample> rollback = new ArrayList<>();
        List<String> statements = statements(ddl);
        for (int i = 0; i < runs; i++) {
            log("DDL model run " + (i + 1) + " of " + runs);
            diff.add(sample(server, () -> requireNoDifference(retort.compare(model, Renames.none(), filter))));
            // the same once more in its parts: the model's DDL in the scratch schema, its reading, the
            // rollback that drops it
            try (Connection c = target.connect()) {
                ScratchDatabase scratch = dialect.scratchDatabase(c);
                try {
                    make.add(sample(server, () -> {
                        try (Statement s = scratch.connection().createStatement()) {
                            for (String statement : statements) {
                                s.execute(statement);
                            }
                        }
                    }));
                    read.add(sample(server, () -> {
                        DatabaseSchema schema = dialect.introspector().read(scratch.connection(), filter);
                        if (schema.tables().size() != tables) {
                            throw new AssertionError("the scratch schema has " + schema.tables().size() + " tables");
                        }
                    }));
                } finally {
                    rollback.add(sample(server, scratch::close));
                }
            }
        }
        log("counting the DDL model's statements");
        server.logStatements(true);
        try {
            Count count = server.count(() -> requireNoDifference(retort.compare(model, Renames.none(), filter)));
            return new DdlCase(diff, make, read, rollback, count);
        } finally {
            server.logStatements(false);
        }
    }

    /** PostgreSQL's "out of shared memory" (53200) anywhere in the causes. */
    private static boolean outOfSharedMemory(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SQLException sql && "53200".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A PostgreSQL server of the bench's own, with the test kit's settings (see its
     * {@code EmbeddedPostgresServer}) and a lock table of {@code locks} a connection, for a model
     * too big for the test kit's one: zonky from the test kit's classpath, its binaries where the
     * test kit unpacked them, its files in {@code target/embedded-pg-bench/jvm-<pid>}, deleted on close.
     */
    private static final class OwnServer implements AutoCloseable {
        private final EmbeddedPostgres postgres;
        private final Path directory;

        private OwnServer(EmbeddedPostgres postgres, Path directory) {
            this.postgres = postgres;
            this.directory = directory;
        }

        static OwnServer start(int locks) throws IOException {
            Path directory = Path.of(System.getProperty("basedir"), "target", "embedded-pg-bench",
                    "jvm-" + ProcessHandle.current().pid());
            Files.createDirectories(directory);
            Path log = directory.resolve("postgres.log");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("data"))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_locks_per_transaction", Integer.toString(locks))
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new OwnServer(postgres, directory);
        }

        FreshDatabase create(String name) throws SQLException {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new FreshDatabase(DatabaseKind.POSTGRES, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/"
                    + name, "postgres", "", name);
        }

        @Override
        public void close() throws IOException {
            postgres.close();
            deleteRecursively(directory);
        }
    }

    /** N tables in a line of foreign keys; the first one's key references itself. */
    static String ddl(int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String previous = "t" + Math.max(0, i - 1);
            sql.append("CREATE TABLE t").append(i).append(" (id BIGINT GENERATED BY DEFAULT AS IDENTITY,")
                    .append(" prev_id BIGINT, name VARCHAR(100) NOT NULL, email VARCHAR(200), score INTEGER DEFAULT 0,")
                    .append(" price NUMERIC(10, 2), created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,")
                    .append(" active BOOLEAN NOT NULL DEFAULT TRUE, body TEXT, code CHAR(8), CONSTRAINT pk_t")
                    .append(i).append(" PRIMARY KEY (id), CONSTRAINT fk_t").append(i)
                    .append("_prev FOREIGN KEY (prev_id) REFERENCES ").append(previous).append(" (id));\n")
                    .append("CREATE INDEX ix_t").append(i).append("_name ON t").append(i).append(" (name);\n")
                    .append("CREATE INDEX ix_t").append(i).append("_email_score ON t").append(i)
                    .append(" (email, score);\n");
        }
        return sql.toString();
    }

    private static List<String> statements(String ddl) {
        return List.of(ddl.split(";\n")).stream().filter(s -> !s.isBlank()).toList();
    }

    /** The DDL in autocommitted chunks of 300 statements, each chunk sent at once. */
    private static void apply(FreshDatabase db, String ddl) throws SQLException {
        List<String> statements = statements(ddl);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int from = 0; from < statements.size(); from += 300) {
                s.execute(String.join(";\n", statements.subList(from, Math.min(statements.size(), from + 300))));
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
     * The statements the server logged while a case ran: those other than the model's DDL, each
     * as its database's role in the bench and its first line; and the number of the model's
     * {@code CREATE TABLE}/{@code CREATE INDEX}.
     */
    private record Count(List<String> queries, int modelDdl) {
    }

    /** The embedded server: its log, its processes' CPU time. */
    private static final class Server {
        private final FreshDatabase admin;
        private final Path log;
        private final long postmaster;
        private final Map<String, String> roles = new HashMap<>();

        private Server(FreshDatabase admin, Path log, long postmaster) {
            this.admin = admin;
            this.log = log;
            this.postmaster = postmaster;
        }

        static Server of(FreshDatabase db) throws SQLException, IOException, InterruptedException {
            Path data;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                data = Path.of(rs.getString(1));
            }
            // the test kit's EmbeddedPostgresServer sends the server's output to postgres.log beside data/
            Path log = data.resolveSibling("postgres.log");
            if (!Files.isRegularFile(log)) {
                throw new IllegalStateException("no server log at " + log + "; is the server the test kit's own?");
            }
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            Server server = new Server(db, log, pid);
            server.set("log_line_prefix", PREFIX);
            return server;
        }

        /** How the statement lists name {@code db}. */
        void role(FreshDatabase db, String role) {
            roles.put(db.databaseName(), role);
        }

        void logStatements(boolean on) throws Exception {
            set("log_statement", on ? "all" : "none");
        }

        private void set(String setting, String value) throws SQLException, InterruptedException {
            try (Connection c = admin.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET " + setting + " = '" + value + "'");
                s.execute("SELECT pg_reload_conf()");
            }
            // the postmaster rereads the files when it gets to the signal; wait until a new session has it
            for (int i = 0; i < 100; i++) {
                try (Connection c = admin.connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT current_setting('" + setting + "')")) {
                    rs.next();
                    if (rs.getString(1).equals(value)) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(setting + " did not become " + value + " (set on the command line?)");
        }

        Count count(Work work) throws Exception {
            long from = Files.size(log);
            work.run();
            Thread.sleep(200); // backends write their lines as they go; give the last one time to land
            long to = Files.size(log);
            byte[] bytes = new byte[(int) (to - from)];
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(from);
                file.readFully(bytes);
            }
            List<String> queries = new ArrayList<>();
            int modelDdl = 0;
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LOGGED.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String text = m.group(2).strip();
                if (text.matches("(?s)CREATE (TABLE|INDEX) (t|ix_t)\\d+.*")) {
                    modelDdl++;
                } else {
                    queries.add(roles.getOrDefault(m.group(1), m.group(1)) + ": "
                            + (text.length() > 110 ? text.substring(0, 107) + "..." : text));
                }
            }
            return new Count(queries, modelDdl);
        }

        /**
         * CPU seconds of the server: the postmaster's own and that of its children it has reaped
         * (backends of closed connections), and of its children alive now (backends, background
         * workers). From /proc, in clock ticks of 1/100 s.
         */
        /** The backends of client connections now, by pid. */
        Set<Long> clients() {
            Set<Long> pids = new HashSet<>();
            for (ProcessHandle child : children()) {
                String title;
                try {
                    title = Files.readString(Path.of("/proc/" + child.pid() + "/cmdline"));
                } catch (IOException e) {
                    continue;
                }
                // a backend's title: "postgres: <user> <database> <host>(<port>) <state>"; a zombie's: empty
                if (title.isEmpty() || title.contains("(")) {
                    pids.add(child.pid());
                }
            }
            return pids;
        }

        /**
         * Waits (up to 5 s) until the backends of the connections a case closed are gone and reaped,
         * so that their CPU time is the postmaster's children's: a closed connection's backend
         * exits after the driver has returned.
         */
        void settle(Set<Long> before) throws InterruptedException {
            for (int i = 0; i < 100 && !before.containsAll(clients()); i++) {
                Thread.sleep(50);
            }
        }

        private List<ProcessHandle> children() {
            return ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of());
        }

        double cpu() {
            double ticks = stat(postmaster, true);
            for (ProcessHandle child : children()) {
                ticks += stat(child.pid(), false);
            }
            return ticks / 100.0;
        }

        private static double stat(long pid, boolean withReaped) {
            String text;
            try {
                text = Files.readString(Path.of("/proc/" + pid + "/stat"));
            } catch (IOException e) {
                return 0; // a backend that just ended: its time is the postmaster's now
            }
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields from the third on: utime is the 14th, stime 15th, cutime 16th, cstime 17th
            double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReaped) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks;
        }
    }

    private static void row(String name, List<Sample> samples, Count queries, Count smallQueries) {
        List<Double> walls = samples.stream().map(Sample::wall).sorted().toList();
        List<Double> loads = samples.stream().map(Sample::load).sorted().toList();
        System.out.printf("| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %.1f–%.1f | %s | %s |%n", name, median(walls),
                walls.get(0), walls.get(walls.size() - 1),
                median(samples.stream().map(Sample::jvmCpu).sorted().toList()),
                median(samples.stream().map(Sample::serverCpu).sorted().toList()), loads.get(0),
                loads.get(loads.size() - 1), queries == null ? "" : queries.queries().size(),
                smallQueries == null ? "" : smallQueries.queries().size());
    }

    private static double median(List<Double> sorted) {
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    /**
     * One timed run: wall-clock seconds, the CPU seconds of this JVM (all its threads) and of the
     * PostgreSQL server (all its processes), which other jobs on a shared machine disturb far less
     * than the wall clock, and the 1-minute load average when it started.
     */
    private record Sample(double wall, double jvmCpu, double serverCpu, double load) {
    }

    private static Sample sample(Server server, Work work) throws Exception {
        String loadavg = Files.readString(Path.of("/proc/loadavg"));
        double load = Double.parseDouble(loadavg.substring(0, loadavg.indexOf(' ')));
        double jvm = cpu(ProcessHandle.current());
        Set<Long> clients = server.clients();
        double serverCpu = server.cpu();
        long start = System.nanoTime();
        work.run();
        double wall = (System.nanoTime() - start) / 1e9;
        server.settle(clients);
        return new Sample(wall, cpu(ProcessHandle.current()) - jvm, server.cpu() - serverCpu, load);
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
