package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.ParsedTable.ColumnCheck;
import dev.retort.dialect.sqlite.ParsedTable.ColumnClause;
import dev.retort.dialect.sqlite.ParsedTable.ColumnCollate;
import dev.retort.dialect.sqlite.ParsedTable.ColumnGenerated;
import dev.retort.dialect.sqlite.ParsedTable.ColumnNotNull;
import dev.retort.dialect.sqlite.ParsedTable.ColumnPrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.ColumnReferences;
import dev.retort.dialect.sqlite.ParsedTable.ColumnUnique;
import dev.retort.dialect.sqlite.ParsedTable.IndexedColumn;
import dev.retort.dialect.sqlite.ParsedTable.ParsedColumn;
import dev.retort.dialect.sqlite.ParsedTable.ParsedIndex;
import dev.retort.dialect.sqlite.ParsedTable.References;
import dev.retort.dialect.sqlite.ParsedTable.TableCheck;
import dev.retort.dialect.sqlite.ParsedTable.TableClause;
import dev.retort.dialect.sqlite.ParsedTable.TableForeignKey;
import dev.retort.dialect.sqlite.ParsedTable.TablePrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.TableUnique;
import dev.retort.dialect.sqlite.SqliteTableDefinition.Reference;
import dev.retort.dialect.sqlite.SqliteTableDefinition.Trigger;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.TableElement;
import dev.retort.schema.UniqueConstraint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Reads a table's definition from a live SQLite database: columns, types, nullability, defaults and
 * the primary key from {@code PRAGMA table_xinfo}; the explicit indexes, triggers and views from
 * {@code sqlite_master}; foreign keys that point at the table from {@code PRAGMA foreign_key_list} of
 * every other table; and from the {@code CREATE TABLE} text (through {@link SqliteDdlParser}) what
 * the pragmas leave out: constraint names, CHECK conditions, unique constraints, foreign keys with
 * their MATCH and DEFERRABLE clauses, generated columns, {@code AUTOINCREMENT}, collations and table
 * options.
 *
 * <p>Stateless and thread-safe; each call reads through the connection it is given.
 */
final class SqliteTableReader {

    private final SqliteDialect dialect;

    SqliteTableReader(SqliteDialect dialect) {
        this.dialect = dialect;
    }

    /** The table, or empty when there is none of that name (SQLite compares names ignoring ASCII case). */
    Optional<SqliteTableDefinition> read(Connection connection, QualifiedName name) throws SQLException {
        String schema = name.schema().orElse("main");
        String master = dialect.identifier(schema) + ".sqlite_master";
        Optional<String> createSql = single(connection, "SELECT sql FROM " + master
                + " WHERE type = 'table' AND name = ? COLLATE NOCASE", name.name());
        if (createSql.isEmpty()) {
            return Optional.empty();
        }
        List<String> notKept = new ArrayList<>();
        ParsedTable parsed = parse(createSql.get(), notKept);
        List<String> indexes = all(connection, "SELECT sql FROM " + master + " WHERE type = 'index'"
                + " AND tbl_name = ? COLLATE NOCASE AND sql IS NOT NULL ORDER BY name", name.name());
        Model model;
        Table table;
        try {
            model = model(name, parsed, columns(connection, schema, name.name()), indexes,
                    referenced -> primaryKeyOf(connection, schema, referenced), notKept);
            table = Table.of(name, model.elements());
        } catch (IllegalArgumentException e) {
            throw new SQLException("retort cannot model table " + name + ": " + e.getMessage(), e);
        }
        return Optional.of(new SqliteTableDefinition(table, parsed.withoutRowid(), parsed.strict(),
                triggers(connection, master, name.name()), views(connection, master, name.name()),
                referencedBy(connection, schema, master, name.name()), model.columnLevel(), notKept,
                flag(connection, "PRAGMA foreign_keys"), flag(connection, "PRAGMA legacy_alter_table"), true));
    }

    /** The primary key columns of another table, for a foreign key that names none ("REFERENCES parent"). */
    @FunctionalInterface
    interface PrimaryKeys {
        List<String> of(String table) throws SQLException;
    }

    /**
     * What the model of a table is made of, and which of its constraints were written with a column.
     *
     * @param elements    the table's elements, for {@link Table#of}
     * @param columnLevel the CHECK and REFERENCES constraints written with a column
     */
    record Model(List<TableElement> elements, List<SqliteTableDefinition.ColumnLevel> columnLevel) {
    }

    /**
     * The table's elements from what the catalog says of it: its parsed {@code CREATE TABLE}, its
     * rows of {@code PRAGMA table_xinfo}, and the {@code CREATE INDEX} texts of its explicit indexes.
     * {@link #read} gets them for one table; {@link SqliteIntrospector} for every table at once, so
     * that both model a table alike. Constraints and indexes name columns as the table declares
     * them, whatever case they were written in (SQLite compares names ignoring ASCII case).
     *
     * @param notKept collects what the table declares that a rebuild could not carry over
     */
    Model model(QualifiedName name, ParsedTable parsed, List<ColumnInfo> infos, List<String> indexSqls,
                PrimaryKeys primaryKeys, List<String> notKept) throws SQLException {
        List<TableElement> elements = new ArrayList<>();
        Map<Integer, String> keyOrder = new TreeMap<>();
        Map<String, String> declared = new TreeMap<>();
        for (int i = 0; i < infos.size(); i++) {
            ColumnInfo info = infos.get(i);
            if (info.hidden() == 1) {
                continue;
            }
            ParsedColumn definition = matching(parsed, info.name(), i);
            elements.add(column(info, definition));
            declared.put(ExpressionColumns.fold(info.name()), info.name());
            if (info.primaryKeyPosition() > 0) {
                keyOrder.put(info.primaryKeyPosition(), info.name());
            }
        }
        UnaryOperator<String> canonical = column -> declared.getOrDefault(ExpressionColumns.fold(column), column);
        Optional<String> keyName = Optional.empty();
        List<SqliteTableDefinition.ColumnLevel> columnLevel = new ArrayList<>();
        for (ParsedColumn column : parsed.columns()) {
            String columnName = canonical.apply(column.name());
            for (ColumnClause clause : column.clauses()) {
                for (TableElement element : constraintsOf(primaryKeys, name, columnName, clause, notKept)) {
                    elements.add(element);
                    if (!(clause instanceof ColumnUnique)) {
                        columnLevel.add(new SqliteTableDefinition.ColumnLevel(columnName, (TableConstraint) element));
                    }
                }
                if (clause instanceof ColumnPrimaryKey key && key.name().isPresent()) {
                    keyName = key.name();
                }
            }
        }
        for (TableClause clause : parsed.constraints()) {
            if (clause instanceof TablePrimaryKey key) {
                keyName = key.name();
                key.onConflict().ifPresent(c -> notKept.add("ON CONFLICT " + c + " on its primary key"));
                requirePlain(key.columns(), "its primary key", notKept);
            } else {
                elements.addAll(tableConstraint(primaryKeys, name, clause, canonical, notKept));
            }
        }
        if (!keyOrder.isEmpty()) {
            elements.add(new PrimaryKey(keyName, List.copyOf(keyOrder.values())));
        }
        for (String indexSql : indexSqls) {
            elements.add(index(name, indexSql, canonical));
        }
        return new Model(elements, columnLevel);
    }

    static ParsedTable parse(String createSql, List<String> notKept) throws SQLException {
        if (createSql.regionMatches(true, 0, "CREATE VIRTUAL", 0, "CREATE VIRTUAL".length())) {
            notKept.add("that it is a virtual table (" + createSql.strip() + ")");
            return new ParsedTable(Optional.empty(), "", List.of(), List.of(), false, false, true);
        }
        try {
            return SqliteDdlParser.parseCreateTable(createSql);
        } catch (SqliteParseException e) {
            throw new SQLException("its CREATE TABLE statement cannot be followed: " + e.getMessage(), e);
        }
    }

    /** The parsed definition of the column at {@code position}, found by name if the positions disagree. */
    private static ParsedColumn matching(ParsedTable parsed, String name, int position) {
        if (position < parsed.columns().size() && parsed.columns().get(position).name().equalsIgnoreCase(name)) {
            return parsed.columns().get(position);
        }
        return parsed.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                .orElse(new ParsedColumn(name, "", List.of()));
    }

    private Column column(ColumnInfo info, ParsedColumn definition) {
        String type = info.type.isBlank() ? "BLOB" : info.type;
        Optional<String> collation = Optional.empty();
        boolean autoincrement = false;
        Optional<String> generated = Optional.empty();
        for (ColumnClause clause : definition.clauses()) {
            if (clause instanceof ColumnCollate collate) {
                collation = Optional.of(collate.collation());
            } else if (clause instanceof ColumnPrimaryKey key && key.autoincrement()) {
                autoincrement = true;
            } else if (clause instanceof ColumnGenerated expression) {
                generated = Optional.of(expression.expression());
            }
        }
        // the column's collation travels with its declared type, the one place the model keeps
        // SQL as written; a type change drops it, as PostgreSQL's ALTER TYPE does
        ColumnType columnType = new ColumnType.RawType(collation.map(c -> type + " COLLATE " + collation(c))
                .orElse(type));
        Column column = Column.of(info.name, columnType).nullable(!info.notNull);
        if (autoincrement) {
            return column.autoincrement();
        }
        if (generated.isPresent()) {
            return column.generatedAs(generated.get());
        }
        if (info.defaultValue != null) {
            column = column.serverDefault(defaultValue(info.defaultValue));
        }
        return column;
    }

    /** A default as {@code PRAGMA table_xinfo} reports it: what follows DEFAULT, without outer parentheses. */
    private static DefaultValue defaultValue(String text) {
        List<SqliteLexer.Token> tokens = SqliteLexer.tokenize(text);
        if (tokens.size() == 1 && tokens.get(0).kind() == SqliteLexer.Kind.WORD
                && !SqliteDefaults.isKeywordValue(tokens.get(0).value())) {
            // SQLite takes a bare word after DEFAULT as a string
            return DefaultValue.literal(tokens.get(0).value());
        }
        if (tokens.size() == 1 && (tokens.get(0).kind() == SqliteLexer.Kind.QUOTED_NAME
                || tokens.get(0).kind() == SqliteLexer.Kind.STRING)) {
            // a string, however it was written, so that what a rebuild writes reads back the same
            return DefaultValue.literal(tokens.get(0).value());
        }
        return DefaultValue.expression(text);
    }

    private List<TableElement> constraintsOf(PrimaryKeys primaryKeys, QualifiedName table, String column,
                                             ColumnClause clause, List<String> notKept) throws SQLException {
        if (clause instanceof ColumnUnique unique) {
            unique.onConflict().ifPresent(c -> notKept.add("ON CONFLICT " + c + " on column " + column));
            return List.of(new UniqueConstraint(unique.name(), List.of(column), Optional.empty()));
        }
        if (clause instanceof ColumnCheck check) {
            return List.of(new CheckConstraint(check.name(), check.condition()));
        }
        if (clause instanceof ColumnReferences references) {
            return List.of(foreignKey(primaryKeys, table, references.name(), List.of(column),
                    references.references(), notKept));
        }
        if (clause instanceof ColumnPrimaryKey key) {
            key.onConflict().ifPresent(c -> notKept.add("ON CONFLICT " + c + " on column " + column));
        }
        if (clause instanceof ColumnNotNull notNull) {
            notNull.onConflict().ifPresent(c -> notKept.add("ON CONFLICT " + c + " on column " + column));
        }
        return List.of();
    }

    private List<TableElement> tableConstraint(PrimaryKeys primaryKeys, QualifiedName table, TableClause clause,
                                               UnaryOperator<String> canonical, List<String> notKept)
            throws SQLException {
        if (clause instanceof TableUnique unique) {
            unique.onConflict().ifPresent(c -> notKept.add("ON CONFLICT " + c + " on a unique constraint"));
            requirePlain(unique.columns(), "a unique constraint", notKept);
            return List.of(new UniqueConstraint(unique.name(), unique.columns().stream()
                    .map(c -> c.column().map(canonical).orElse(c.expression())).toList(), Optional.empty()));
        }
        if (clause instanceof TableCheck check) {
            return List.of(new CheckConstraint(check.name(), check.condition()));
        }
        TableForeignKey foreignKey = (TableForeignKey) clause;
        return List.of(foreignKey(primaryKeys, table, foreignKey.name(),
                foreignKey.columns().stream().map(canonical).toList(), foreignKey.references(), notKept));
    }

    private static void requirePlain(List<IndexedColumn> columns, String what, List<String> notKept) {
        for (IndexedColumn column : columns) {
            if (column.column().isEmpty() || column.collation().isPresent() || column.descending()) {
                notKept.add("the key " + column.expression() + column.collation().map(c -> " COLLATE " + c).orElse("")
                        + (column.descending() ? " DESC" : "") + " of " + what);
            }
        }
    }

    private ForeignKey foreignKey(PrimaryKeys primaryKeys, QualifiedName table, Optional<String> name,
                                  List<String> columns, References references, List<String> notKept)
            throws SQLException {
        List<String> referenced = references.columns();
        if (referenced.isEmpty()) {
            // "REFERENCES parent" alone means the parent's primary key
            referenced = primaryKeys.of(references.table());
            if (referenced.size() != columns.size()) {
                notKept.add("a foreign key to " + references.table() + " that names no columns, whose primary key"
                        + " could not be read");
                referenced = columns;
            }
        }
        ForeignKey key = ForeignKey.from(name, columns).references(QualifiedName.of(table.schema(),
                references.table()), referenced.toArray(String[]::new));
        if (references.onDelete().isPresent()) {
            key = key.onDelete(references.onDelete().get());
        }
        if (references.onUpdate().isPresent()) {
            key = key.onUpdate(references.onUpdate().get());
        }
        if (references.match().isPresent()) {
            key = key.match(references.match().get());
        }
        if (references.deferrable().isPresent()) {
            key = key.deferrable(references.deferrable().get());
        }
        return key;
    }

    private Index index(QualifiedName table, String sql, UnaryOperator<String> canonical) throws SQLException {
        ParsedIndex parsed;
        try {
            parsed = SqliteDdlParser.parseCreateIndex(sql);
        } catch (SqliteParseException e) {
            throw new SQLException("the CREATE INDEX statement of one of its indexes cannot be followed: "
                    + e.getMessage(), e);
        }
        List<IndexElement> elements = new ArrayList<>();
        for (IndexedColumn written : parsed.columns()) {
            IndexedColumn key = unwrapped(written);
            IndexElement element;
            if (key.column().isPresent() && key.collation().isEmpty()) {
                element = IndexElement.column(canonical.apply(key.column().get()));
            } else {
                // a collated column stays a column key in SQLite when written "(col COLLATE c)"
                String expression = key.column().map(dialect::identifier).orElse(key.expression());
                element = IndexElement.expression(expression + key.collation().map(c -> " COLLATE " + collation(c))
                        .orElse(""));
            }
            elements.add(key.descending() ? element.desc() : element);
        }
        Index index = new Index(parsed.name(), table, elements, parsed.unique(), parsed.where(), Optional.empty(),
                List.of(), Map.of());
        return index;
    }

    /**
     * The key without the parentheses around it, which an expression key is rendered in: so that
     * {@code lower(title)} stays {@code lower(title)} however often the table is rebuilt, and
     * {@code (pages)} is the column it names.
     */
    private static IndexedColumn unwrapped(IndexedColumn key) {
        String expression = key.expression();
        while (SqliteDefaults.isParenthesized(expression)) {
            expression = expression.substring(1, expression.length() - 1).strip();
        }
        if (expression.equals(key.expression())) {
            return key;
        }
        List<SqliteLexer.Token> tokens = SqliteLexer.tokenize(expression);
        Optional<String> column = tokens.size() == 1 && (tokens.get(0).kind() == SqliteLexer.Kind.WORD
                || tokens.get(0).kind() == SqliteLexer.Kind.QUOTED_NAME) ? Optional.of(tokens.get(0).value())
                : Optional.empty();
        return new IndexedColumn(expression, column, key.collation(), key.descending());
    }

    /** A collation's name as people write it: bare (NOCASE, RTRIM), quoted only when it must be. */
    private String collation(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : dialect.quote(name);
    }

    private static List<String> primaryKeyOf(Connection connection, String schema, String table)
            throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0")) {
            statement.setString(1, table);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    key.put(rs.getInt(2), rs.getString(1));
                }
            }
        }
        return List.copyOf(key.values());
    }

    static List<ColumnInfo> columns(Connection connection, String schema, String table) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?, ?) ORDER BY cid")) {
            statement.setString(1, table);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2),
                            rs.getInt(3) != 0, rs.getString(4), rs.getInt(5), rs.getInt(6)));
                }
            }
        }
        return columns;
    }

    private static List<Trigger> triggers(Connection connection, String master, String table) throws SQLException {
        List<Trigger> triggers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, sql FROM " + master
                + " WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE ORDER BY rowid")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    triggers.add(new Trigger(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return triggers;
    }

    /** The views that name the table and compile now, so that a rebuild can check they still do. */
    private List<String> views(Connection connection, String master, String table) throws SQLException {
        List<String> views = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, sql FROM " + master
                + " WHERE type = 'view' ORDER BY name")) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String sql = rs.getString(2);
                    boolean names;
                    try {
                        names = ExpressionColumns.mentions(sql, table);
                    } catch (SqliteParseException e) {
                        names = true;
                    }
                    if (names) {
                        views.add(rs.getString(1));
                    }
                }
            }
        }
        List<String> compiling = new ArrayList<>();
        for (String view : views) {
            try (Statement probe = connection.createStatement()) {
                probe.executeQuery("SELECT * FROM " + dialect.identifier(view) + " LIMIT 0").close();
                compiling.add(view);
            } catch (SQLException e) {
                // already broken before the rebuild: not ours to check afterwards
            }
        }
        return compiling;
    }

    private static List<Reference> referencedBy(Connection connection, String schema, String master, String table)
            throws SQLException {
        // foreign_key_list numbers a table's keys from the last declared: id DESC is the order they were written
        Map<String, Map<Integer, List<String[]>>> keys = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT m.name, f.id, f.\"from\", f.\"to\""
                + " FROM " + master + " m JOIN pragma_foreign_key_list(m.name, ?) f"
                + " WHERE m.type = 'table' AND m.name <> ? COLLATE NOCASE AND f.\"table\" = ? COLLATE NOCASE"
                + " ORDER BY m.name, f.id DESC, f.seq")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), t -> new TreeMap<>(Comparator.reverseOrder()))
                            .computeIfAbsent(rs.getInt(2), id -> new ArrayList<>())
                            .add(new String[] {rs.getString(3), rs.getString(4)});
                }
            }
        }
        List<Reference> references = new ArrayList<>();
        keys.forEach((child, byId) -> byId.values().forEach(pairs -> {
            List<String> from = pairs.stream().map(p -> p[0]).toList();
            List<String> to = pairs.stream().anyMatch(p -> p[1] == null) ? List.of()
                    : pairs.stream().map(p -> p[1]).toList();
            references.add(new Reference(child, from, to));
        }));
        return references;
    }

    private static boolean flag(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(pragma)) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    private static Optional<String> single(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = all(connection, sql, parameter);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static List<String> all(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** One row of {@code PRAGMA table_xinfo}. */
    record ColumnInfo(String name, String type, boolean notNull, String defaultValue, int primaryKeyPosition,
                              int hidden) {
    }
}
