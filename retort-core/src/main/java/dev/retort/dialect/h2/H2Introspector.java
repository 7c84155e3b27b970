package dev.retort.dialect.h2;

import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.Introspector;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.DefaultValue;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads H2 2.x through its {@code INFORMATION_SCHEMA}, one query per kind of object whatever the
 * number of tables: tables and views, columns, enum values, array element types, constraints, their
 * columns, foreign-key rules, check clauses, indexes, their columns, sequences. The meta tables are
 * read one at a time and put together in Java: H2 computes a meta table's rows each time it is read,
 * so a join computes its inner table again for every row of the outer one (on the 39 tables of the
 * realistic autogenerate test, the constraints' four-table join was a fifth of the test's CPU time). Indexes H2 makes
 * for constraints ({@code IS_GENERATED}) belong to the constraint and are left out; default
 * expressions and check clauses are kept as H2 prints them.
 */
public final class H2Introspector implements Introspector {

    @Override
    public DatabaseSchema read(Connection connection, IntrospectionFilter filter) throws SQLException {
        String defaultSchema = connection.getSchema();
        Set<String> schemas = new HashSet<>();
        schemas.add(defaultSchema);
        schemas.addAll(filter.schemas());

        Map<String, QualifiedName> tables = new LinkedHashMap<>();
        Map<String, Optional<String>> comments = new HashMap<>();
        List<View> views = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE, t.REMARKS, v.VIEW_DEFINITION
                FROM INFORMATION_SCHEMA.TABLES t
                LEFT JOIN INFORMATION_SCHEMA.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
                WHERE t.TABLE_SCHEMA <> 'INFORMATION_SCHEMA' AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')
                ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = rs.getString(2);
                Optional<String> schemaName = schema.equals(defaultSchema) ? Optional.empty() : Optional.of(schema);
                if (!schemas.contains(schema) || !filter.includesTable(schemaName, table)) {
                    continue;
                }
                QualifiedName name = QualifiedName.of(schemaName, table);
                if ("VIEW".equals(rs.getString(3))) {
                    views.add(new View(name, rs.getString(5).strip()));
                } else {
                    tables.put(key(schema, table), name);
                    comments.put(key(schema, table), Optional.ofNullable(rs.getString(4)));
                }
            }
        }
        Map<String, List<String>> enumValues = enumValues(connection);
        Map<String, ColumnType> elementTypes = elementTypes(connection);
        Map<String, List<Column>> columns = columns(connection, tables, enumValues, elementTypes);
        Constraints constraints = constraints(connection, tables, defaultSchema);
        Map<String, List<Index>> indexes = indexes(connection, tables);

        List<Table> result = new ArrayList<>();
        tables.forEach((key, name) -> result.add(new Table(name, columns.getOrDefault(key, List.of()),
                Optional.ofNullable(constraints.primaryKeys.get(key)), constraints.uniques.getOrDefault(key, List.of()),
                constraints.checks.getOrDefault(key, List.of()), constraints.foreignKeys.getOrDefault(key, List.of()),
                indexes.getOrDefault(key, List.of()), comments.get(key), Map.of(), Map.of())));
        List<String> namedSchemas = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(1);
                if (!schema.equals(defaultSchema) && filter.schemas().contains(schema)) {
                    namedSchemas.add(schema);
                }
            }
        }
        return new DatabaseSchema(namedSchemas, result, views, List.of(), sequences(connection, schemas,
                defaultSchema), List.of());
    }

    private static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }

    private static Map<String, List<String>> enumValues(Connection connection) throws SQLException {
        Map<String, List<String>> values = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT OBJECT_SCHEMA, OBJECT_NAME, ENUM_IDENTIFIER, VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES
                WHERE OBJECT_TYPE = 'TABLE' ORDER BY OBJECT_SCHEMA, OBJECT_NAME, ENUM_IDENTIFIER, VALUE_ORDINAL""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.computeIfAbsent(key(rs.getString(1), rs.getString(2)) + "\u0000" + rs.getString(3),
                        k -> new ArrayList<>()).add(rs.getString(4));
            }
        }
        return values;
    }

    private static Map<String, ColumnType> elementTypes(Connection connection) throws SQLException {
        Map<String, ColumnType> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT OBJECT_SCHEMA, OBJECT_NAME, COLLECTION_TYPE_IDENTIFIER, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,
                       NUMERIC_PRECISION, NUMERIC_SCALE
                FROM INFORMATION_SCHEMA.ELEMENT_TYPES WHERE OBJECT_TYPE = 'TABLE'""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                types.put(key(rs.getString(1), rs.getString(2)) + "\u0000" + rs.getString(3),
                        type(rs.getString(4), rs.getObject(5), rs.getObject(6), rs.getObject(7), null, null));
            }
        }
        return types;
    }

    private static Map<String, List<Column>> columns(Connection connection, Map<String, QualifiedName> tables,
                                                     Map<String, List<String>> enumValues,
                                                     Map<String, ColumnType> elementTypes) throws SQLException {
        Map<String, List<Column>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION,
                       NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY, IDENTITY_GENERATION, IDENTITY_START,
                       IDENTITY_INCREMENT, IS_GENERATED, GENERATION_EXPRESSION, REMARKS, DTD_IDENTIFIER,
                       DECLARED_DATA_TYPE
                FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
                ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String table = key(rs.getString(1), rs.getString(2));
                if (!tables.containsKey(table)) {
                    continue;
                }
                String dtd = table + "\u0000" + rs.getString(17);
                ColumnType type = type(rs.getString(4), rs.getObject(5), rs.getObject(6), rs.getObject(7),
                        enumValues.get(dtd), elementTypes.get(dtd));
                Column column = Column.of(rs.getString(3), type).nullable("YES".equals(rs.getString(8)));
                if ("YES".equals(rs.getString(10))) {
                    Identity identity = "ALWAYS".equals(rs.getString(11)) ? Identity.generatedAlways()
                            : Identity.byDefault();
                    long start = rs.getLong(12);
                    long increment = rs.getLong(13);
                    if (start != 1) {
                        identity = identity.startWith(start);
                    }
                    if (increment != 1) {
                        identity = identity.incrementBy(increment);
                    }
                    column = column.identity(identity);
                } else if ("ALWAYS".equals(rs.getString(14))) {
                    column = column.generatedAs(rs.getString(15));
                } else if (rs.getString(9) != null) {
                    column = column.serverDefault(new DefaultValue.Expression(rs.getString(9)));
                }
                if (rs.getString(16) != null) {
                    column = column.comment(rs.getString(16));
                }
                columns.computeIfAbsent(table, k -> new ArrayList<>()).add(column);
            }
        }
        return columns;
    }

    /** A type from H2's data type name and its lengths. */
    static ColumnType type(String dataType, Object length, Object precision, Object scale, List<String> enumValues,
                           ColumnType element) {
        switch (dataType) {
            case "SMALLINT": return new ColumnType.IntegerType(2);
            case "INTEGER": return new ColumnType.IntegerType(4);
            case "BIGINT": return new ColumnType.IntegerType(8);
            case "BOOLEAN": return new ColumnType.BooleanType();
            case "REAL": return new ColumnType.FloatType(4);
            case "DOUBLE PRECISION": return new ColumnType.FloatType(8);
            case "DATE": return new ColumnType.DateType();
            case "TIME": return new ColumnType.TimeType(false);
            case "TIME WITH TIME ZONE": return new ColumnType.TimeType(true);
            case "TIMESTAMP": return new ColumnType.TimestampType(false);
            case "TIMESTAMP WITH TIME ZONE": return new ColumnType.TimestampType(true);
            case "UUID": return new ColumnType.UuidType();
            case "JSON": return new ColumnType.JsonType(false);
            case "BINARY LARGE OBJECT": return new ColumnType.BinaryType(OptionalInt.empty());
            case "CHARACTER LARGE OBJECT": return new ColumnType.RawType("CHARACTER LARGE OBJECT");
            default: break;
        }
        if ("CHARACTER VARYING".equals(dataType)) {
            int n = ((Number) length).intValue();
            // an unbounded CHARACTER VARYING is H2's text (retort's text() renders it so)
            return n >= 1_000_000_000 ? new ColumnType.TextType() : new ColumnType.VarcharType(n);
        }
        if ("CHARACTER".equals(dataType)) {
            return new ColumnType.CharType(((Number) length).intValue());
        }
        if ("BINARY VARYING".equals(dataType)) {
            return new ColumnType.BinaryType(OptionalInt.of(((Number) length).intValue()));
        }
        if ("NUMERIC".equals(dataType) || "DECIMAL".equals(dataType)) {
            return new ColumnType.NumericType(OptionalInt.of(((Number) precision).intValue()),
                    OptionalInt.of(((Number) scale).intValue()));
        }
        if ("ENUM".equals(dataType) && enumValues != null) {
            return new ColumnType.EnumType("enum", enumValues);
        }
        if ("ARRAY".equals(dataType) && element != null) {
            return new ColumnType.ArrayType(element);
        }
        return new ColumnType.RawType(dataType);
    }

    private static final class Constraints {
        private final Map<String, PrimaryKey> primaryKeys = new HashMap<>();
        private final Map<String, List<UniqueConstraint>> uniques = new HashMap<>();
        private final Map<String, List<CheckConstraint>> checks = new HashMap<>();
        private final Map<String, List<ForeignKey>> foreignKeys = new HashMap<>();
    }

    private static Constraints constraints(Connection connection, Map<String, QualifiedName> tables,
                                           String defaultSchema) throws SQLException {
        Map<String, List<String>> keyColumns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE
                ORDER BY CONSTRAINT_SCHEMA, CONSTRAINT_NAME, ORDINAL_POSITION""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                keyColumns.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(rs.getString(3));
            }
        }
        // each INFORMATION_SCHEMA table on its own, put together here: H2 computes a meta table's rows
        // whenever it is read, so a join of them computes the inner one again for every outer row
        Map<String, String> checkClauses = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                checkClauses.put(key(rs.getString(1), rs.getString(2)), rs.getString(3));
            }
        }
        Map<String, String[]> references = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE, UNIQUE_CONSTRAINT_SCHEMA,
                       UNIQUE_CONSTRAINT_NAME
                FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                references.put(key(rs.getString(1), rs.getString(2)), new String[] {rs.getString(3), rs.getString(4),
                        key(rs.getString(5), rs.getString(6))});
            }
        }
        List<String[]> rows = new ArrayList<>();
        Map<String, String[]> constrainedTables = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_SCHEMA, TABLE_NAME
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
                ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String[] row = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)};
                rows.add(row);
                constrainedTables.put(key(row[0], row[1]), new String[] {row[3], row[4]});
            }
        }
        Constraints constraints = new Constraints();
        for (String[] row : rows) {
            String table = key(row[3], row[4]);
            if (!tables.containsKey(table)) {
                continue;
            }
            String constraint = key(row[0], row[1]);
            Optional<String> name = Optional.of(row[1]);
            List<String> columns = keyColumns.getOrDefault(constraint, List.of());
            switch (row[2]) {
                case "PRIMARY KEY" -> constraints.primaryKeys.put(table, new PrimaryKey(name, columns));
                case "UNIQUE" -> constraints.uniques.computeIfAbsent(table, k -> new ArrayList<>())
                        .add(new UniqueConstraint(name, columns, Optional.empty()));
                case "CHECK" -> constraints.checks.computeIfAbsent(table, k -> new ArrayList<>())
                        .add(new CheckConstraint(name, checkClauses.get(constraint)));
                case "FOREIGN KEY" -> {
                    String[] rules = references.get(constraint);
                    String[] referencedTable = constrainedTables.get(rules[2]);
                    QualifiedName referenced = QualifiedName.of(referencedTable[0].equals(defaultSchema)
                            ? Optional.empty() : Optional.of(referencedTable[0]), referencedTable[1]);
                    constraints.foreignKeys.computeIfAbsent(table, k -> new ArrayList<>()).add(new ForeignKey(
                            name, columns, referenced, keyColumns.getOrDefault(rules[2], List.of()),
                            action(rules[1]), action(rules[0]), Optional.empty(), Optional.empty()));
                }
                default -> {
                    // other kinds are not modelled
                }
            }
        }
        return constraints;
    }

    private static Optional<ReferentialAction> action(String rule) {
        return switch (rule) {
            case "CASCADE" -> Optional.of(ReferentialAction.CASCADE);
            case "RESTRICT" -> Optional.of(ReferentialAction.RESTRICT);
            case "SET NULL" -> Optional.of(ReferentialAction.SET_NULL);
            case "SET DEFAULT" -> Optional.of(ReferentialAction.SET_DEFAULT);
            default -> Optional.empty();
        };
    }

    private static Map<String, List<Index>> indexes(Connection connection, Map<String, QualifiedName> tables)
            throws SQLException {
        Map<String, List<IndexElement>> elements = new LinkedHashMap<>();
        Map<String, String[]> owners = new LinkedHashMap<>();
        // the two tables apart, as the constraints' (a join computes INDEX_COLUMNS again for every index)
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT INDEX_SCHEMA, INDEX_NAME, TABLE_SCHEMA, TABLE_NAME, INDEX_TYPE_NAME
                FROM INFORMATION_SCHEMA.INDEXES
                WHERE NOT IS_GENERATED AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
                ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String table = key(rs.getString(3), rs.getString(4));
                if (tables.containsKey(table)) {
                    owners.put(key(rs.getString(1), rs.getString(2)), new String[] {table, rs.getString(2),
                            rs.getString(5)});
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT INDEX_SCHEMA, INDEX_NAME, COLUMN_NAME, ORDERING_SPECIFICATION, NULL_ORDERING
                FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
                ORDER BY INDEX_SCHEMA, INDEX_NAME, ORDINAL_POSITION""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String index = key(rs.getString(1), rs.getString(2));
                if (!owners.containsKey(index)) {
                    continue;
                }
                IndexElement element = IndexElement.column(rs.getString(3));
                boolean descending = "DESC".equals(rs.getString(4));
                String nulls = rs.getString(5);
                // H2 sorts NULLs low: first when ascending, last when descending; only the other way is said
                if (descending) {
                    element = element.desc();
                    if ("FIRST".equals(nulls)) {
                        element = element.nullsFirst();
                    }
                } else if ("LAST".equals(nulls)) {
                    element = element.nullsLast();
                }
                elements.computeIfAbsent(index, k -> new ArrayList<>()).add(element);
            }
        }
        Map<String, List<Index>> indexes = new HashMap<>();
        owners.forEach((index, owner) -> {
            Index built = new Index(owner[1], tables.get(owner[0]), elements.get(index),
                    owner[2].startsWith("UNIQUE"), Optional.empty(), Optional.empty(), List.of(), Map.of());
            indexes.computeIfAbsent(owner[0], k -> new ArrayList<>()).add(built);
        });
        return indexes;
    }

    private static List<Sequence> sequences(Connection connection, Set<String> schemas, String defaultSchema)
            throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT SEQUENCE_SCHEMA, SEQUENCE_NAME, START_VALUE, INCREMENT, MINIMUM_VALUE, MAXIMUM_VALUE,
                       CYCLE_OPTION, CACHE
                FROM INFORMATION_SCHEMA.SEQUENCES ORDER BY SEQUENCE_SCHEMA, SEQUENCE_NAME""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(1);
                if (!schemas.contains(schema)) {
                    continue;
                }
                long increment = rs.getLong(4);
                sequences.add(new Sequence(QualifiedName.of(schema.equals(defaultSchema) ? Optional.empty()
                        : Optional.of(schema), rs.getString(2)),
                        unless(rs.getLong(3), increment > 0 ? rs.getLong(5) : rs.getLong(6)), unless(increment, 1),
                        unless(rs.getLong(5), increment > 0 ? 1 : Long.MIN_VALUE),
                        unless(rs.getLong(6), increment > 0 ? Long.MAX_VALUE : -1),
                        "YES".equals(rs.getString(7)), cache(rs.getLong(8))));
            }
        }
        return sequences;
    }

    /**
     * A sequence's cache, empty for H2's default of 32. H2 reports the default cache of a descending
     * sequence over the whole range as {@code Long.MIN_VALUE} (the range's size overflows), which no one
     * chose and {@code CREATE SEQUENCE} refuses: a cache below 1 is the default too.
     */
    private static OptionalLong cache(long value) {
        return value < 1 ? OptionalLong.empty() : unless(value, 32);
    }

    private static OptionalLong unless(long value, long standard) {
        return value == standard ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
