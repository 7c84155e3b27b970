package dev.retort.dialect.mysql;

import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateSchema;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropSchema;
import dev.retort.ops.DropSequence;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.SetTableOptions;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MySQL's and MariaDB's spelling of operations. What sets them apart from the base renderer:
 *
 * <ul>
 *   <li>Comments are part of the definitions ({@code COMMENT '...'} on a column, {@code COMMENT = '...'}
 *       on a table): there is no {@code COMMENT ON}.</li>
 *   <li>A column is changed by restating all of it ({@code MODIFY COLUMN}, {@code CHANGE COLUMN}), and
 *       what the restatement leaves out is lost: its nullability, default, comment, character set...
 *       Online, the column is read from the database and the change applied to it; offline, the
 *       revision must say what the column is now ({@link AlterColumn#existing}). A new default alone
 *       ({@code ALTER COLUMN ... SET DEFAULT}) and a rename alone ({@code RENAME COLUMN}) need neither.</li>
 *   <li>Each kind of constraint is dropped its own way ({@code DROP FOREIGN KEY}, {@code DROP INDEX},
 *       {@code DROP CHECK}, {@code DROP PRIMARY KEY}), so the kind is read from the database when the
 *       revision does not give it.</li>
 *   <li>Indexes are named within their table, and there are no partial indexes, {@code INCLUDE}
 *       columns or operator classes.</li>
 * </ul>
 *
 * DDL is not transactional here: each statement commits by itself, so a migration that fails
 * halfway keeps what ran before the failure. The runner says so; the renderer has nothing to add.
 */
final class MySqlRenderer extends OperationRenderer {

    private static final Set<String> METHODS = Set.of("btree", "hash", "fulltext", "spatial");
    /** Table options whose values are strings, always quoted. */
    private static final Set<String> STRING_OPTIONS = Set.of("COMMENT", "CONNECTION", "DATA DIRECTORY",
            "INDEX DIRECTORY", "PASSWORD", "ENCRYPTION", "COMPRESSION", "ENGINE_ATTRIBUTE",
            "SECONDARY_ENGINE_ATTRIBUTE");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*)*");
    private static final Pattern BARE_OPTION_VALUE = Pattern.compile("[A-Za-z0-9_]+");
    /** {@code CURRENT_TIMESTAMP} and its synonyms, without a precision. */
    private static final Pattern NOW = Pattern.compile("(?i)(current_timestamp|now|localtimestamp|localtime)"
            + "(\\(\\s*\\))?");
    /** The same with a precision: {@code current_timestamp(6)}. */
    private static final Pattern NOW_WITH_PRECISION = Pattern.compile("(?i)(current_timestamp|now|localtimestamp"
            + "|localtime)\\(\\s*\\d\\s*\\)");
    /** A default that is a literal already: a number, a quoted string, NULL, TRUE, FALSE, a bit or hex literal. */
    private static final Pattern SIMPLE_LITERAL = Pattern.compile("(?is)[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(e[-+]?\\d+)?"
            + "|'(?:[^'\\\\]|''|\\\\.)*'|null|true|false|b'[01]*'|x'[0-9a-f]*'|0x[0-9a-f]+");
    /** Types that take only expression defaults on MySQL. */
    /** A key part on a column's first characters or bytes, {@code `bio`(10)}. */
    private static final Pattern KEY_PREFIX = Pattern.compile("`(?:[^`]|``)+`\\(\\d+\\)");
    private static final Pattern LOB = Pattern.compile("(?is)\\s*((tiny|medium|long)?(text|blob)|json|geometry|point"
            + "|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\\b.*");

    private final MySqlDialect mysql;

    MySqlRenderer(MySqlDialect dialect, RenderContext context) {
        super(dialect, context);
        this.mysql = dialect;
    }

    // ------------------------------------------------------------------------------------------
    // tables

    /** One statement: columns, constraints and indexes together, comments and options inline. */
    @Override
    public List<RenderedStatement> visit(CreateTable op) {
        Table table = op.table();
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            checkColumn(op, column);
            parts.add(definition(column, false));
        }
        for (TableConstraint constraint : table.constraints()) {
            checkConstraint(op, constraint);
            parts.add(constraintDefinition(constraint, table.name()));
        }
        for (Index index : table.indexes()) {
            checkIndex(op, index);
            parts.add(indexKind(index) + "INDEX " + id(index.name()) + " " + keys(index) + indexMethod(index));
        }
        List<String> options = new ArrayList<>();
        table.mysqlOptions().forEach((name, value) -> options.add(option(op, name, value)));
        table.comment().ifPresent(text -> options.add("COMMENT = " + dialect.literal(text)));
        table.columns().stream().flatMap(c -> c.identity().stream()).map(Identity::start)
                .filter(OptionalLong::isPresent).findFirst()
                .ifPresent(start -> options.add("AUTO_INCREMENT = " + start.getAsLong()));
        // PostgreSQL's storage parameters mean nothing here and are left out, as the other way round
        // PostgreSQL leaves out the MySQL options
        String sql = "CREATE TABLE " + (op.ifNotExists() ? "IF NOT EXISTS " : "") + table(table.name()) + " (\n    "
                + String.join(",\n    ", parts) + "\n)" + (options.isEmpty() ? "" : " " + String.join(" ", options));
        return List.of(RenderedStatement.of(sql));
    }

    @Override
    public List<RenderedStatement> visit(DropTable op) {
        if (op.cascade()) {
            throw refuse(op, "it accepts DROP TABLE ... CASCADE and ignores it, so foreign keys that reference the"
                    + " table still stop the drop", "Drop those foreign keys first (op.dropConstraint), then the table"
                    + " without cascade");
        }
        return super.visit(op);
    }

    /** The new name in the same database: unqualified, MySQL would move the table to the current one. */
    @Override
    public List<RenderedStatement> visit(RenameTable op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " RENAME TO "
                + table(op.table().withName(op.newName()))));
    }

    @Override
    public List<RenderedStatement> visit(SetTableComment op) {
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " COMMENT = "
                + dialect.literal(op.comment().orElse(""))));
    }

    /**
     * {@code ALTER TABLE t ENGINE = InnoDB, DEFAULT CHARSET = utf8mb4}. A new default character set
     * or collation applies to columns added later; existing columns keep theirs, as MySQL does.
     */
    @Override
    public List<RenderedStatement> visit(SetTableOptions op) {
        List<String> options = new ArrayList<>();
        op.options().forEach((name, value) -> options.add(option(op, name, value)));
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " " + String.join(", ", options)));
    }

    private String option(Operation op, String name, String value) {
        if (!OPTION_NAME.matcher(name).matches()) {
            throw refuse(op, "'" + name + "' is not a table option name", "Name the option as MySQL does: ENGINE,"
                    + " DEFAULT CHARSET, COLLATE, ROW_FORMAT...");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        boolean bare = !STRING_OPTIONS.contains(upper) && BARE_OPTION_VALUE.matcher(value).matches();
        return upper + " = " + (bare ? value : dialect.literal(value));
    }

    // ------------------------------------------------------------------------------------------
    // columns

    @Override
    protected String columnDefinition(Column column, Optional<Table> table) {
        return definition(column, false);
    }

    /**
     * A column as {@code CREATE TABLE}, {@code ADD COLUMN} and {@code MODIFY COLUMN} declare it. A
     * {@code restated} column says {@code NULL} explicitly (all of it is being said again).
     */
    private String definition(Column column, boolean restated) {
        StringBuilder sql = new StringBuilder(id(column.name())).append(' ');
        Optional<String> check = Optional.empty();
        boolean generated = column.generated().isPresent();
        if (column.type() instanceof ColumnType.RawType raw) {
            MySqlColumnType parsed = MySqlColumnType.parse(raw);
            sql.append(parsed.typeSql());
            check = parsed.check();
            generated |= parsed.virtual().isPresent();
        } else {
            sql.append(dialect.typeName(column.type()));
        }
        column.generated().ifPresent(expression -> sql.append(" GENERATED ALWAYS AS (").append(expression)
                .append(") STORED"));
        if (!generated || mysql.nullabilityOnGeneratedColumns()) {
            if (!column.nullable()) {
                sql.append(" NOT NULL");
            } else if (restated) {
                sql.append(" NULL");
            }
        }
        column.serverDefault().ifPresent(value -> sql.append(" DEFAULT ").append(defaultValue(value, column.type())));
        if (column.identity().isPresent()) {
            sql.append(" AUTO_INCREMENT");
        }
        column.comment().ifPresent(text -> sql.append(" COMMENT ").append(dialect.literal(text)));
        check.ifPresent(condition -> sql.append(" CHECK (").append(condition).append(')'));
        return sql.toString();
    }

    /** What a column may not be here, refused before anything runs. */
    private void checkColumn(Operation op, Column column) {
        if (column.identity().flatMap(i -> i.increment().isPresent() ? Optional.of(i) : Optional.empty())
                .isPresent()) {
            throw refuse(op, "AUTO_INCREMENT steps by the server's auto_increment_increment setting, not by column",
                    "Drop .incrementBy(...) from the identity of column " + column.name());
        }
        if (column.generated().isPresent() && !column.nullable() && !mysql.nullabilityOnGeneratedColumns()) {
            throw refuse(op, "a generated column cannot be declared NOT NULL here", "Drop .notNull() from column "
                    + column.name() + ": its expression decides whether it is NULL");
        }
    }

    /**
     * Defaults as MySQL 8.0.13+ and MariaDB both take them: literals bare, expressions in
     * parentheses, {@code CURRENT_TIMESTAMP} bare and at the column's precision (MySQL refuses a
     * {@code DATETIME(6)} defaulting to {@code CURRENT_TIMESTAMP} of whole seconds). On MySQL a
     * TEXT, BLOB or JSON column takes only an expression, so its literal goes in parentheses too.
     */
    @Override
    protected String defaultValue(DefaultValue value, ColumnType type) {
        boolean parenthesizeLiterals = !mysql.literalDefaultsOnLobs() && lob(type);
        if (value instanceof DefaultValue.Literal literal) {
            String sql = dialect.literal(literal.value());
            return parenthesizeLiterals ? "(" + sql + ")" : sql;
        }
        String sql = ((DefaultValue.Expression) value).sql().strip();
        if (NOW.matcher(sql).matches()) {
            return type instanceof ColumnType.TimestampType ? "CURRENT_TIMESTAMP(6)" : sql;
        }
        if (NOW_WITH_PRECISION.matcher(sql).matches()) {
            return sql;
        }
        if (SIMPLE_LITERAL.matcher(sql).matches()) {
            return parenthesizeLiterals ? "(" + sql + ")" : sql;
        }
        return "(" + sql + ")";
    }

    private static boolean lob(ColumnType type) {
        return type instanceof ColumnType.TextType || type instanceof ColumnType.JsonType
                || type instanceof ColumnType.BinaryType binary && binary.length().isEmpty()
                || type instanceof ColumnType.RawType raw && LOB.matcher(raw.sql()).matches();
    }

    @Override
    public List<RenderedStatement> visit(AddColumn op) {
        if (op.ifNotExists() && !mysql.guardsAlterTable()) {
            throw refuse(op, "it has no ADD COLUMN IF NOT EXISTS (MariaDB has)", "Use op.addColumn instead of"
                    + " op.addColumnIfNotExists");
        }
        checkColumn(op, op.column());
        List<RenderedStatement> statements = new ArrayList<>();
        statements.add(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " ADD COLUMN "
                + (op.ifNotExists() ? "IF NOT EXISTS " : "") + definition(op.column(), false) + position(op)));
        op.column().identity().flatMap(i -> i.start().isPresent() ? Optional.of(i.start().getAsLong())
                : Optional.empty()).ifPresent(start -> statements.add(RenderedStatement.of("ALTER TABLE "
                + table(op.table()) + " AUTO_INCREMENT = " + start)));
        return statements;
    }

    @Override
    protected String position(AddColumn op) {
        return op.position().map(position -> position instanceof ColumnPosition.After after
                ? " AFTER " + id(after.column()) : " FIRST").orElse("");
    }

    @Override
    public List<RenderedStatement> visit(DropColumn op) {
        if (op.ifExists() && !mysql.guardsAlterTable()) {
            throw refuse(op, "it has no DROP COLUMN IF EXISTS (MariaDB has)", "Use op.dropColumn instead of"
                    + " op.dropColumnIfExists");
        }
        return super.visit(op);
    }

    @Override
    public List<RenderedStatement> visit(AlterColumn op) {
        if (op.using().isPresent()) {
            throw refuse(op, "USING is PostgreSQL's; " + dialect.displayName() + " converts the values itself when"
                    + " a column's type changes", "Drop .using(...), or convert the values with op.execute(\"UPDATE"
                    + " ...\") before changing the type");
        }
        String alter = "ALTER TABLE " + table(op.table()) + " ";
        if (op.type().isEmpty() && op.nullable().isEmpty() && op.comment().isEmpty()) {
            // a default and a name change without restating the column: nothing else can be lost
            List<RenderedStatement> statements = new ArrayList<>();
            op.serverDefault().ifPresent(change -> statements.add(RenderedStatement.of(alter + "ALTER COLUMN "
                    + id(op.column()) + " " + change.value().map(value -> "SET DEFAULT "
                    + defaultValue(value, typeForDefault(op))).orElse("DROP DEFAULT"))));
            op.newName().ifPresent(name -> statements.add(RenderedStatement.of(alter + "RENAME COLUMN "
                    + id(op.column()) + " TO " + id(name))));
            return statements;
        }
        Column current = currentColumn(op);
        Column after;
        try {
            after = op.applyTo(current);
        } catch (IllegalArgumentException e) {
            throw refuse(op, e.getMessage(), "An AUTO_INCREMENT or generated column has no default, and"
                    + " AUTO_INCREMENT needs an integer type: change the column so that it keeps to that");
        }
        if (op.type().isPresent() && current.type() instanceof ColumnType.RawType raw
                && !(op.type().get() instanceof ColumnType.RawType)) {
            // keep what the type carried: character set, ON UPDATE, a MariaDB column check... (a raw
            // new type, as introspection reads one, says all of it itself)
            ColumnType newType = op.type().get();
            after = after.withType(new ColumnType.RawType(MySqlColumnType.parse(raw)
                    .retyped(newType, dialect.typeName(newType)).toSql()));
        }
        if (op.newName().isPresent() && after.type() instanceof ColumnType.RawType raw) {
            after = after.withType(new ColumnType.RawType(MySqlColumnType.parse(raw)
                    .renamed(dialect.quote(current.name()), dialect.quote(op.newName().get())).toSql()));
        }
        checkColumn(op, after);
        return List.of(RenderedStatement.of(alter + (op.newName().isPresent()
                ? "CHANGE COLUMN " + id(current.name()) + " " : "MODIFY COLUMN ") + definition(after, true)));
    }

    /** The column as it is now: read from the database online, from the revision offline. */
    private Column currentColumn(AlterColumn op) {
        if (context.offline()) {
            return op.existing().orElseThrow(() -> refuse(op, "it changes a column by restating all of it (MODIFY"
                    + " COLUMN), and an offline script cannot read the rest of the column's definition", "Say what"
                    + " the column is now: c.existing(column(\"" + op.column() + "\", <type>)...), with its"
                    + " nullability, default and comment"));
        }
        Table table = context.table(op.table()).orElseThrow(() -> refuse(op, "there is no table " + op.table(),
                "Check the table's name"));
        return column(table, op.column()).orElseThrow(() -> refuse(op, "table " + op.table() + " has no column "
                + op.column(), "Check the column's name"));
    }

    /** The column's type for rendering a new default: given offline, read online; null when unknown. */
    private ColumnType typeForDefault(AlterColumn op) {
        if (context.offline()) {
            return op.existing().map(Column::type).orElse(null);
        }
        return context.table(op.table()).flatMap(t -> column(t, op.column())).map(Column::type).orElse(null);
    }

    /** Column names are case-insensitive in MySQL. */
    private static Optional<Column> column(Table table, String name) {
        return table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    /**
     * {@code CONCURRENTLY} is ignored: InnoDB builds secondary indexes online by itself (in place,
     * without blocking writes), which is what PostgreSQL's {@code CONCURRENTLY} asks for.
     */
    @Override
    public List<RenderedStatement> visit(CreateIndex op) {
        Index index = op.index();
        checkIndex(op, index);
        if (op.ifNotExists() && !mysql.guardsAlterTable()) {
            throw refuse(op, "it has no CREATE INDEX IF NOT EXISTS (MariaDB has)", "Drop IndexOption.IF_NOT_EXISTS");
        }
        return List.of(RenderedStatement.of("CREATE " + indexKind(index) + "INDEX "
                + (op.ifNotExists() ? "IF NOT EXISTS " : "") + id(index.name()) + " ON " + table(index.table()) + " "
                + keys(index) + indexMethod(index)));
    }

    /**
     * What an index may not be here, refused before anything runs. Storage parameters
     * ({@code WITH (...)}) are PostgreSQL's tuning and are left out, as table storage parameters are.
     */
    private void checkIndex(Operation op, Index index) {
        String what = "index " + index.name();
        if (index.where().isPresent()) {
            throw refuse(op, "it has no partial indexes (" + what + " has WHERE " + index.where().get() + ")",
                    "Drop .where(...) to index every row, or index a generated column that is NULL for the rows to"
                            + " leave out");
        }
        if (!index.include().isEmpty()) {
            throw refuse(op, "it has no INCLUDE columns (" + what + ")", "Add the columns as the index's last keys"
                    + " instead");
        }
        Optional<String> method = index.method().map(m -> m.toLowerCase(Locale.ROOT));
        if (method.isPresent() && !METHODS.contains(method.get())) {
            throw refuse(op, "it has no " + index.method().get() + " indexes (" + what + "); its index methods are"
                    + " BTREE, HASH, FULLTEXT and SPATIAL", "Use one of those, or leave the method out");
        }
        if (index.isUnique() && method.filter(m -> m.equals("fulltext") || m.equals("spatial")).isPresent()) {
            throw refuse(op, "a " + method.get().toUpperCase(Locale.ROOT) + " index cannot be unique (" + what + ")",
                    "Drop .unique(), or use a BTREE index");
        }
        for (IndexElement element : index.elements()) {
            if (element.operatorClass().isPresent()) {
                throw refuse(op, "it has no operator classes (" + element.operatorClass().get() + " on "
                        + element.text() + " in " + what + ")", "Drop .operatorClass(...) from the key");
            }
            if (element.nulls().isPresent()) {
                throw refuse(op, "it cannot choose where NULLs sort in an index (" + what + "): they come first in"
                        + " ascending order, last in descending", "Drop .nullsFirst() / .nullsLast() from the key");
            }
            if (element.expression() && !keyPrefix(element) && !mysql.indexesExpressions()) {
                throw refuse(op, "it cannot index an expression (" + element.text() + " in " + what + ")",
                        "Add a generated column for the expression, op.addColumn(table, column(name,"
                                + " type).generatedAs(\"" + element.text() + "\")), and index that column");
            }
        }
    }

    private static String indexKind(Index index) {
        String method = index.method().map(m -> m.toLowerCase(Locale.ROOT)).orElse("");
        if (method.equals("fulltext") || method.equals("spatial")) {
            return method.toUpperCase(Locale.ROOT) + " ";
        }
        return index.isUnique() ? "UNIQUE " : "";
    }

    private static String indexMethod(Index index) {
        return index.method().map(m -> m.toLowerCase(Locale.ROOT)).filter(m -> m.equals("btree") || m.equals("hash"))
                .map(m -> " USING " + m.toUpperCase(Locale.ROOT)).orElse("");
    }

    private String keys(Index index) {
        return "(" + index.elements().stream().map(this::indexElement).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * A column, a prefix of one, or an expression in its own parentheses (MySQL 8.0.13's functional
     * key part).
     */
    @Override
    protected String indexElement(IndexElement element) {
        String key = !element.expression() ? id(element.text())
                : keyPrefix(element) ? element.text() : "(" + element.text() + ")";
        return key + (element.descending() ? " DESC" : "");
    }

    /**
     * Whether the key is a column's prefix, {@code `bio`(10)}, as {@link MySqlIntrospector} reads one:
     * the model has no words for prefixes, so it is an expression that is written as it is, not in
     * parentheses (which would make it a call of a function named {@code bio}).
     */
    private static boolean keyPrefix(IndexElement element) {
        return element.expression() && KEY_PREFIX.matcher(element.text()).matches();
    }

    /** An index is named within its table: {@code DROP INDEX name ON table}. */
    @Override
    public List<RenderedStatement> visit(DropIndex op) {
        if (op.table().isEmpty()) {
            throw refuse(op, "an index is dropped from its table here", "Name the table: op.dropIndex(\""
                    + op.index().name() + "\", \"<table>\")");
        }
        if (op.ifExists() && !mysql.guardsAlterTable()) {
            throw refuse(op, "it has no DROP INDEX IF EXISTS (MariaDB has)", "Drop IndexOption.IF_EXISTS");
        }
        return List.of(RenderedStatement.of("DROP INDEX " + (op.ifExists() ? "IF EXISTS " : "")
                + id(op.index().name()) + " ON " + table(op.table().get())));
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    @Override
    public List<RenderedStatement> visit(AddConstraint op) {
        if (op.notValid()) {
            throw refuse(op, "it checks the existing rows when it adds a constraint; there is no NOT VALID",
                    "Add the constraint with op.addConstraint, after fixing the rows that would break it");
        }
        checkConstraint(op, op.constraint());
        return super.visit(op);
    }

    /** What a constraint may not be here, refused before anything runs. */
    private void checkConstraint(Operation op, TableConstraint constraint) {
        String what = constraintLabel(constraint);
        refuseDeferrable(op, constraint);
        if (constraint instanceof ForeignKey foreignKey) {
            if (foreignKey.match().isPresent()) {
                throw refuse(op, "InnoDB ignores MATCH " + foreignKey.match().get() + ", and with it the foreign"
                        + " key's ON DELETE and ON UPDATE actions (" + what + ")", "Drop .match(...)");
            }
            if (foreignKey.onDelete().filter(ReferentialAction.SET_DEFAULT::equals).isPresent()
                    || foreignKey.onUpdate().filter(ReferentialAction.SET_DEFAULT::equals).isPresent()) {
                throw refuse(op, "InnoDB takes SET DEFAULT and then acts as RESTRICT (" + what + ")", "Use SET_NULL,"
                        + " CASCADE, RESTRICT or NO_ACTION");
            }
        }
    }

    /**
     * A primary key named {@code PRIMARY}, as every one is here and as introspection reads it, is
     * written without its name, which {@code ALTER TABLE ... ADD CONSTRAINT} refuses ({@code Incorrect
     * index name 'PRIMARY'}); another name is taken and ignored.
     */
    @Override
    protected String constraintDefinition(TableConstraint constraint, QualifiedName table) {
        if (constraint instanceof PrimaryKey key && key.name().filter("PRIMARY"::equalsIgnoreCase).isPresent()) {
            return "PRIMARY KEY (" + columns(key.columns()) + ")";
        }
        if (constraint instanceof UniqueConstraint unique) {
            return unique.name().map(n -> "CONSTRAINT " + id(n) + " ").orElse("") + "UNIQUE ("
                    + columns(unique.columns()) + ")";
        }
        return super.constraintDefinition(constraint, table);
    }

    @Override
    protected String foreignKey(ForeignKey foreignKey, QualifiedName table) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY (").append(columns(foreignKey.columns()))
                .append(") REFERENCES ").append(table(foreignKey.referencedTable())).append(" (")
                .append(columns(foreignKey.referencedColumns())).append(')');
        foreignKey.onDelete().ifPresent(action -> sql.append(" ON DELETE ").append(action.sql()));
        foreignKey.onUpdate().ifPresent(action -> sql.append(" ON UPDATE ").append(action.sql()));
        return sql.toString();
    }

    @Override
    public List<RenderedStatement> visit(DropConstraint op) {
        if (op.ifExists() && !mysql.guardsAlterTable()) {
            throw refuse(op, "it has no IF EXISTS for dropping constraints (MariaDB has)",
                    "Use op.dropConstraint instead of op.dropConstraintIfExists");
        }
        ConstraintType type = op.type().orElseGet(() -> typeFromDatabase(op));
        String alter = "ALTER TABLE " + table(op.table()) + " ";
        String ifExists = op.ifExists() ? "IF EXISTS " : "";
        String sql = switch (type) {
            case FOREIGN_KEY -> alter + "DROP FOREIGN KEY " + ifExists + id(op.name());
            case UNIQUE -> alter + "DROP INDEX " + ifExists + id(op.name());
            case CHECK -> alter + mysql.dropCheckClause() + " " + ifExists + id(op.name());
            // every primary key is named PRIMARY here; MariaDB has IF EXISTS for the index, not for the key
            case PRIMARY_KEY -> alter + (op.ifExists() ? "DROP INDEX IF EXISTS `PRIMARY`" : "DROP PRIMARY KEY");
            case EXCLUDE -> throw refuse(op, "exclusion constraints are PostgreSQL's, so there is none to drop here",
                    "Check op.dialect() before dropping it");
        };
        return List.of(RenderedStatement.of(sql));
    }

    private ConstraintType typeFromDatabase(DropConstraint op) {
        String give = "Give the kind: op.dropConstraint(\"" + op.name() + "\", \"" + op.table().name()
                + "\", ConstraintType.FOREIGN_KEY) (or UNIQUE, CHECK, PRIMARY_KEY)";
        if (context.offline()) {
            throw refuse(op, "it drops each kind of constraint with its own statement, and an offline script cannot"
                    + " read which kind " + op.name() + " is", give);
        }
        Table table = context.table(op.table()).orElseThrow(() -> refuse(op, "there is no table " + op.table(),
                "Check the table's name"));
        // a unique key with a prefix or a descending part reads as a unique index: dropped as a unique key
        Optional<ConstraintType> uniqueIndex = table.indexes().stream()
                .filter(i -> i.isUnique() && i.name().equalsIgnoreCase(op.name())).findFirst()
                .map(i -> ConstraintType.UNIQUE);
        return table.constraints().stream()
                .filter(c -> c.name().filter(op.name()::equalsIgnoreCase).isPresent())
                .map(TableConstraint::constraintType).findFirst().or(() -> uniqueIndex)
                .orElseThrow(() -> refuse(op, "table " + op.table() + " has no constraint named " + op.name()
                        + " (every primary key is named PRIMARY here)", give));
    }

    /** Constraints are validated when they are added here (NOT VALID is refused): nothing is left to check. */
    @Override
    public List<RenderedStatement> visit(ValidateConstraint op) {
        return List.of();
    }

    // ------------------------------------------------------------------------------------------
    // data

    /**
     * As the base, but reading MySQL's lexical rules for where a {@code ?} is not a parameter: in
     * backquoted names, in strings with backslash escapes, in {@code --}, {@code #} and {@code /* *\/}
     * comments.
     */
    @Override
    protected String inline(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end = i + 1;
            if (c == '\'' || c == '"' || c == '`') {
                while (end < sql.length() && sql.charAt(end) != c) {
                    end += c != '`' && sql.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, sql.length());
            } else if (c == '#' || c == '-' && sql.startsWith("-- ", i)) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
            } else if (c == '?') {
                if (next >= parameters.size()) {
                    throw new IllegalArgumentException("the SQL has more ? placeholders than the " + parameters.size()
                            + " parameters given: " + sql);
                }
                out.append(dialect.literal(parameters.get(next++)));
                i = end;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        if (next != parameters.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters given for " + next
                    + " ? placeholders: " + sql);
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------
    // batch

    /**
     * Plain {@code ALTER}s, as the base renders them, except that each change reads the table as the
     * changes before it leave it (a column renamed, then restated): see {@link BatchContext}.
     */
    @Override
    public List<RenderedStatement> visit(BatchAlterTable op) {
        if (op.recreate() == BatchAlterTable.Recreate.ALWAYS) {
            return super.visit(op);
        }
        BatchContext batch = new BatchContext(context, op.table());
        List<RenderedStatement> statements = new ArrayList<>();
        for (Operation change : op.operations()) {
            statements.addAll(new MySqlRenderer(mysql, batch).render(change));
            batch.rendered(change);
        }
        return statements;
    }

    // ------------------------------------------------------------------------------------------
    // databases and sequences

    /** A schema is a database here. */
    @Override
    public List<RenderedStatement> visit(CreateSchema op) {
        return List.of(RenderedStatement.of("CREATE DATABASE " + (op.ifNotExists() ? "IF NOT EXISTS " : "")
                + id(op.name())));
    }

    /**
     * {@code DROP DATABASE} has no {@code RESTRICT}: with or without cascade, it drops whatever the
     * database still holds.
     */
    @Override
    public List<RenderedStatement> visit(DropSchema op) {
        return List.of(RenderedStatement.of("DROP DATABASE " + (op.ifExists() ? "IF EXISTS " : "") + id(op.name())));
    }

    @Override
    public List<RenderedStatement> visit(CreateSequence op) {
        requireSequences(op);
        return super.visit(op);
    }

    @Override
    public List<RenderedStatement> visit(DropSequence op) {
        requireSequences(op);
        return super.visit(op);
    }

    private void requireSequences(Operation op) {
        if (!mysql.hasSequences()) {
            throw refuse(op, "it has no sequences (MariaDB 10.3+ has)", "Number rows with an AUTO_INCREMENT column,"
                    + " column(...).autoincrement(), or keep the counter in a table of its own");
        }
    }
}
