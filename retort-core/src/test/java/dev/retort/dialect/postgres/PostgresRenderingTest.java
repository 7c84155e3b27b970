package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.PostgresCases.DIALECT;
import static dev.retort.dialect.postgres.PostgresCases.op;
import static dev.retort.dialect.postgres.PostgresCases.written;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Types.array;
import static dev.retort.schema.Types.binary;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.jsonb;
import static dev.retort.schema.Types.numeric;
import static dev.retort.schema.Types.raw;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static dev.retort.schema.Types.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.retort.dialect.OperationNotSupportedException;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.schema.ColumnType;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden SQL: every operation and its variants, rendered offline for PostgreSQL, statement by statement. */
class PostgresRenderingTest {

    private static final RenderContext ONLINE = new RenderContext() {
        @Override
        public boolean offline() {
            return false;
        }

        @Override
        public Optional<Table> table(QualifiedName name) {
            throw new AssertionError("PostgreSQL renders without reading tables, asked for " + name);
        }
    };

    static Stream<PostgresCases.Case> cases() {
        return PostgresCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersOffline(PostgresCases.Case c) {
        assertThat(written(DIALECT.render(c.op(), RenderContext.OFFLINE))).containsExactlyElementsOf(c.sql());
    }

    /** Only raw SQL with parameters and bulk inserts differ online: they bind values instead of writing literals. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheSameOnlineWithoutReadingTheDatabase(PostgresCases.Case c) {
        List<RenderedStatement> online = DIALECT.render(c.op(), ONLINE);
        if (online.stream().allMatch(s -> s.bindings().isEmpty())) {
            assertThat(written(online)).containsExactlyElementsOf(c.sql());
        }
    }

    @Test
    void onlineABulkInsertIsOneStatementBatchingEveryRow() {
        UUID id = UUID.randomUUID();
        Operation insert = op(o -> o.bulkInsert("users", List.of(Map.of("id", id), Map.of("id", UUID.randomUUID()))));

        List<RenderedStatement> online = DIALECT.render(insert, ONLINE);

        assertThat(online).hasSize(1);
        assertThat(online.get(0).sql()).isEqualTo("INSERT INTO users (id) VALUES (?)");
        assertThat(online.get(0).bindings()).hasSize(2).first().isEqualTo(List.of(id));
    }

    @Test
    void onlineRawSqlKeepsItsPlaceholdersAndOperatorsForTheDriver() {
        Operation execute = op(o -> o.execute("UPDATE books SET data = ? WHERE data ?? 'x'", "{}"));

        RenderedStatement online = DIALECT.render(execute, ONLINE).get(0);

        assertThat(online.sql()).isEqualTo("UPDATE books SET data = ? WHERE data ?? 'x'");
        assertThat(online.bindings()).containsExactly(List.of("{}"));
    }

    static Stream<Arguments> types() {
        return Stream.of(
                arguments(jsonb(), "JSONB"),
                arguments(json(), "JSON"),
                arguments(uuid(), "UUID"),
                arguments(binary(), "BYTEA"),
                arguments(binary(16), "BYTEA"),
                arguments(timestampTz(), "TIMESTAMP WITH TIME ZONE"),
                arguments(array(integer()), "INTEGER[]"),
                arguments(array(varchar(20)), "VARCHAR(20)[]"),
                arguments(array(enumType("Reading Status", "a")), "\"Reading Status\"[]"),
                arguments(vector(1536), "vector(1536)"),
                arguments(enumType("mood", "sad", "happy"), "mood"),
                arguments(enumType("Mood", "sad"), "\"Mood\""),
                arguments(enumType("user", "a"), "\"user\""),
                arguments(numeric(1000, 2), "NUMERIC(1000, 2)"),
                arguments(varchar(10_485_760), "VARCHAR(10485760)"),
                arguments(raw("tsvector"), "tsvector"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("types")
    void spellsTypes(ColumnType type, String spelling) {
        assertThat(DIALECT.typeName(type)).isEqualTo(spelling);
    }

    static Stream<Arguments> identifiers() {
        return Stream.of(
                arguments("books", "books"),
                arguments("reading_progress2", "reading_progress2"),
                arguments("Books", "\"Books\""),
                arguments("reading list", "\"reading list\""),
                arguments("user", "\"user\""),
                arguments("order", "\"order\""),
                arguments("window", "\"window\""),
                arguments("authorization", "\"authorization\""),
                arguments("binary", "\"binary\""),
                arguments("position", "\"position\""),
                arguments("time", "\"time\""),
                arguments("say \"hi\"", "\"say \"\"hi\"\"\""),
                arguments("книги", "\"книги\""),
                arguments("café", "\"café\""),
                arguments("1st", "\"1st\""),
                arguments("x".repeat(63), "x".repeat(63)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifiers")
    void quotesNamesThatNeedIt(String name, String written) {
        assertThat(DIALECT.identifier(name)).isEqualTo(written);
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                arguments("it's", "'it''s'"),
                arguments("C:\\books", "E'C:\\\\books'"),
                arguments("a\\'b", "E'a\\\\''b'"),
                arguments(new byte[] {(byte) 0xde, (byte) 0xad, 0}, "decode('dead00', 'hex')"),
                arguments(Double.NaN, "'NaN'"),
                arguments(Double.POSITIVE_INFINITY, "'Infinity'"),
                arguments(Float.NEGATIVE_INFINITY, "'-Infinity'"),
                arguments(1.5e-7, "0.00000015"),
                arguments(true, "TRUE"),
                arguments(UUID.fromString("6f1c1e9a-3f4b-4d8e-9a51-2f0d5c7b8e10"),
                        "'6f1c1e9a-3f4b-4d8e-9a51-2f0d5c7b8e10'"),
                arguments(Instant.parse("2025-10-20T20:28:00Z"), "TIMESTAMP WITH TIME ZONE '2025-10-20 20:28Z'"),
                arguments(null, "NULL"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("literals")
    void writesLiterals(Object value, String literal) {
        assertThat(DIALECT.literal(value)).isEqualTo(literal);
    }

    static Stream<Arguments> inlining() {
        return Stream.of(
                arguments("SELECT ?", List.of(1), "SELECT 1"),
                arguments("SELECT '?', \"?\", ?", List.of("x"), "SELECT '?', \"?\", 'x'"),
                arguments("SELECT 'it''s ?' || ?", List.of("a"), "SELECT 'it''s ?' || 'a'"),
                arguments("SELECT E'\\' ?' || ?", List.of(2), "SELECT E'\\' ?' || 2"),
                arguments("SELECT 'a\\' || ?", List.of(2), "SELECT 'a\\' || 2"),
                arguments("SELECT $$ ? $$, $tag$ it's ? $tag$, ?", List.of(3), "SELECT $$ ? $$, $tag$ it's ? $tag$, 3"),
                arguments("SELECT a$b, ? -- is it?\n", List.of(4), "SELECT a$b, 4 -- is it?\n"),
                arguments("SELECT /* ? /* nested ? */ ? */ ?", List.of(5), "SELECT /* ? /* nested ? */ ? */ 5"),
                arguments("SELECT data ?? 'k', data ??| ARRAY['a'] FROM t WHERE id = ?", List.of(6),
                        "SELECT data ? 'k', data ?| ARRAY['a'] FROM t WHERE id = 6"),
                arguments("SELECT $1, ?", List.of(7), "SELECT $1, 7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inlining")
    void offlineParametersAreInlinedWhereTheDriverWouldBindThem(String sql, List<Object> parameters,
                                                                String inlined) {
        Operation execute = new Execute(sql, parameters, true);

        assertThat(DIALECT.render(execute, RenderContext.OFFLINE)).extracting(RenderedStatement::sql)
                .containsExactly(inlined);
    }

    @Test
    void offlineInliningCountsPlaceholders() {
        assertThatThrownBy(() -> DIALECT.render(new Execute("SELECT ? WHERE x ? 'k'", List.of(1), true),
                RenderContext.OFFLINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SQL has more ? placeholders than the 1 parameters given (write the operator ? as ??):"
                        + " SELECT ? WHERE x ? 'k'");
        assertThatThrownBy(() -> DIALECT.render(new Execute("SELECT ?", List.of(1, 2), true), RenderContext.OFFLINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 parameters given for 1 ? placeholders: SELECT ?");
    }

    static Stream<Arguments> refusals() {
        String longName = "ix_reading_progress_book_id_user_id_reading_location_cfi_and_more";
        String cyrillic = "и".repeat(32);
        return Stream.of(
                arguments("a name longer than 63 bytes",
                        op(o -> o.createIndex("books", index(longName, "title"))),
                        "PostgreSQL cannot create index " + longName + " on books: the name \"" + longName + "\" is "
                                + longName.length() + " bytes long, and PostgreSQL keeps only the first 63 bytes of a"
                                + " name (two names alike in those would silently become one). Use a name of at most"
                                + " 63 bytes (UTF-8)"),
                arguments("32 Cyrillic letters are 64 bytes",
                        op(o -> o.addColumn("books", column(cyrillic, text()))),
                        "PostgreSQL cannot add column books." + cyrillic + ": the name \"" + cyrillic + "\" is 64"
                                + " bytes long, and PostgreSQL keeps only the first 63 bytes of a name (two names alike"
                                + " in those would silently become one). Use a name of at most 63 bytes (UTF-8)"),
                arguments("a long name inside a batch names the change, not the batch",
                        new BatchAlterTable(QualifiedName.of("books"), List.of(op(o -> o.createIndex(longName,
                                "books", "title"))), BatchAlterTable.Recreate.AUTO, Optional.empty()),
                        "PostgreSQL cannot create index " + longName + " on books: the name \"" + longName + "\" is "
                                + longName.length() + " bytes long, and PostgreSQL keeps only the first 63 bytes of a"
                                + " name (two names alike in those would silently become one). Use a name of at most"
                                + " 63 bytes (UTF-8)"),
                arguments("MATCH PARTIAL",
                        op(o -> o.createForeignKey("tags", foreignKey("fk_tags_book", "book_id")
                                .references("books", "id").match("partial"))),
                        "PostgreSQL cannot add foreign key fk_tags_book on tags: MATCH PARTIAL is not implemented in"
                                + " PostgreSQL. Use MATCH FULL (all columns null, or all must match) or MATCH SIMPLE"
                                + " (the default: any null column exempts the row)"),
                arguments("an unknown MATCH",
                        op(o -> o.createForeignKey("tags", foreignKey("fk_tags_book", "book_id")
                                .references("books", "id").match("sometimes"))),
                        "PostgreSQL cannot add foreign key fk_tags_book on tags: MATCH sometimes is no match type."
                                + " Use MATCH FULL or MATCH SIMPLE"),
                arguments("varchar longer than PostgreSQL's limit",
                        op(o -> o.addColumn("books", column("blurb", varchar(10_485_761)))),
                        "PostgreSQL cannot add column books.blurb: varchar(n) holds at most 10485760 characters, not"
                                + " 10485761. Use text(), which has no limit"),
                arguments("numeric precision over 1000",
                        op(o -> o.addColumn("books", column("huge", numeric(1001)))),
                        "PostgreSQL cannot add column books.huge: numeric precision must lie between 1 and 1000, not"
                                + " 1001. Use numeric() without precision, which takes up to 131072 digits before the"
                                + " decimal point"),
                arguments("vector over pgvector's limit",
                        op(o -> o.addColumn("items", column("embedding", vector(16_001)))),
                        "PostgreSQL cannot add column items.embedding: pgvector's vector type holds at most 16000"
                                + " dimensions, not 16001. Reduce the embedding's dimensions (its hnsw and ivfflat"
                                + " indexes take at most 2000)"),
                arguments("a batch that must rebuild the table",
                        new BatchAlterTable(QualifiedName.of("books"), List.of(op(o -> o.dropColumn("books",
                                "author"))), BatchAlterTable.Recreate.ALWAYS, Optional.empty()),
                        "PostgreSQL cannot batch alter table books (1 change): rebuilding a table (recreate = ALWAYS)"
                                + " is implemented for SQLite only. Use Recreate.AUTO, which alters the table in"
                                + " place here"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatPostgresCannotDoNamingTheWayOut(String what, Operation op, String message) {
        for (RenderContext context : Arrays.asList(RenderContext.OFFLINE, ONLINE)) {
            assertThatThrownBy(() -> DIALECT.render(op, context))
                    .isInstanceOf(OperationNotSupportedException.class)
                    .hasMessage(message);
        }
    }

    @Test
    void aNameTooLongOutsideAnOperationSaysSoToo() {
        assertThatThrownBy(() -> DIALECT.table(QualifiedName.of("v".repeat(64))))
                .hasMessage("The name \"" + "v".repeat(64) + "\" is 64 bytes long, and"
                        + " PostgreSQL keeps only the first 63 bytes of a name (two names alike in those would silently"
                        + " become one). Use a name of at most 63 bytes (UTF-8)");
    }
}
