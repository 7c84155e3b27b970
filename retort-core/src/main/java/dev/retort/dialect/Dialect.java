package dev.retort.dialect;

import dev.retort.ops.ColumnDef;
import dev.retort.ops.CreateTable;
import dev.retort.ops.Operation;
import dev.retort.ops.TableName;
import dev.retort.schema.ColumnType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    public String table(TableName table) {
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
     * How the database stores an unquoted identifier, for catalog lookups: PostgreSQL folds to
     * lower case, H2 to upper case, MySQL and SQLite keep it.
     */
    public String catalogName(String name) {
        return name;
    }

    // ------------------------------------------------------------------------------------------
    // types and DDL

    /** The type's spelling in this database. */
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.IntegerType integer) {
            return switch (integer.bytes()) {
                case 2 -> "SMALLINT";
                case 4 -> "INTEGER";
                default -> "BIGINT";
            };
        }
        if (type instanceof ColumnType.VarcharType varchar) {
            return "VARCHAR(" + varchar.length() + ")";
        }
        if (type instanceof ColumnType.TextType) {
            return "TEXT";
        }
        if (type instanceof ColumnType.BooleanType) {
            return "BOOLEAN";
        }
        ColumnType.TimestampType timestamp = (ColumnType.TimestampType) type;
        return timestamp.withTimeZone() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
    }

    /** Statements that perform the operation, without terminators. */
    public List<String> render(Operation operation) {
        if (operation instanceof CreateTable createTable) {
            return List.of(createTable(createTable));
        }
        throw new UnsupportedOperationException(displayName() + " cannot render " + operation);
    }

    protected String createTable(CreateTable op) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ");
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(table(op.table())).append(" (");
        List<String> parts = new ArrayList<>();
        for (ColumnDef column : op.columns()) {
            parts.add(columnDefinition(column, op));
        }
        if (!op.primaryKey().isEmpty() && !primaryKeyInlined(op)) {
            String columns = String.join(", ", op.primaryKey().stream().map(this::identifier).toList());
            parts.add(op.primaryKeyName().map(n -> "CONSTRAINT " + identifier(n) + " ").orElse("")
                    + "PRIMARY KEY (" + columns + ")");
        }
        sql.append("\n    ").append(String.join(",\n    ", parts)).append("\n)");
        return sql.toString();
    }

    /** One column of a CREATE TABLE. */
    protected String columnDefinition(ColumnDef column, CreateTable table) {
        String definition = identifier(column.name()) + " " + typeName(column.type());
        if (column.identity()) {
            return definition + " " + identityClause();
        }
        return column.nullable() ? definition : definition + " NOT NULL";
    }

    /** How a generated key column is declared (after the type). */
    protected String identityClause() {
        return "GENERATED BY DEFAULT AS IDENTITY NOT NULL";
    }

    /** Whether the primary key was already declared with an identity column (SQLite). */
    protected boolean primaryKeyInlined(CreateTable table) {
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // catalog

    /** Whether the table exists, looked up through JDBC metadata with this database's name folding. */
    public boolean tableExists(Connection connection, TableName table) throws SQLException {
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
    protected String catalogForLookup(Connection connection, TableName table) throws SQLException {
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
