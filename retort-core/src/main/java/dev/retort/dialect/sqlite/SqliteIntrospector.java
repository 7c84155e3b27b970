package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.ParsedTable.ParsedView;
import dev.retort.dialect.sqlite.ParsedTable.References;
import dev.retort.dialect.sqlite.ParsedTable.TableClause;
import dev.retort.dialect.sqlite.ParsedTable.TableForeignKey;
import dev.retort.dialect.sqlite.SqliteTableReader.ColumnInfo;
import dev.retort.introspect.CannotReadSchemaException;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.Introspector;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableElement;
import dev.retort.schema.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a SQLite database ({@code main}) into the schema model in two queries whatever the number
 * of tables, three when a foreign key names no columns of a table the filter left out:
 *
 * <ol>
 *   <li>{@code sqlite_master}, and {@code pragma_table_list}: every table, view and index with the
 *       statement that created it, and which tables are virtual or shadow tables;</li>
 *   <li>{@code pragma_table_xinfo} of every table the filter lets through, in one join (the names go
 *       in as one JSON array, so the filter is applied before any column is read);</li>
 *   <li>when needed, the primary keys of the tables that such foreign keys reference.</li>
 * </ol>
 *
 * Each table is then modeled as a rebuild reads it ({@link SqliteTableReader#model}): the pragma's
 * columns, nullability, defaults and primary key, and from the {@code CREATE TABLE} text (through
 * {@link SqliteDdlParser}) constraint names, CHECK conditions, unique constraints, foreign keys with
 * their actions, generated columns, {@code AUTOINCREMENT} and collations; the indexes from their
 * {@code CREATE INDEX} text (partial {@code WHERE}, expressions, {@code DESC}). The indexes SQLite
 * makes for a PRIMARY KEY or UNIQUE constraint ({@code sqlite_autoindex_*}) belong to their
 * constraint and are not read as indexes. Declared types become retort's types where SQLite's
 * spelling of one is unambiguous ({@link SqliteDeclaredTypes}), and a {@code TEXT} column held to
 * its values by the CHECK retort writes for an enum ({@code ck_<table>_<column>_enum}, {@code col IN
 * ('a', 'b')}) is that enum again, named after its column.
 *
 * <p>Left out: SQLite's own tables ({@code sqlite_*}), virtual tables (FTS, R*Tree: the model has no
 * place for a module) with their shadow tables, and triggers, which retort does not model. Also not
 * kept, as the model has no place for them: {@code WITHOUT ROWID} and {@code STRICT}, conflict
 * clauses, whether a generated column is stored or virtual. An AUTOINCREMENT column reads as
 * {@code autoincrement()} whatever its next value ({@code sqlite_sequence} is data).
 *
 * <p>Stateless and thread-safe; the connection is the caller's.
 */
public final class SqliteIntrospector implements Introspector {

    /**
     * The catalog, and the virtual and shadow tables as rows of their own (pragma_table_list joined
     * to sqlite_master row by row would list every table for each: quadratic).
     */
    private static final String MASTER = """
            SELECT m.type, m.name, m.tbl_name, m.sql
            FROM main.sqlite_master m
            WHERE m.type IN ('table', 'view', 'index')
            UNION ALL
            SELECT l.type, l.name, NULL, NULL
            FROM pragma_table_list l
            WHERE l.schema = 'main' AND l.type IN ('virtual', 'shadow')
            ORDER BY 2""";
    /** Before SQLite 3.37 there is no pragma_table_list: virtual tables are known by their statement then. */
    private static final String MASTER_BEFORE_3_37 = """
            SELECT m.type, m.name, m.tbl_name, m.sql
            FROM main.sqlite_master m
            WHERE m.type IN ('table', 'view', 'index')
            ORDER BY m.name""";
    /** IN makes the names one lookup each; a join on json_each would scan sqlite_master for every name. */
    private static final String COLUMNS = """
            SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
            FROM main.sqlite_master m
            JOIN pragma_table_xinfo(m.name, 'main') p
            WHERE m.type = 'table' AND m.name IN (SELECT value FROM json_each(?))
            ORDER BY m.name, p.cid""";
    private static final String PRIMARY_KEYS = """
            SELECT j.value, p.name
            FROM json_each(?) j
            JOIN main.sqlite_master m ON m.type = 'table' AND m.name = j.value COLLATE NOCASE
            JOIN pragma_table_info(m.name, 'main') p
            WHERE p.pk > 0
            ORDER BY j.key, p.pk""";

    private final SqliteDialect dialect;

    SqliteIntrospector(SqliteDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public DatabaseSchema read(Connection connection, IntrospectionFilter filter) throws SQLException {
        if (!filter.schemas().isEmpty()) {
            throw new CannotReadSchemaException("SQLite has no schemas to read besides the database itself (an"
                    + " attached database lasts only for the connection that attached it), and "
                    + String.join(", ", filter.schemas()) + " was asked for; leave out --schema");
        }
        Catalog catalog = catalog(connection, filter);
        Map<String, List<ColumnInfo>> columns = columns(connection, catalog.tables.keySet());

        Map<String, ParsedTable> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : catalog.tables.entrySet()) {
            parsed.put(table.getKey(), parse(table.getKey(), table.getValue()));
        }
        Map<String, List<String>> primaryKeys = primaryKeys(connection, parsed, columns);

        SqliteTableReader reader = new SqliteTableReader(dialect);
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, ParsedTable> entry : parsed.entrySet()) {
            String name = entry.getKey();
            QualifiedName qualified = QualifiedName.of(name);
            List<TableElement> elements;
            try {
                elements = reader.model(qualified, entry.getValue(), columns.getOrDefault(name, List.of()),
                        catalog.indexes.getOrDefault(ExpressionColumns.fold(name), List.of()),
                        referenced -> primaryKeys.getOrDefault(ExpressionColumns.fold(referenced), List.of()),
                        new ArrayList<>()).elements();
            } catch (SQLException | IllegalArgumentException e) {
                // a definition SQLite took that the model cannot hold (UNIQUE (a, a)) or the reader cannot follow
                throw unreadable("table " + name, e.getMessage(), e);
            }
            tables.add(table(qualified, canonicalReferences(portableTypes(name, elements), catalog.allTables,
                    columns)));
        }
        return new DatabaseSchema(List.of(), tables, catalog.views, List.of(), List.of(), List.of());
    }

    // ------------------------------------------------------------------------------------------
    // the queries

    /** The tables the filter lets through with their CREATE statements, their explicit indexes, and the views. */
    private static final class Catalog {
        private final Map<String, String> tables = new LinkedHashMap<>();
        /** CREATE INDEX statements by the folded name of their table. */
        private final Map<String, List<String>> indexes = new TreeMap<>();
        private final List<View> views = new ArrayList<>();
        /** Every table's name, read or not, by its folded name. */
        private final Map<String, String> allTables = new TreeMap<>();
    }

    private Catalog catalog(Connection connection, IntrospectionFilter filter) throws SQLException {
        Catalog catalog = new Catalog();
        List<String[]> rows = master(connection);
        Set<String> special = new HashSet<>();
        for (String[] row : rows) {
            if (row[0].equals("virtual") || row[0].equals("shadow")) {
                special.add(row[1]);
            }
        }
        List<String[]> indexes = new ArrayList<>();
        for (String[] row : rows) {
            String type = row[0];
            String name = row[1];
            String sql = row[3];
            if (sql == null || isInternal(name)) {
                // an index SQLite made for a constraint (sqlite_autoindex_*) has no statement
                continue;
            }
            switch (type) {
                case "table" -> {
                    catalog.allTables.put(ExpressionColumns.fold(name), name);
                    boolean skipped = special.contains(name)
                            || sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, "CREATE VIRTUAL".length());
                    if (!skipped && filter.includesTable(Optional.empty(), name)) {
                        catalog.tables.put(name, sql);
                    }
                }
                case "view" -> {
                    if (filter.includesTable(Optional.empty(), name)) {
                        catalog.views.add(view(name, sql));
                    }
                }
                default -> indexes.add(row);
            }
        }
        Set<String> read = new HashSet<>();
        catalog.tables.keySet().forEach(t -> read.add(ExpressionColumns.fold(t)));
        for (String[] index : indexes) {
            String table = ExpressionColumns.fold(index[2]);
            if (read.contains(table)) {
                catalog.indexes.computeIfAbsent(table, t -> new ArrayList<>()).add(index[3]);
            }
        }
        return catalog;
    }

    private static List<String[]> master(Connection connection) throws SQLException {
        try {
            return rows(connection, MASTER);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("pragma_table_list")) {
                return rows(connection, MASTER_BEFORE_3_37);
            }
            throw e;
        }
    }

    private static List<String[]> rows(Connection connection, String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return rows;
    }

    /** SQLite's own tables and their indexes: sqlite_sequence, sqlite_stat1... */
    private static boolean isInternal(String name) {
        return name.regionMatches(true, 0, "sqlite_", 0, "sqlite_".length());
    }

    /** Every table's {@code PRAGMA table_xinfo} rows, in one query. */
    private static Map<String, List<ColumnInfo>> columns(Connection connection, Set<String> tables)
            throws SQLException {
        Map<String, List<ColumnInfo>> columns = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return columns;
        }
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, jsonArray(tables));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new ColumnInfo(
                            rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3), rs.getInt(4) != 0,
                            rs.getString(5), rs.getInt(6), rs.getInt(7)));
                }
            }
        }
        return columns;
    }

    /**
     * The primary key of every table a foreign key references without naming columns ("REFERENCES
     * parent" means the parent's primary key), by folded name: from the columns already read, and in
     * one more query for the tables the filter left out.
     */
    private static Map<String, List<String>> primaryKeys(Connection connection, Map<String, ParsedTable> parsed,
                                                         Map<String, List<ColumnInfo>> columns) throws SQLException {
        Map<String, List<String>> keys = new TreeMap<>();
        columns.forEach((table, infos) -> {
            Map<Integer, String> key = new TreeMap<>();
            infos.stream().filter(i -> i.primaryKeyPosition() > 0).forEach(i -> key.put(i.primaryKeyPosition(),
                    i.name()));
            keys.put(ExpressionColumns.fold(table), List.copyOf(key.values()));
        });
        Set<String> missing = new java.util.TreeSet<>();
        for (ParsedTable table : parsed.values()) {
            for (References references : references(table)) {
                if (references.columns().isEmpty() && !keys.containsKey(ExpressionColumns.fold(references.table()))) {
                    missing.add(references.table());
                }
            }
        }
        if (missing.isEmpty()) {
            return keys;
        }
        try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEYS)) {
            statement.setString(1, jsonArray(missing));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(ExpressionColumns.fold(rs.getString(1)), t -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        return keys;
    }

    private static List<References> references(ParsedTable table) {
        List<References> references = new ArrayList<>();
        table.columns().forEach(column -> column.clauses().stream()
                .filter(ParsedTable.ColumnReferences.class::isInstance)
                .forEach(clause -> references.add(((ParsedTable.ColumnReferences) clause).references())));
        for (TableClause clause : table.constraints()) {
            if (clause instanceof TableForeignKey key) {
                references.add(key.references());
            }
        }
        return references;
    }

    /** The names as a JSON array of strings, for {@code json_each}: one parameter however many there are. */
    static String jsonArray(Iterable<String> names) {
        StringBuilder json = new StringBuilder("[");
        for (String name : names) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (char c : name.toCharArray()) {
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }

    // ------------------------------------------------------------------------------------------
    // tables and views

    /** The table's CREATE statement taken apart; what a rebuild could not carry over does not matter here. */
    private static ParsedTable parse(String table, String sql) {
        try {
            return SqliteTableReader.parse(sql, new ArrayList<>());
        } catch (SQLException e) {
            throw unreadable("table " + table, e.getMessage(), e);
        }
    }

    private static Table table(QualifiedName name, List<TableElement> elements) {
        try {
            return Table.of(name, elements);
        } catch (IllegalArgumentException e) {
            throw unreadable("table " + name.name(), e.getMessage(), e);
        }
    }

    /**
     * The elements with declared types as retort's types, and each enum's CHECK folded back into
     * its column: a {@code TEXT} column with a check named {@code ck_<table>_<column>_enum} that reads
     * exactly {@code column IN ('value', ...)}, distinct strings only. Anything else stays a check.
     */
    private static List<TableElement> portableTypes(String table, List<TableElement> elements) {
        Map<String, CheckConstraint> enumChecks = new TreeMap<>();
        for (TableElement element : elements) {
            if (element instanceof CheckConstraint check && check.name().isPresent()) {
                enumChecks.put(ExpressionColumns.fold(check.name().get()), check);
            }
        }
        List<TableElement> result = new ArrayList<>();
        Set<CheckConstraint> folded = new HashSet<>();
        for (TableElement element : elements) {
            if (!(element instanceof Column column)) {
                result.add(element);
                continue;
            }
            ColumnType type = column.type() instanceof ColumnType.RawType raw ? SqliteDeclaredTypes.of(raw.sql())
                    : column.type();
            CheckConstraint check = enumChecks.get(ExpressionColumns.fold(SqliteRenderer.enumCheckName(table,
                    column.name())));
            Optional<List<String>> values = type instanceof ColumnType.TextType && check != null
                    ? enumValues(check.condition(), column.name()) : Optional.empty();
            if (values.isPresent()) {
                type = new ColumnType.EnumType(column.name(), values.get());
                folded.add(check);
            }
            result.add(column.withType(type));
        }
        result.removeIf(folded::contains);
        return result;
    }

    /** The values of {@code column IN ('a', 'b', ...)}, when the condition is exactly that. */
    static Optional<List<String>> enumValues(String condition, String column) {
        List<SqliteLexer.Token> tokens;
        try {
            tokens = SqliteLexer.tokenize(condition);
        } catch (SqliteParseException e) {
            return Optional.empty();
        }
        int last = tokens.size() - 1;
        if (tokens.size() < 5 || !(tokens.get(0).kind() == SqliteLexer.Kind.WORD
                || tokens.get(0).kind() == SqliteLexer.Kind.QUOTED_NAME)
                || !ExpressionColumns.fold(tokens.get(0).value()).equals(ExpressionColumns.fold(column))
                || !tokens.get(1).isWord("IN") || !tokens.get(2).isSymbol("(") || !tokens.get(last).isSymbol(")")) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 3; i < last; i += 2) {
            if (tokens.get(i).kind() != SqliteLexer.Kind.STRING) {
                return Optional.empty();
            }
            values.add(tokens.get(i).value());
            boolean separated = i + 1 == last || tokens.get(i + 1).isSymbol(",") && i + 2 < last;
            if (!separated) {
                return Optional.empty();
            }
        }
        return values.stream().distinct().count() == values.size() ? Optional.of(values) : Optional.empty();
    }

    /**
     * The foreign keys with the referenced table and columns named as they are declared: SQLite
     * compares names ignoring ASCII case, so {@code REFERENCES Users (ID)} in the database and
     * {@code REFERENCES users (id)} in the model are the same reference.
     */
    private static List<TableElement> canonicalReferences(List<TableElement> elements, Map<String, String> tables,
                                                          Map<String, List<ColumnInfo>> columns) {
        List<TableElement> result = new ArrayList<>();
        for (TableElement element : elements) {
            if (!(element instanceof ForeignKey key)) {
                result.add(element);
                continue;
            }
            String table = tables.getOrDefault(ExpressionColumns.fold(key.referencedTable().name()),
                    key.referencedTable().name());
            Map<String, String> declared = new TreeMap<>();
            columns.getOrDefault(table, List.of()).forEach(c -> declared.put(ExpressionColumns.fold(c.name()),
                    c.name()));
            result.add(new ForeignKey(key.name(), key.columns(), key.referencedTable().withName(table),
                    key.referencedColumns().stream().map(c -> declared.getOrDefault(ExpressionColumns.fold(c), c))
                            .toList(), key.onDelete(), key.onUpdate(), key.deferrable(), key.match()));
        }
        return result;
    }

    /** A view, its query as SQLite keeps it (the text after AS, as written). */
    private static View view(String name, String sql) {
        ParsedView parsed;
        try {
            parsed = SqliteDdlParser.parseCreateView(sql);
        } catch (SqliteParseException e) {
            throw unreadable("view " + name, e.getMessage(), e);
        }
        if (!parsed.columns().isEmpty()) {
            throw unreadable("view " + name, "it names its columns (" + String.join(", ", parsed.columns())
                    + ") before AS, which retort's views do not keep; name them as aliases in its SELECT instead",
                    null);
        }
        return new View(QualifiedName.of(name), parsed.query());
    }

    private static CannotReadSchemaException unreadable(String what, String why, Exception cause) {
        String name = what.substring(what.indexOf(' ') + 1);
        return new CannotReadSchemaException("retort cannot read " + what + " of the SQLite database: " + why
                + "; leave it out of the comparison with --exclude-table " + name, cause);
    }
}
