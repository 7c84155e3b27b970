package dev.retort.dialect;

import dev.retort.testing.SchemaSnapshot;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link SchemaSnapshot} and what it leaves out that MySQL's, MariaDB's and H2's operations change:
 * table and column comments, check constraints, sequences, and on MySQL and MariaDB each column's
 * full type, collation and extras and each table's engine and collation. Compares with {@code equals}.
 */
record DatabaseSchema(SchemaSnapshot jdbc, Set<String> comments, Set<String> checks, Set<String> sequences,
                      Set<String> mysqlDetails) {

    private static final Pattern SYSTEM_INDEX = Pattern.compile("((?:^|\\s)\\S*(?:PRIMARY_KEY|_INDEX)_)[0-9A-F]+");

    /**
     * The schema of the fresh database. On a MariaDB server it is read through MariaDB Connector/J
     * for both MySQL kinds: MySQL Connector/J's metadata calls take some twenty times longer against
     * MariaDB, and what they would read is the same schema.
     */
    static DatabaseSchema of(FreshDatabase db, Connection connection) throws SQLException {
        if (db.kind() != DatabaseKind.MYSQL
                || !connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) {
            return of(connection);
        }
        try (Connection observer = DriverManager.getConnection(db.jdbcUrl().replaceFirst("^jdbc:mysql:",
                "jdbc:mariadb:"), db.user(), db.password())) {
            return of(observer);
        }
    }

    static DatabaseSchema of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        boolean mysql = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).matches(".*(mysql|mariadb).*");
        String catalog = mysql ? connection.getCatalog() : null;
        String schema = mysql ? null : connection.getSchema();
        Set<String> comments = new TreeSet<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("REMARKS") != null && !rs.getString("REMARKS").isEmpty()) {
                    comments.add(rs.getString("TABLE_NAME") + ": " + rs.getString("REMARKS"));
                }
            }
        }
        try (ResultSet rs = meta.getColumns(catalog, schema, "%", "%")) {
            while (rs.next()) {
                if (rs.getString("REMARKS") != null && !rs.getString("REMARKS").isEmpty()) {
                    comments.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME") + ": "
                            + rs.getString("REMARKS"));
                }
            }
        }
        Set<String> checks = rows(connection, mysql
                ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA = DATABASE()"
                : "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
                        + " FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc"
                        + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA"
                        + " AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME WHERE tc.TABLE_SCHEMA = SCHEMA()");
        Set<String> sequences = rows(connection, mysql
                ? "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_TYPE = 'SEQUENCE'"
                : "SELECT SEQUENCE_NAME, START_VALUE, INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES"
                        + " WHERE SEQUENCE_SCHEMA = SCHEMA()");
        Set<String> details = new TreeSet<>();
        if (mysql) {
            details.addAll(rows(connection, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, EXTRA,"
                    + " COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME NOT LIKE 'retort\\_%'"));
            details.addAll(rows(connection, "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"
                    + " AND TABLE_NAME NOT LIKE 'retort\\_%'"));
        }
        SchemaSnapshot jdbc = SchemaSnapshot.of(connection);
        return new DatabaseSchema(mysql ? jdbc : withoutSystemNames(jdbc), comments, checks, sequences, details);
    }

    /** H2 renames the indexes it makes for keys ({@code PRIMARY_KEY_3}) whenever it rebuilds a table. */
    private static SchemaSnapshot withoutSystemNames(SchemaSnapshot snapshot) {
        Map<String, SchemaSnapshot.TableSnapshot> tables = new TreeMap<>();
        snapshot.tables().forEach((name, table) -> tables.put(name, new SchemaSnapshot.TableSnapshot(table.columns(),
                table.primaryKey(), table.indexes().stream().map(index -> SYSTEM_INDEX.matcher(index).replaceAll("$1*"))
                .collect(Collectors.toCollection(TreeSet::new)), table.foreignKeys())));
        return new SchemaSnapshot(tables);
    }

    /** Each row of the query as its values joined with {@code |}. */
    static Set<String> rows(Connection connection, String sql) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
