package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.PostgresCases.DIALECT;
import static dev.retort.dialect.postgres.PostgresCases.op;
import static dev.retort.dialect.postgres.PostgresDatabase.apply;
import static dev.retort.dialect.postgres.PostgresDatabase.applyOffline;
import static dev.retort.dialect.postgres.PostgresDatabase.enterSchema;
import static dev.retort.dialect.postgres.PostgresDatabase.execute;
import static dev.retort.dialect.postgres.PostgresDatabase.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.Operation;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@link PostgresCases} on the embedded PostgreSQL: it runs (online, and offline where
 * it binds parameters online), and where it has an inverse, op, inverse, op leaves the schema as
 * after op and the inverse as before (JDBC metadata and {@code pg_catalog} compared). Each case gets
 * a schema of its own. Then values bound online against their offline literals, and names that
 * need quoting through every kind of operation.
 */
class PostgresExecutionTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final int LANES = 4;
    private static FreshDatabase database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = TestDatabases.fresh(DatabaseKind.POSTGRES);
        try (Connection connection = database.connect()) {
            execute(connection, PostgresCases.DATABASE_FIXTURE);
        }
    }

    /** The cases not run by the round trips below (which run the others three times). */
    static Stream<PostgresCases.Case> executedOnce() {
        return PostgresCases.all().stream().filter(c -> c.executed() && !c.roundTrips());
    }

    private static Stream<PostgresCases.Case> roundTrips() {
        return PostgresCases.all().stream().filter(PostgresCases.Case::roundTrips);
    }

    /** A connection in a new schema holding the fixture and the case's own setup. */
    private static Connection prepared(FreshDatabase db, PostgresCases.Case c, String schema) throws SQLException {
        Connection connection = db.connect();
        enterSchema(connection, schema);
        execute(connection, PostgresCases.FIXTURE);
        execute(connection, c.fixture());
        return connection;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executedOnce")
    void runsOnPostgres(PostgresCases.Case c) throws SQLException {
        try (Connection connection = prepared(database, c, "pgrun" + SCHEMAS.incrementAndGet())) {
            apply(connection, c.op());
        }
        boolean binds = DIALECT.render(c.op(), PostgresDatabase.ONLINE).stream()
                .anyMatch(s -> !s.bindings().isEmpty());
        if (binds) {
            try (Connection connection = prepared(database, c, "pgoff" + SCHEMAS.incrementAndGet())) {
                applyOffline(connection, c.op());
            }
        }
    }

    /**
     * Op, inverse, op for every case that has an inverse. Reading a schema through JDBC metadata
     * takes a good part of a second under load, four times per case, so the cases run in four lanes
     * at once, each lane one case after another on a database of its own (the snapshots include
     * what is database-wide: schemas, extensions), and report one by one.
     */
    @TestFactory
    Stream<DynamicTest> opThenInverseThenOpAgain() throws SQLException {
        List<ExecutorService> lanes = new ArrayList<>();
        List<FreshDatabase> databases = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            lanes.add(Executors.newSingleThreadExecutor());
            FreshDatabase lane = TestDatabases.fresh(DatabaseKind.POSTGRES);
            try (Connection connection = lane.connect()) {
                execute(connection, PostgresCases.DATABASE_FIXTURE);
            }
            databases.add(lane);
        }
        try {
            List<DynamicTest> tests = new ArrayList<>();
            List<PostgresCases.Case> cases = roundTrips().toList();
            for (int i = 0; i < cases.size(); i++) {
                PostgresCases.Case c = cases.get(i);
                FreshDatabase db = databases.get(i % LANES);
                Future<?> done = lanes.get(i % LANES).submit(() -> {
                    roundTrip(db, c);
                    return null;
                });
                tests.add(DynamicTest.dynamicTest(c.name(), () -> outcome(done)));
            }
            return tests.stream();
        } finally {
            lanes.forEach(ExecutorService::shutdown);
        }
    }

    private static void outcome(Future<?> done) throws Throwable {
        try {
            done.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static void roundTrip(FreshDatabase db, PostgresCases.Case c) throws SQLException {
        String schema = "pgtrip" + SCHEMAS.incrementAndGet();
        try (Connection connection = prepared(db, c, schema)) {
            Operation op = c.op();
            PostgresDatabase.Snapshot before = snapshot(connection, schema, op);
            apply(connection, op);
            PostgresDatabase.Snapshot after = snapshot(connection, schema, op);
            if (!c.sql().isEmpty()) {
                assertThat(after).as("the operation changes the schema").isNotEqualTo(before);
            }

            apply(connection, op.inverse().orElseThrow());
            assertThat(snapshot(connection, schema, op)).as("after the inverse").isEqualTo(before);

            apply(connection, op);
            assertThat(snapshot(connection, schema, op)).as("after the operation again").isEqualTo(after);
        }
    }

    @Test
    void everyCaseWithoutARoundTripSaysWhy() {
        assertThat(PostgresCases.all()).filteredOn(c -> c.op().inverse().isPresent() && !c.roundTrips())
                .allSatisfy(c -> assertThat(c.noRoundTrip() + c.noExecution()).isNotBlank());
    }

    // ------------------------------------------------------------------------------------------
    // values: bound online, written as literals offline, the same rows either way

    @Test
    void bulkInsertOnlineBindsWhatTheOfflineLiteralsSay() throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.fromString("6f1c1e9a-3f4b-4d8e-9a51-2f0d5c7b8e10"));
        row.put("id_text", "00000000-0000-4000-8000-000000000002");
        row.put("doc", "{\"theme\": \"dark\", \"path\": \"C:\\\\x\", \"quote\": \"O'Hara\"}");
        row.put("doc_json", "[1, 2]");
        row.put("feeling", "happy");
        row.put("at", Instant.parse("2025-10-20T20:28:00Z"));
        row.put("at_offset", OffsetDateTime.parse("2025-10-20T23:28:00+03:00"));
        row.put("address", "192.168.0.1");
        row.put("note", "a\\b 'c'");
        row.put("bytes", new byte[] {0, 1, (byte) 0xfe});
        row.put("nothing", null);
        Map<String, Object> second = new LinkedHashMap<>(row);
        second.put("id", UUID.fromString("00000000-0000-4000-8000-000000000003"));
        Operation insert = op(o -> o.bulkInsert("things", List.of(row, second)));
        String table = "CREATE TABLE things (id UUID PRIMARY KEY, id_text UUID, doc JSONB, doc_json JSON,"
                + " feeling mood, at TIMESTAMPTZ, at_offset TIMESTAMPTZ, address INET, note TEXT, bytes BYTEA,"
                + " nothing JSONB)";
        String select = "SELECT id, id_text, doc, doc_json::text, feeling, at, at_offset, address, note,"
                + " encode(bytes, 'hex'), nothing FROM things ORDER BY id";
        List<String> online;
        List<String> offline;
        try (Connection connection = database.connect()) {
            enterSchema(connection, "pgbind" + SCHEMAS.incrementAndGet());
            execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'happy')", table, "SET TIME ZONE 'Asia/Tokyo'");
            apply(connection, insert);
            online = rows(connection, select);
        }
        try (Connection connection = database.connect()) {
            enterSchema(connection, "pgbind" + SCHEMAS.incrementAndGet());
            execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'happy')", table, "SET TIME ZONE 'UTC'");
            applyOffline(connection, insert);
            offline = rows(connection, select);
        }

        assertThat(online).isEqualTo(offline).hasSize(2);
        assertThat(online.get(1)).isEqualTo("6f1c1e9a-3f4b-4d8e-9a51-2f0d5c7b8e10|00000000-0000-4000-8000-000000000002"
                + "|{\"path\": \"C:\\\\x\", \"quote\": \"O'Hara\", \"theme\": \"dark\"}|[1, 2]|happy"
                + "|2025-10-20T20:28Z|2025-10-20T20:28Z|192.168.0.1|a\\b 'c'|0001fe|null");
    }

    @Test
    void rawSqlParametersBindOnlineAsTheyAreInlinedOfflineWithTheQuestionMarkOperatorToo() throws SQLException {
        Operation update = op(o -> o.execute("UPDATE books SET data = ?, status = ? WHERE data IS NULL"
                + " OR NOT data ?? 'k' -- what about ?\n", "{\"k\": \"it's\"}", "read"));
        List<String> online;
        List<String> offline;
        try (Connection connection = database.connect()) {
            enterSchema(connection, "pgexec" + SCHEMAS.incrementAndGet());
            execute(connection, PostgresCases.FIXTURE);
            apply(connection, update);
            online = rows(connection, "SELECT title, data, status FROM books ORDER BY title");
        }
        try (Connection connection = database.connect()) {
            enterSchema(connection, "pgexec" + SCHEMAS.incrementAndGet());
            execute(connection, PostgresCases.FIXTURE);
            applyOffline(connection, update);
            offline = rows(connection, "SELECT title, data, status FROM books ORDER BY title");
        }

        assertThat(online).isEqualTo(offline)
                .containsExactly("Dune|{\"k\": \"it's\"}|read", "Война и мир|{\"k\": \"it's\"}|read");
    }

    // ------------------------------------------------------------------------------------------
    // names that need quoting

    @Test
    void namesThatNeedQuotingWorkThroughEveryKindOfOperation() throws SQLException {
        List<Operation> operations = QuotedNames.operations();
        String schema = "pgnames" + SCHEMAS.incrementAndGet();
        try (Connection connection = database.connect()) {
            enterSchema(connection, schema);
            execute(connection, "DROP SCHEMA IF EXISTS \"Bücher \"\"Archiv\"\"\" CASCADE");
            PostgresDatabase.Snapshot empty = snapshot(connection, schema);
            for (Operation operation : operations) {
                apply(connection, operation);
            }
            assertThat(rows(connection, QuotedNames.CHECK_QUERY)).containsExactlyElementsOf(QuotedNames.CHECK_ROWS);
            PostgresDatabase.Snapshot full = snapshot(connection, schema);
            assertThat(full.catalog().tables()).containsOnlyKeys(QuotedNames.TABLES);

            List<Operation> inverses = new ArrayList<>();
            for (Operation operation : operations) {
                operation.inverse().ifPresent(inverse -> inverses.add(0, inverse));
            }
            for (Operation inverse : inverses) {
                apply(connection, inverse);
            }
            assertThat(snapshot(connection, schema)).isEqualTo(empty);
        }
    }

    @Test
    void namesThatNeedQuotingWorkOfflineToo() throws SQLException {
        String schema = "pgnames" + SCHEMAS.incrementAndGet();
        try (Connection connection = database.connect()) {
            enterSchema(connection, schema);
            execute(connection, "DROP SCHEMA IF EXISTS \"Bücher \"\"Archiv\"\"\" CASCADE");
            for (Operation operation : QuotedNames.operations()) {
                List<RenderedStatement> statements = DIALECT.render(operation, RenderContext.OFFLINE);
                PostgresDatabase.run(connection, statements);
            }
            assertThat(rows(connection, QuotedNames.CHECK_QUERY)).containsExactlyElementsOf(QuotedNames.CHECK_ROWS);
            execute(connection, "DROP SCHEMA \"Bücher \"\"Archiv\"\"\" CASCADE");
        }
    }

    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof java.sql.Timestamp) {
                        value = rs.getObject(i, OffsetDateTime.class).toInstant().atOffset(java.time.ZoneOffset.UTC);
                    }
                    values.add(String.valueOf(value));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
