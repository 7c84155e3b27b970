package dev.retort.lint;

import dev.retort.lint.Action.ColumnFact;
import dev.retort.lint.Action.ConstraintFact;
import dev.retort.lint.Action.DefaultFact;
import dev.retort.lint.SqlTokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.AlterType;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Reads one SQL statement into {@link Action}s with JSqlParser, after smoothing over the PostgreSQL
 * clauses it does not know ({@code ALTER TABLE ONLY}, {@code SET DATA TYPE}, a constraint's
 * {@code NOT VALID}, which are remembered and removed before parsing). What the parser still cannot
 * read goes to {@link SqlFallback}. Never throws.
 *
 * <p>Not thread-safe: it owns the thread that runs the parser (JSqlParser parses with a time limit, on
 * a thread of its own, because some inputs make it backtrack for a long time); {@link #close()} it.
 */
final class SqlReader implements AutoCloseable {

    /** How long one statement may take to parse before the fallback takes over. */
    private static final int PARSE_TIMEOUT_MILLIS = 5000;

    private final boolean mysql;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retort-lint-parser");
        thread.setDaemon(true);
        return thread;
    });

    SqlReader(LintDialect dialect) {
        this.mysql = dialect == LintDialect.MYSQL;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    List<Action> read(String sql) {
        try {
            List<Token> tokens = SqlTokens.of(sql, mysql);
            if (tokens.isEmpty()) {
                return List.of();
            }
            Normalised normalised = normalise(sql, tokens);
            Optional<Statement> parsed = parse(normalised.sql());
            if (parsed.isPresent()) {
                List<Action> actions = fromTree(parsed.get(), tokens, normalised.notValid());
                if (actions != null) {
                    return actions;
                }
            }
            return new SqlFallback(sql, tokens).read();
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(new Action.Unreadable("retort could not read it (" + e + ")"));
        }
    }

    private Optional<Statement> parse(String sql) {
        try {
            return Optional.of(CCJSqlParserUtil.parse(sql, executor,
                    parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS)));
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The statement without the clauses JSqlParser does not know; which sub-commands were NOT VALID. */
    private record Normalised(String sql, Set<Integer> notValid) {
    }

    private Normalised normalise(String sql, List<Token> tokens) {
        if (tokens.size() < 3 || !tokens.get(0).is("ALTER") || !tokens.get(1).is("TABLE")) {
            return new Normalised(sql, Set.of());
        }
        StringBuilder out = new StringBuilder();
        Set<Integer> notValid = new HashSet<>();
        int from = 0;
        int clause = 0;
        int depth = 0;
        boolean inClauses = false;
        for (int i = 2; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!inClauses && token.is("ONLY")) {
                out.append(sql, from, token.start());
                from = token.end();
                continue;
            }
            if (!inClauses && token.name() && !token.is("IF") && !token.is("EXISTS")) {
                inClauses = true;
                i += skipQualified(tokens, i);
                continue;
            }
            if (token.isPunct("(")) {
                depth++;
            } else if (token.isPunct(")")) {
                depth--;
            } else if (depth == 0 && token.isPunct(",")) {
                clause++;
            } else if (depth == 0 && token.is("NOT") && i + 1 < tokens.size() && tokens.get(i + 1).is("VALID")) {
                notValid.add(clause);
                out.append(sql, from, token.start());
                from = tokens.get(i + 1).end();
                i++;
            } else if (depth == 0 && token.is("SET") && i + 2 < tokens.size() && tokens.get(i + 1).is("DATA")
                    && tokens.get(i + 2).is("TYPE")) {
                out.append(sql, from, token.start());
                from = tokens.get(i + 1).end();
                i++;
            }
        }
        out.append(sql, from, sql.length());
        return new Normalised(out.toString(), notValid);
    }

    /** How many tokens after {@code i} continue the dotted name starting there. */
    private static int skipQualified(List<Token> tokens, int i) {
        int skip = 0;
        while (i + skip + 2 < tokens.size() && tokens.get(i + skip + 1).isPunct(".")) {
            skip += 2;
        }
        return skip;
    }

    // ------------------------------------------------------------------------------------------
    // from JSqlParser's tree; null = not understood, let the fallback try

    private List<Action> fromTree(Statement statement, List<Token> tokens, Set<Integer> notValid) {
        if (statement instanceof Alter alter) {
            return alter(alter, tokens, notValid);
        }
        if (statement instanceof CreateTable create) {
            return createTable(create);
        }
        if (statement instanceof CreateIndex create) {
            return createIndex(create, tokens);
        }
        if (statement instanceof Drop drop) {
            return drop(drop, tokens);
        }
        if (statement instanceof Truncate truncate) {
            List<TableName> tables = new ArrayList<>();
            (truncate.getTables() == null || truncate.getTables().isEmpty() ? List.of(truncate.getTable())
                    : truncate.getTables()).forEach(t -> tables.add(TableName.parse(t.getFullyQualifiedName())));
            return List.of(new Action.Truncate(tables, truncate.getCascade()));
        }
        if (statement instanceof Commit) {
            return List.of(new Action.Transaction(Action.Transaction.Kind.COMMIT));
        }
        if (statement instanceof RollbackStatement) {
            return tokens.size() > 1 && tokens.get(1).is("TO") ? List.of(new Action.Other("rollback to savepoint",
                    Optional.empty(), false)) : List.of(new Action.Transaction(Action.Transaction.Kind.ROLLBACK));
        }
        if (statement instanceof SetStatement) {
            return null; // the fallback reads every SET form the same way (PostgreSQL's SET x TO y too)
        }
        if (statement instanceof AlterType type) {
            if (type.getAction() == AlterType.Action.ADD_VALUE) {
                String value = type.getNewValue() != null ? type.getNewValue().getValue()
                        : type.getValue() != null ? type.getValue().getValue() : "";
                return List.of(new Action.AddEnumValue(type.getName(), value, type.getPosition() != null));
            }
            return List.of(new Action.Other("alter type", Optional.empty(), true));
        }
        if (statement instanceof RenameTableStatement rename) {
            List<Action> actions = new ArrayList<>();
            rename.getTableNames().forEach(e -> actions.add(new Action.RenameTable(
                    TableName.parse(e.getKey().getFullyQualifiedName()), TableName.unquote(e.getValue().getName()))));
            return actions;
        }
        if (statement instanceof Insert insert && insert.getTable() != null) {
            return List.of(new Action.Other("insert", Optional.of(TableName.parse(
                    insert.getTable().getFullyQualifiedName())), false));
        }
        if (statement instanceof Update update && update.getTable() != null) {
            return List.of(new Action.Other("update", Optional.of(TableName.parse(
                    update.getTable().getFullyQualifiedName())), false));
        }
        if (statement instanceof Delete delete && delete.getTable() != null) {
            return List.of(new Action.Other("delete", Optional.of(TableName.parse(
                    delete.getTable().getFullyQualifiedName())), false));
        }
        if (tokens.get(0).is("BEGIN") || tokens.get(0).is("START") || tokens.get(0).is("END")) {
            return null;
        }
        return List.of(new Action.Other(statement.getClass().getSimpleName(), Optional.empty(), false));
    }

    private List<Action> alter(Alter alter, List<Token> tokens, Set<Integer> notValid) {
        if (alter.getTable() == null || alter.getAlterExpressions() == null) {
            return null;
        }
        TableName table = TableName.parse(alter.getTable().getFullyQualifiedName());
        List<Action> actions = new ArrayList<>();
        List<AlterExpression> expressions = alter.getAlterExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            AlterExpression e = expressions.get(i);
            AlterOperation op = e.getOperation();
            if (op == AlterOperation.ADD) {
                if (!add(table, e, notValid.contains(i), actions)) {
                    return null;
                }
            } else if (op == AlterOperation.ALTER) {
                alterColumn(table, e, actions);
            } else if (op == AlterOperation.MODIFY || op == AlterOperation.CHANGE) {
                if (e.getColDataTypeList() == null) {
                    return null;
                }
                for (var column : e.getColDataTypeList()) {
                    String oldName = op == AlterOperation.CHANGE && e.getColumnOldName() != null
                            ? TableName.unquote(e.getColumnOldName()) : TableName.unquote(column.getColumnName());
                    actions.add(new Action.ModifyColumn(table, oldName, column(column)));
                }
            } else if (op == AlterOperation.RENAME) {
                if (e.getColumnOldName() != null && e.getColumnName() != null) {
                    actions.add(new Action.RenameColumn(table, TableName.unquote(e.getColumnOldName()),
                            TableName.unquote(e.getColumnName())));
                } else {
                    actions.add(new Action.Other("rename", Optional.of(table), true));
                }
            } else if (op == AlterOperation.RENAME_TABLE) {
                actions.add(new Action.RenameTable(table, TableName.unquote(e.getNewTableName())));
            } else if (op == AlterOperation.DROP) {
                if (e.getColumnName() != null) {
                    actions.add(new Action.DropColumn(table, TableName.unquote(e.getColumnName())));
                } else {
                    actions.add(new Action.Other("drop", Optional.of(table), true));
                }
            } else if (op == AlterOperation.ALGORITHM || op == AlterOperation.LOCK) {
                continue; // read from the tokens below, for ALTER TABLE and CREATE INDEX alike
            } else if (op == AlterOperation.UNSPECIFIC && e.getOptionalSpecifier() != null
                    && e.getOptionalSpecifier().toUpperCase(Locale.ROOT).startsWith("VALIDATE CONSTRAINT ")) {
                actions.add(new Action.ValidateConstraint(table, TableName.unquote(
                        e.getOptionalSpecifier().substring("VALIDATE CONSTRAINT ".length()))));
            } else if (op == AlterOperation.UNSPECIFIC && !knownClause(e.getOptionalSpecifier())) {
                return null;
            } else {
                actions.add(new Action.Other(String.valueOf(op).toLowerCase(Locale.ROOT), Optional.of(table), true));
            }
        }
        mysqlOptions(table, tokens).ifPresent(actions::add);
        return actions;
    }

    /** Whether a sub-command the parser kept as text starts with a word the fallback knows. */
    private static boolean knownClause(String specifier) {
        if (specifier == null || specifier.isBlank()) {
            return false;
        }
        String first = specifier.strip().split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        return SqlFallback.OTHER_CLAUSES.contains(first);
    }

    private boolean add(TableName table, AlterExpression e, boolean notValid, List<Action> actions) {
        if (e.getColDataTypeList() != null && !e.getColDataTypeList().isEmpty()) {
            for (var column : e.getColDataTypeList()) {
                actions.add(new Action.AddColumn(table, column(column)));
            }
            return true;
        }
        Index index = e.getIndex();
        if (index == null) {
            return false;
        }
        Optional<String> name = Optional.ofNullable(index.getName()).map(TableName::unquote);
        List<String> columns = index.getColumnsNames() == null ? List.of()
                : index.getColumnsNames().stream().map(TableName::unquote).toList();
        if (index instanceof ForeignKeyIndex fk) {
            Optional<TableName> referenced = Optional.ofNullable(fk.getTable())
                    .map(t -> TableName.parse(t.getFullyQualifiedName()));
            actions.add(new Action.AddConstraint(table, new ConstraintFact(ConstraintFact.Kind.FOREIGN_KEY, name,
                    columns, notValid, false, referenced, "")));
        } else if (index instanceof CheckConstraint check) {
            actions.add(new Action.AddConstraint(table, new ConstraintFact(ConstraintFact.Kind.CHECK, name, columns,
                    notValid, false, Optional.empty(), String.valueOf(check.getExpression()))));
        } else if (index instanceof NamedConstraint named && named.getType() != null) {
            String type = named.getType().toUpperCase(Locale.ROOT);
            ConstraintFact.Kind kind = type.contains("PRIMARY") ? ConstraintFact.Kind.PRIMARY_KEY
                    : type.contains("UNIQUE") ? ConstraintFact.Kind.UNIQUE : null;
            if (kind == null) {
                return false;
            }
            actions.add(new Action.AddConstraint(table, new ConstraintFact(kind, name, columns, notValid, false,
                    Optional.empty(), "")));
        } else {
            // MySQL: ADD [UNIQUE] INDEX|KEY name (columns)
            boolean unique = index.getType() != null && index.getType().toUpperCase(Locale.ROOT).contains("UNIQUE");
            actions.add(new Action.CreateIndex(table, name.orElse("(unnamed)"), unique, false, columns.size()));
        }
        return true;
    }

    private void alterColumn(TableName table, AlterExpression e, List<Action> actions) {
        boolean any = false;
        if (e.getColDataTypeList() != null) {
            for (var column : e.getColDataTypeList()) {
                if (column.isWithType() || column.getColDataType() != null) {
                    actions.add(new Action.AlterColumnType(table, TableName.unquote(column.getColumnName()),
                            type(column), Optional.empty()));
                    any = true;
                }
            }
        }
        if (e.getColumnSetNotNullList() != null) {
            e.getColumnSetNotNullList().forEach(c -> actions.add(new Action.SetNotNull(table,
                    TableName.unquote(c.getColumnName()))));
            any = true;
        }
        if (e.getColumnDropNotNullList() != null) {
            e.getColumnDropNotNullList().forEach(c -> actions.add(c.isWithNot()
                    ? new Action.DropNotNull(table, TableName.unquote(c.getColumnName()))
                    : new Action.Other("drop default", Optional.of(table), true)));
            any = true;
        }
        if (!any) {
            actions.add(new Action.Other("alter column", Optional.of(table), true));
        }
    }

    private List<Action> createTable(CreateTable create) {
        if (create.getTable() == null) {
            return null;
        }
        TableName table = TableName.parse(create.getTable().getFullyQualifiedName());
        List<ColumnFact> columns = new ArrayList<>();
        if (create.getColumnDefinitions() != null) {
            for (ColumnDefinition column : create.getColumnDefinitions()) {
                columns.add(column(column));
            }
        }
        List<ConstraintFact> constraints = new ArrayList<>();
        if (create.getIndexes() != null) {
            for (Index index : create.getIndexes()) {
                Optional<String> name = Optional.ofNullable(index.getName()).map(TableName::unquote);
                if (index instanceof ForeignKeyIndex fk) {
                    constraints.add(new ConstraintFact(ConstraintFact.Kind.FOREIGN_KEY, name, List.of(), false, false,
                            Optional.ofNullable(fk.getTable()).map(t -> TableName.parse(t.getFullyQualifiedName())),
                            ""));
                }
            }
        }
        return List.of(new Action.CreateTable(table, columns, constraints));
    }

    private List<Action> createIndex(CreateIndex create, List<Token> tokens) {
        if (create.getTable() == null || create.getIndex() == null) {
            return null;
        }
        TableName table = TableName.parse(create.getTable().getFullyQualifiedName());
        Index index = create.getIndex();
        boolean unique = index.getType() != null && index.getType().toUpperCase(Locale.ROOT).contains("UNIQUE");
        int keys = index.getColumns() == null ? 0 : index.getColumns().size();
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.CreateIndex(table, index.getName() == null ? "(unnamed)"
                : TableName.unquote(index.getName()), unique, create.isConcurrently(), keys));
        mysqlOptions(table, tokens).ifPresent(actions::add);
        return actions;
    }

    private List<Action> drop(Drop drop, List<Token> tokens) {
        String type = String.valueOf(drop.getType()).toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        if (drop.getNames() != null && !drop.getNames().isEmpty()) {
            drop.getNames().forEach(t -> names.add(t.getFullyQualifiedName()));
        } else if (drop.getName() != null) {
            names.add(drop.getName().getFullyQualifiedName());
        }
        boolean concurrently = tokens.size() > 2 && tokens.get(2).is("CONCURRENTLY");
        List<Action> actions = new ArrayList<>();
        for (String name : names) {
            switch (type) {
                case "TABLE" -> actions.add(new Action.DropTable(TableName.parse(name)));
                case "INDEX" -> actions.add(new Action.DropIndex(TableName.unquote(name), concurrently));
                case "DATABASE" -> actions.add(new Action.DropDatabase(TableName.unquote(name)));
                case "SCHEMA" -> actions.add(new Action.DropSchema(TableName.unquote(name)));
                default -> actions.add(new Action.Other("drop " + type.toLowerCase(Locale.ROOT), Optional.empty(),
                        true));
            }
        }
        return actions;
    }

    /** MySQL's {@code ALGORITHM [=] x} and {@code LOCK [=] x} clauses, read from the tokens. */
    private Optional<Action> mysqlOptions(TableName table, List<Token> tokens) {
        if (!mysql) {
            return Optional.empty();
        }
        Optional<String> algorithm = option(tokens, "ALGORITHM");
        Optional<String> lock = option(tokens, "LOCK");
        if (algorithm.isEmpty() && lock.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.AlterTableOptions(table, algorithm, lock));
    }

    private static Optional<String> option(List<Token> tokens, String keyword) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isPunct("(")) {
                depth++;
            } else if (token.isPunct(")")) {
                depth--;
            } else if (depth == 0 && token.is(keyword)) {
                int value = i + 1 < tokens.size() && tokens.get(i + 1).isPunct("=") ? i + 2 : i + 1;
                if (value < tokens.size() && tokens.get(value).kind() == SqlTokens.Kind.WORD) {
                    return Optional.of(tokens.get(value).upper());
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------
    // columns

    private ColumnFact column(ColumnDefinition definition) {
        return column(TableName.unquote(definition.getColumnName()), type(definition),
                definition.getColumnSpecs() == null ? List.of() : definition.getColumnSpecs());
    }

    private static TypeFact type(ColumnDefinition definition) {
        if (definition.getColDataType() == null) {
            return TypeFact.parse("unknown");
        }
        String written = definition.getColDataType().getDataType();
        List<Integer> array = definition.getColDataType().getArrayData();
        return TypeFact.parse(written + (array != null && !array.isEmpty() ? "[]" : ""));
    }

    /** Words that end a column's DEFAULT expression. */
    private static final Set<String> COLUMN_KEYWORDS = Set.of("NOT", "NULL", "GENERATED", "REFERENCES", "PRIMARY",
            "UNIQUE", "CHECK", "CONSTRAINT", "COLLATE", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "ON", "AS",
            "FIRST", "AFTER", "STORED", "VIRTUAL", "KEY");

    /**
     * A column from what follows its type ({@code NOT NULL}, {@code DEFAULT x}, {@code GENERATED ...}),
     * as the parser's column specs or the fallback's words; they are joined and read as tokens, since
     * the parser sometimes keeps several words in one spec.
     */
    static ColumnFact column(String name, TypeFact type, List<String> specs) {
        String text = String.join(" ", specs);
        List<Token> tokens = SqlTokens.of(text, false);
        boolean notNull = false;
        Optional<DefaultFact> defaultValue = Optional.empty();
        boolean generatedStored = false;
        boolean identity = type.serial();
        boolean primaryKey = false;
        Optional<TableName> references = Optional.empty();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).upper() : "";
            if (token.isPunct("(")) {
                i = SqlTokens.closing(tokens, i);
                continue;
            }
            switch (token.upper()) {
                case "NOT" -> {
                    if (next.equals("NULL")) {
                        notNull = true;
                        i++;
                    }
                }
                case "DEFAULT" -> {
                    int end = i + 1;
                    while (end < tokens.size() && !(tokens.get(end).kind() == SqlTokens.Kind.WORD
                            && COLUMN_KEYWORDS.contains(tokens.get(end).upper()))) {
                        end = tokens.get(end).isPunct("(") ? SqlTokens.closing(tokens, end) + 1 : end + 1;
                    }
                    if (end > i + 1) {
                        defaultValue = Optional.of(new DefaultFact(SqlTokens.text(text, tokens.subList(i + 1, end)),
                                false));
                    }
                    i = end - 1;
                }
                case "IDENTITY", "AUTO_INCREMENT", "AUTOINCREMENT" -> identity = true;
                case "STORED" -> generatedStored = true;
                case "PRIMARY" -> primaryKey = next.equals("KEY");
                case "REFERENCES" -> {
                    if (i + 1 < tokens.size()) {
                        int end = i + 2;
                        while (end + 1 < tokens.size() && tokens.get(end).isPunct(".")) {
                            end += 2;
                        }
                        references = Optional.of(TableName.parse(SqlTokens.text(text, tokens.subList(i + 1,
                                Math.min(end, tokens.size())))));
                    }
                }
                default -> {
                }
            }
        }
        if (primaryKey) {
            notNull = true;
        }
        return new ColumnFact(name, type, notNull, defaultValue, generatedStored, identity, primaryKey, references);
    }
}
