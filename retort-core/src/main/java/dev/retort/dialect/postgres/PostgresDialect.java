package dev.retort.dialect.postgres;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MigrationLockMethod;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.schema.ColumnType;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL 12 and later: transactional DDL, identity columns, {@code timestamptz}, named enum
 * types, extensions, {@code CREATE INDEX CONCURRENTLY}. Operations are rendered by
 * {@link PostgresRenderer}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PostgresDialect extends Dialect {

    /**
     * PostgreSQL keeps names in {@code NAMEDATALEN - 1 = 63} bytes and cuts longer ones with only a
     * notice, so two long names alike in their first 63 bytes would silently become one.
     */
    static final int MAX_NAME_BYTES = 63;

    /** Longest {@code varchar(n)} / {@code char(n)}: 10,485,760 characters. */
    static final int MAX_CHARACTER_LENGTH = 10_485_760;

    /** Largest {@code numeric} precision. */
    static final int MAX_NUMERIC_PRECISION = 1000;

    /** pgvector's largest {@code vector(n)}. */
    static final int MAX_VECTOR_DIMENSIONS = 16_000;

    /**
     * Words PostgreSQL reserves beyond the shared list, from {@code pg_get_keywords()} of PostgreSQL
     * 17: reserved ({@code R}), reserved but usable as function or type names ({@code T}: not as
     * table names), and column-name keywords ({@code C}: not usable as type names, which matters
     * for enum types). Quoting a word that did not need it is harmless; failing to quote one is not.
     */
    private static final Set<String> RESERVED = Set.of(
            // R
            "analyse", "analyze", "array", "asymmetric", "both", "cast", "collate", "current_catalog",
            "current_role", "deferrable", "do", "initially", "lateral", "leading", "localtime", "localtimestamp",
            "only", "placing", "returning", "session_user", "some", "symmetric", "system_user", "trailing",
            "variadic", "window",
            // T
            "authorization", "binary", "collation", "concurrently", "current_schema", "freeze", "ilike",
            "isnull", "notnull", "overlaps", "similar", "tablesample", "verbose",
            // C
            "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "extract", "float",
            "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array", "json_arrayagg",
            "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize",
            "json_table", "json_value", "least", "merge_action", "national", "nchar", "none", "normalize",
            "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint",
            "substring", "time", "timestamp", "treat", "trim", "varchar", "xmlattributes", "xmlconcat",
            "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public MigrationLockMethod migrationLockMethod() {
        return MigrationLockMethod.ADVISORY_LOCK;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public boolean supportsConcurrentIndexes() {
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // names and literals

    @Override
    protected boolean reserved(String lowerCaseName) {
        return RESERVED.contains(lowerCaseName);
    }

    /**
     * The identifier, quoted where needed.
     *
     * @throws PostgresRefusal when the name is longer than PostgreSQL keeps (63 bytes of UTF-8)
     */
    @Override
    public String identifier(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new PostgresRefusal("the name \"" + name + "\" is " + bytes + " bytes long, and PostgreSQL keeps"
                    + " only the first " + MAX_NAME_BYTES + " bytes of a name (two names alike in those would"
                    + " silently become one)", "Use a name of at most " + MAX_NAME_BYTES + " bytes (UTF-8)");
        }
        return super.identifier(name);
    }

    /**
     * A string literal. One with a backslash is written as an escape string ({@code E'a\\b'}), which
     * means the same whatever {@code standard_conforming_strings} says; a plain literal would change
     * meaning on a server where it is off.
     */
    @Override
    public String literal(String value) {
        if (value.indexOf('\\') >= 0) {
            return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return super.literal(value);
    }

    /**
     * As the shared literals, except: bytes as {@code decode('hex', 'hex')} (PostgreSQL reads
     * {@code X'..'} as a bit string, which a {@code bytea} column refuses), and the floating-point
     * specials as PostgreSQL's {@code 'NaN'}, {@code 'Infinity'}, {@code '-Infinity'}.
     */
    @Override
    public String literal(Object value) {
        if (value instanceof byte[] bytes) {
            return "decode('" + HexFormat.of().formatHex(bytes) + "', 'hex')";
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number)) {
                return "'NaN'";
            }
            if (Double.isInfinite(number)) {
                return number > 0 ? "'Infinity'" : "'-Infinity'";
            }
        }
        return super.literal(value);
    }

    // ------------------------------------------------------------------------------------------
    // types and operations

    /**
     * PostgreSQL's spelling: {@code JSONB}, {@code BYTEA} (for every binary type: PostgreSQL has no
     * length-limited one), {@code TIMESTAMP WITH TIME ZONE}, arrays as {@code INTEGER[]}, pgvector's
     * {@code vector(n)}, and an enum as its type's name (with its schema, when it has one), quoted as an
     * identifier where needed. The type must exist: create it first with {@code op.createEnumType}.
     */
    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.JsonType json) {
            return json.binary() ? "JSONB" : "JSON";
        }
        if (type instanceof ColumnType.BinaryType) {
            return "BYTEA";
        }
        if (type instanceof ColumnType.EnumType enumeration) {
            return table(enumeration.qualifiedName());
        }
        if (type instanceof ColumnType.ArrayType array) {
            return typeName(array.element()) + "[]";
        }
        if (type instanceof ColumnType.VectorType vector) {
            if (vector.dimensions() > MAX_VECTOR_DIMENSIONS) {
                throw new UnsupportedTypeException("pgvector's vector type holds at most " + MAX_VECTOR_DIMENSIONS
                        + " dimensions, not " + vector.dimensions(), "reduce the embedding's dimensions (its"
                        + " hnsw and ivfflat indexes take at most 2000)");
            }
            return "vector(" + vector.dimensions() + ")";
        }
        if (type instanceof ColumnType.VarcharType varchar && varchar.length() > MAX_CHARACTER_LENGTH) {
            throw tooLong("varchar", varchar.length());
        }
        if (type instanceof ColumnType.CharType character && character.length() > MAX_CHARACTER_LENGTH) {
            throw tooLong("char", character.length());
        }
        if (type instanceof ColumnType.NumericType numeric && numeric.precision().isPresent()
                && numeric.precision().getAsInt() > MAX_NUMERIC_PRECISION) {
            throw new UnsupportedTypeException("numeric precision must lie between 1 and " + MAX_NUMERIC_PRECISION
                    + ", not " + numeric.precision().getAsInt(), "use numeric() without precision, which takes"
                    + " up to 131072 digits before the decimal point");
        }
        return super.typeName(type);
    }

    private static UnsupportedTypeException tooLong(String type, int length) {
        return new UnsupportedTypeException(type + "(n) holds at most " + MAX_CHARACTER_LENGTH + " characters, not "
                + length, "use text(), which has no limit");
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new PostgresRenderer(this, context);
    }

    // ------------------------------------------------------------------------------------------
    // parameters

    /**
     * Binds a bulk insert's or raw SQL's parameter. A {@code String} is sent untyped
     * ({@code Types.OTHER}), so the server gives it the type its place needs, exactly as it reads
     * the quoted literal of an offline script: a JSON text goes into a {@code jsonb} column, a UUID
     * text into a {@code uuid} one, a label into an enum. (Bound as {@code varchar}, JDBC's default,
     * each of those fails with "column is of type jsonb but expression is of type character
     * varying".) Where nothing gives the place a type ({@code ? IS NULL}), write a cast:
     * {@code ?::text}. An {@link Instant}, which the driver cannot bind, goes as an
     * {@code OffsetDateTime} in UTC.
     */
    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setObject(index, text, Types.OTHER);
        } else if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else {
            super.bind(statement, index, value);
        }
    }

    @Override
    public dev.retort.introspect.ScratchDatabase scratchDatabase(java.sql.Connection connection)
            throws java.sql.SQLException {
        return new PostgresScratchDatabase(connection, List.of());
    }

    /** A scratch schema, with the target's {@code schemas} renamed out of the model's way until it closes. */
    @Override
    public dev.retort.introspect.ScratchDatabase scratchDatabase(java.sql.Connection connection, List<String> schemas)
            throws java.sql.SQLException {
        return new PostgresScratchDatabase(connection, schemas);
    }

    @Override
    public dev.retort.introspect.Introspector introspector() {
        return new PostgresIntrospector();
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        // timestamptz: an OffsetDateTime is stored as the instant, whatever the session time zone
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
}
