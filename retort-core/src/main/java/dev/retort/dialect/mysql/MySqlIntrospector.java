package dev.retort.dialect.mysql;

import dev.retort.RetortException;
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
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MySQL 8 and MariaDB 10.6+ through {@code information_schema}, in the same few queries
 * whatever the number of tables: the databases with the server's defaults, tables (with views and
 * MariaDB's sequences), columns, index key parts (primary keys, unique keys and indexes alike, from
 * {@code STATISTICS}), foreign-key columns, foreign-key rules, checks; then the definitions of
 * views when the filter let views through, and the options of MariaDB's sequences when there are
 * sequences (one {@code UNION ALL} of them all). Nine queries at most.
 *
 * <p>Each {@code information_schema} table is queried on its own and the rows are put together in
 * Java: MariaDB materializes each one it joins, so on 1,000 tables {@code KEY_COLUMN_USAGE} joined
 * with {@code REFERENTIAL_CONSTRAINTS} took 650 ms where the two queries apart took 36 and 28 ms.
 *
 * <p>The filter is applied to the names in {@code TABLES} before any detail is read. The details of
 * the tables it let through are then asked for by {@code TABLE_NAME IN (...)} when they are few (at
 * most {@value #LARGEST_NAME_LIST}, and at most half of the tables there are), and otherwise for
 * the whole database, the rows of the other tables dropped in Java: measured on 1,000 tables,
 * {@code COLUMNS} took 2.5 ms for 10 names, 30 ms for 500 names, 185 ms for all 1,000, and 44 ms for
 * the whole database without a list.
 *
 * <p>What the model gets, so that two readings of one definition are equal and a table retort
 * created reads back as it was declared:
 * <ul>
 *   <li>Types as retort's own where the server spells them exactly as {@link MySqlDialect#typeName}
 *       writes them ({@code tinyint(1)} is {@code bool()}, {@code longtext} is {@code text()},
 *       {@code datetime(6)} is {@code timestamp()}, {@code char(36)} stays {@code character(36)}: see
 *       {@link MySqlColumnType#portable}); anything else, or a column with a character set other
 *       than its table's, {@code ON UPDATE}, invisibility, a virtual generation or a MariaDB column
 *       check, as the raw spelling that restates it whole. MariaDB's JSON is {@code LONGTEXT} with a
 *       {@code json_valid} column check, read back as {@code json()} without the check.</li>
 *   <li>Defaults as each server prints them (see {@link #defaultValue}); {@code AUTO_INCREMENT} as an
 *       identity without a start, since {@code TABLES.AUTO_INCREMENT} is the next value, which every
 *       insert moves.</li>
 *   <li>The primary key is named {@code PRIMARY}, as every one is here. A unique key on whole columns
 *       in ascending order is a unique constraint (MySQL lists it in {@code TABLE_CONSTRAINTS} and
 *       {@code STATISTICS} alike; it is read once); one with a prefix, a descending part, an
 *       expression or another method is a unique index. A key prefix is the key part
 *       {@code `col`(10)}. {@code BTREE} is no method, as it is the default.</li>
 *   <li>The index InnoDB makes for a foreign key that no index served is an index like any other,
 *       named as InnoDB names it: the server never drops it with the key, so only a model that has it
 *       can plan its {@code DROP INDEX} after a {@code DROP FOREIGN KEY}, and its
 *       {@code CREATE INDEX} before the key is added to a table that has rows. {@code SHOW CREATE
 *       TABLE} shows it too.</li>
 *   <li>{@code RESTRICT} and {@code NO ACTION} are no action: InnoDB acts alike on both, and MariaDB
 *       reports {@code RESTRICT} for a key that named no action.</li>
 *   <li>A table's engine is an option only where it is not the server's {@code default_storage_engine},
 *       its collation only where it is not its database's default: the scratch database a model is
 *       read from gets the target database's defaults, so a table that leaves them alone reads alike
 *       on both sides.</li>
 *   <li>A view's definition without its database's name ({@code `app`.`users`.`id`} is
 *       {@code `users`.`id`}), as the server qualifies every name with it.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; the connection is the caller's.
 */
public final class MySqlIntrospector implements Introspector {

    /** The most table names a detail query lists; with more, it reads the whole database. */
    static final int LARGEST_NAME_LIST = 200;

    private static final Pattern ON_UPDATE = Pattern.compile("(?i)\\bon update (\\S+)");
    private static final Pattern BIT_LITERAL = Pattern.compile("(?i)b'[01]*'|0x[0-9a-f]+");

    @Override
    public DatabaseSchema read(Connection connection, IntrospectionFilter filter) throws SQLException {
        Reading reading = new Reading(connection, filter.schemas());
        if (reading.defaultSchema.startsWith(MySqlScratchDatabase.PREFIX) && !reading.otherSchemas.isEmpty()) {
            throw new RetortException("A model is read from a scratch database, which holds the tables of one "
                    + reading.product + " database; a model's tables in other databases (" + String.join(", ",
                    reading.otherSchemas) + ") would be made in those very databases of the server, which no"
                    + " rollback undoes. Compare one database at a time: leave out autogenerate_schemas and name"
                    + " each database in the URL");
        }
        List<TableRow> rows = reading.tables(Optional.empty());
        Map<String, TableRow> tables = new LinkedHashMap<>();
        List<TableRow> views = new ArrayList<>();
        List<TableRow> sequences = new ArrayList<>();
        int baseTables = 0;
        for (TableRow row : rows) {
            boolean included = filter.includesTable(reading.schemaOf(row.schema), row.name);
            switch (row.type) {
                case "BASE TABLE" -> {
                    baseTables++;
                    if (included) {
                        tables.put(row.key(), row);
                    }
                }
                case "VIEW" -> {
                    if (included) {
                        views.add(row);
                    }
                }
                case "SEQUENCE" -> sequences.add(row);
                case "SYSTEM VERSIONED" -> {
                    if (included) {
                        throw new RetortException("Table " + reading.name(row.schema, row.name) + " is system-"
                                + "versioned (WITH SYSTEM VERSIONING), which retort's model cannot hold; leave it out"
                                + " with autogenerate_exclude_tables = [\"" + row.name + "\"]");
                    }
                }
                default -> {
                    // temporary tables of this session: not part of the schema
                }
            }
        }
        boolean byName = tables.size() <= LARGEST_NAME_LIST && tables.size() * 2 <= baseTables;
        List<Table> read = reading.details(tables, byName);
        return new DatabaseSchema(reading.otherSchemas, read, reading.views(views), List.of(),
                reading.sequences(sequences), List.of());
    }

    /**
     * One table, for rendering ({@link MySqlDialect#readTable}): the same reading restricted to its
     * name. The name as given; where the server folds table names to lower case
     * ({@code lower_case_table_names}, as on Windows and macOS), the one that differs only in case.
     */
    Optional<Table> readTable(Connection connection, QualifiedName name) throws SQLException {
        Reading reading = new Reading(connection, name.schema().map(List::of).orElse(List.of()));
        String schema = name.schema().orElse(reading.defaultSchema);
        List<TableRow> rows = reading.tables(Optional.of(name.name())).stream()
                .filter(row -> row.schema.equals(schema) && row.type.equals("BASE TABLE")).toList();
        Optional<TableRow> exact = rows.stream().filter(row -> row.name.equals(name.name())).findFirst();
        Optional<TableRow> row = exact.isPresent() || rows.size() != 1 || !reading.foldsNames ? exact
                : Optional.of(rows.get(0));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Map<String, TableRow> tables = Map.of(row.get().key(), row.get());
        return reading.details(tables, true).stream().findFirst();
    }

    /**
     * A column's default from {@code COLUMN_DEFAULT} and {@code EXTRA}, as each server reports it;
     * empty for none (a nullable column's implicit {@code DEFAULT NULL} included). MariaDB 10.2.7+
     * gives each default as SQL ({@code 'abc'}, {@code 1}, {@code NULL}, {@code current_timestamp(6)}),
     * MySQL 8 gives a literal's value unquoted and marks expressions {@code DEFAULT_GENERATED} in
     * {@code EXTRA}.
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
    private static String mysqlExpression(String text) {
        return text.replace("\\'", "'");
    }

    private static Optional<ReferentialAction> action(String rule) {
        if (rule == null || rule.equalsIgnoreCase("RESTRICT") || rule.equalsIgnoreCase("NO ACTION")) {
            return Optional.empty();
        }
        for (ReferentialAction action : ReferentialAction.values()) {
            if (action.sql().equalsIgnoreCase(rule)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    private static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }

    // ------------------------------------------------------------------------------------------

    /** A row of {@code TABLES}. */
    private record TableRow(String schema, String name, String type, String engine, String collation,
                            String comment) {
        String key() {
            return MySqlIntrospector.key(schema, name);
        }
    }

    /** A row of {@code STATISTICS}: one key part of an index. */
    private record KeyPart(String column, String expression, Long prefix, boolean descending, boolean unique,
                           String indexType) {
    }

    /** A row of {@code KEY_COLUMN_USAGE} with its key's rules from {@code REFERENTIAL_CONSTRAINTS}. */
    private record ForeignKeyColumn(String column, String referencedSchema, String referencedTable,
                                    String referencedColumn, String updateRule, String deleteRule) {
    }

    /** What is read of one table, before it is put together. */
    private static final class Parts {
        private final TableRow row;
        private final List<Column> columns = new ArrayList<>();
        private final Map<String, List<KeyPart>> indexes = new LinkedHashMap<>();
        private final Map<String, List<ForeignKeyColumn>> foreignKeys = new LinkedHashMap<>();
        private final Map<String, String> columnChecks = new HashMap<>();
        private final List<CheckConstraint> checks = new ArrayList<>();

        Parts(TableRow row) {
            this.row = row;
        }
    }

    /** One introspection: the connection, which server it is, its defaults and the databases read. */
    private static final class Reading {
        private final Connection connection;
        private final boolean mariadb;
        private final String product;
        private final String defaultSchema;
        private final String defaultEngine;
        private final boolean foldsNames;
        /** Databases read, with their default collation; the default one first. */
        private final Map<String, String> collations = new LinkedHashMap<>();
        /** The databases asked for besides the default one that exist. */
        private final List<String> otherSchemas = new ArrayList<>();
        private final MySqlDialect dialect;

        Reading(Connection connection, List<String> schemas) throws SQLException {
            this.connection = connection;
            String version = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
            // the server, not the dialect: MariaDB reached through MySQL's driver is still MariaDB
            this.mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
            this.product = mariadb ? "MariaDB" : "MySQL";
            this.dialect = new MySqlDialect(mariadb);
            Set<String> asked = new LinkedHashSet<>(schemas);
            String sql = "SELECT DATABASE(), @@default_storage_engine, @@lower_case_table_names, s.SCHEMA_NAME,"
                    + " s.DEFAULT_COLLATION_NAME FROM (SELECT 1 AS one) one LEFT JOIN information_schema.SCHEMATA s"
                    + " ON s.SCHEMA_NAME = DATABASE()" + (asked.isEmpty() ? ""
                    : " OR s.SCHEMA_NAME IN (" + placeholders(asked.size()) + ")");
            String current = null;
            String engine = "InnoDB";
            int folds = 0;
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (String schema : asked) {
                    statement.setString(index++, schema);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        current = rs.getString(1);
                        engine = rs.getString(2);
                        folds = rs.getInt(3);
                        if (rs.getString(4) != null) {
                            found.put(rs.getString(4), rs.getString(5));
                        }
                    }
                }
            }
            if (current == null) {
                throw new RetortException("Reading the schema of a " + product + " server needs a database: the"
                        + " connection has none selected; name it in the URL (jdbc:" + (mariadb ? "mariadb" : "mysql")
                        + "://HOST:3306/DATABASE)");
            }
            this.defaultSchema = current;
            this.defaultEngine = engine;
            this.foldsNames = folds != 0;
            collations.put(current, found.get(current));
            for (String schema : asked) {
                if (!schema.equals(current) && found.containsKey(schema)) {
                    collations.put(schema, found.get(schema));
                    otherSchemas.add(schema);
                }
            }
        }

        Optional<String> schemaOf(String schema) {
            return schema.equals(defaultSchema) ? Optional.empty() : Optional.of(schema);
        }

        QualifiedName name(String schema, String table) {
            return QualifiedName.of(schemaOf(schema), table);
        }

        /** The rows of {@code TABLES} in the databases read (only those of one name, when given). */
        List<TableRow> tables(Optional<String> only) throws SQLException {
            String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT"
                    + " FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + placeholders(collations.size())
                    + ")" + (only.isPresent() ? " AND TABLE_NAME = ?" : "");
            List<TableRow> rows = new ArrayList<>();
            List<String> parameters = new ArrayList<>(collations.keySet());
            only.ifPresent(parameters::add);
            query(sql, parameters, rs -> rows.add(new TableRow(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6))));
            // information_schema sorts names without regard to case, and T and t may both exist
            rows.sort(Comparator.comparing(TableRow::schema).thenComparing(TableRow::name));
            return rows;
        }

        /** The tables, read in full: columns, keys, indexes, checks. */
        List<Table> details(Map<String, TableRow> tables, boolean byName) throws SQLException {
            if (tables.isEmpty()) {
                return List.of();
            }
            Map<String, Parts> parts = new LinkedHashMap<>();
            tables.forEach((key, row) -> parts.put(key, new Parts(row)));
            Set<String> schemas = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            tables.values().forEach(row -> {
                schemas.add(row.schema);
                names.add(row.name);
            });
            Restriction where = new Restriction(schemas, byName ? names : Set.of());

            checks(where, parts);
            columns(where, parts);
            keyParts(where, parts);
            foreignKeys(where, parts);

            List<Table> result = new ArrayList<>();
            for (Parts table : parts.values()) {
                result.add(assemble(table));
            }
            return result;
        }

        // --------------------------------------------------------------------------------------

        /** {@code TABLE_SCHEMA IN (...) [AND TABLE_NAME IN (...)]} for one table's columns of schema and name. */
        private record Restriction(Set<String> schemas, Set<String> names) {
            String sql(String schemaColumn, String tableColumn) {
                return schemaColumn + " IN (" + placeholders(schemas.size()) + ")" + (names.isEmpty() ? ""
                        : " AND " + tableColumn + " IN (" + placeholders(names.size()) + ")");
            }

            List<String> parameters() {
                List<String> all = new ArrayList<>(schemas);
                all.addAll(names);
                return all;
            }
        }

        /** Check constraints: MariaDB's column-level ones by column, the others as table checks. */
        private void checks(Restriction where, Map<String, Parts> parts) throws SQLException {
            // MariaDB names checks per table and says which are a column's; MySQL names them per database,
            // so its CHECK_CONSTRAINTS needs TABLE_CONSTRAINTS for the table (MySQL 8's information_schema
            // is views of its data dictionary: joins cost little there)
            String sql = mariadb
                    ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL"
                            + " FROM information_schema.CHECK_CONSTRAINTS WHERE "
                            + where.sql("CONSTRAINT_SCHEMA", "TABLE_NAME") + " ORDER BY CONSTRAINT_NAME"
                    : "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table'"
                            + " FROM information_schema.CHECK_CONSTRAINTS cc"
                            + " JOIN information_schema.TABLE_CONSTRAINTS tc"
                            + " ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA"
                            + " AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME"
                            + " WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND " + where.sql("tc.TABLE_SCHEMA", "tc.TABLE_NAME")
                            + " ORDER BY cc.CONSTRAINT_NAME";
            query(sql, where.parameters(), rs -> {
                Parts table = parts.get(key(rs.getString(1), rs.getString(2)));
                if (table == null) {
                    return;
                }
                String clause = expression(rs.getString(4));
                if ("Column".equalsIgnoreCase(rs.getString(5))) {
                    table.columnChecks.put(rs.getString(3), clause);
                } else {
                    table.checks.add(CheckConstraint.of(rs.getString(3), clause));
                }
            });
        }

        private void columns(Restriction where, Map<String, Parts> parts) throws SQLException {
            String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
                    + " EXTRA, COLUMN_COMMENT, CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION"
                    + " FROM information_schema.COLUMNS WHERE " + where.sql("TABLE_SCHEMA", "TABLE_NAME")
                    + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
            query(sql, where.parameters(), rs -> {
                Parts table = parts.get(key(rs.getString(1), rs.getString(2)));
                if (table != null) {
                    table.columns.add(column(rs, table));
                }
            });
        }

        private Column column(ResultSet rs, Parts table) throws SQLException {
            String name = rs.getString(3);
            String columnType = rs.getString(4);
            String extra = rs.getString(7) == null ? "" : rs.getString(7);
            String lowerExtra = extra.toLowerCase(Locale.ROOT);
            String check = table.columnChecks.get(name);
            // MariaDB's JSON is LONGTEXT with a json_valid column check, which it adds itself for JSON
            boolean json = mariadb && columnType.equalsIgnoreCase("longtext") && check != null
                    && check.equalsIgnoreCase("json_valid(" + dialect.quote(name) + ")");
            boolean autoIncrement = lowerExtra.contains("auto_increment");
            ColumnType type;
            if (json) {
                type = new ColumnType.JsonType(false);
            } else {
                String collation = rs.getString(10);
                String characterSet = rs.getString(9);
                Optional<String> otherCollation = Optional.ofNullable(collation)
                        .filter(c -> !c.equals(table.row.collation))
                        .map(c -> "CHARACTER SET " + characterSet + " COLLATE " + c);
                Optional<String> virtual = lowerExtra.contains("virtual generated")
                        ? Optional.of(expression(rs.getString(11))) : Optional.empty();
                Matcher onUpdate = ON_UPDATE.matcher(extra);
                MySqlColumnType parsed = new MySqlColumnType(columnType, otherCollation, virtual,
                        onUpdate.find() ? Optional.of(onUpdate.group(1)) : Optional.empty(),
                        lowerExtra.contains("invisible"), Optional.ofNullable(check));
                type = parsed.toColumnType();
                if (autoIncrement && !(type instanceof ColumnType.IntegerType)) {
                    // AUTO_INCREMENT on TINYINT(1) or FLOAT: the model's identities are integers or raw
                    type = new ColumnType.RawType(parsed.toSql());
                }
            }
            Column column = Column.of(name, type).nullable("YES".equals(rs.getString(5)));
            if (lowerExtra.contains("stored generated")) {
                column = column.generatedAs(expression(rs.getString(11)));
            } else if (autoIncrement) {
                column = column.identity(Identity.byDefault());
            } else if (!lowerExtra.contains("virtual generated")) {
                Optional<DefaultValue> value = defaultValue(mariadb, rs.getString(6), extra)
                        .map(this::withoutOwnDatabase);
                if (value.isPresent()) {
                    column = column.serverDefault(value.get());
                }
            }
            String comment = rs.getString(8);
            return comment == null || comment.isEmpty() ? column : column.comment(comment);
        }

        /**
         * A default without the name of the database read: MariaDB qualifies a sequence with it
         * ({@code nextval(`app`.`ticket_numbers`)}), which read from a scratch database named the
         * scratch one, dropped after the comparison.
         */
        private DefaultValue withoutOwnDatabase(DefaultValue value) {
            return value instanceof DefaultValue.Expression expression
                    ? new DefaultValue.Expression(expression.sql().replace(dialect.quote(defaultSchema) + ".", ""))
                    : value;
        }

        private void keyParts(Restriction where, Map<String, Parts> parts) throws SQLException {
            // MySQL 8.0.13+ has functional key parts, in a column MariaDB does not have
            String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART,"
                    + " INDEX_TYPE" + (mariadb ? ", NULL" : ", EXPRESSION") + " FROM information_schema.STATISTICS"
                    + " WHERE " + where.sql("TABLE_SCHEMA", "TABLE_NAME")
                    + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
            query(sql, where.parameters(), rs -> {
                Parts table = parts.get(key(rs.getString(1), rs.getString(2)));
                if (table == null) {
                    return;
                }
                long prefix = rs.getLong(7);
                Long subPart = rs.wasNull() ? null : prefix;
                table.indexes.computeIfAbsent(rs.getString(3), n -> new ArrayList<>()).add(new KeyPart(
                        rs.getString(5), rs.getString(9), subPart, "D".equals(rs.getString(6)), rs.getInt(4) == 0,
                        rs.getString(8)));
            });
        }

        private void foreignKeys(Restriction where, Map<String, Parts> parts) throws SQLException {
            Map<String, String[]> rules = new HashMap<>();
            String rulesSql = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
                    + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
                    + where.sql("CONSTRAINT_SCHEMA", "TABLE_NAME");
            query(rulesSql, where.parameters(), rs -> rules.put(key(key(rs.getString(1), rs.getString(2)),
                    rs.getString(3)), new String[] {rs.getString(4), rs.getString(5)}));
            if (rules.isEmpty()) {
                return;
            }
            String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
                    + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE REFERENCED_TABLE_NAME IS NOT NULL AND " + where.sql("TABLE_SCHEMA", "TABLE_NAME")
                    + " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";
            query(sql, where.parameters(), rs -> {
                String table = key(rs.getString(1), rs.getString(2));
                Parts owner = parts.get(table);
                String[] rule = rules.get(key(table, rs.getString(3)));
                if (owner == null || rule == null) {
                    return;
                }
                owner.foreignKeys.computeIfAbsent(rs.getString(3), n -> new ArrayList<>()).add(new ForeignKeyColumn(
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rule[0], rule[1]));
            });
        }

        private Table assemble(Parts table) {
            QualifiedName name = name(table.row.schema, table.row.name);
            Optional<PrimaryKey> primaryKey = Optional.empty();
            List<UniqueConstraint> uniques = new ArrayList<>();
            List<Index> indexes = new ArrayList<>();
            for (Map.Entry<String, List<KeyPart>> entry : table.indexes.entrySet()) {
                String indexName = entry.getKey();
                List<KeyPart> keyParts = entry.getValue();
                boolean unique = keyParts.get(0).unique();
                String method = keyParts.get(0).indexType() == null ? "BTREE" : keyParts.get(0).indexType();
                boolean wholeColumns = keyParts.stream().allMatch(p -> p.column() != null && p.prefix() == null
                        && !p.descending());
                List<String> columns = keyParts.stream().map(KeyPart::column).toList();
                if (indexName.equals("PRIMARY")) {
                    primaryKey = Optional.of(new PrimaryKey(Optional.of(indexName), columns));
                } else if (unique && wholeColumns && method.equalsIgnoreCase("BTREE")) {
                    uniques.add(new UniqueConstraint(Optional.of(indexName), columns, Optional.empty()));
                } else {
                    indexes.add(new Index(indexName, name, keyParts.stream().map(this::element).toList(), unique,
                            Optional.empty(), method.equalsIgnoreCase("BTREE") ? Optional.empty()
                            : Optional.of(method.toLowerCase(Locale.ROOT)), List.of(), Map.of()));
                }
            }
            List<ForeignKey> foreignKeys = new ArrayList<>();
            table.foreignKeys.forEach((constraint, rows) -> {
                ForeignKeyColumn first = rows.get(0);
                foreignKeys.add(new ForeignKey(Optional.of(constraint), rows.stream().map(ForeignKeyColumn::column)
                        .toList(), name(first.referencedSchema(), first.referencedTable()), rows.stream()
                        .map(ForeignKeyColumn::referencedColumn).toList(), action(first.deleteRule()),
                        action(first.updateRule()), Optional.empty(), Optional.empty()));
            });
            Map<String, String> options = new LinkedHashMap<>();
            if (table.row.engine != null && !table.row.engine.equalsIgnoreCase(defaultEngine)) {
                options.put("ENGINE", table.row.engine);
            }
            String schemaCollation = collations.get(table.row.schema);
            if (table.row.collation != null && !table.row.collation.equals(schemaCollation)) {
                options.put("COLLATE", table.row.collation);
            }
            Optional<String> comment = Optional.ofNullable(table.row.comment).filter(c -> !c.isEmpty());
            return new Table(name, table.columns, primaryKey, uniques, table.checks, foreignKeys, indexes, comment,
                    Map.of(), options);
        }

        /** A key part: a column, a prefix of one ({@code `col`(10)}), or MySQL's expression. */
        private IndexElement element(KeyPart part) {
            IndexElement element;
            if (part.column() == null) {
                element = IndexElement.expression(mysqlExpression(part.expression()));
            } else if (part.prefix() != null) {
                element = IndexElement.expression(dialect.quote(part.column()) + "(" + part.prefix() + ")");
            } else {
                element = IndexElement.column(part.column());
            }
            return part.descending() ? element.desc() : element;
        }

        /** Views of those let through, with definitions as the server prints them, less the default database. */
        List<View> views(List<TableRow> rows) throws SQLException {
            if (rows.isEmpty()) {
                return List.of();
            }
            Set<String> schemas = new LinkedHashSet<>();
            Set<String> wanted = new LinkedHashSet<>();
            rows.forEach(row -> {
                schemas.add(row.schema);
                wanted.add(row.key());
            });
            String qualifier = dialect.quote(defaultSchema) + ".";
            List<View> views = new ArrayList<>();
            String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS"
                    + " WHERE TABLE_SCHEMA IN (" + placeholders(schemas.size()) + ")";
            query(sql, List.copyOf(schemas), rs -> {
                if (!wanted.contains(key(rs.getString(1), rs.getString(2)))) {
                    return;
                }
                String definition = rs.getString(3);
                if (definition == null || definition.isBlank()) {
                    throw new RetortException("The definition of view " + name(rs.getString(1),
                            rs.getString(2)) + " cannot be read: " + product + " shows it only to a user"
                            + " with the SHOW VIEW privilege on it (or its definer); grant it, or leave the"
                            + " view out with autogenerate_exclude_tables");
                }
                views.add(new View(name(rs.getString(1), rs.getString(2)),
                        definition.replace(qualifier, "").strip()));
            });
            views.sort(Comparator.comparing(view -> view.name().toString()));
            return views;
        }

        /**
         * MariaDB's sequences, with the options that are not the defaults, in one query: there is no
         * {@code information_schema} table of them, but each sequence reads as a one-row table.
         */
        List<Sequence> sequences(List<TableRow> rows) throws SQLException {
            if (rows.isEmpty()) {
                return List.of();
            }
            List<String> selects = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                TableRow row = rows.get(i);
                selects.add("SELECT " + i + ", start_value, minimum_value, maximum_value, increment, cycle_option,"
                        + " cache_size FROM " + dialect.quote(row.schema) + "." + dialect.quote(row.name));
            }
            Sequence[] sequences = new Sequence[rows.size()];
            query(String.join(" UNION ALL ", selects), List.of(), rs -> {
                TableRow row = rows.get(rs.getInt(1));
                long increment = rs.getLong(5);
                long min = rs.getLong(3);
                long max = rs.getLong(4);
                // MariaDB's defaults: 1 to 2^63 - 2 ascending, -(2^63 - 1) to -1 descending, cache 1000
                sequences[rs.getInt(1)] = new Sequence(name(row.schema, row.name),
                        unless(rs.getLong(2), increment > 0 ? min : max), unless(increment, 1),
                        unless(min, increment > 0 ? 1 : -Long.MAX_VALUE),
                        unless(max, increment > 0 ? Long.MAX_VALUE - 1 : -1), rs.getLong(6) != 0,
                        unless(rs.getLong(7), 1000));
            });
            return List.of(sequences);
        }

        private static OptionalLong unless(long value, long standard) {
            return value == standard ? OptionalLong.empty() : OptionalLong.of(value);
        }

        /** MySQL escapes quotes in the expressions it reports; MariaDB does not. */
        private String expression(String text) {
            return mariadb ? text : mysqlExpression(text);
        }

        private void query(String sql, Collection<String> parameters, Row row) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (String parameter : parameters) {
                    statement.setString(index++, parameter);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** One row of a query. */
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }
}
