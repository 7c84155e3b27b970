package dev.retort.dialect;

import dev.retort.ops.Operation;
import dev.retort.schema.ColumnType;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What retort needs to know about one kind of database: its capabilities, how it spells types and
 * quotes names, and how it renders operations. One small object per database; the shared
 * rendering lives here and a subclass overrides only what differs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract class Dialect {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Words that must be quoted as identifiers on every database retort supports (a conservative union). */
    private static final Set<String> RESERVED = Set.of(
            "all", "alter", "and", "any", "as", "asc", "between", "by", "case", "check", "column", "constraint",
            "create", "cross", "current_date", "current_time", "current_timestamp", "current_user", "default",
            "delete", "desc", "distinct", "drop", "else", "end", "except", "exists", "false", "fetch", "for",
            "foreign", "from", "full", "grant", "group", "having", "in", "index", "inner", "insert", "intersect",
            "into", "is", "join", "key", "left", "like", "limit", "natural", "not", "null", "offset", "on", "or",
            "order", "outer", "primary", "references", "right", "select", "set", "table", "then", "to", "true",
            "union", "unique", "update", "user", "using", "values", "when", "where", "with");

    /** Statements that never commit implicitly (MySQL 8.4 manual, "Statements That Cause an Implicit Commit"). */
    private static final Set<String> DML_KEYWORDS = Set.of("select", "insert", "update", "delete", "replace",
            "merge", "with", "values", "table", "do");

    /** Short lower-case name: {@code postgresql}, {@code mysql}, {@code mariadb}, {@code sqlite}, {@code h2}. */
    public abstract String name();

    /** Name as people write it, for messages. */
    public abstract String displayName();

    /**
     * Whether DDL takes part in transactions (PostgreSQL, SQLite). Where it does not (MySQL, MariaDB,
     * H2), every DDL statement commits implicitly, so a failed migration can leave work done.
     */
    public abstract boolean transactionalDdl();

    /** How this database keeps a second migrating process out while one runs. */
    public abstract MigrationLockMethod migrationLockMethod();

    /**
     * Whether the database may commit by itself when it runs this statement of a migration, taking
     * with it whatever the transaction held: where DDL is not transactional (MySQL, MariaDB, H2) every
     * statement that is not plain DML may do so (MySQL's list of statements that cause an implicit
     * commit is long, so anything that does not start with a DML keyword counts). The runner commits
     * its progress record right after such a statement, so that the history table never says less
     * than what stays in the database; after DML it does not, so that DML still rolls back with it.
     * False wherever DDL is transactional.
     */
    public boolean commitsImplicitly(String statement) {
        if (transactionalDdl()) {
            return false;
        }
        String keyword = firstKeyword(statement);
        return !DML_KEYWORDS.contains(keyword);
    }

    /** The first word of a statement, lower-cased, after blanks, comments and opening parentheses. */
    static String firstKeyword(String statement) {
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (statement.startsWith("--", i) || c == '#') {
                int end = statement.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (statement.startsWith("/*", i) && !statement.startsWith("/*!", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(statement.charAt(i))) {
            i++;
        }
        return lower(statement.substring(start, i));
    }

    /**
     * A statement that forces committed work to disk at once, for a database that writes commits
     * lazily; empty where a commit is durable when it returns. The runner sends it after each commit,
     * so that a migration reported done, or a progress row, survives the process being killed.
     */
    public Optional<String> flushCommitsStatement() {
        return Optional.empty();
    }

    /**
     * Whether {@code CREATE INDEX CONCURRENTLY} and {@code DROP INDEX CONCURRENTLY} exist here
     * (PostgreSQL): building an index without blocking writes, outside any transaction. Where they do
     * not, the renderer leaves {@code CONCURRENTLY} out and the index is built the ordinary way, as
     * {@link dev.retort.ops.CreateIndex} documents. False by default.
     */
    public boolean supportsConcurrentIndexes() {
        return false;
    }

    /** Statement that opens a transaction in an offline script. */
    public String beginTransactionSql() {
        return "BEGIN";
    }

    /** Statement that commits in an offline script. */
    public String commitSql() {
        return "COMMIT";
    }

    // ------------------------------------------------------------------------------------------
    // names and literals

    /** Quotes an identifier, escaping the quote character. */
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The identifier as it goes into SQL: unquoted when it is a plain lower-case name that no
     * database reserves (so that offline scripts read naturally and users' own SQL can name our
     * tables without quotes), quoted otherwise.
     */
    public String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name) && !reserved(name)) {
            return name;
        }
        return quote(name);
    }

    /** Extra reserved words of this database. */
    protected boolean reserved(String lowerCaseName) {
        return false;
    }

    public String table(QualifiedName table) {
        return table.schema().map(s -> identifier(s) + ".").orElse("") + identifier(table.name());
    }

    /** A string literal, for offline scripts. */
    public String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A boolean literal. */
    public String literal(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /**
     * A value as a literal, for offline scripts: strings quoted, numbers and booleans bare, dates and
     * times as typed literals, UUIDs quoted, bytes as a hexadecimal literal, null as {@code NULL}.
     */
    public String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return literal(text);
        }
        if (value instanceof Boolean bool) {
            return literal(bool.booleanValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return new java.math.BigDecimal(value.toString()).toPlainString();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof LocalDate date) {
            return "DATE " + literal(date.toString());
        }
        if (value instanceof LocalTime time) {
            return "TIME " + literal(time.toString());
        }
        if (value instanceof LocalDateTime dateTime) {
            return "TIMESTAMP " + literal(dateTime.toString().replace('T', ' '));
        }
        if (value instanceof OffsetDateTime || value instanceof Instant) {
            OffsetDateTime time = value instanceof Instant instant ? instant.atOffset(java.time.ZoneOffset.UTC)
                    : (OffsetDateTime) value;
            return "TIMESTAMP WITH TIME ZONE " + literal(time.toString().replace('T', ' '));
        }
        if (value instanceof java.util.UUID uuid) {
            return literal(uuid.toString());
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        throw new IllegalArgumentException("no literal form for a " + value.getClass().getName()
                + "; pass a String, number, Boolean, UUID, java.time value or byte[]");
    }

    /**
     * How the database stores an unquoted identifier, for catalog lookups: PostgreSQL folds to
     * lower case, H2 to upper case, MySQL and SQLite keep it.
     */
    public String catalogName(String name) {
        return name;
    }

    // ------------------------------------------------------------------------------------------
    // types and operations

    /**
     * The type's spelling in this database.
     *
     * @throws UnsupportedTypeException when the database has no such type, saying what to use instead
     */
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.IntegerType integer) {
            return switch (integer.bytes()) {
                case 2 -> "SMALLINT";
                case 4 -> "INTEGER";
                default -> "BIGINT";
            };
        }
        if (type instanceof ColumnType.BooleanType) {
            return "BOOLEAN";
        }
        if (type instanceof ColumnType.VarcharType varchar) {
            return "VARCHAR(" + varchar.length() + ")";
        }
        if (type instanceof ColumnType.CharType character) {
            return "CHAR(" + character.length() + ")";
        }
        if (type instanceof ColumnType.TextType) {
            return "TEXT";
        }
        if (type instanceof ColumnType.NumericType numeric) {
            if (numeric.precision().isEmpty()) {
                return "NUMERIC";
            }
            return "NUMERIC(" + numeric.precision().getAsInt()
                    + (numeric.scale().isPresent() ? ", " + numeric.scale().getAsInt() : "") + ")";
        }
        if (type instanceof ColumnType.FloatType floating) {
            return floating.bytes() == 4 ? "REAL" : "DOUBLE PRECISION";
        }
        if (type instanceof ColumnType.DateType) {
            return "DATE";
        }
        if (type instanceof ColumnType.TimeType time) {
            return time.withTimeZone() ? "TIME WITH TIME ZONE" : "TIME";
        }
        if (type instanceof ColumnType.TimestampType timestamp) {
            return timestamp.withTimeZone() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
        }
        if (type instanceof ColumnType.UuidType) {
            return "UUID";
        }
        if (type instanceof ColumnType.JsonType) {
            return "JSON";
        }
        if (type instanceof ColumnType.BinaryType binary) {
            return binary.length().isPresent() ? "VARBINARY(" + binary.length().getAsInt() + ")" : "BLOB";
        }
        if (type instanceof ColumnType.RawType raw) {
            return raw.sql();
        }
        if (type instanceof ColumnType.EnumType) {
            throw new UnsupportedTypeException(displayName() + " has no enum type", "use varchar() with a check"
                    + " constraint");
        }
        if (type instanceof ColumnType.ArrayType) {
            throw new UnsupportedTypeException(displayName() + " has no array types", "store the values in a json()"
                    + " column or a child table");
        }
        if (type instanceof ColumnType.VectorType) {
            throw new UnsupportedTypeException(displayName() + " has no vector type", "vector(n) is pgvector's, on"
                    + " PostgreSQL");
        }
        throw new UnsupportedTypeException(displayName() + " has no spelling for " + type, "use Types.raw(\"...\")");
    }

    /** The renderer that turns operations into this database's statements. */
    public OperationRenderer renderer(RenderContext context) {
        return new OperationRenderer(this, context);
    }

    /**
     * The statements that perform the operation here.
     *
     * @throws OperationNotSupportedException when this database cannot, naming the way out
     */
    public List<RenderedStatement> render(Operation operation, RenderContext context) {
        return renderer(context).render(operation);
    }

    /** The statements of an operation that needs nothing from a live database (our own tables' DDL). */
    public List<RenderedStatement> render(Operation operation) {
        return render(operation, RenderContext.OFFLINE);
    }

    /**
     * Whether this database can make the change to an existing table only by rebuilding it (SQLite,
     * whose {@code ALTER TABLE} renames, adds and drops columns and does nothing else). Autogenerate
     * gathers the changes of a table that needs a rebuild into one {@link dev.retort.ops.BatchAlterTable},
     * so that the table is copied once, given the table as read ({@code copyFrom}) so that it renders
     * offline too. False by default: every change is an {@code ALTER}.
     *
     * @param operation a change to the table (a column, constraint or index operation)
     * @param current   the table as it is when the change runs, which decides some cases (SQLite drops
     *                  a column in place only when no index or constraint of the table uses it)
     */
    public boolean rebuildsTableFor(Operation operation, Table current) {
        return false;
    }

    /**
     * The type autogenerate gives a column whose type the model changes, for an {@code ALTER} that
     * makes it exactly the model's: the model's type by default. MySQL and MariaDB restate a column
     * to change it and keep what its old type carried beyond a portable new one (ON UPDATE, a
     * character set, a column check); a portable type for a raw one is then given raw, which says
     * that they go.
     *
     * @param wanted  the model's type
     * @param current the column's type in the database
     */
    public ColumnType wholeType(ColumnType wanted, ColumnType current) {
        return wanted;
    }

    /**
     * The constraints of {@code table} that may hold an index on {@code columns} (a plain index, or
     * the one of a unique constraint or primary key), so that the database refuses to drop it while
     * they are there: H2 gives a foreign key added after an index on exactly its columns that index,
     * and a unique constraint a unique one; InnoDB keeps the last index whose leading columns are a
     * foreign key's for that key. Autogenerate drops these constraints before such an index and adds
     * them again after the table's other changes. None by default: constraints have their own.
     *
     * @param table   the table as it is before the change, without the index and the other indexes
     *                and constraints the change drops
     * @param columns the index's columns, in order
     * @param unique  whether the index is unique
     */
    public List<TableConstraint> constraintsHoldingIndex(Table table, List<String> columns, boolean unique) {
        return List.of();
    }

    /**
     * The table a batch leaves behind when this database rebuilds the batch's {@code copyFrom} with
     * its changes, as introspection will read it afterwards: the {@code copyFrom} of the batch that
     * undoes it, in the downgrade of a generated revision. Empty by default, and where the batch has
     * no {@code copyFrom} or could not be applied (rendering it says why).
     */
    public Optional<Table> tableAfter(dev.retort.ops.BatchAlterTable batch) {
        return Optional.empty();
    }

    /**
     * What the operation, rendered offline, does not do that it does when run online, one sentence
     * each: the comments a generated SQL revision carries above it. None by default.
     */
    public List<String> offlineCaveats(Operation operation) {
        return List.of();
    }

    /**
     * Reads the whole schema (tables, views, types...) with a constant number of queries, for
     * autogenerate, {@code check} and {@code inspect}.
     *
     * @throws OperationNotSupportedException where introspection of this database is not written yet
     */
    public dev.retort.introspect.Introspector introspector() {
        throw new OperationNotSupportedException("read the schema", displayName(), "introspection of "
                + displayName() + " is not implemented yet", "");
    }

    /**
     * An empty database of this kind next to the one {@code connection} reaches, to apply a model to
     * and read it back (see {@link dev.retort.introspect.ScratchDatabase}). The connection is used,
     * not closed.
     *
     * @throws OperationNotSupportedException where it is not written yet for this database
     */
    public dev.retort.introspect.ScratchDatabase scratchDatabase(Connection connection) throws SQLException {
        throw new OperationNotSupportedException("make a scratch database", displayName(), "comparing with a model"
                + " is not implemented for " + displayName() + " yet", "");
    }

    /**
     * As {@link #scratchDatabase(Connection)}, where the model may also create {@code schemas} (the
     * schemas compared besides the default one) although the target has them: a scratch database that
     * shares the target's namespace (PostgreSQL's) keeps the target's own out of the model's way. By
     * default the scratch database is a database of its own, where every name is free.
     */
    public dev.retort.introspect.ScratchDatabase scratchDatabase(Connection connection, List<String> schemas)
            throws SQLException {
        return scratchDatabase(connection);
    }

    /**
     * Reads a table's definition from the live database, as far as this dialect needs one to render
     * (a SQLite rebuild copies the whole table; MySQL restates a column to alter it). Empty when
     * there is no such table. Nothing is read by default.
     */
    public Optional<Table> readTable(Connection connection, QualifiedName table) throws SQLException {
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------
    // foreign key enforcement around a migration

    /**
     * Whether performing the operation here needs the database's foreign key enforcement off for the
     * whole transaction it runs in. SQLite's table rebuild does: dropping the old copy of a table
     * would run the {@code ON DELETE} actions of every row that references it (or fail), and SQLite
     * lets enforcement change only between transactions, so the runner must know before the
     * migration's transaction begins. False by default.
     */
    public boolean needsForeignKeysOff(Operation operation) {
        return false;
    }

    /**
     * Whether a statement of a SQL revision needs foreign key enforcement off for the whole
     * transaction it runs in, as {@link #needsForeignKeysOff(Operation)} says of an operation. SQLite
     * says so of the table rebuild retort writes into a SQL revision (autogenerate does), which it
     * knows by the statement that renames the rebuilt copy to the table's name. False by default.
     */
    public boolean statementNeedsForeignKeysOff(String sql) {
        return false;
    }

    /**
     * Turns foreign key enforcement off on a connection in autocommit mode, before the transaction of
     * a migration that {@linkplain #needsForeignKeysOff needs it off} begins. Nothing by default.
     *
     * @return whether enforcement was on: only then does the runner check the foreign keys before
     *         committing and call {@link #resumeForeignKeys} afterwards
     */
    public boolean suspendForeignKeys(Connection connection) throws SQLException {
        return false;
    }

    /** Turns enforcement back on (the connection is in autocommit mode) after {@link #suspendForeignKeys}. */
    public void resumeForeignKeys(Connection connection) throws SQLException {
    }

    /**
     * The rows that break a foreign key, one phrase each, looked for before committing a transaction
     * that ran with enforcement suspended (SQLite's {@code PRAGMA foreign_key_check}); at most
     * {@code limit} of them. None by default.
     */
    public List<String> foreignKeyViolations(Connection connection, int limit) throws SQLException {
        return List.of();
    }

    /**
     * For offline scripts: the statement that turns foreign key enforcement off before a migration
     * that needs it off, and the one that lists the rows breaking a foreign key before it commits.
     * Empty where {@link #needsForeignKeysOff} is never true.
     */
    public Optional<String> foreignKeysOffSql() {
        return Optional.empty();
    }

    /** See {@link #foreignKeysOffSql()}. */
    public Optional<String> foreignKeyCheckSql() {
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------
    // catalog

    /** Whether the table exists, looked up through JDBC metadata with this database's name folding. */
    public boolean tableExists(Connection connection, QualifiedName table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = table.schema().map(this::catalogName).orElse(null);
        String catalog = catalogForLookup(connection, table);
        for (String name : List.of(catalogName(table.name()), table.name())) {
            try (ResultSet rs = meta.getTables(catalog, schemaForLookup(connection, schema), escapeLike(meta, name),
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The catalog argument for metadata lookups; MySQL keeps databases there. */
    protected String catalogForLookup(Connection connection, QualifiedName table) throws SQLException {
        return null;
    }

    /** The schema argument for metadata lookups; by default the connection's schema when none is named. */
    protected String schemaForLookup(Connection connection, String schema) throws SQLException {
        return schema != null ? schema : connection.getSchema();
    }

    private static String escapeLike(DatabaseMetaData meta, String name) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /**
     * Binds a value of a bulk insert or of raw SQL's parameters. JDBC's {@code setObject} by default;
     * a dialect whose driver lacks a type's mapping converts it here.
     */
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        statement.setObject(index, value);
    }

    /** Binds an instant to a timestamp parameter in the form this database stores best. */
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, Timestamp.from(instant));
    }

    /** Reads back a timestamp written by {@link #bindTimestamp}; empty for NULL. */
    public Optional<Instant> readTimestamp(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    /** A timestamp literal for offline scripts: the time the script is applied. */
    public String currentTimestampSql() {
        return "CURRENT_TIMESTAMP";
    }

    @Override
    public String toString() {
        return name();
    }

    /** Lower-cases for comparisons of names in messages and lookups. */
    protected static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
