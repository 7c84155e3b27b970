package dev.retort.dialect.mysql;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MigrationLockMethod;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.introspect.Introspector;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.ColumnType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.IndexElement;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * MySQL 8 and MariaDB 10.6+, told apart where they differ (see the capability methods): DDL
 * commits implicitly, names are quoted with backticks, and a "schema" is a database, reached through
 * JDBC's catalog.
 *
 * <p>Because every DDL statement commits by itself here, a migration that fails halfway leaves the
 * statements before the failure applied; nothing in rendering can change that (the runner says how
 * many had run), and nothing needs to leave a transaction to run, as PostgreSQL's
 * {@code CREATE INDEX CONCURRENTLY} must.
 */
public final class MySqlDialect extends Dialect {

    /**
     * The reserved words of MySQL 8 (the "(R)" words of its manual's keyword list) and MariaDB's own,
     * in lower case: names among them are quoted.
     */
    private static final Set<String> RESERVED = Set.of(("accessible add all alter analyze and as asc asensitive"
            + " before between bigint binary blob both by call cascade case change char character check collate"
            + " column condition constraint continue convert create cross cube cume_dist current_date current_role"
            + " current_time current_timestamp current_user cursor database databases day_hour day_microsecond"
            + " day_minute day_second dec decimal declare default delayed delete delete_domain_id dense_rank desc"
            + " describe deterministic distinct distinctrow div do_domain_ids double drop dual each else elseif"
            + " empty enclosed escaped except exists exit explain false fetch first_value float float4 float8 for"
            + " force foreign from fulltext function general generated get grant group grouping groups having"
            + " high_priority hour_microsecond hour_minute hour_second if ignore ignore_domain_ids ignore_server_ids"
            + " in index infile inner inout insensitive insert int int1 int2 int3 int4 int8 integer intersect"
            + " interval into io_after_gtids io_before_gtids is iterate join json_table key keys kill lag"
            + " last_value lateral lead leading leave left like limit linear lines load localtime localtimestamp"
            + " lock long longblob longtext loop low_priority master_bind master_heartbeat_period"
            + " master_ssl_verify_server_cert match maxvalue mediumblob mediumint mediumtext middleint"
            + " minute_microsecond minute_second mod modifies natural not no_write_to_binlog nth_value ntile null"
            + " numeric of offset on optimize optimizer_costs option optionally or order out outer outfile over"
            + " page_checksum parse_vcol_expr partition percent_rank position precision primary procedure purge"
            + " range rank read read_write reads real recursive ref_system_id references regexp release rename"
            + " repeat replace require resignal restrict return returning revoke right rlike row row_number rows"
            + " schema schemas second_microsecond select sensitive separator set show signal slow smallint spatial"
            + " specific sql sql_big_result sql_calc_found_rows sql_small_result sqlexception sqlstate sqlwarning"
            + " ssl starting stats_auto_recalc stats_persistent stats_sample_pages stored straight_join system"
            + " table terminated then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock"
            + " unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar"
            + " varcharacter varying virtual when where while window with write xor year_month zerofill")
            .split(" "));

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final boolean mariadb;

    public MySqlDialect(boolean mariadb) {
        this.mariadb = mariadb;
    }

    @Override
    public String name() {
        return mariadb ? "mariadb" : "mysql";
    }

    @Override
    public String displayName() {
        return mariadb ? "MariaDB" : "MySQL";
    }

    @Override
    public MigrationLockMethod migrationLockMethod() {
        return MigrationLockMethod.NAMED_LOCK;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    /** A portable type for a raw one is raw: restated, the column keeps nothing of the old type. */
    @Override
    public ColumnType wholeType(ColumnType wanted, ColumnType current) {
        if (!(current instanceof ColumnType.RawType) || wanted instanceof ColumnType.RawType) {
            return wanted;
        }
        try {
            return new ColumnType.RawType(typeName(wanted));
        } catch (UnsupportedTypeException e) {
            // refused when the change is rendered, saying why
            return wanted;
        }
    }

    /**
     * InnoDB keeps an index whose leading columns are a foreign key's for that key, and refuses to drop
     * the last one ({@code Cannot drop index 'ix_copies_book': needed in a foreign key constraint}): the
     * keys it serves that no other index of the table serves (a unique constraint's and the primary
     * key's count).
     */
    @Override
    public List<TableConstraint> constraintsHoldingIndex(Table table, List<String> columns, boolean unique) {
        List<List<String>> others = new ArrayList<>();
        table.primaryKey().ifPresent(key -> others.add(key.columns()));
        table.uniques().forEach(key -> others.add(key.columns()));
        table.indexes().stream().filter(index -> index.elements().stream().noneMatch(IndexElement::expression))
                .forEach(index -> others.add(index.elements().stream().map(IndexElement::text).toList()));
        List<TableConstraint> holders = new ArrayList<>();
        for (ForeignKey key : table.foreignKeys()) {
            if (key.name().isPresent() && leads(columns, key.columns())
                    && others.stream().noneMatch(other -> leads(other, key.columns()))) {
                holders.add(key);
            }
        }
        return holders;
    }

    private static boolean leads(List<String> index, List<String> columns) {
        return columns.size() <= index.size() && index.subList(0, columns.size()).equals(columns);
    }

    @Override
    public String beginTransactionSql() {
        return "START TRANSACTION";
    }

    // ------------------------------------------------------------------------------------------
    // capabilities where MySQL 8 and MariaDB 10.6+ differ

    /** MySQL 8.0.13+ indexes expressions ({@code ((lower(email)))}); MariaDB does not. */
    boolean indexesExpressions() {
        return !mariadb;
    }

    /** MariaDB 10.3+ has {@code CREATE SEQUENCE}; MySQL has none. */
    boolean hasSequences() {
        return mariadb;
    }

    /**
     * MariaDB takes {@code IF [NOT] EXISTS} on {@code ADD COLUMN}, {@code DROP COLUMN}, {@code CREATE INDEX},
     * {@code DROP INDEX} and the constraint drops; MySQL 8 on none of them.
     */
    boolean guardsAlterTable() {
        return mariadb;
    }

    /** How a check constraint is dropped: MySQL 8.0.16+ {@code DROP CHECK}, MariaDB {@code DROP CONSTRAINT}. */
    String dropCheckClause() {
        return mariadb ? "DROP CONSTRAINT" : "DROP CHECK";
    }

    /**
     * Whether a TEXT, BLOB or JSON column takes a plain literal default. MySQL 8.0.13+ takes only an
     * expression there ({@code DEFAULT ('x')}); MariaDB 10.2+ takes either.
     */
    boolean literalDefaultsOnLobs() {
        return mariadb;
    }

    /** MariaDB refuses {@code NULL} / {@code NOT NULL} on a generated column; MySQL takes them. */
    boolean nullabilityOnGeneratedColumns() {
        return !mariadb;
    }

    // ------------------------------------------------------------------------------------------
    // names and literals

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    protected boolean reserved(String lowerCaseName) {
        return RESERVED.contains(lowerCaseName);
    }

    @Override
    public String literal(String value) {
        // backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * As the base, except for times: MySQL has no {@code TIMESTAMP WITH TIME ZONE} literal, and
     * retort keeps instants as UTC {@code DATETIME(6)}, so an instant is written as its UTC reading.
     */
    @Override
    public String literal(Object value) {
        if (value instanceof OffsetDateTime || value instanceof Instant) {
            return "TIMESTAMP " + literal(DATETIME.format(utc(value)));
        }
        if (value instanceof LocalDateTime dateTime) {
            return "TIMESTAMP " + literal(DATETIME.format(dateTime));
        }
        if (value instanceof LocalTime time) {
            return "TIME " + literal(TIME.format(time));
        }
        return super.literal(value);
    }

    // ------------------------------------------------------------------------------------------
    // types and operations

    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.BooleanType) {
            return "BOOLEAN"; // TINYINT(1), under the name the revision used
        }
        if (type instanceof ColumnType.TextType) {
            // unbounded as PostgreSQL's text; TEXT stops at 64 KB
            return "LONGTEXT";
        }
        if (type instanceof ColumnType.NumericType numeric && numeric.precision().isEmpty()) {
            // DECIMAL alone is DECIMAL(10, 0) here and would drop every fraction: take the widest
            return "DECIMAL(65, 30)";
        }
        if (type instanceof ColumnType.NumericType numeric) {
            return "DECIMAL(" + numeric.precision().getAsInt()
                    + (numeric.scale().isPresent() ? ", " + numeric.scale().getAsInt() : "") + ")";
        }
        if (type instanceof ColumnType.FloatType floating) {
            return floating.bytes() == 4 ? "FLOAT" : "DOUBLE";
        }
        if (type instanceof ColumnType.TimeType time) {
            if (time.withTimeZone()) {
                throw new UnsupportedTypeException(displayName() + " has no time with time zone", "store the"
                        + " time in UTC in a time() column");
            }
            return "TIME(6)"; // microseconds, as PostgreSQL; TIME alone keeps whole seconds
        }
        if (type instanceof ColumnType.TimestampType) {
            // DATETIME, not TIMESTAMP: no 2038 limit and no implicit ON UPDATE; retort stores UTC
            return "DATETIME(6)";
        }
        if (type instanceof ColumnType.UuidType) {
            // text, not BINARY(16): readable, compared with string literals, bound as strings by both
            // drivers, and DEFAULT (UUID()) works on MySQL and MariaDB alike. MariaDB 10.7+ has a UUID
            // type of its own: Types.raw("UUID") uses it.
            return "CHAR(36)";
        }
        if (type instanceof ColumnType.JsonType) {
            return "JSON"; // MariaDB: LONGTEXT with a JSON_VALID check, which it adds itself
        }
        if (type instanceof ColumnType.BinaryType binary) {
            return binary.length().isPresent() ? "VARBINARY(" + binary.length().getAsInt() + ")" : "LONGBLOB";
        }
        if (type instanceof ColumnType.EnumType enumeration) {
            return "ENUM(" + enumeration.values().stream().map(this::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (type instanceof ColumnType.VectorType vector) {
            throw new UnsupportedTypeException(displayName() + " has no vector(" + vector.dimensions() + ") type",
                    "store the values in a json() column, or on MySQL 9 or MariaDB 11.7+ use Types.raw(\"VECTOR("
                            + vector.dimensions() + ")\")");
        }
        return super.typeName(type);
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new MySqlRenderer(this, context);
    }

    /**
     * The table as {@link MySqlIntrospector} reads it (columns with the character set, {@code ON
     * UPDATE}, visibility and MariaDB column checks that a restated column must repeat; keys, checks,
     * indexes, comment and options), restricted to that one table: a few bulk queries of
     * {@code information_schema}.
     */
    @Override
    public Optional<Table> readTable(Connection connection, QualifiedName table) throws SQLException {
        return new MySqlIntrospector().readTable(connection, table);
    }

    /**
     * Reads the schema through {@code information_schema} in a few queries whatever the number of
     * tables (see {@link MySqlIntrospector}).
     */
    @Override
    public Introspector introspector() {
        return new MySqlIntrospector();
    }

    /** A database {@code retort_scratch_<random>} on the target's server (see {@link MySqlScratchDatabase}). */
    @Override
    public ScratchDatabase scratchDatabase(Connection connection) throws SQLException {
        return MySqlScratchDatabase.besides(connection);
    }

    @Override
    protected String catalogForLookup(Connection connection, QualifiedName table) throws SQLException {
        return table.schema().orElse(connection.getCatalog());
    }

    @Override
    protected String schemaForLookup(Connection connection, String schema) {
        return null;
    }

    /**
     * UUIDs as text (MySQL Connector/J would serialize the Java object) and instants as their UTC
     * reading, whatever the connection's time zone, as {@link #bindTimestamp} does.
     */
    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof UUID uuid) {
            statement.setString(index, uuid.toString());
        } else if (value instanceof OffsetDateTime || value instanceof Instant) {
            statement.setObject(index, utc(value));
        } else {
            super.bind(statement, index, value);
        }
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Optional<Instant> readTimestamp(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return Optional.ofNullable(value).map(v -> v.toInstant(ZoneOffset.UTC));
    }

    @Override
    public String currentTimestampSql() {
        return "UTC_TIMESTAMP(6)";
    }

    private static LocalDateTime utc(Object instantOrOffset) {
        Instant instant = instantOrOffset instanceof Instant i ? i : ((OffsetDateTime) instantOrOffset).toInstant();
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
