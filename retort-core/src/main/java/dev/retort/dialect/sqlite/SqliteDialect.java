package dev.retort.dialect.sqlite;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MigrationLockMethod;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.introspect.Introspector;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.Operation;
import dev.retort.schema.ColumnType;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SQLite 3.35 and later: transactional DDL, no schemas to speak of, an autoincrement key only as
 * {@code INTEGER PRIMARY KEY} written on the column itself, and an {@code ALTER TABLE} that can only
 * rename, add and drop columns, so that most changes to a table rebuild it (see
 * {@link BatchAlterTable}).
 *
 * <p>Types: SQLite stores values by the affinity its declared type names (INTEGER, TEXT, REAL,
 * NUMERIC, BLOB). Portable types keep a readable declaration with the right affinity:
 * {@code SMALLINT}/{@code INTEGER}/{@code BIGINT}, {@code BOOLEAN} (0 and 1), {@code VARCHAR(n)} and
 * {@code CHAR(n)} (the length is not enforced), {@code NUMERIC(p, s)}, {@code REAL}, {@code DOUBLE
 * PRECISION}, {@code DATE}, {@code TIME}, {@code TIMESTAMP}; UUIDs and JSON are {@code TEXT} (a
 * NUMERIC declaration such as {@code JSON} would turn the text {@code '12'} into a number), binary is
 * {@code BLOB}, and an enum is {@code TEXT} with a named CHECK on its values. Arrays and vectors are
 * refused. Dates and times are stored as ISO-8601 text, as SQLite's date functions read them: UTC
 * for timestamps with time zone.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqliteDialect extends Dialect {

    /** The text form SQLite's own {@code CURRENT_TIMESTAMP} uses, plus milliseconds. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Dates and times of bound values and literals: SQLite's forms, fractions only where there are some. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd ")
            .append(TIME).toFormatter();

    /** SQLite's keywords (lang_keywords), quoted as names: many would pass bare, none is harmed by quotes. */
    private static final Set<String> KEYWORDS = Set.of("abort", "action", "add", "after", "all", "alter", "always",
            "analyze", "and", "as", "asc", "attach", "autoincrement", "before", "begin", "between", "by", "cascade",
            "case", "cast", "check", "collate", "column", "commit", "conflict", "constraint", "create", "cross",
            "current", "current_date", "current_time", "current_timestamp", "database", "default", "deferrable",
            "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end", "escape",
            "except", "exclude", "exclusive", "exists", "explain", "fail", "filter", "first", "following", "for",
            "foreign", "from", "full", "generated", "glob", "group", "groups", "having", "if", "ignore", "immediate",
            "in", "index", "indexed", "initially", "inner", "insert", "instead", "intersect", "into", "is", "isnull",
            "join", "key", "last", "left", "like", "limit", "match", "materialized", "natural", "no", "not",
            "nothing", "notnull", "null", "nulls", "of", "offset", "on", "or", "order", "others", "outer", "over",
            "partition", "plan", "pragma", "preceding", "primary", "query", "raise", "range", "recursive",
            "references", "regexp", "reindex", "release", "rename", "replace", "restrict", "returning", "right",
            "rollback", "row", "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties",
            "to", "transaction", "trigger", "unbounded", "union", "unique", "update", "using", "vacuum", "values",
            "view", "virtual", "when", "where", "window", "with", "without");

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public MigrationLockMethod migrationLockMethod() {
        return MigrationLockMethod.LOCK_FILE;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    protected boolean reserved(String lowerCaseName) {
        return KEYWORDS.contains(lowerCaseName);
    }

    // ------------------------------------------------------------------------------------------
    // types and literals

    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.TimestampType) {
            // stored as UTC text (see bindTimestamp); SQLite has no time zone type to name
            return "TIMESTAMP";
        }
        if (type instanceof ColumnType.TimeType) {
            return "TIME";
        }
        if (type instanceof ColumnType.UuidType || type instanceof ColumnType.JsonType
                || type instanceof ColumnType.EnumType) {
            // TEXT affinity: a NUMERIC declaration would store the text '12' as the number 12
            return "TEXT";
        }
        if (type instanceof ColumnType.BinaryType) {
            // VARBINARY(n) would have NUMERIC affinity; SQLite enforces no length anyway
            return "BLOB";
        }
        return super.typeName(type);
    }

    /**
     * Literals for offline scripts: SQLite has no typed literals ({@code DATE '...'}), so dates and
     * times are the same text {@link #bind} stores.
     */
    @Override
    public String literal(Object value) {
        Optional<String> text = text(value);
        return text.isPresent() ? literal(text.get()) : super.literal(value);
    }

    /**
     * Binds a value of a bulk insert or of raw SQL. sqlite-jdbc would store a {@code java.time} value
     * as its {@code toString()} ({@code 2024-01-31T12:30}, which sorts and compares wrongly against
     * SQLite's own {@code 2024-01-31 12:30:00}), so dates and times are bound as the text SQLite's date
     * functions write: {@code yyyy-MM-dd}, {@code HH:mm:ss[.fraction]}, {@code yyyy-MM-dd HH:mm:ss[.fraction]},
     * and an instant or offset date-time in UTC. UUIDs are bound as text, decimals as their plain digits.
     */
    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        Optional<String> text = text(value);
        if (text.isPresent()) {
            statement.setString(index, text.get());
        } else if (value instanceof BigDecimal decimal) {
            statement.setString(index, decimal.toPlainString());
        } else if (value instanceof Boolean bool) {
            statement.setInt(index, bool ? 1 : 0);
        } else {
            super.bind(statement, index, value);
        }
    }

    /** The text SQLite keeps for a date, time or UUID value; empty for other values. */
    private static Optional<String> text(Object value) {
        if (value instanceof LocalDate date) {
            return Optional.of(date.toString());
        }
        if (value instanceof LocalTime time) {
            return Optional.of(TIME.format(time));
        }
        if (value instanceof LocalDateTime dateTime) {
            return Optional.of(DATE_TIME.format(dateTime));
        }
        if (value instanceof OffsetDateTime dateTime) {
            return Optional.of(DATE_TIME.format(dateTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        }
        if (value instanceof Instant instant) {
            return Optional.of(DATE_TIME.format(instant.atOffset(ZoneOffset.UTC).toLocalDateTime()));
        }
        if (value instanceof UUID uuid) {
            return Optional.of(uuid.toString());
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------
    // operations

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new SqliteRenderer(this, context);
    }

    /**
     * Everything but adding a column SQLite can add to a table with rows, renaming, creating and
     * dropping an index, and dropping a column that no index or constraint of the table uses: the
     * limits of SQLite's ALTER TABLE (lang_altertable), as {@link SqliteRenderer} refuses the rest.
     */
    @Override
    public boolean rebuildsTableFor(Operation operation, Table current) {
        if (operation instanceof DropColumn drop) {
            return !SqliteRebuild.uses(SqliteTableDefinition.of(current), drop.column()).inTable().isEmpty();
        }
        return !SqliteRenderer.inPlace(operation);
    }

    /** The batch applied to its {@code copyFrom} as the rebuild applies it, without rendering anything. */
    @Override
    public Optional<Table> tableAfter(BatchAlterTable batch) {
        if (batch.copyFrom().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SqliteRebuild(new SqliteRenderer(this, RenderContext.OFFLINE), batch,
                    SqliteTableDefinition.of(batch.copyFrom().get())).result());
        } catch (SqliteRenderer.Refusal | IllegalArgumentException e) {
            // rendering the batch refuses it, saying why; there is no table after it to give
            return Optional.empty();
        }
    }

    /**
     * A rebuild rendered offline knows only the batch's {@code copyFrom}, not what surrounds the table
     * in the database (a Java revision's batch, run online, reads it).
     */
    @Override
    public List<String> offlineCaveats(Operation operation) {
        if (!(operation instanceof BatchAlterTable batch) || !SqliteRenderer.rebuilds(batch)) {
            return List.of();
        }
        String table = batch.table().toString();
        return List.of("this rebuilds table " + table + " (SQLite's ALTER TABLE cannot make these changes) from its"
                + " definition as it was read when this revision was written: triggers on " + table + " go with the"
                + " old copy and are not created again, WITHOUT ROWID and STRICT are not kept, and views are not"
                + " checked (a Java revision, --java, rebuilds from the live table and keeps them). retort runs it"
                + " with foreign key enforcement off, which SQLite needs for a rebuild, knowing it by the rename of "
                + SqliteRebuild.temporaryName(batch.table().name()) + " back to " + batch.table().name()
                + ": keep that statement as it is");
    }

    /** A batch that rebuilds its table drops the old copy, which must not run the ON DELETE actions of its children. */
    @Override
    public boolean needsForeignKeysOff(Operation operation) {
        return operation instanceof BatchAlterTable batch && SqliteRenderer.rebuilds(batch);
    }

    /** The rename that ends a rebuild written into a SQL revision: the same rebuild, the same need. */
    @Override
    public boolean statementNeedsForeignKeysOff(String sql) {
        return SqliteRebuild.isRenameOfCopy(sql);
    }

    @Override
    public boolean suspendForeignKeys(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean on;
            try (ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
                on = rs.next() && rs.getInt(1) != 0;
            }
            if (on) {
                statement.execute("PRAGMA foreign_keys = OFF");
            }
            return on;
        }
    }

    @Override
    public void resumeForeignKeys(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = ON");
        }
    }

    /** {@code PRAGMA foreign_key_check} over the whole database, as step 10 of SQLite's generalized ALTER TABLE. */
    @Override
    public List<String> foreignKeyViolations(Connection connection, int limit) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check"
                     + " LIMIT " + limit)) {
            while (rs.next()) {
                violations.add("row " + rs.getString(2) + " of " + rs.getString(1) + " references a row of "
                        + rs.getString(3) + " that does not exist");
            }
        }
        return violations;
    }

    @Override
    public Optional<String> foreignKeysOffSql() {
        return Optional.of("PRAGMA foreign_keys = OFF");
    }

    @Override
    public Optional<String> foreignKeyCheckSql() {
        return Optional.of("PRAGMA foreign_key_check");
    }

    // ------------------------------------------------------------------------------------------
    // catalog

    /**
     * The table as {@code PRAGMA table_xinfo}, {@code sqlite_master} and its {@code CREATE TABLE}
     * text describe it. Column types are kept as declared ({@code Types.raw}), with a column's
     * {@code COLLATE}; defaults as the SQL written.
     */
    @Override
    public Optional<Table> readTable(Connection connection, QualifiedName table) throws SQLException {
        return describe(connection, table).map(SqliteTableDefinition::table);
    }

    /** The table and what a rebuild must know around it. */
    Optional<SqliteTableDefinition> describe(Connection connection, QualifiedName table) throws SQLException {
        return new SqliteTableReader(this).read(connection, table);
    }

    /** {@code sqlite_master} and the table pragmas, in a few queries for the whole database. */
    @Override
    public Introspector introspector() {
        return new SqliteIntrospector(this);
    }

    /** A private in-memory database (see {@link SqliteScratchDatabase}). */
    @Override
    public ScratchDatabase scratchDatabase(Connection connection) throws SQLException {
        return new SqliteScratchDatabase(connection);
    }

    @Override
    protected String schemaForLookup(Connection connection, String schema) {
        return schema;
    }

    @Override
    protected String catalogForLookup(Connection connection, QualifiedName table) {
        return null;
    }

    @Override
    public Optional<Instant> readTimestamp(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            return Optional.empty();
        }
        // ours carry milliseconds; CURRENT_TIMESTAMP (offline scripts) does not
        String text = value.length() == 19 ? value + ".000" : value;
        return Optional.of(Instant.from(TIMESTAMP.parse(text)));
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        // text, readable in the sqlite3 shell (the driver would otherwise store epoch milliseconds)
        statement.setString(index, TIMESTAMP.format(instant));
    }
}
