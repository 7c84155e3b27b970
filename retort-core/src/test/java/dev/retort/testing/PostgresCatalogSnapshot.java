package dev.retort.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What JDBC metadata ({@link SchemaSnapshot}) does not show of a PostgreSQL schema, read from
 * {@code pg_catalog}: each table's columns with identity, generated expression and comment, every
 * constraint as {@code pg_get_constraintdef} writes it (checks, exclusions, deferrability, NOT VALID),
 * every index as {@code pg_get_indexdef} writes it (method, operator classes, predicate, INCLUDE,
 * WITH), the table's comment and storage parameters; and the schema's enum types and sequences,
 * the database's schemas and extensions. Compares with {@code equals}, prints readably.
 *
 * <p>Our bookkeeping tables ({@code retort_version}, {@code retort_history}) are left out.
 */
public record PostgresCatalogSnapshot(List<String> schemas, List<String> extensions, Map<String, String> enumTypes,
                                      Map<String, String> sequences, Map<String, Table> tables) {

    /** One table. */
    public record Table(List<String> columns, List<String> constraints, List<String> indexes, String comment,
                        String storageParameters) {
    }

    private static final Set<String> BOOKKEEPING = Set.of("retort_version", "retort_history");

    /** Reads the schema the connection is in ({@code current_schema()}). */
    public static PostgresCatalogSnapshot of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            return of(connection, rs.getString(1));
        }
    }

    /** Reads one schema, and the database's schemas and extensions. */
    public static PostgresCatalogSnapshot of(Connection connection, String schema) throws SQLException {
        return of(connection, schema, List.of());
    }

    /**
     * Reads one schema and, with their names qualified ({@code other.table}), the objects of some
     * others; and the database's schemas and extensions. A schema in {@code others} that does not
     * exist has nothing to read.
     */
    public static PostgresCatalogSnapshot of(Connection connection, String schema, List<String> others)
            throws SQLException {
        PostgresCatalogSnapshot main = read(connection, schema, "");
        Map<String, String> enums = new TreeMap<>(main.enumTypes());
        Map<String, String> sequences = new TreeMap<>(main.sequences());
        Map<String, Table> tables = new TreeMap<>(main.tables());
        for (String other : others) {
            PostgresCatalogSnapshot more = read(connection, other, other + ".");
            enums.putAll(more.enumTypes());
            sequences.putAll(more.sequences());
            tables.putAll(more.tables());
        }
        return new PostgresCatalogSnapshot(main.schemas(), main.extensions(), enums, sequences, tables);
    }

    private static PostgresCatalogSnapshot read(Connection connection, String schema, String prefix)
            throws SQLException {
        List<String> schemas = column(connection, "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_'"
                + " AND nspname <> 'information_schema' ORDER BY 1");
        List<String> extensions = column(connection, "SELECT e.extname || ' ' || e.extversion || ' in ' || n.nspname"
                + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'"
                + " ORDER BY 1");
        Map<String, String> enums = pairs(connection, prefix, "SELECT t.typname, string_agg(e.enumlabel, ', '"
                + " ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? GROUP BY t.typname", schema);
        Map<String, String> sequences = pairs(connection, prefix, "SELECT sequencename, data_type"
                + " || ' start ' || start_value || ' min ' || min_value || ' max ' || max_value"
                + " || ' by ' || increment_by || ' cache ' || cache_size"
                + " || CASE WHEN cycle THEN ' cycle' ELSE '' END FROM pg_sequences WHERE schemaname = ?", schema);
        Map<String, Table> tables = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.oid, c.relname,"
                + " obj_description(c.oid, 'pg_class'), array_to_string(c.reloptions, ', ') FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p')")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    if (!BOOKKEEPING.contains(name)) {
                        long oid = rs.getLong(1);
                        List<String> constraints = list(connection, "SELECT conname || ' '"
                                + " || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ?"
                                + " ORDER BY 1", oid);
                        List<String> indexes = list(connection, "SELECT pg_get_indexdef(indexrelid)"
                                + " || CASE WHEN indisvalid THEN '' ELSE ' (INVALID)' END FROM pg_index"
                                + " WHERE indrelid = ? ORDER BY 1", oid);
                        tables.put(prefix + name, new Table(columns(connection, oid), constraints, indexes,
                                rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return new PostgresCatalogSnapshot(schemas, extensions, enums, sequences, tables);
    }

    /** The snapshot of one table, by its stored name. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new AssertionError("no table " + name + " in " + tables.keySet());
        }
        return table;
    }

    private static List<String> columns(Connection connection, long table) throws SQLException {
        return list(connection, "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                + " || COALESCE(CASE WHEN a.attgenerated = 's' THEN ' GENERATED ' ELSE ' DEFAULT ' END"
                + " || pg_get_expr(d.adbin, d.adrelid), '')"
                + " || CASE a.attidentity WHEN 'a' THEN ' IDENTITY ALWAYS' WHEN 'd' THEN ' IDENTITY BY DEFAULT'"
                + " ELSE '' END"
                + " || COALESCE(' COMMENT ' || col_description(a.attrelid, a.attnum), '')"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", table);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<String> list(Connection connection, String sql, long oid) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static Map<String, String> pairs(Connection connection, String prefix, String sql, String schema)
            throws SQLException {
        Map<String, String> values = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.put(prefix + rs.getString(1), rs.getString(2));
                }
            }
        }
        return values;
    }
}
