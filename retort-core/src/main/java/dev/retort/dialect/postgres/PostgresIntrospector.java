package dev.retort.dialect.postgres;

import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.Introspector;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.Deferrable;
import dev.retort.schema.EnumDefinition;
import dev.retort.schema.Extension;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PostgreSQL through {@code pg_catalog} — never {@code information_schema}, whose views are
 * orders of magnitude slower on big schemas — in eight queries whatever the number of tables:
 * relations, columns, constraints, indexes, enum types, sequences, extensions and schemas. Each
 * query after the first is restricted to the relations the filter let through, by oid.
 *
 * <p>Defaults, check conditions, index expressions and predicates, and view definitions are kept
 * as the server prints them ({@code pg_get_expr}, {@code pg_get_constraintdef},
 * {@code pg_get_indexdef}, {@code pg_get_viewdef}), so two readings of the same definition compare
 * equal. A database's defaults read back as "not given": a {@code btree} index has no method, a
 * foreign key's {@code NO ACTION} no action, a sequence's standard options none.
 */
public final class PostgresIntrospector implements Introspector {

    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Pattern CHAR = Pattern.compile("character\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+)(?:,(\\d+))?\\)");
    private static final Pattern VECTOR = Pattern.compile("vector\\((\\d+)\\)");

    @Override
    public DatabaseSchema read(Connection connection, IntrospectionFilter filter) throws SQLException {
        String defaultSchema = defaultSchema(connection);
        List<String> schemaNames = new ArrayList<>();
        schemaNames.add(defaultSchema);
        filter.schemas().stream().filter(s -> !s.equals(defaultSchema)).forEach(schemaNames::add);
        Array schemas = connection.createArrayOf("text", schemaNames.toArray());

        Relations relations = relations(connection, schemas, defaultSchema, filter);
        Array oids = connection.createArrayOf("oid", relations.tables.keySet().toArray());
        Map<String, EnumDefinition> enums = enums(connection, schemas, defaultSchema);
        Map<Long, List<Column>> columns = columns(connection, oids, enums);
        Constraints constraints = constraints(connection, oids, defaultSchema);
        Map<Long, List<Index>> indexes = indexes(connection, oids, relations);

        List<Table> tables = new ArrayList<>();
        relations.tables.forEach((oid, relation) -> tables.add(new Table(relation.name,
                columns.getOrDefault(oid, List.of()), Optional.ofNullable(constraints.primaryKeys.get(oid)),
                constraints.uniques.getOrDefault(oid, List.of()), constraints.checks.getOrDefault(oid, List.of()),
                constraints.foreignKeys.getOrDefault(oid, List.of()), indexes.getOrDefault(oid, List.of()),
                relation.comment, relation.options, Map.of())));
        List<String> presentSchemas = presentSchemas(connection, schemas, defaultSchema);
        return new DatabaseSchema(presentSchemas, tables, relations.views, List.copyOf(enums.values()),
                sequences(connection, schemas, defaultSchema), extensions(connection, defaultSchema));
    }

    private static String defaultSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static QualifiedName name(String schema, String name, String defaultSchema) {
        return QualifiedName.of(schema.equals(defaultSchema) ? Optional.empty() : Optional.of(schema), name);
    }

    // ------------------------------------------------------------------------------------------
    // relations

    /** A table's name and table-level attributes, by oid; and the views. */
    private record Relation(QualifiedName name, Optional<String> comment, Map<String, String> options) {
    }

    private static final class Relations {
        private final Map<Long, Relation> tables = new LinkedHashMap<>();
        private final List<View> views = new ArrayList<>();
    }

    private static Relations relations(Connection connection, Array schemas, String defaultSchema,
                                       IntrospectionFilter filter) throws SQLException {
        String sql = """
                SELECT c.oid, n.nspname, c.relname, c.relkind, ds.description, c.reloptions,
                       CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid, true) END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
                                           AND ds.objsubid = 0
                WHERE c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition AND n.nspname = ANY(?)
                ORDER BY n.nspname, c.relname""";
        Relations relations = new Relations();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, schemas);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    Optional<String> schemaName = schema.equals(defaultSchema) ? Optional.empty() : Optional.of(schema);
                    if (!filter.includesTable(schemaName, table)) {
                        continue;
                    }
                    QualifiedName name = name(schema, table, defaultSchema);
                    if ("v".equals(rs.getString(4))) {
                        relations.views.add(new View(name, rs.getString(7).strip()));
                    } else {
                        relations.tables.put(rs.getLong(1), new Relation(name, Optional.ofNullable(rs.getString(5)),
                                options(rs.getArray(6))));
                    }
                }
            }
        }
        return relations;
    }

    /** {@code {fillfactor=70,autovacuum_enabled=false}} as an ordered map. */
    private static Map<String, String> options(Array array) throws SQLException {
        Map<String, String> options = new LinkedHashMap<>();
        if (array != null) {
            for (Object entry : (Object[]) array.getArray()) {
                String text = entry.toString();
                int equals = text.indexOf('=');
                options.put(text.substring(0, equals), text.substring(equals + 1));
            }
        }
        return options;
    }

    private static List<String> presentSchemas(Connection connection, Array schemas, String defaultSchema)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nspname FROM pg_namespace WHERE nspname = ANY(?) ORDER BY nspname")) {
            statement.setArray(1, schemas);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(defaultSchema)) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------
    // columns

    private static Map<Long, List<Column>> columns(Connection connection, Array oids, Map<String, EnumDefinition> enums)
            throws SQLException {
        // the sequence a column owns: an identity's ('i'), whose start and step the identity keeps, or
        // a serial's ('a', OWNED BY), whose nextval default is how PostgreSQL spells serial
        String sql = """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                       ds.description, t.typtype, tn.nspname || '.' || t.typname,
                       owned.seqrelid::regclass::text, owned.seqstart, owned.seqincrement, owned.seqmin, owned.seqmax
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_namespace tn ON tn.oid = t.typnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass
                                           AND ds.objsubid = a.attnum
                LEFT JOIN LATERAL (
                    SELECT s.seqrelid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax
                    FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid
                    WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
                      AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype IN ('a', 'i')
                    LIMIT 1) owned ON true
                WHERE a.attrelid = ANY(?) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum""";
        Map<Long, List<Column>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, oids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ColumnType type = "e".equals(rs.getString(9)) && enums.containsKey(rs.getString(10))
                            ? enumType(enums.get(rs.getString(10))) : type(rs.getString(3));
                    String expression = rs.getString(5);
                    String identity = rs.getString(6);
                    String generated = rs.getString(7);
                    String ownedSequence = rs.getString(11);
                    Optional<String> serial = serial(type, expression, ownedSequence);
                    if (serial.isPresent()) {
                        // read back as written: a serial column made again makes its sequence too, where
                        // the integer column with a nextval default would name a sequence nothing creates
                        type = new ColumnType.RawType(serial.get());
                        expression = null;
                    }
                    Column column = Column.of(rs.getString(2), type).nullable(!rs.getBoolean(4));
                    if (generated != null && !generated.isEmpty() && expression != null) {
                        column = column.generatedAs(expression);
                    } else if (expression != null) {
                        column = column.serverDefault(new DefaultValue.Expression(expression));
                    }
                    if (identity != null && !identity.isEmpty()) {
                        column = column.identity(identity("a".equals(identity), rs.getLong(12), rs.getLong(13),
                                rs.getLong(14), rs.getLong(15)));
                    }
                    String comment = rs.getString(8);
                    if (comment != null) {
                        column = column.comment(comment);
                    }
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(column);
                }
            }
        }
        return columns;
    }

    /**
     * {@code serial}, {@code smallserial} or {@code bigserial} when the column is one: an integer
     * column whose default is the {@code nextval} of the sequence it owns.
     */
    private static Optional<String> serial(ColumnType type, String expression, String ownedSequence) {
        if (!(type instanceof ColumnType.IntegerType integer) || expression == null || ownedSequence == null
                || !expression.equals("nextval('" + ownedSequence.replace("'", "''") + "'::regclass)")) {
            return Optional.empty();
        }
        return Optional.of(switch (integer.bytes()) {
            case 2 -> "smallserial";
            case 4 -> "serial";
            default -> "bigserial";
        });
    }

    /** An identity with its sequence's start and step where they are not the defaults. */
    private static Identity identity(boolean always, long start, long increment, long min, long max) {
        Identity identity = always ? Identity.generatedAlways() : Identity.byDefault();
        if (start != (increment > 0 ? min : max)) {
            identity = identity.startWith(start);
        }
        if (increment != 1) {
            identity = identity.incrementBy(increment);
        }
        return identity;
    }

    private static ColumnType enumType(EnumDefinition definition) {
        // the type's own schema, which need not be the table's
        return new ColumnType.EnumType(definition.name().name(), definition.values(), definition.name().schema());
    }

    /** A type as {@code format_type} prints it. */
    static ColumnType type(String formatted) {
        if (formatted.endsWith("[]")) {
            ColumnType element = type(formatted.substring(0, formatted.length() - 2));
            return element instanceof ColumnType.ArrayType ? new ColumnType.RawType(formatted)
                    : new ColumnType.ArrayType(element);
        }
        switch (formatted) {
            case "smallint": return new ColumnType.IntegerType(2);
            case "integer": return new ColumnType.IntegerType(4);
            case "bigint": return new ColumnType.IntegerType(8);
            case "boolean": return new ColumnType.BooleanType();
            case "text": return new ColumnType.TextType();
            case "numeric": return new ColumnType.NumericType(OptionalInt.empty(), OptionalInt.empty());
            case "real": return new ColumnType.FloatType(4);
            case "double precision": return new ColumnType.FloatType(8);
            case "date": return new ColumnType.DateType();
            case "uuid": return new ColumnType.UuidType();
            case "json": return new ColumnType.JsonType(false);
            case "jsonb": return new ColumnType.JsonType(true);
            case "bytea": return new ColumnType.BinaryType(OptionalInt.empty());
            case "timestamp without time zone": return new ColumnType.TimestampType(false);
            case "timestamp with time zone": return new ColumnType.TimestampType(true);
            case "time without time zone": return new ColumnType.TimeType(false);
            case "time with time zone": return new ColumnType.TimeType(true);
            default: break;
        }
        Matcher m = VARCHAR.matcher(formatted);
        if (m.matches()) {
            return new ColumnType.VarcharType(Integer.parseInt(m.group(1)));
        }
        m = CHAR.matcher(formatted);
        if (m.matches()) {
            return new ColumnType.CharType(Integer.parseInt(m.group(1)));
        }
        m = NUMERIC.matcher(formatted);
        if (m.matches()) {
            return new ColumnType.NumericType(OptionalInt.of(Integer.parseInt(m.group(1))),
                    m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2))));
        }
        m = VECTOR.matcher(formatted);
        if (m.matches()) {
            return new ColumnType.VectorType(Integer.parseInt(m.group(1)));
        }
        // anything else (a timestamp with a precision, inet, a domain) keeps the server's spelling
        return new ColumnType.RawType(formatted);
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    private static final class Constraints {
        private final Map<Long, PrimaryKey> primaryKeys = new HashMap<>();
        private final Map<Long, List<UniqueConstraint>> uniques = new HashMap<>();
        private final Map<Long, List<CheckConstraint>> checks = new HashMap<>();
        private final Map<Long, List<ForeignKey>> foreignKeys = new HashMap<>();
    }

    private static Constraints constraints(Connection connection, Array oids, String defaultSchema)
            throws SQLException {
        // key columns looked up one by one by pg_attribute's unique index, in the key's order; the
        // definition printed for check constraints only, which alone need it (it is costly)
        String sql = """
                SELECT con.conrelid, con.conname, con.contype,
                       ARRAY(SELECT (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.conrelid
                                     AND a.attnum = x.k)
                             FROM unnest(con.conkey) WITH ORDINALITY AS x(k, n) ORDER BY x.n),
                       rn.nspname, rc.relname,
                       ARRAY(SELECT (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = con.confrelid
                                     AND a.attnum = x.k)
                             FROM unnest(con.confkey) WITH ORDINALITY AS x(k, n) ORDER BY x.n),
                       con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred,
                       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END
                FROM pg_constraint con
                LEFT JOIN pg_class rc ON rc.oid = con.confrelid
                LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                WHERE con.conrelid = ANY(?) AND con.contype IN ('p', 'u', 'c', 'f')
                ORDER BY con.conrelid, con.conname""";
        Constraints constraints = new Constraints();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, oids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long table = rs.getLong(1);
                    Optional<String> name = Optional.of(rs.getString(2));
                    List<String> columns = strings(rs.getArray(4));
                    Optional<Deferrable> deferrable = !rs.getBoolean(11) ? Optional.empty()
                            : Optional.of(rs.getBoolean(12) ? Deferrable.INITIALLY_DEFERRED
                            : Deferrable.INITIALLY_IMMEDIATE);
                    switch (rs.getString(3)) {
                        case "p" -> constraints.primaryKeys.put(table, new PrimaryKey(name, columns));
                        case "u" -> constraints.uniques.computeIfAbsent(table, k -> new ArrayList<>())
                                .add(new UniqueConstraint(name, columns, deferrable));
                        case "c" -> constraints.checks.computeIfAbsent(table, k -> new ArrayList<>())
                                .add(new CheckConstraint(name, checkCondition(rs.getString(13))));
                        default -> constraints.foreignKeys.computeIfAbsent(table, k -> new ArrayList<>())
                                .add(new ForeignKey(name, columns,
                                        name(rs.getString(5), rs.getString(6), defaultSchema),
                                        strings(rs.getArray(7)), action(rs.getString(8)), action(rs.getString(9)),
                                        deferrable, match(rs.getString(10))));
                    }
                }
            }
        }
        return constraints;
    }

    /** {@code CHECK ((a > 0)) NOT VALID} → {@code (a > 0)}. */
    private static String checkCondition(String definition) {
        String text = definition.strip();
        if (text.endsWith(" NOT VALID")) {
            text = text.substring(0, text.length() - " NOT VALID".length());
        }
        if (text.startsWith("CHECK (") && text.endsWith(")")) {
            text = text.substring("CHECK (".length(), text.length() - 1);
        }
        return text;
    }

    private static Optional<ReferentialAction> action(String code) {
        return switch (code) {
            case "r" -> Optional.of(ReferentialAction.RESTRICT);
            case "c" -> Optional.of(ReferentialAction.CASCADE);
            case "n" -> Optional.of(ReferentialAction.SET_NULL);
            case "d" -> Optional.of(ReferentialAction.SET_DEFAULT);
            default -> Optional.empty();
        };
    }

    private static Optional<String> match(String code) {
        return switch (code) {
            case "f" -> Optional.of("FULL");
            case "p" -> Optional.of("PARTIAL");
            default -> Optional.empty();
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    private static Map<Long, List<Index>> indexes(Connection connection, Array oids, Relations relations)
            throws SQLException {
        // pg_get_indexdef(oid, k, true) is key k's expression as the server prints it, asked for
        // expressions only (it is costly); a column key is its column's name, looked up by pg_attribute's
        // unique index. The operator classes come from one join for all the indexes: a subquery per
        // index would scan pg_opclass once for each. Indexes that back a primary key, unique or
        // exclusion constraint belong to the constraint.
        String sql = """
                SELECT i.indrelid, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid),
                       i.indnkeyatts, i.indkey::int2[],
                       ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true)
                                    ELSE '' END
                             FROM generate_series(1, i.indnatts) k ORDER BY k),
                       ARRAY(SELECT COALESCE((SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = i.indrelid
                                              AND a.attnum = i.indkey[k - 1]), '')
                             FROM generate_series(1, i.indnatts) k ORDER BY k),
                       i.indoption::int2[],
                       oc.opclasses, ic.reloptions
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_am am ON am.oid = ic.relam
                LEFT JOIN (SELECT x.indexrelid,
                                  array_agg(CASE WHEN o.opcdefault THEN '' ELSE o.opcname::text END ORDER BY x.n)
                                      AS opclasses
                           FROM (SELECT ix.indexrelid, u.opc, u.n FROM pg_index ix,
                                        unnest(ix.indclass::oid[]) WITH ORDINALITY AS u(opc, n)
                                 WHERE ix.indrelid = ANY(?)) x
                           JOIN pg_opclass o ON o.oid = x.opc
                           GROUP BY x.indexrelid) oc ON oc.indexrelid = i.indexrelid
                WHERE i.indrelid = ANY(?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                  AND c.contype IN ('p', 'u', 'x'))
                ORDER BY i.indrelid, ic.relname""";
        Map<Long, List<Index>> indexes = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, oids);
            statement.setArray(2, oids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long table = rs.getLong(1);
                    int keys = rs.getInt(6);
                    List<String> definitions = strings(rs.getArray(8));
                    List<String> columnNames = strings(rs.getArray(9));
                    Object[] options = (Object[]) rs.getArray(10).getArray();
                    List<String> opclasses = strings(rs.getArray(11));
                    List<IndexElement> elements = new ArrayList<>();
                    List<String> include = new ArrayList<>();
                    for (int k = 0; k < definitions.size(); k++) {
                        boolean expression = columnNames.get(k).isEmpty();
                        String text = expression ? definitions.get(k) : columnNames.get(k);
                        if (k >= keys) {
                            include.add(text);
                            continue;
                        }
                        elements.add(element(text, expression, ((Number) options[k]).intValue(),
                                k < opclasses.size() ? opclasses.get(k) : ""));
                    }
                    String method = rs.getString(4);
                    Index index = new Index(rs.getString(2), relations.tables.get(table).name, elements,
                            rs.getBoolean(3), Optional.ofNullable(rs.getString(5)),
                            "btree".equals(method) ? Optional.empty() : Optional.of(method), include,
                            options(rs.getArray(12)));
                    indexes.computeIfAbsent(table, k -> new ArrayList<>()).add(index);
                }
            }
        }
        return indexes;
    }

    /** An index key; {@code option} is pg_index.indoption's bits: 1 DESC, 2 NULLS FIRST. */
    private static IndexElement element(String text, boolean expression, int option, String opclass) {
        IndexElement element = expression ? IndexElement.expression(text) : IndexElement.column(text);
        if (!opclass.isEmpty()) {
            element = element.operatorClass(opclass);
        }
        boolean descending = (option & 1) != 0;
        boolean nullsFirst = (option & 2) != 0;
        if (descending) {
            element = element.desc();
            if (!nullsFirst) {
                element = element.nullsLast();
            }
        } else if (nullsFirst) {
            element = element.nullsFirst();
        }
        return element;
    }

    // ------------------------------------------------------------------------------------------
    // types, sequences, extensions

    /** Enum types by {@code schema.name}, in schema and name order. */
    private static Map<String, EnumDefinition> enums(Connection connection, Array schemas, String defaultSchema)
            throws SQLException {
        String sql = """
                SELECT n.nspname, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)
                FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ANY(?)
                GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname""";
        Map<String, EnumDefinition> enums = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, schemas);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    enums.put(rs.getString(1) + "." + rs.getString(2), new EnumDefinition(
                            name(rs.getString(1), rs.getString(2), defaultSchema), strings(rs.getArray(3))));
                }
            }
        }
        return enums;
    }

    /** Sequences no column owns (identity and serial sequences belong to their columns). */
    private static List<Sequence> sequences(Connection connection, Array schemas, String defaultSchema)
            throws SQLException {
        String sql = """
                SELECT n.nspname, c.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, s.seqcache,
                       format_type(s.seqtypid, NULL)
                FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY(?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                ORDER BY n.nspname, c.relname""";
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, schemas);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long increment = rs.getLong(4);
                    long max = rs.getLong(6);
                    long typeMax = switch (rs.getString(9)) {
                        case "smallint" -> Short.MAX_VALUE;
                        case "integer" -> Integer.MAX_VALUE;
                        default -> Long.MAX_VALUE;
                    };
                    sequences.add(new Sequence(name(rs.getString(1), rs.getString(2), defaultSchema),
                            unless(rs.getLong(3), increment > 0 ? rs.getLong(5) : max),
                            unless(increment, 1),
                            unless(rs.getLong(5), increment > 0 ? 1 : -typeMax),
                            unless(max, increment > 0 ? typeMax : -1),
                            rs.getBoolean(7), unless(rs.getLong(8), 1)));
                }
            }
        }
        return sequences;
    }

    /** The value, or empty when it is the database's default. */
    private static OptionalLong unless(long value, long standard) {
        return value == standard ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * Installed extensions except {@code plpgsql}, which every database has. Versions are left out:
     * the scratch database a model is read from may be another server, with other versions.
     */
    private static List<Extension> extensions(Connection connection, String defaultSchema) throws SQLException {
        List<Extension> extensions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname <> 'plpgsql' ORDER BY e.extname""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(2);
                extensions.add(new Extension(rs.getString(1),
                        schema.equals(defaultSchema) ? Optional.empty() : Optional.of(schema), Optional.empty()));
            }
        }
        return extensions;
    }
}
