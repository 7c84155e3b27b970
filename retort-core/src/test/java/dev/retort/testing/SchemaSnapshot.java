package dev.retort.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A database's user tables as JDBC metadata describes them: columns (type, size, nullability,
 * default), primary keys, indexes and foreign keys, in a form that compares with {@code equals}
 * and prints readably. Tests use it to check that an operation, its inverse and the operation again
 * leave the schema as expected, until the autogenerate issue's full introspection exists.
 *
 * <p>Names are compared as the database stores them; our bookkeeping tables
 * ({@code retort_version}, {@code retort_history}, H2's lock table {@code retort_version_lock}) are left
 * out.
 */
public record SchemaSnapshot(Map<String, TableSnapshot> tables) {

    /** One table. */
    public record TableSnapshot(List<String> columns, List<String> primaryKey, Set<String> indexes,
                                Set<String> foreignKeys) {
    }

    private static final Set<String> BOOKKEEPING = Set.of("retort_version", "retort_history",
            "retort_version_lock");

    /** Reads the tables of the connection's current schema (or catalog, on MySQL). */
    public static SchemaSnapshot of(Connection connection) throws SQLException {
        return of(connection, table -> true);
    }

    /**
     * Reads only the tables of the current schema whose stored names {@code include} accepts: JDBC
     * metadata takes a while per table, and a test of one operation may look at the tables it changes.
     */
    public static SchemaSnapshot of(Connection connection, Predicate<String> include) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean mysql = product.contains("mysql") || product.contains("mariadb");
        String catalog = mysql ? connection.getCatalog() : null;
        String schema = mysql || product.contains("sqlite") ? null : connection.getSchema();
        Map<String, TableSnapshot> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!BOOKKEEPING.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith("sqlite_")
                        && include.test(name)) {
                    names.add(name);
                }
            }
        }
        for (String table : names) {
            tables.put(table, table(meta, catalog, schema, table));
        }
        return new SchemaSnapshot(tables);
    }

    private static TableSnapshot table(DatabaseMetaData meta, String catalog, String schema, String table)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME")
                        + "(" + rs.getInt("COLUMN_SIZE") + ")"
                        + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "")
                        + (rs.getString("COLUMN_DEF") == null ? "" : " DEFAULT " + rs.getString("COLUMN_DEF")));
            }
        }
        Map<Short, String> keyColumns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                keyColumns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, List<String>> indexColumns = new TreeMap<>();
        Map<String, Boolean> indexUnique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null) {
                    continue;
                }
                indexColumns.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(Objects.toString(rs.getString("COLUMN_NAME"), "(expression)"));
                indexUnique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        Set<String> indexes = new TreeSet<>();
        indexColumns.forEach((name, cols) -> indexes.add((indexUnique.get(name) ? "UNIQUE " : "") + name + " "
                + cols));
        Map<String, List<String>> foreignKeyParts = new TreeMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = Objects.toString(rs.getString("FK_NAME"), "(unnamed)");
                foreignKeyParts.computeIfAbsent(name, n -> new ArrayList<>()).add(rs.getString("FKCOLUMN_NAME")
                        + "->" + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME")
                        + " del=" + rs.getShort("DELETE_RULE"));
            }
        }
        Set<String> foreignKeys = new TreeSet<>();
        foreignKeyParts.forEach((name, parts) -> foreignKeys.add(name + " " + parts));
        return new TableSnapshot(columns, List.copyOf(keyColumns.values()), indexes, foreignKeys);
    }

    /** The snapshot of one table, by its stored name. */
    public TableSnapshot table(String name) {
        TableSnapshot table = tables.get(name);
        if (table == null) {
            throw new AssertionError("no table " + name + " in " + tables.keySet());
        }
        return table;
    }
}
