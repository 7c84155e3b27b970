package dev.retort.dialect.sqlite;

import dev.retort.dialect.OperationNotSupportedException;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
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
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.ops.SetTableComment;
import dev.retort.ops.SetTableOptions;
import dev.retort.ops.ValidateConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.ExcludeConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Identity;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.UniqueConstraint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SQLite's spelling of operations. SQLite's {@code ALTER TABLE} renames a table, renames, adds and
 * drops a column, and nothing else: every other change to a table (a column's type, nullability or
 * default, adding or dropping a constraint) is refused here with the batch call that rebuilds the
 * table instead ({@link SqliteRebuild}, Alembic's "move and copy").
 *
 * <p>What SQLite does not have is a no-op where it changes nothing a program can observe, and
 * refused where it would: comments (table and column) are skipped, as Alembic skips them on SQLite,
 * since SQLite keeps none; enum types ({@code CREATE TYPE}) are skipped, since an enum is a CHECK on
 * its column here; PostgreSQL storage parameters and MySQL table options are skipped, as on every
 * database that does not have them; {@code CONCURRENTLY} is ignored (SQLite builds an index inside
 * the transaction, and nothing else writes meanwhile). Schemas, sequences, extensions, exclusion
 * constraints, index methods other than B-tree, {@code INCLUDE}, operator classes and
 * {@code NULLS FIRST/LAST} are refused.
 *
 * <p>Not thread-safe; one per rendering context.
 */
final class SqliteRenderer extends OperationRenderer {

    private final SqliteDialect sqlite;
    /** Set while the operations of a {@code Recreate.NEVER} batch render: their way out is to allow the rebuild. */
    private boolean neverRebuild;

    SqliteRenderer(SqliteDialect dialect, RenderContext context) {
        super(dialect, context);
        this.sqlite = dialect;
    }

    @Override
    public List<RenderedStatement> render(Operation operation) {
        try {
            return super.render(operation);
        } catch (Refusal e) {
            throw new OperationNotSupportedException(operation.describe(), dialect.displayName(), e.reason, e.wayOut);
        }
    }

    // ------------------------------------------------------------------------------------------
    // tables

    /** The table, its autoincrement start if it has one, then its indexes; comments are skipped (SQLite keeps none). */
    @Override
    public List<RenderedStatement> visit(CreateTable op) {
        Table table = op.table();
        List<RenderedStatement> statements = new ArrayList<>();
        statements.add(RenderedStatement.of(createTableSql(table, op.ifNotExists())));
        for (Column column : table.columns()) {
            column.identity().flatMap(identity -> sequenceStart(table.name(), identity)).ifPresent(statements::add);
        }
        for (Index index : table.indexes()) {
            statements.addAll(render(new CreateIndex(index, false, op.ifNotExists())));
        }
        return statements;
    }

    @Override
    protected String createTableSql(Table table, boolean ifNotExists) {
        return createTable(table, table.name(), ifNotExists, false, false);
    }

    /**
     * {@code CREATE TABLE}: columns, then the constraints, except an autoincrement column's primary
     * key, which SQLite takes only on the column ({@code INTEGER PRIMARY KEY AUTOINCREMENT}).
     */
    String createTable(Table table, QualifiedName name, boolean ifNotExists, boolean withoutRowid, boolean strict) {
        Optional<Column> identity = table.columns().stream().filter(c -> c.identity().isPresent()).findFirst();
        identity.ifPresent(column -> requireIdentityKey(table, column));
        StringBuilder sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(table(name)).append(" (");
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            // an enum's CHECK is named after the table it belongs to, not after a rebuild's temporary copy
            parts.add(column(column, table.name(), identity.filter(column::equals).flatMap(c -> table.primaryKey())));
        }
        for (TableConstraint constraint : table.constraints()) {
            if (!(constraint instanceof PrimaryKey && identity.isPresent())) {
                parts.add(constraintDefinition(constraint, name));
            }
        }
        sql.append("\n    ").append(String.join(",\n    ", parts)).append("\n)");
        List<String> options = new ArrayList<>();
        if (withoutRowid) {
            options.add("WITHOUT ROWID");
        }
        if (strict) {
            options.add("STRICT");
        }
        if (!options.isEmpty()) {
            sql.append(' ').append(String.join(", ", options));
        }
        return sql.toString();
    }

    private static void requireIdentityKey(Table table, Column column) {
        Optional<PrimaryKey> key = table.primaryKey();
        if (key.isPresent() && !key.get().columns().equals(List.of(column.name()))) {
            throw new Refusal("AUTOINCREMENT numbers only a column that is the whole primary key (INTEGER PRIMARY"
                    + " KEY AUTOINCREMENT), and the primary key of " + table.name() + " is " + key.get().columns(),
                    "Make " + column.name() + " the only primary key column, or give it no autoincrement()");
        }
        Identity identity = column.identity().orElseThrow();
        if (identity.increment().isPresent() && identity.increment().getAsLong() != 1) {
            throw new Refusal("its AUTOINCREMENT counts in steps of 1", "Leave out incrementBy("
                    + identity.increment().getAsLong() + ") for SQLite");
        }
    }

    /** SQLite continues an AUTOINCREMENT from the table's row of {@code sqlite_sequence}. */
    private Optional<RenderedStatement> sequenceStart(QualifiedName table, Identity identity) {
        if (identity.start().isEmpty() || identity.start().getAsLong() == 1) {
            return Optional.empty();
        }
        String sequence = table.schema().map(s -> id(s) + ".").orElse("") + "sqlite_sequence";
        return Optional.of(RenderedStatement.of("INSERT INTO " + sequence + " (name, seq) SELECT "
                + dialect.literal(table.name()) + ", " + (identity.start().getAsLong() - 1) + " WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + sequence + " WHERE name = " + dialect.literal(table.name()) + ")"));
    }

    @Override
    public List<RenderedStatement> visit(DropTable op) {
        if (op.cascade()) {
            throw refuse(op, "its DROP TABLE has no CASCADE (the table's indexes and triggers go with it, views"
                    + " stay and fail when used)", "Drop the views that use the table first, then the table");
        }
        return List.of(RenderedStatement.of("DROP TABLE " + (op.ifExists() ? "IF EXISTS " : "") + table(op.table())));
    }

    /** SQLite keeps no comments, and Alembic skips them on SQLite too: nothing to do. */
    @Override
    public List<RenderedStatement> visit(SetTableComment op) {
        return List.of();
    }

    // ------------------------------------------------------------------------------------------
    // columns

    /** A column as CREATE TABLE and ADD COLUMN declare it; an enum becomes TEXT with a named CHECK on its values. */
    String column(Column column, QualifiedName table, Optional<PrimaryKey> inlineKey) {
        if (column.identity().isPresent()) {
            // only "INTEGER PRIMARY KEY" makes the column the rowid, which AUTOINCREMENT needs; BIGINT would not
            return id(column.name()) + " INTEGER" + inlineKey.flatMap(PrimaryKey::name)
                    .map(n -> " CONSTRAINT " + id(n)).orElse("") + " PRIMARY KEY AUTOINCREMENT";
        }
        StringBuilder sql = new StringBuilder(id(column.name())).append(' ').append(dialect.typeName(column.type()));
        column.generated().ifPresent(expression -> sql.append(" GENERATED ALWAYS AS (").append(expression)
                .append(") STORED"));
        column.serverDefault().ifPresent(value -> sql.append(" DEFAULT ").append(defaultValue(value, column.type())));
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        if (column.type() instanceof ColumnType.EnumType enumeration) {
            sql.append(" CONSTRAINT ").append(id(enumCheckName(table.name(), column.name()))).append(" CHECK (")
                    .append(id(column.name())).append(" IN (")
                    .append(enumeration.values().stream().map(dialect::literal).collect(Collectors.joining(", ")))
                    .append("))");
        }
        return sql.toString();
    }

    @Override
    protected String columnDefinition(Column column, Optional<Table> table) {
        return column(column, table.map(Table::name).orElse(QualifiedName.of("table")), Optional.empty());
    }

    /**
     * The name of the CHECK that holds an enum column to its values. A rebuild finds it by this name
     * (and its {@code col IN (...)} shape) to replace it when the column's type changes.
     */
    static String enumCheckName(String table, String column) {
        return "ck_" + table + "_" + column + "_enum";
    }

    /** Whether the check is the one an enum column of that name carries. */
    static boolean isEnumCheck(CheckConstraint check, String column) {
        if (check.name().isEmpty() || !check.name().get().toLowerCase(Locale.ROOT).endsWith("_enum")) {
            return false;
        }
        List<SqliteLexer.Token> tokens;
        try {
            tokens = SqliteLexer.tokenize(check.condition());
        } catch (SqliteParseException e) {
            return false;
        }
        return tokens.size() >= 4 && tokens.get(0).kind() != SqliteLexer.Kind.STRING && tokens.get(0).isName()
                && ExpressionColumns.fold(tokens.get(0).value()).equals(ExpressionColumns.fold(column))
                && tokens.get(1).isWord("IN") && tokens.get(2).isSymbol("(");
    }

    /** A literal as SQLite writes it; an expression bare where SQLite's grammar allows, in parentheses otherwise. */
    @Override
    protected String defaultValue(DefaultValue value, ColumnType type) {
        if (value instanceof DefaultValue.Literal literal) {
            return dialect.literal(literal.value());
        }
        return SqliteDefaults.render(((DefaultValue.Expression) value).sql());
    }

    /**
     * {@code ALTER TABLE ... ADD COLUMN}, within SQLite's limits (lang_altertable): no primary key (so
     * no autoincrement), a NOT NULL column needs a default other than NULL, the default must be a
     * constant, and a generated column must be VIRTUAL. SQLite lifts the last three for an empty
     * table, but a migration that works only while the table is empty fails later, in production:
     * retort refuses them always, naming the batch that rebuilds the table instead. The position is
     * ignored (SQLite appends; a batch honours it).
     */
    @Override
    public List<RenderedStatement> visit(AddColumn op) {
        Optional<String> problem = addColumnProblem(op.column());
        if (problem.isPresent()) {
            boolean missingDefault = problem.get().startsWith(NOT_NULL_PROBLEM);
            throw new Refusal(problem.get(), missingDefault
                    ? "Give it a server default, which the rows it has get; or add it nullable, fill it, and make it"
                    + " NOT NULL in a batch: " + JavaSpelling.batch(op.table(), "alterColumn("
                    + JavaSpelling.string(op.column().name()) + ", c -> c.notNull())")
                    : batchWayOut("Add it in a batch, which rebuilds the table and gives every row the column's value",
                    JavaSpelling.batch(op.table(), JavaSpelling.addColumn(op.column()))));
        }
        if (op.ifNotExists()) {
            if (context.offline()) {
                throw new Refusal("it has no ADD COLUMN IF NOT EXISTS, and an offline script cannot look whether the"
                        + " column exists", "Use op.addColumn, or run this revision online, where retort looks");
            }
            Optional<SqliteTableDefinition> definition = definition(op.table());
            if (definition.isPresent() && definition.get().table().columns().stream()
                    .anyMatch(c -> sameName(c.name(), op.column().name()))) {
                return List.of();
            }
        }
        return List.of(RenderedStatement.of("ALTER TABLE " + table(op.table()) + " ADD COLUMN "
                + column(op.column(), op.table(), Optional.empty())));
    }

    private static final String NOT_NULL_PROBLEM = "ALTER TABLE adds a NOT NULL column only";

    /** Why SQLite cannot add the column to a table with rows, if it cannot. */
    static Optional<String> addColumnProblem(Column column) {
        if (column.identity().isPresent()) {
            return Optional.of("an autoincrement column is the table's INTEGER PRIMARY KEY, and SQLite adds no"
                    + " primary key column");
        }
        if (column.generated().isPresent()) {
            return Optional.of("ALTER TABLE adds a generated column only as VIRTUAL, or to an empty table, and"
                    + " retort's generated columns are STORED");
        }
        Optional<String> expression = column.serverDefault().filter(DefaultValue.Expression.class::isInstance)
                .map(value -> ((DefaultValue.Expression) value).sql());
        if (expression.isPresent() && !SqliteDefaults.isConstant(expression.get())) {
            return Optional.of("ALTER TABLE adds a column whose default is not a constant (" + expression.get()
                    + ") only to an empty table");
        }
        if (!column.nullable() && (column.serverDefault().isEmpty() || isNull(column.serverDefault().get()))) {
            return Optional.of(NOT_NULL_PROBLEM + " with a default other than NULL, or to an empty table");
        }
        return Optional.empty();
    }

    private static boolean isNull(DefaultValue value) {
        return value instanceof DefaultValue.Expression expression
                && expression.sql().strip().replaceAll("[()\\s]", "").equalsIgnoreCase("NULL");
    }

    /**
     * {@code ALTER TABLE ... DROP COLUMN} (SQLite 3.35+). SQLite drops only a column nothing else in
     * the table uses (its primary key, a unique constraint, an index, another column's CHECK, a
     * table-level foreign key, a generated column): online, retort reads the table first and refuses
     * with the batch that rebuilds the table without the column instead; offline SQLite says so when
     * the script runs.
     */
    @Override
    public List<RenderedStatement> visit(DropColumn op) {
        RenderedStatement drop = RenderedStatement.of("ALTER TABLE " + table(op.table()) + " DROP COLUMN "
                + id(op.column()));
        if (context.offline()) {
            if (op.ifExists()) {
                throw new Refusal("it has no DROP COLUMN IF EXISTS, and an offline script cannot look whether the"
                        + " column exists", "Use op.dropColumn, or run this revision online, where retort looks");
            }
            return List.of(drop);
        }
        Optional<SqliteTableDefinition> definition = definition(op.table());
        boolean exists = definition.isPresent() && definition.get().table().columns().stream()
                .anyMatch(c -> sameName(c.name(), op.column()));
        if (!exists) {
            // SQLite's own error names what is missing
            return op.ifExists() ? List.of() : List.of(drop);
        }
        SqliteRebuild.Uses uses = SqliteRebuild.uses(definition.get(), op.column());
        if (!uses.blocking().isEmpty()) {
            throw new Refusal(uses.blocking() + " uses it, so neither SQLite nor a rebuild can drop it",
                    "Drop or change " + uses.blocking() + " first");
        }
        if (!uses.inTable().isEmpty()) {
            throw new Refusal(String.join(", ", uses.inTable()) + " uses it, and SQLite drops only a column nothing"
                    + " else in the table uses", batchWayOut("Drop it in a batch, which rebuilds the table without the"
                    + " column and what uses"
                    + " it", JavaSpelling.batch(op.table(), JavaSpelling.dropColumn(op.column()))));
        }
        return List.of(drop);
    }

    /**
     * Renames a column in place ({@code ALTER TABLE ... RENAME COLUMN}, which also rewrites the
     * indexes, triggers, views and foreign keys that name it); a comment change does nothing (SQLite
     * keeps none). Any other change is refused with the batch that rebuilds the table.
     */
    @Override
    public List<RenderedStatement> visit(AlterColumn op) {
        if (!renamesOnly(op)) {
            throw new Refusal("its ALTER TABLE cannot change a column's type, nullability or default",
                    batchWayOut("Rebuild the table in a batch", JavaSpelling.batch(op.table(),
                            JavaSpelling.alterColumn(op))));
        }
        return op.newName().map(name -> List.of(RenderedStatement.of("ALTER TABLE " + table(op.table())
                + " RENAME COLUMN " + id(op.column()) + " TO " + id(name)))).orElse(List.of());
    }

    /** Whether SQLite can do the change in place: a rename, a comment (skipped), or both. */
    static boolean renamesOnly(AlterColumn op) {
        return op.type().isEmpty() && op.nullable().isEmpty() && op.serverDefault().isEmpty();
    }

    // ------------------------------------------------------------------------------------------
    // indexes

    /**
     * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS]} with column and expression keys, {@code DESC} and
     * a partial index's {@code WHERE}; the index name carries the schema, the table does not, as
     * SQLite's grammar has it. {@code using("btree")} is accepted (every SQLite index is one);
     * storage parameters are skipped, like the table's.
     */
    @Override
    public List<RenderedStatement> visit(CreateIndex op) {
        return List.of(RenderedStatement.of(createIndexSql(op.index(), op.ifNotExists())));
    }

    String createIndexSql(Index index, boolean ifNotExists) {
        if (index.method().isPresent() && !index.method().get().equalsIgnoreCase("btree")) {
            throw new Refusal("it has only B-tree indexes, not " + index.method().get(),
                    "Leave out .using(\"" + index.method().get() + "\") for SQLite, or check op.dialect() before"
                            + " creating the index");
        }
        if (!index.include().isEmpty()) {
            throw new Refusal("it has no INCLUDE columns", "Make " + index.include()
                    + " trailing keys of the index, or leave out .include(...) for SQLite");
        }
        for (IndexElement element : index.elements()) {
            if (element.operatorClass().isPresent()) {
                throw new Refusal("operator classes (" + element.operatorClass().get() + ") are PostgreSQL's",
                        "Leave out .operatorClass(...) for SQLite; a collation goes into an expression key, as"
                                + " expression(\"name COLLATE NOCASE\")");
            }
            if (element.nulls().isPresent()) {
                throw new Refusal("its indexes sort NULLs first (last when DESC) and take no NULLS "
                        + element.nulls().get(), "Leave out .nulls" + (element.nulls().get()
                        == IndexElement.Nulls.FIRST ? "First" : "Last") + "() for SQLite");
            }
        }
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.isUnique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ");
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(table(index.table().withName(index.name()))).append(" ON ").append(id(index.table().name()))
                .append(" (").append(index.elements().stream().map(this::indexElement)
                        .collect(Collectors.joining(", "))).append(')');
        index.where().ifPresent(predicate -> sql.append(" WHERE ").append(predicate));
        return sql.toString();
    }

    /** {@code DROP INDEX [IF EXISTS] [schema.]name}; {@code CONCURRENTLY} is ignored. */
    @Override
    public List<RenderedStatement> visit(DropIndex op) {
        return List.of(RenderedStatement.of("DROP INDEX " + (op.ifExists() ? "IF EXISTS " : "") + table(op.index())));
    }

    // ------------------------------------------------------------------------------------------
    // constraints

    /** SQLite cannot add a constraint to a table: refused with the batch that rebuilds it with the constraint. */
    @Override
    public List<RenderedStatement> visit(AddConstraint op) {
        if (op.constraint() instanceof ExcludeConstraint) {
            throw new Refusal("exclusion constraints are PostgreSQL's", "Enforce the rule with a unique index or a"
                    + " trigger");
        }
        throw new Refusal("its ALTER TABLE cannot add a constraint to an existing table",
                batchWayOut("Add it in a batch, which rebuilds the table with it and checks every row",
                        JavaSpelling.batch(op.table(), JavaSpelling.addConstraint(op.constraint()))));
    }

    @Override
    public List<RenderedStatement> visit(DropConstraint op) {
        throw new Refusal("its ALTER TABLE cannot drop a constraint",
                batchWayOut("Drop it in a batch, which rebuilds the table without it",
                        JavaSpelling.batch(op.table(), JavaSpelling.dropConstraint(op.name()))));
    }

    /** A constraint SQLite has, with the refusals of what it has not. */
    @Override
    protected String constraintDefinition(TableConstraint constraint, QualifiedName table) {
        if (constraint instanceof UniqueConstraint unique && unique.deferrable().isPresent()) {
            throw new Refusal("it checks a unique constraint at once; only foreign keys can be deferred",
                    "Leave out .deferrable(...) of " + unique.name().orElse("the unique constraint") + " for SQLite");
        }
        return super.constraintDefinition(constraint, table);
    }

    /** SQLite's REFERENCES names a table of the same database, never qualified. */
    @Override
    protected String foreignKey(ForeignKey foreignKey, QualifiedName table) {
        Optional<String> schema = foreignKey.referencedTable().schema();
        if (schema.isPresent() && !schema.equals(table.schema())) {
            throw new Refusal("a foreign key references only a table of its own database, and "
                    + foreignKey.referencedTable() + " is in " + schema.get(), "Keep both tables in one database");
        }
        ForeignKey local = new ForeignKey(foreignKey.name(), foreignKey.columns(),
                QualifiedName.of(foreignKey.referencedTable().name()), foreignKey.referencedColumns(),
                foreignKey.onDelete(), foreignKey.onUpdate(), foreignKey.deferrable(), foreignKey.match());
        return super.foreignKey(local, QualifiedName.of(table.name()));
    }

    /**
     * Nothing: SQLite has no NOT VALID constraints (a batch checks every row when it adds one), so
     * there is nothing left to validate.
     */
    @Override
    public List<RenderedStatement> visit(ValidateConstraint op) {
        return List.of();
    }

    // ------------------------------------------------------------------------------------------
    // schemas, types, sequences

    @Override
    public List<RenderedStatement> visit(CreateSchema op) {
        throw refuse(op, "it has no schemas: a database file is one, and ATTACH DATABASE, which makes another file"
                + " reachable under a name, lasts only for its connection and cannot run inside a transaction",
                "Keep the tables in the main database, or check op.dialect() before creating the schema");
    }

    @Override
    public List<RenderedStatement> visit(DropSchema op) {
        throw refuse(op, "it has no schemas (ATTACH DATABASE is no schema a migration can drop)",
                "Check op.dialect() before dropping the schema");
    }

    @Override
    public List<RenderedStatement> visit(AddEnumValue op) {
        throw refuse(op, "an enum is a CHECK on each of its columns here, not a type",
                "Rebuild the table with every value in a batch: op.batchAlterTable(\"<table>\", b -> b.alterColumn("
                        + "\"<column>\", c -> c.type(enumType(" + JavaSpelling.string(op.type().name())
                        + ", ...every value...))))");
    }

    @Override
    public List<RenderedStatement> visit(CreateSequence op) {
        throw refuse(op, "it has no sequences", "Use an autoincrement column (column(...).autoincrement()), which"
                + " SQLite numbers itself");
    }

    @Override
    public List<RenderedStatement> visit(DropSequence op) {
        throw refuse(op, "it has no sequences", "Check op.dialect() before dropping the sequence");
    }

    // ------------------------------------------------------------------------------------------
    // batch

    /**
     * The batch's changes: in place where SQLite's ALTER TABLE can make them all (and the batch does
     * not say {@code Recreate.ALWAYS}), otherwise by rebuilding the table ({@link SqliteRebuild}).
     * {@code Recreate.NEVER} renders each change in place, refusing what SQLite cannot do so.
     */
    @Override
    public List<RenderedStatement> visit(BatchAlterTable op) {
        SqliteRebuild.checkShape(op);
        if (!rebuilds(op)) {
            boolean outer = neverRebuild;
            neverRebuild = op.recreate() == BatchAlterTable.Recreate.NEVER;
            try {
                List<RenderedStatement> statements = new ArrayList<>();
                for (Operation operation : op.operations()) {
                    statements.addAll(render(operation));
                }
                return statements;
            } finally {
                neverRebuild = outer;
            }
        }
        SqliteTableDefinition definition;
        if (op.copyFrom().isPresent()) {
            // the given shape wins, as Alembic's copy_from; what surrounds the table is read where it can be
            Optional<SqliteTableDefinition> read = definition(op.table());
            definition = read.map(d -> d.withTable(op.copyFrom().get()))
                    .orElse(SqliteTableDefinition.of(op.copyFrom().get()));
        } else if (context.offline()) {
            throw refuse(op, "rebuilding the table needs its definition, which an offline script cannot read",
                    "Give it to the batch, as Alembic's copy_from: op.batchAlterTable(" + JavaSpelling.string(
                            op.table().name()) + ", Table.of(QualifiedName.of(" + JavaSpelling.string(op.table().name())
                            + "), column(...), ...), b -> ...), or run this revision online");
        } else {
            definition = definition(op.table()).orElseThrow(() -> refuse(op, "there is no table "
                    + op.table(), "Create it first, or check the table's name"));
        }
        return new SqliteRebuild(this, op, definition).statements();
    }

    /**
     * Whether the batch rebuilds its table: always with {@code Recreate.ALWAYS}, never with
     * {@code NEVER}, and with {@code AUTO} when one of its changes is more than SQLite's ALTER TABLE
     * can do. That is Alembic's rule (anything but adding a column, creating or dropping an index,
     * and an added column with an expression default or a stored generated value rebuilds), except
     * that a rename or a comment alone is done in place too, and that every column SQLite's ADD
     * COLUMN refuses for a table with rows counts.
     */
    static boolean rebuilds(BatchAlterTable batch) {
        return switch (batch.recreate()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> batch.operations().stream().anyMatch(operation -> !inPlace(operation));
        };
    }

    /** Whether SQLite changes the table in place (a DROP COLUMN is judged by the table: see the dialect). */
    static boolean inPlace(Operation operation) {
        if (operation instanceof AddColumn add) {
            return addColumnProblem(add.column()).isEmpty();
        }
        if (operation instanceof AlterColumn alter) {
            return renamesOnly(alter);
        }
        return operation instanceof CreateIndex || operation instanceof DropIndex
                || operation instanceof SetTableComment || operation instanceof Execute
                || operation instanceof SetStorageParameters || operation instanceof ResetStorageParameters
                || operation instanceof SetTableOptions;
    }

    // ------------------------------------------------------------------------------------------
    // helpers for the rebuild and the refusals

    /** The way out of a refusal: the batch call, or, inside a {@code Recreate.NEVER} batch, to let it rebuild. */
    private String batchWayOut(String what, String call) {
        if (neverRebuild) {
            return "This batch says Recreate.NEVER; let it rebuild the table with Recreate.AUTO";
        }
        return what + ": " + call;
    }

    /**
     * The table as the database has it now, with what surrounds it, read through the online
     * connection; empty when there is no such table, and offline. A context that reads tables but
     * offers no connection is asked for the table alone (the check before a run stops there).
     */
    Optional<SqliteTableDefinition> definition(QualifiedName table) {
        if (context.offline()) {
            return Optional.empty();
        }
        Optional<Connection> connection = context.connection();
        if (connection.isEmpty()) {
            return context.table(table).map(SqliteTableDefinition::of);
        }
        try {
            return sqlite.describe(connection.get(), table);
        } catch (SQLException e) {
            throw new Refusal("retort could not read table " + table + ": " + e.getMessage(),
                    "Check the table's definition in sqlite_master");
        }
    }

    String name(String identifier) {
        return id(identifier);
    }

    /** SQLite compares names ignoring the case of ASCII letters. */
    private static boolean sameName(String a, String b) {
        return ExpressionColumns.fold(a).equals(ExpressionColumns.fold(b));
    }

    String tableName(QualifiedName name) {
        return table(name);
    }

    String literal(Object value) {
        return dialect.literal(value);
    }

    String constraintSql(TableConstraint constraint, QualifiedName table) {
        return constraintDefinition(constraint, table);
    }

    String typeName(ColumnType type) {
        return dialect.typeName(type);
    }

    /** A refusal raised below {@link #render}, which names the operation. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String reason;
        private final String wayOut;

        Refusal(String reason, String wayOut) {
            super(reason, null, false, false);
            this.reason = reason;
            this.wayOut = wayOut;
        }
    }
}
