package dev.retort.dialect.mysql;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.TableElement;
import dev.retort.schema.TableOption;
import dev.retort.schema.UniqueConstraint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one table from {@code information_schema}, in four queries whatever its size: the table,
 * its columns, its keys (primary, unique, foreign, with their columns and rules), its checks.
 *
 * <p>MySQL and MariaDB report column defaults differently, so the reader asks which server it talks
 * to (the dialect may be forced to the other one): MariaDB 10.2.7+ gives each default as SQL
 * ({@code 'abc'}, {@code 1}, {@code NULL}, {@code current_timestamp(6)}), MySQL 8 gives the literal's
 * value unquoted and marks expressions {@code DEFAULT_GENERATED} in {@code EXTRA}.
 */
final class MySqlTableReader {

    private static final Pattern ON_UPDATE = Pattern.compile("(?i)\\bon update (\\S+)");
    private static final Pattern BIT_LITERAL = Pattern.compile("(?i)b'[01]*'|0x[0-9a-f]+");

    private final Connection connection;
    private final boolean mariadb;

    MySqlTableReader(Connection connection) throws SQLException {
        this.connection = connection;
        String product = connection.getMetaData().getDatabaseProductName() + " "
                + connection.getMetaData().getDatabaseProductVersion();
        this.mariadb = product.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    Optional<Table> read(QualifiedName name) throws SQLException {
        String schemaTest = name.schema().isPresent() ? "= ?" : "= DATABASE()";
        Optional<String[]> table = tableRow(name, schemaTest);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        String schema = table.get()[0];
        String engine = table.get()[1];
        String collation = table.get()[2];
        String comment = table.get()[3];
        String stored = table.get()[4];

        Map<String, String> columnChecks = new HashMap<>();
        List<TableElement> checks = new ArrayList<>();
        readChecks(name, stored, schemaTest, columnChecks, checks);

        List<TableElement> elements = new ArrayList<>(readColumns(name, stored, schemaTest, collation, columnChecks));
        elements.addAll(readKeys(name, stored, schemaTest, schema));
        elements.addAll(checks);
        if (comment != null && !comment.isEmpty()) {
            elements.add(new TableOption.Comment(comment));
        }
        if (engine != null) {
            elements.add(new TableOption.MySqlOption("ENGINE", engine));
        }
        if (collation != null) {
            elements.add(new TableOption.MySqlOption("COLLATE", collation));
        }
        return Optional.of(Table.of(name, elements));
    }

    /**
     * {TABLE_SCHEMA, ENGINE, TABLE_COLLATION, TABLE_COMMENT, TABLE_NAME}, or empty when there is no
     * such base table. The name as given; where the server folds table names to lower case
     * ({@code lower_case_table_names}, as on Windows and macOS), the one that differs only in case.
     */
    private Optional<String[]> tableRow(QualifiedName name, String schemaTest) throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA " + schemaTest + " AND TABLE_NAME = ?"
                + " AND TABLE_TYPE = 'BASE TABLE'";
        List<String[]> rows = new ArrayList<>();
        query(sql, name, null, rs -> rows.add(new String[] {rs.getString("TABLE_SCHEMA"), rs.getString("ENGINE"),
                rs.getString("TABLE_COLLATION"), rs.getString("TABLE_COMMENT"), rs.getString("TABLE_NAME")}));
        Optional<String[]> exact = rows.stream().filter(row -> row[4].equals(name.name())).findFirst();
        return exact.isPresent() || rows.size() != 1 || !foldsTableNames() ? exact : Optional.of(rows.get(0));
    }

    private boolean foldsTableNames() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@lower_case_table_names")) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    private List<Column> readColumns(QualifiedName name, String stored, String schemaTest, String tableCollation,
                                     Map<String, String> columnChecks) throws SQLException {
        String sql = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT,"
                + " CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA " + schemaTest + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        List<Column> columns = new ArrayList<>();
        query(sql, name, stored, rs -> columns.add(column(rs, tableCollation, columnChecks)));
        return columns;
    }

    private Column column(ResultSet rs, String tableCollation, Map<String, String> columnChecks) throws SQLException {
        String name = rs.getString("COLUMN_NAME");
        String columnType = rs.getString("COLUMN_TYPE");
        String extra = rs.getString("EXTRA") == null ? "" : rs.getString("EXTRA");
        String lowerExtra = extra.toLowerCase(Locale.ROOT);
        String check = columnChecks.get(name);
        // MariaDB's JSON is LONGTEXT with a JSON_VALID column check, which it adds again when the
        // column is restated as JSON (and drops when it is restated as LONGTEXT)
        boolean json = mariadb && columnType.equalsIgnoreCase("longtext") && check != null
                && check.equalsIgnoreCase("json_valid(`" + name.replace("`", "``") + "`)");
        ColumnType type;
        if (json) {
            type = new ColumnType.JsonType(false);
        } else {
            String collationName = rs.getString("COLLATION_NAME");
            String characterSet = rs.getString("CHARACTER_SET_NAME");
            Optional<String> collation = Optional.ofNullable(collationName)
                    .filter(c -> !c.equals(tableCollation))
                    .map(c -> "CHARACTER SET " + characterSet + " COLLATE " + c);
            Optional<String> virtual = lowerExtra.contains("virtual generated")
                    ? Optional.of(expression(rs.getString("GENERATION_EXPRESSION"))) : Optional.empty();
            Matcher onUpdate = ON_UPDATE.matcher(extra);
            type = new ColumnType.RawType(new MySqlColumnType(columnType, collation, virtual,
                    onUpdate.find() ? Optional.of(onUpdate.group(1)) : Optional.empty(),
                    lowerExtra.contains("invisible"), Optional.ofNullable(check)).toSql());
        }
        Column column = Column.of(name, type).nullable("YES".equals(rs.getString("IS_NULLABLE")));
        if (lowerExtra.contains("stored generated")) {
            column = column.generatedAs(expression(rs.getString("GENERATION_EXPRESSION")));
        } else if (lowerExtra.contains("auto_increment")) {
            column = column.identity(Identity.byDefault());
        } else if (!lowerExtra.contains("virtual generated")) {
            Optional<DefaultValue> value = defaultValue(mariadb, rs.getString("COLUMN_DEFAULT"), extra);
            if (value.isPresent()) {
                column = column.serverDefault(value.get());
            }
        }
        String comment = rs.getString("COLUMN_COMMENT");
        return comment == null || comment.isEmpty() ? column : column.comment(comment);
    }

    /**
     * A column's default from {@code COLUMN_DEFAULT} and {@code EXTRA}, as each server reports it;
     * empty for none (a nullable column's implicit {@code DEFAULT NULL} included).
     */
    static Optional<DefaultValue> defaultValue(boolean mariadbServer, String columnDefault, String extra) {
        if (columnDefault == null) {
            return Optional.empty();
        }
        if (mariadbServer) {
            // already SQL: 'abc', 1.5, b'1', current_timestamp(6), uuid(), (1 + 1)
            return columnDefault.equalsIgnoreCase("NULL") ? Optional.empty()
                    : Optional.of(new DefaultValue.Expression(columnDefault));
        }
        if (extra != null && extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED")) {
            return Optional.of(new DefaultValue.Expression(mysqlExpression(columnDefault)));
        }
        if (BIT_LITERAL.matcher(columnDefault).matches()) {
            return Optional.of(new DefaultValue.Expression(columnDefault));
        }
        return Optional.of(new DefaultValue.Literal(columnDefault));
    }

    /** MySQL escapes quotes in the expressions it reports ({@code _utf8mb4\'abc\'}); MariaDB does not. */
    private String expression(String text) {
        return mariadb ? text : mysqlExpression(text);
    }

    private static String mysqlExpression(String text) {
        return text.replace("\\'", "'");
    }

    /** Check constraints: MariaDB's column-level ones by column, the others as table checks. */
    private void readChecks(QualifiedName name, String stored, String schemaTest, Map<String, String> columnChecks,
                            List<TableElement> checks) throws SQLException {
        // MariaDB names checks per table and says which are a column's; MySQL names them per schema
        String sql = mariadb
                ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA " + schemaTest + " AND TABLE_NAME = ? ORDER BY CONSTRAINT_NAME"
                : "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table' AS LEVEL"
                        + " FROM information_schema.CHECK_CONSTRAINTS cc JOIN information_schema.TABLE_CONSTRAINTS tc"
                        + " ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME"
                        + " WHERE tc.TABLE_SCHEMA " + schemaTest + " AND tc.TABLE_NAME = ?"
                        + " AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY cc.CONSTRAINT_NAME";
        query(sql, name, stored, rs -> {
            String clause = expression(rs.getString("CHECK_CLAUSE"));
            if ("Column".equalsIgnoreCase(rs.getString("LEVEL"))) {
                columnChecks.put(rs.getString("CONSTRAINT_NAME"), clause);
            } else {
                checks.add(CheckConstraint.of(rs.getString("CONSTRAINT_NAME"), clause));
            }
        });
    }

    /** Primary key, unique constraints and foreign keys, with their columns in order. */
    private List<TableElement> readKeys(QualifiedName name, String stored, String schemaTest, String schema)
            throws SQLException {
        String sql = "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME,"
                + " k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE,"
                + " rc.DELETE_RULE FROM information_schema.TABLE_CONSTRAINTS tc"
                + " JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
                + " AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                + " LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc"
                + " ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = tc.TABLE_NAME"
                + " AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                + " WHERE tc.TABLE_SCHEMA " + schemaTest + " AND tc.TABLE_NAME = ?"
                + " AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
                + " ORDER BY tc.CONSTRAINT_NAME, k.ORDINAL_POSITION";
        Map<String, KeyRows> keys = new LinkedHashMap<>();
        query(sql, name, stored, rs -> {
            if (rs.getString("COLUMN_NAME") == null) {
                return; // an expression key part has no column
            }
            KeyRows key = keys.computeIfAbsent(rs.getString("CONSTRAINT_NAME"), n -> new KeyRows());
            key.type = rs.getString("CONSTRAINT_TYPE");
            key.columns.add(rs.getString("COLUMN_NAME"));
            key.referencedSchema = rs.getString("REFERENCED_TABLE_SCHEMA");
            key.referencedTable = rs.getString("REFERENCED_TABLE_NAME");
            if (rs.getString("REFERENCED_COLUMN_NAME") != null) {
                key.referencedColumns.add(rs.getString("REFERENCED_COLUMN_NAME"));
            }
            key.onUpdate = rs.getString("UPDATE_RULE");
            key.onDelete = rs.getString("DELETE_RULE");
        });
        List<TableElement> elements = new ArrayList<>();
        keys.forEach((constraint, key) -> {
            switch (key.type) {
                case "PRIMARY KEY" -> elements.add(new PrimaryKey(Optional.of(constraint), key.columns));
                case "UNIQUE" -> elements.add(new UniqueConstraint(Optional.of(constraint), key.columns,
                        Optional.empty()));
                default -> {
                    QualifiedName referenced = QualifiedName.of(
                            Optional.ofNullable(key.referencedSchema).filter(s -> !s.equals(schema)),
                            key.referencedTable);
                    elements.add(new ForeignKey(Optional.of(constraint), key.columns, referenced,
                            key.referencedColumns, action(key.onDelete), action(key.onUpdate), Optional.empty(),
                            Optional.empty()));
                }
            }
        });
        return elements;
    }

    private static Optional<ReferentialAction> action(String rule) {
        if (rule == null) {
            return Optional.empty();
        }
        for (ReferentialAction action : ReferentialAction.values()) {
            if (action.sql().equalsIgnoreCase(rule)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a query whose parameters are the table's schema (when named) and name, row by row, keeping
     * the rows of the table stored as {@code stored} (null: all): information_schema compares names
     * without regard to case, and the server may not.
     */
    private void query(String sql, QualifiedName name, String stored, Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (name.schema().isPresent()) {
                statement.setString(index++, name.schema().get());
            }
            statement.setString(index, name.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (stored == null || rs.getString("TABLE_NAME").equals(stored)) {
                        row.accept(rs);
                    }
                }
            }
        }
    }

    /** One row of a query. */
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** The rows of one key while they are read. */
    private static final class KeyRows {
        private String type;
        private final List<String> columns = new ArrayList<>();
        private String referencedSchema;
        private String referencedTable;
        private final List<String> referencedColumns = new ArrayList<>();
        private String onUpdate;
        private String onDelete;
    }
}
