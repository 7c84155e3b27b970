package dev.retort.dialect.h2;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.MigrationLockMethod;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.ColumnType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * H2 2.x: DDL commits implicitly, unquoted names are stored in upper case (so a name that is not
 * plain lower case is always quoted, and kept as written).
 */
public final class H2Dialect extends Dialect {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Which parameters of a statement are JSON; forgotten with the statement. */
    private static final Map<PreparedStatement, Map<Integer, Boolean>> JSON_PARAMETERS =
            Collections.synchronizedMap(new WeakHashMap<>());
    /** H2 2.x's keywords (its documentation's list) beyond those every database reserves, in lower case. */
    private static final Set<String> RESERVED = Set.of("value", "row", "rownum", "year", "month", "day", "hour",
            "minute", "second", "interval", "qualify", "top", "minus", "regexp", "array", "any", "asymmetric",
            "authorization", "both", "cast", "current_catalog", "current_path", "current_role", "current_schema",
            "if", "ilike", "leading", "localtime", "localtimestamp", "over", "partition", "range", "rows",
            "session_user", "some", "symmetric", "system_user", "trailing", "uescape", "unknown", "window", "groups",
            "_rowid_");

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public MigrationLockMethod migrationLockMethod() {
        return MigrationLockMethod.ROW_LOCK;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    /**
     * H2's MVStore writes commits to disk within WRITE_DELAY (500 ms by default), so a process killed
     * just after a commit loses it: measured, a run killed 0.1 s after 100 commits kept 82 of them, or
     * none. CHECKPOINT writes them now (a few milliseconds; it needs admin rights, which the runner
     * does without, falling back to H2's delay).
     */
    @Override
    public Optional<String> flushCommitsStatement() {
        return Optional.of("CHECKPOINT");
    }

    /**
     * A foreign key added after an index on exactly its columns (in any order) takes it, a unique
     * constraint a unique one ({@code Index "IX_COPIES_BOOK" belongs to constraint "FK_COPIES_BOOK"}).
     */
    @Override
    public List<TableConstraint> constraintsHoldingIndex(Table table, List<String> columns, boolean unique) {
        List<TableConstraint> holders = new ArrayList<>();
        Set<String> set = new HashSet<>(columns);
        for (TableConstraint constraint : table.constraints()) {
            boolean may = constraint instanceof ForeignKey || unique && constraint instanceof UniqueConstraint;
            if (may && constraint.name().isPresent() && constraint.columns().size() == set.size()
                    && set.containsAll(constraint.columns())) {
                holders.add(constraint);
            }
        }
        return holders;
    }

    @Override
    protected boolean reserved(String lowerCaseName) {
        return RESERVED.contains(lowerCaseName);
    }

    @Override
    public String typeName(ColumnType type) {
        if (type instanceof ColumnType.VarcharType varchar) {
            return "CHARACTER VARYING(" + varchar.length() + ")";
        }
        if (type instanceof ColumnType.CharType character) {
            return "CHARACTER(" + character.length() + ")";
        }
        if (type instanceof ColumnType.TextType) {
            // unbounded VARCHAR (up to 1,000,000 characters), comparable unlike CLOB
            return "CHARACTER VARYING";
        }
        if (type instanceof ColumnType.NumericType numeric && numeric.precision().isEmpty()) {
            // NUMERIC alone is NUMERIC(100000, 0) in H2 and would drop every fraction; DECFLOAT keeps
            // any number of decimal digits, as PostgreSQL's unconstrained numeric does
            return "DECFLOAT";
        }
        if (type instanceof ColumnType.BinaryType binary) {
            return binary.length().isPresent() ? "BINARY VARYING(" + binary.length().getAsInt() + ")" : "BLOB";
        }
        if (type instanceof ColumnType.EnumType enumeration) {
            return "ENUM(" + enumeration.values().stream().map(this::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (type instanceof ColumnType.ArrayType array) {
            return typeName(array.element()) + " ARRAY";
        }
        if (type instanceof ColumnType.VectorType vector) {
            throw new UnsupportedTypeException("H2 has no vector(" + vector.dimensions() + ") type", "use"
                    + " array(real()), a REAL ARRAY, or Types.raw(\"REAL ARRAY[" + vector.dimensions() + "]\")");
        }
        return super.typeName(type);
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new H2Renderer(this, context);
    }

    @Override
    public String catalogName(String name) {
        return PLAIN.matcher(name).matches() && identifier(name).equals(name) ? name.toUpperCase(Locale.ROOT) : name;
    }

    /**
     * As the base, except that a string bound to a JSON parameter is given as bytes, which H2 parses
     * as JSON text; given as a string, H2 would store it as one JSON string value ({@code "{\"a\":1}"}).
     */
    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (jsonParameter(statement, index) && value instanceof String text) {
            statement.setBytes(index, text.getBytes(StandardCharsets.UTF_8));
        } else {
            super.bind(statement, index, value);
        }
    }

    /**
     * Whether the parameter stands for a JSON value, asked once per statement and parameter, when it
     * is first bound: once a parameter holds a value, H2 reports the value's type instead (the
     * second row of a batch would then be bound as a string).
     */
    private static boolean jsonParameter(PreparedStatement statement, int index) throws SQLException {
        Map<Integer, Boolean> parameters = JSON_PARAMETERS.computeIfAbsent(statement, s -> new ConcurrentHashMap<>());
        Boolean json = parameters.get(index);
        if (json == null) {
            json = "JSON".equals(statement.getParameterMetaData().getParameterTypeName(index));
            parameters.put(index, json);
        }
        return json;
    }

    @Override
    public dev.retort.introspect.Introspector introspector() {
        return new H2Introspector();
    }

    /** A new in-memory H2 database with the target's mode and name folding (see {@link H2ScratchDatabase}). */
    @Override
    public ScratchDatabase scratchDatabase(Connection connection) throws SQLException {
        return H2ScratchDatabase.besides(connection);
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
}
