package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.ParsedTable.ColumnCheck;
import dev.retort.dialect.sqlite.ParsedTable.ColumnClause;
import dev.retort.dialect.sqlite.ParsedTable.ColumnCollate;
import dev.retort.dialect.sqlite.ParsedTable.ColumnDefault;
import dev.retort.dialect.sqlite.ParsedTable.ColumnGenerated;
import dev.retort.dialect.sqlite.ParsedTable.ColumnNotNull;
import dev.retort.dialect.sqlite.ParsedTable.ColumnPrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.ColumnReferences;
import dev.retort.dialect.sqlite.ParsedTable.ColumnUnique;
import dev.retort.dialect.sqlite.ParsedTable.IndexedColumn;
import dev.retort.dialect.sqlite.ParsedTable.ParsedColumn;
import dev.retort.dialect.sqlite.ParsedTable.ParsedIndex;
import dev.retort.dialect.sqlite.ParsedTable.ParsedView;
import dev.retort.dialect.sqlite.ParsedTable.References;
import dev.retort.dialect.sqlite.ParsedTable.TableCheck;
import dev.retort.dialect.sqlite.ParsedTable.TableClause;
import dev.retort.dialect.sqlite.ParsedTable.TableForeignKey;
import dev.retort.dialect.sqlite.ParsedTable.TablePrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.TableUnique;
import dev.retort.dialect.sqlite.SqliteLexer.Kind;
import dev.retort.dialect.sqlite.SqliteLexer.Token;
import dev.retort.schema.Deferrable;
import dev.retort.schema.ReferentialAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code CREATE TABLE} and {@code CREATE INDEX} statements SQLite keeps in
 * {@code sqlite_master}, following SQLite's grammar (lang_createtable, lang_createindex) as far as a
 * table rebuild needs: every column and table constraint with its name, and expressions (CHECK
 * conditions, defaults, generated columns, index keys, partial-index predicates) cut out of the
 * statement as written, however they nest parentheses, quote names, hold strings or carry comments.
 * SQLite has already accepted these statements, so the parser is strict only where it must be to
 * find its way.
 *
 * <p>Stateless and thread-safe.
 */
final class SqliteDdlParser {

    /** Words that end a column's type and start its constraints. */
    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE",
            "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS");
    private static final Set<String> TABLE_CONSTRAINT_START = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK",
            "FOREIGN");

    private final String sql;
    private final List<Token> tokens;
    private int next;

    private SqliteDdlParser(String sql) {
        this.sql = sql;
        this.tokens = SqliteLexer.tokenize(sql);
    }

    /**
     * Takes a {@code CREATE TABLE} statement apart.
     *
     * @throws SqliteParseException when it is not one, or not as SQLite writes one
     */
    static ParsedTable parseCreateTable(String sql) {
        return new SqliteDdlParser(sql).createTable();
    }

    /**
     * Takes a {@code CREATE INDEX} statement apart.
     *
     * @throws SqliteParseException when it is not one
     */
    static ParsedIndex parseCreateIndex(String sql) {
        return new SqliteDdlParser(sql).createIndex();
    }

    /**
     * Takes a {@code CREATE VIEW} statement apart.
     *
     * @throws SqliteParseException when it is not one
     */
    static ParsedView parseCreateView(String sql) {
        return new SqliteDdlParser(sql).createView();
    }

    // ------------------------------------------------------------------------------------------
    // CREATE TABLE

    private ParsedTable createTable() {
        expectWord("CREATE");
        if (peekWord("TEMP") || peekWord("TEMPORARY")) {
            next++;
        }
        expectWord("TABLE");
        ifNotExists();
        String first = name("the table's name");
        Optional<String> schema = Optional.empty();
        String name = first;
        if (peekSymbol(".")) {
            next++;
            schema = Optional.of(first);
            name = name("the table's name");
        }
        if (peekWord("AS")) {
            return new ParsedTable(schema, name, List.of(), List.of(), false, false, true);
        }
        expectSymbol("(");
        List<ParsedColumn> columns = new ArrayList<>();
        List<TableClause> constraints = new ArrayList<>();
        boolean inConstraints = false;
        while (true) {
            if (!inConstraints && peekWordIn(TABLE_CONSTRAINT_START)) {
                inConstraints = true;
            }
            if (inConstraints) {
                constraints.add(tableConstraint());
            } else {
                columns.add(column());
            }
            if (peekSymbol(",")) {
                next++;
            } else if (peekSymbol(")")) {
                next++;
                break;
            } else if (!inConstraints || !peekWordIn(TABLE_CONSTRAINT_START)) {
                // SQLite lets table constraints follow each other without a comma, nothing else
                throw error("expected ',' or ')'");
            }
        }
        boolean withoutRowid = false;
        boolean strict = false;
        while (next < tokens.size() && !peekSymbol(";")) {
            if (peekWord("WITHOUT")) {
                next++;
                expectWord("ROWID");
                withoutRowid = true;
            } else if (peekWord("STRICT")) {
                next++;
                strict = true;
            } else {
                throw error("expected WITHOUT ROWID or STRICT");
            }
            if (peekSymbol(",")) {
                next++;
            }
        }
        return new ParsedTable(schema, name, columns, constraints, withoutRowid, strict, false);
    }

    private ParsedColumn column() {
        String name = name("a column name");
        int typeStart = next;
        while (next < tokens.size() && !peekSymbol(",") && !peekSymbol(")") && !peekWordIn(COLUMN_CONSTRAINT_START)) {
            if (peekSymbol("(")) {
                skipParenthesized();
                break;
            }
            if (!peek().isName()) {
                throw error("expected the column's type");
            }
            next++;
        }
        String type = next > typeStart ? text(typeStart, next - 1) : "";
        List<ColumnClause> clauses = new ArrayList<>();
        Optional<String> constraintName = Optional.empty();
        while (next < tokens.size() && !peekSymbol(",") && !peekSymbol(")")) {
            if (peekWord("CONSTRAINT")) {
                next++;
                constraintName = Optional.of(name("a constraint name"));
                continue;
            }
            ColumnClause clause = columnConstraint(constraintName);
            if (clause != null) {
                clauses.add(clause);
            }
            constraintName = Optional.empty();
        }
        return new ParsedColumn(name, type, clauses);
    }

    /** One column constraint; null for the {@code NULL} constraint, which says nothing. */
    private ColumnClause columnConstraint(Optional<String> name) {
        Token token = peek();
        switch (token.kind() == Kind.WORD ? token.upper() : "") {
            case "PRIMARY" -> {
                next++;
                expectWord("KEY");
                boolean descending = order();
                Optional<String> onConflict = conflictClause();
                boolean autoincrement = false;
                if (peekWord("AUTOINCREMENT")) {
                    next++;
                    autoincrement = true;
                }
                return new ColumnPrimaryKey(name, descending, onConflict, autoincrement);
            }
            case "NOT" -> {
                next++;
                expectWord("NULL");
                return new ColumnNotNull(name, conflictClause());
            }
            case "NULL" -> {
                next++;
                conflictClause();
                return null;
            }
            case "UNIQUE" -> {
                next++;
                return new ColumnUnique(name, conflictClause());
            }
            case "CHECK" -> {
                next++;
                return new ColumnCheck(name, parenthesized());
            }
            case "DEFAULT" -> {
                next++;
                return new ColumnDefault(name, defaultValue());
            }
            case "COLLATE" -> {
                next++;
                return new ColumnCollate(name, name("a collation"));
            }
            case "REFERENCES" -> {
                return new ColumnReferences(name, references());
            }
            case "GENERATED", "AS" -> {
                if (peekWord("GENERATED")) {
                    next++;
                    expectWord("ALWAYS");
                }
                expectWord("AS");
                String expression = parenthesized();
                boolean stored = false;
                if (peekWord("STORED")) {
                    next++;
                    stored = true;
                } else if (peekWord("VIRTUAL")) {
                    next++;
                }
                return new ColumnGenerated(name, expression, stored);
            }
            default -> throw error("expected a column constraint");
        }
    }

    /** The value after DEFAULT, as written: {@code (expr)}, a signed number, or one literal or word. */
    private String defaultValue() {
        int start = next;
        if (peekSymbol("(")) {
            skipParenthesized();
        } else if (peekSymbol("-") || peekSymbol("+")) {
            next++;
            if (peek().kind() != Kind.NUMBER) {
                throw error("expected a number after the sign of a default");
            }
            next++;
        } else if (peek().kind() == Kind.STRING || peek().kind() == Kind.NUMBER || peek().kind() == Kind.BLOB
                || peek().kind() == Kind.WORD || peek().kind() == Kind.QUOTED_NAME) {
            next++;
        } else {
            throw error("expected a default value");
        }
        return text(start, next - 1);
    }

    private TableClause tableConstraint() {
        Optional<String> name = Optional.empty();
        if (peekWord("CONSTRAINT")) {
            next++;
            name = Optional.of(name("a constraint name"));
        }
        Token token = peek();
        switch (token.kind() == Kind.WORD ? token.upper() : "") {
            case "PRIMARY" -> {
                next++;
                expectWord("KEY");
                List<IndexedColumn> columns = indexedColumns();
                return new TablePrimaryKey(name, columns, conflictClause());
            }
            case "UNIQUE" -> {
                next++;
                List<IndexedColumn> columns = indexedColumns();
                return new TableUnique(name, columns, conflictClause());
            }
            case "CHECK" -> {
                next++;
                return new TableCheck(name, parenthesized());
            }
            case "FOREIGN" -> {
                next++;
                expectWord("KEY");
                List<String> columns = nameList();
                return new TableForeignKey(name, columns, references());
            }
            default -> throw error("expected PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY");
        }
    }

    private References references() {
        expectWord("REFERENCES");
        String table = name("the referenced table");
        List<String> columns = peekSymbol("(") ? nameList() : List.of();
        Optional<ReferentialAction> onDelete = Optional.empty();
        Optional<ReferentialAction> onUpdate = Optional.empty();
        Optional<String> match = Optional.empty();
        Optional<Deferrable> deferrable = Optional.empty();
        while (next < tokens.size()) {
            if (peekWord("ON")) {
                next++;
                if (peekWord("DELETE")) {
                    next++;
                    onDelete = Optional.of(action());
                } else {
                    expectWord("UPDATE");
                    onUpdate = Optional.of(action());
                }
            } else if (peekWord("MATCH")) {
                next++;
                match = Optional.of(name("the MATCH kind"));
            } else if (peekWord("NOT") && next + 1 < tokens.size() && tokens.get(next + 1).isWord("DEFERRABLE")) {
                next += 2;
                initially();
                deferrable = Optional.of(Deferrable.NOT_DEFERRABLE);
            } else if (peekWord("DEFERRABLE")) {
                next++;
                deferrable = Optional.of(initially() ? Deferrable.INITIALLY_DEFERRED : Deferrable.INITIALLY_IMMEDIATE);
            } else {
                break;
            }
        }
        return new References(table, columns, onDelete, onUpdate, match, deferrable);
    }

    /** {@code INITIALLY DEFERRED} (true), {@code INITIALLY IMMEDIATE} or nothing (false). */
    private boolean initially() {
        if (!peekWord("INITIALLY")) {
            return false;
        }
        next++;
        if (peekWord("DEFERRED")) {
            next++;
            return true;
        }
        expectWord("IMMEDIATE");
        return false;
    }

    private ReferentialAction action() {
        if (peekWord("SET")) {
            next++;
            if (peekWord("NULL")) {
                next++;
                return ReferentialAction.SET_NULL;
            }
            expectWord("DEFAULT");
            return ReferentialAction.SET_DEFAULT;
        }
        if (peekWord("CASCADE")) {
            next++;
            return ReferentialAction.CASCADE;
        }
        if (peekWord("RESTRICT")) {
            next++;
            return ReferentialAction.RESTRICT;
        }
        expectWord("NO");
        expectWord("ACTION");
        return ReferentialAction.NO_ACTION;
    }

    private Optional<String> conflictClause() {
        if (!peekWord("ON")) {
            return Optional.empty();
        }
        next++;
        expectWord("CONFLICT");
        Token token = peek();
        if (token.kind() != Kind.WORD) {
            throw error("expected ROLLBACK, ABORT, FAIL, IGNORE or REPLACE");
        }
        next++;
        return Optional.of(token.upper());
    }

    // ------------------------------------------------------------------------------------------
    // CREATE INDEX

    private ParsedIndex createIndex() {
        expectWord("CREATE");
        boolean unique = false;
        if (peekWord("UNIQUE")) {
            next++;
            unique = true;
        }
        expectWord("INDEX");
        ifNotExists();
        String first = name("the index's name");
        Optional<String> schema = Optional.empty();
        String name = first;
        if (peekSymbol(".")) {
            next++;
            schema = Optional.of(first);
            name = name("the index's name");
        }
        expectWord("ON");
        String table = name("the indexed table");
        List<IndexedColumn> columns = indexedColumns();
        Optional<String> where = Optional.empty();
        if (peekWord("WHERE")) {
            next++;
            int start = next;
            while (next < tokens.size() && !peekSymbol(";")) {
                if (peekSymbol("(")) {
                    skipParenthesized();
                } else {
                    next++;
                }
            }
            if (next == start) {
                throw error("expected the index's predicate");
            }
            where = Optional.of(text(start, next - 1));
        }
        return new ParsedIndex(schema, name, unique, table, columns, where);
    }

    // ------------------------------------------------------------------------------------------
    // CREATE VIEW

    /** {@code CREATE [TEMP] VIEW [IF NOT EXISTS] [schema.]name [(columns)] AS select}: the select as written. */
    private ParsedView createView() {
        expectWord("CREATE");
        if (peekWord("TEMP") || peekWord("TEMPORARY")) {
            next++;
        }
        expectWord("VIEW");
        ifNotExists();
        String first = name("the view's name");
        Optional<String> schema = Optional.empty();
        String name = first;
        if (peekSymbol(".")) {
            next++;
            schema = Optional.of(first);
            name = name("the view's name");
        }
        List<String> columns = peekSymbol("(") ? nameList() : List.of();
        expectWord("AS");
        int start = next;
        int end = tokens.size() - 1;
        while (end >= start && tokens.get(end).isSymbol(";")) {
            end--;
        }
        if (end < start) {
            throw error("expected the view's query");
        }
        return new ParsedView(schema, name, columns, text(start, end));
    }

    // ------------------------------------------------------------------------------------------
    // pieces

    /** {@code ( key [COLLATE c] [ASC|DESC], ... )}. */
    private List<IndexedColumn> indexedColumns() {
        expectSymbol("(");
        List<IndexedColumn> columns = new ArrayList<>();
        while (true) {
            int start = next;
            while (next < tokens.size() && !peekSymbol(",") && !peekSymbol(")")) {
                if (peekSymbol("(")) {
                    skipParenthesized();
                } else {
                    next++;
                }
            }
            int end = next - 1;
            if (end < start) {
                throw error("expected a column or an expression");
            }
            boolean descending = false;
            if (tokens.get(end).isWord("DESC") || tokens.get(end).isWord("ASC")) {
                descending = tokens.get(end).isWord("DESC");
                end--;
            }
            Optional<String> collation = Optional.empty();
            if (end - 1 >= start && tokens.get(end - 1).isWord("COLLATE") && tokens.get(end).isName()) {
                collation = Optional.of(tokens.get(end).value());
                end -= 2;
            }
            if (end < start) {
                throw error("expected a column or an expression");
            }
            Optional<String> column = end == start && tokens.get(start).isName()
                    ? Optional.of(tokens.get(start).value()) : Optional.empty();
            columns.add(new IndexedColumn(text(start, end), column, collation, descending));
            if (peekSymbol(",")) {
                next++;
            } else {
                expectSymbol(")");
                return columns;
            }
        }
    }

    /** {@code ( name, ... )}. */
    private List<String> nameList() {
        expectSymbol("(");
        List<String> names = new ArrayList<>();
        while (true) {
            names.add(name("a column name"));
            if (peekSymbol(",")) {
                next++;
            } else {
                expectSymbol(")");
                return names;
            }
        }
    }

    private void ifNotExists() {
        if (peekWord("IF")) {
            next++;
            expectWord("NOT");
            expectWord("EXISTS");
        }
    }

    private boolean order() {
        if (peekWord("ASC")) {
            next++;
        } else if (peekWord("DESC")) {
            next++;
            return true;
        }
        return false;
    }

    /** The text inside the parentheses that start here, as written; the parentheses are consumed. */
    private String parenthesized() {
        int open = next;
        skipParenthesized();
        int close = next - 1;
        if (close == open + 1) {
            throw error("expected an expression in the parentheses");
        }
        return text(open + 1, close - 1);
    }

    /** Steps over a balanced group of parentheses starting at the current token. */
    private void skipParenthesized() {
        int start = next;
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            if (next >= tokens.size()) {
                throw new SqliteParseException("a parenthesis is not closed", sql, tokens.get(start).start());
            }
            Token token = tokens.get(next++);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            }
        }
    }

    private String name(String what) {
        if (next >= tokens.size() || !peek().isName()) {
            throw error("expected " + what);
        }
        return tokens.get(next++).value();
    }

    /** The statement's text from the first to the last token given, inclusive, comments inside kept. */
    private String text(int firstToken, int lastToken) {
        return sql.substring(tokens.get(firstToken).start(), tokens.get(lastToken).end());
    }

    private Token peek() {
        if (next >= tokens.size()) {
            throw new SqliteParseException("the statement ends early", sql, sql.length());
        }
        return tokens.get(next);
    }

    private boolean peekWord(String word) {
        return next < tokens.size() && tokens.get(next).isWord(word);
    }

    private boolean peekWordIn(Set<String> words) {
        return next < tokens.size() && tokens.get(next).kind() == Kind.WORD
                && words.contains(tokens.get(next).upper());
    }

    private boolean peekSymbol(String symbol) {
        return next < tokens.size() && tokens.get(next).isSymbol(symbol);
    }

    private void expectWord(String word) {
        if (!peekWord(word)) {
            throw error("expected " + word);
        }
        next++;
    }

    private void expectSymbol(String symbol) {
        if (!peekSymbol(symbol)) {
            throw error("expected '" + symbol + "'");
        }
        next++;
    }

    private SqliteParseException error(String problem) {
        int offset = next < tokens.size() ? tokens.get(next).start() : sql.length();
        return new SqliteParseException(problem, sql, offset);
    }
}
