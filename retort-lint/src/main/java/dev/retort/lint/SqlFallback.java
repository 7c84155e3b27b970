package dev.retort.lint;

import dev.retort.lint.Action.ConstraintFact;
import dev.retort.lint.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The small token-level recogniser for the statements JSqlParser cannot read (as of 5.4), one
 * statement kind at a time, each by its leading keywords:
 *
 * <ul>
 *   <li>transaction control: {@code BEGIN [WORK|TRANSACTION]}, {@code START TRANSACTION},
 *       {@code END}, {@code COMMIT}, {@code ROLLBACK}, {@code ABORT};</li>
 *   <li>{@code SET [SESSION|LOCAL] name {=|TO} value} (the parser knows no {@code TO});</li>
 *   <li>{@code ALTER TABLE} sub-commands the parser rejects: {@code ADD CONSTRAINT c UNIQUE|PRIMARY KEY
 *       USING INDEX i}, {@code ADD CONSTRAINT c EXCLUDE ...}, and plain {@code ADD}, {@code DROP},
 *       {@code ALTER COLUMN}, {@code RENAME}, {@code VALIDATE} when another sub-command of the same
 *       statement defeated the parser;</li>
 *   <li>{@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table ... (keys)},
 *       {@code DROP INDEX [CONCURRENTLY]}, {@code DROP TABLE|SCHEMA|DATABASE}, {@code TRUNCATE},
 *       {@code ALTER TYPE ... ADD VALUE}, {@code REINDEX}, MySQL's {@code RENAME TABLE};</li>
 *   <li>{@code CREATE TABLE}: only its name (so later statements know the table is new), with a
 *       {@code syntax-error} warning that its columns were not checked;</li>
 *   <li>statements no rule is about (functions, triggers, views, grants, comments, {@code DO},
 *       {@code VACUUM}, DML...): recognised by their first words and passed over.</li>
 * </ul>
 *
 * Anything else is {@link Action.Unreadable}, reported as {@code syntax-error}.
 */
final class SqlFallback {

    /** First words of statements that no rule is about. */
    private static final Set<String> PASSED_OVER = Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE",
            "COPY", "CALL", "DO", "VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "GRANT", "REVOKE", "COMMENT", "LOCK",
            "NOTIFY", "LISTEN", "UNLISTEN", "REFRESH", "PREPARE", "EXECUTE", "DEALLOCATE", "RESET", "SHOW", "USE",
            "SAVEPOINT", "RELEASE", "DISCARD", "LOAD", "SECURITY", "CHECKPOINT", "REASSIGN", "IMPORT", "DECLARE",
            "FETCH", "MOVE", "CLOSE", "OPTIMIZE", "FLUSH", "REPLACE", "HANDLER", "PRAGMA", "EXPLAIN");

    /** Objects whose CREATE, ALTER or DROP no rule is about. */
    private static final Set<String> OTHER_OBJECTS = Set.of("FUNCTION", "PROCEDURE", "TRIGGER", "VIEW",
            "MATERIALIZED", "TYPE", "EXTENSION", "SEQUENCE", "POLICY", "RULE", "DOMAIN", "AGGREGATE", "OPERATOR",
            "CAST", "COLLATION", "EVENT", "ROLE", "USER", "PUBLICATION", "SUBSCRIPTION", "SERVER", "STATISTICS",
            "TEXT", "CONVERSION", "LANGUAGE", "FOREIGN", "DEFAULT", "OR", "TABLESPACE", "GROUP", "OWNED",
            "ACCESS", "TRANSFORM", "SYNONYM");

    /** Words that start an ALTER TABLE sub-command no rule is about. */
    static final Set<String> OTHER_CLAUSES = Set.of("OWNER", "ENABLE", "DISABLE", "SET", "RESET", "CLUSTER",
            "INHERIT", "NO", "REPLICA", "ATTACH", "DETACH", "OF", "NOT", "FORCE", "ENGINE", "COMMENT", "CONVERT",
            "DEFAULT", "CHARACTER", "COLLATE", "AUTO_INCREMENT", "ROW_FORMAT", "ORDER", "PARTITION", "ALGORITHM",
            "LOCK");

    private final String sql;
    private final List<Token> tokens;

    SqlFallback(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    List<Action> read() {
        String first = tokens.get(0).upper();
        String second = word(1);
        switch (first) {
            case "BEGIN", "START" -> {
                return List.of(new Action.Transaction(Action.Transaction.Kind.BEGIN));
            }
            case "COMMIT", "END" -> {
                return List.of(new Action.Transaction(Action.Transaction.Kind.COMMIT));
            }
            case "ROLLBACK", "ABORT" -> {
                return second.equals("TO") ? other("rollback to savepoint")
                        : List.of(new Action.Transaction(Action.Transaction.Kind.ROLLBACK));
            }
            case "SET" -> {
                return set();
            }
            case "ALTER" -> {
                if (second.equals("TABLE")) {
                    return alterTable();
                }
                if (second.equals("TYPE")) {
                    return alterType();
                }
                return OTHER_OBJECTS.contains(second) || Set.of("SCHEMA", "DATABASE", "INDEX", "SYSTEM")
                        .contains(second) ? other("alter " + second.toLowerCase(Locale.ROOT)) : unreadable();
            }
            case "CREATE" -> {
                return create();
            }
            case "DROP" -> {
                return drop();
            }
            case "TRUNCATE" -> {
                return truncate();
            }
            case "REINDEX" -> {
                boolean concurrently = tokens.stream().anyMatch(t -> t.is("CONCURRENTLY"));
                return List.of(new Action.Reindex(SqlTokens.text(sql, tokens.subList(1, tokens.size())),
                        concurrently));
            }
            case "RENAME" -> {
                return renameTables();
            }
            default -> {
                return PASSED_OVER.contains(first) ? other(first.toLowerCase(Locale.ROOT)) : unreadable();
            }
        }
    }

    private List<Action> set() {
        int i = 1;
        if (Set.of("SESSION", "LOCAL", "GLOBAL", "@@SESSION").contains(word(i))) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).name()) {
            return other("set");
        }
        String name = TableName.unquote(tokens.get(i).text()).toLowerCase(Locale.ROOT);
        i++;
        if (i < tokens.size() && (tokens.get(i).isPunct("=") || tokens.get(i).is("TO"))) {
            i++;
        }
        String value = i < tokens.size() ? SqlTokens.text(sql, tokens.subList(i, tokens.size())) : "";
        return List.of(new Action.SetParameter(name, value));
    }

    private List<Action> alterTable() {
        int i = 2;
        while (i < tokens.size() && (tokens.get(i).is("IF") || tokens.get(i).is("EXISTS")
                || tokens.get(i).is("ONLY"))) {
            i++;
        }
        if (i >= tokens.size()) {
            return unreadable();
        }
        int nameEnd = nameEnd(i);
        TableName table = TableName.parse(SqlTokens.text(sql, tokens.subList(i, nameEnd)));
        List<Action> actions = new ArrayList<>();
        for (List<Token> clause : SqlTokens.splitTopLevel(tokens.subList(nameEnd, tokens.size()))) {
            if (clause.isEmpty()) {
                continue;
            }
            Optional<Action> action = alterClause(table, clause);
            if (action.isEmpty()) {
                return unreadable();
            }
            actions.add(action.get());
        }
        return actions;
    }

    private Optional<Action> alterClause(TableName table, List<Token> clause) {
        String first = clause.get(0).upper();
        int n = clause.size();
        boolean notValid = n >= 2 && clause.get(n - 2).is("NOT") && clause.get(n - 1).is("VALID");
        switch (first) {
            case "ADD" -> {
                int i = 1;
                Optional<String> name = Optional.empty();
                if (i < n && clause.get(i).is("CONSTRAINT") && i + 1 < n) {
                    name = Optional.of(TableName.unquote(clause.get(i + 1).text()));
                    i += 2;
                }
                if (i >= n) {
                    return Optional.empty();
                }
                Token kind = clause.get(i);
                boolean usingIndex = containsSequence(clause, "USING", "INDEX");
                if (kind.is("UNIQUE") || kind.is("PRIMARY")) {
                    return Optional.of(new Action.AddConstraint(table, new ConstraintFact(kind.is("UNIQUE")
                            ? ConstraintFact.Kind.UNIQUE : ConstraintFact.Kind.PRIMARY_KEY, name, List.of(), notValid,
                            usingIndex, Optional.empty(), "")));
                }
                if (kind.is("EXCLUDE")) {
                    return Optional.of(new Action.AddConstraint(table, new ConstraintFact(ConstraintFact.Kind.EXCLUDE,
                            name, List.of(), false, false, Optional.empty(), "")));
                }
                if (kind.is("CHECK")) {
                    int open = i + 1;
                    String condition = open < n ? SqlTokens.text(sql, clause.subList(open, SqlTokens.closing(clause,
                            open) + 1)) : "";
                    return Optional.of(new Action.AddConstraint(table, new ConstraintFact(ConstraintFact.Kind.CHECK,
                            name, List.of(), notValid, false, Optional.empty(), strip(condition))));
                }
                if (kind.is("FOREIGN")) {
                    Optional<TableName> referenced = Optional.empty();
                    for (int j = i; j + 1 < n; j++) {
                        if (clause.get(j).is("REFERENCES")) {
                            int end = nameEnd(clause, j + 1);
                            referenced = Optional.of(TableName.parse(SqlTokens.text(sql, clause.subList(j + 1, end))));
                        }
                    }
                    return Optional.of(new Action.AddConstraint(table, new ConstraintFact(
                            ConstraintFact.Kind.FOREIGN_KEY, name, List.of(), notValid, false, referenced, "")));
                }
                if (name.isPresent()) {
                    return Optional.empty();
                }
                if (kind.is("COLUMN")) {
                    i++;
                }
                if (i + 1 < n && clause.get(i).is("IF")) {
                    i += 3;
                }
                return addColumn(table, clause, i);
            }
            case "DROP" -> {
                int i = 1;
                if (i < n && clause.get(i).is("CONSTRAINT")) {
                    return Optional.of(new Action.Other("drop constraint", Optional.of(table), true));
                }
                if (i < n && clause.get(i).is("COLUMN")) {
                    i++;
                }
                if (i < n && clause.get(i).is("IF")) {
                    i += 2;
                }
                return i < n && clause.get(i).name()
                        ? Optional.of(new Action.DropColumn(table, TableName.unquote(clause.get(i).text())))
                        : Optional.empty();
            }
            case "ALTER" -> {
                int i = 1;
                if (i < n && clause.get(i).is("COLUMN")) {
                    i++;
                }
                if (i + 1 >= n) {
                    return Optional.empty();
                }
                String column = TableName.unquote(clause.get(i).text());
                List<Token> rest = clause.subList(i + 1, n);
                if (containsSequence(rest, "SET", "NOT", "NULL")) {
                    return Optional.of(new Action.SetNotNull(table, column));
                }
                if (containsSequence(rest, "DROP", "NOT", "NULL")) {
                    return Optional.of(new Action.DropNotNull(table, column));
                }
                for (int j = 0; j < rest.size(); j++) {
                    if (rest.get(j).is("TYPE")) {
                        int end = j + 1;
                        while (end < rest.size() && !rest.get(end).is("USING") && !rest.get(end).is("COLLATE")) {
                            end++;
                        }
                        return Optional.of(new Action.AlterColumnType(table, column,
                                TypeFact.parse(SqlTokens.text(sql, rest.subList(j + 1, end))), Optional.empty()));
                    }
                }
                return Optional.of(new Action.Other("alter column", Optional.of(table), true));
            }
            case "RENAME" -> {
                if (n >= 3 && clause.get(1).is("TO")) {
                    return Optional.of(new Action.RenameTable(table, TableName.unquote(clause.get(2).text())));
                }
                int i = 1;
                if (i < n && clause.get(i).is("COLUMN")) {
                    i++;
                }
                if (i + 2 < n && clause.get(i + 1).is("TO")) {
                    return Optional.of(new Action.RenameColumn(table, TableName.unquote(clause.get(i).text()),
                            TableName.unquote(clause.get(i + 2).text())));
                }
                return Optional.of(new Action.Other("rename", Optional.of(table), true));
            }
            case "VALIDATE" -> {
                return n >= 3 ? Optional.of(new Action.ValidateConstraint(table, TableName.unquote(clause.get(2)
                        .text()))) : Optional.empty();
            }
            default -> {
                return OTHER_CLAUSES.contains(first) ? Optional.of(new Action.Other(first.toLowerCase(Locale.ROOT),
                        Optional.of(table), true)) : Optional.empty();
            }
        }
    }

    private Optional<Action> addColumn(TableName table, List<Token> clause, int at) {
        if (at + 1 >= clause.size() || !clause.get(at).name()) {
            return Optional.empty();
        }
        String name = TableName.unquote(clause.get(at).text());
        int typeEnd = at + 1;
        Set<String> stops = Set.of("NOT", "NULL", "DEFAULT", "GENERATED", "REFERENCES", "PRIMARY", "UNIQUE", "CHECK",
                "CONSTRAINT", "COLLATE", "AUTO_INCREMENT", "AS", "COMMENT", "FIRST", "AFTER");
        while (typeEnd < clause.size() && !stops.contains(clause.get(typeEnd).upper())) {
            typeEnd++;
        }
        TypeFact type = TypeFact.parse(SqlTokens.text(sql, clause.subList(at + 1, typeEnd)));
        List<String> specs = new ArrayList<>();
        for (int i = typeEnd; i < clause.size(); i++) {
            Token token = clause.get(i);
            if (token.isPunct("(")) {
                int close = SqlTokens.closing(clause, i);
                specs.add(SqlTokens.text(sql, clause.subList(i, close + 1)));
                i = close;
            } else if (token.is("DEFAULT") && i + 1 < clause.size()) {
                specs.add("DEFAULT");
                int end = i + 1;
                while (end < clause.size() && !stops.contains(clause.get(end).upper())) {
                    end++;
                }
                specs.add(SqlTokens.text(sql, clause.subList(i + 1, end)));
                i = end - 1;
            } else {
                specs.add(token.text());
            }
        }
        return Optional.of(new Action.AddColumn(table, SqlReader.column(name, type, specs)));
    }

    private List<Action> alterType() {
        // ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']
        if (tokens.size() < 5 || !tokens.get(3).is("ADD") || !tokens.get(4).is("VALUE")) {
            return other("alter type");
        }
        String value = tokens.stream().filter(t -> t.kind() == SqlTokens.Kind.STRING).findFirst()
                .map(t -> t.text().substring(1, t.text().length() - 1)).orElse("");
        boolean positioned = tokens.stream().anyMatch(t -> t.is("BEFORE") || t.is("AFTER"));
        return List.of(new Action.AddEnumValue(TableName.unquote(tokens.get(2).text()), value, positioned));
    }

    private List<Action> create() {
        int i = 1;
        while (i < tokens.size() && Set.of("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "OR", "REPLACE")
                .contains(tokens.get(i).upper())) {
            i++;
        }
        String what = word(i);
        if (what.equals("UNIQUE") || what.equals("INDEX")) {
            return createIndex(i);
        }
        if (what.equals("TABLE")) {
            i++;
            if (word(i).equals("IF")) {
                i += 3;
            }
            if (i >= tokens.size()) {
                return unreadable();
            }
            int end = nameEnd(i);
            TableName table = TableName.parse(SqlTokens.text(sql, tokens.subList(i, end)));
            Action created = new Action.CreateTable(table, List.of(), List.of());
            if (end < tokens.size() && tokens.get(end).isPunct("(")) {
                return List.of(created, new Action.Unreadable("its columns were not checked"));
            }
            return List.of(created);
        }
        if (what.equals("SCHEMA") || what.equals("DATABASE") || OTHER_OBJECTS.contains(what)) {
            return other("create " + what.toLowerCase(Locale.ROOT));
        }
        return unreadable();
    }

    private List<Action> createIndex(int at) {
        int i = at;
        boolean unique = false;
        if (word(i).equals("UNIQUE")) {
            unique = true;
            i++;
        }
        i++; // INDEX
        boolean concurrently = false;
        if (word(i).equals("CONCURRENTLY")) {
            concurrently = true;
            i++;
        }
        if (word(i).equals("IF")) {
            i += 3;
        }
        String name = "(unnamed)";
        if (i < tokens.size() && !tokens.get(i).is("ON")) {
            name = TableName.unquote(tokens.get(i).text());
            i++;
        }
        if (!word(i).equals("ON")) {
            return unreadable();
        }
        i++;
        if (word(i).equals("ONLY")) {
            i++;
        }
        int end = nameEnd(i);
        if (i >= tokens.size()) {
            return unreadable();
        }
        TableName table = TableName.parse(SqlTokens.text(sql, tokens.subList(i, end)));
        int open = end;
        while (open < tokens.size() && !tokens.get(open).isPunct("(")) {
            open++;
        }
        int keys = open < tokens.size()
                ? SqlTokens.splitTopLevel(tokens.subList(open + 1, SqlTokens.closing(tokens, open))).size() : 0;
        return List.of(new Action.CreateIndex(table, name, unique, concurrently, keys));
    }

    private List<Action> drop() {
        String what = word(1);
        int i = 2;
        boolean concurrently = false;
        if (word(i).equals("CONCURRENTLY")) {
            concurrently = true;
            i++;
        }
        if (word(i).equals("IF")) {
            i += 2;
        }
        List<Action> actions = new ArrayList<>();
        for (List<Token> name : names(i)) {
            String text = SqlTokens.text(sql, name);
            switch (what) {
                case "TABLE" -> actions.add(new Action.DropTable(TableName.parse(text)));
                case "INDEX" -> actions.add(new Action.DropIndex(TableName.unquote(text), concurrently));
                case "SCHEMA" -> actions.add(new Action.DropSchema(TableName.unquote(text)));
                case "DATABASE" -> actions.add(new Action.DropDatabase(TableName.unquote(text)));
                default -> {
                    return OTHER_OBJECTS.contains(what) ? other("drop " + what.toLowerCase(Locale.ROOT))
                            : unreadable();
                }
            }
        }
        return actions.isEmpty() ? unreadable() : actions;
    }

    private List<Action> truncate() {
        int i = 1;
        while (word(i).equals("TABLE") || word(i).equals("ONLY")) {
            i++;
        }
        List<TableName> tables = new ArrayList<>();
        for (List<Token> name : names(i)) {
            tables.add(TableName.parse(SqlTokens.text(sql, name)));
        }
        boolean cascade = tokens.stream().anyMatch(t -> t.is("CASCADE"));
        return List.of(new Action.Truncate(tables, cascade));
    }

    private List<Action> renameTables() {
        // MySQL: RENAME TABLE a TO b [, c TO d]
        if (!word(1).equals("TABLE")) {
            return unreadable();
        }
        List<Action> actions = new ArrayList<>();
        for (List<Token> pair : SqlTokens.splitTopLevel(tokens.subList(2, tokens.size()))) {
            int to = -1;
            for (int j = 0; j < pair.size(); j++) {
                if (pair.get(j).is("TO")) {
                    to = j;
                }
            }
            if (to <= 0 || to + 1 >= pair.size()) {
                return unreadable();
            }
            actions.add(new Action.RenameTable(TableName.parse(SqlTokens.text(sql, pair.subList(0, to))),
                    TableName.unquote(pair.get(pair.size() - 1).text())));
        }
        return actions;
    }

    /** The comma-separated names from {@code at} up to a trailing keyword (CASCADE, RESTRICT, ON...). */
    private List<List<Token>> names(int at) {
        List<List<Token>> names = new ArrayList<>();
        if (at >= tokens.size()) {
            return names;
        }
        for (List<Token> part : SqlTokens.splitTopLevel(tokens.subList(at, tokens.size()))) {
            int end = 0;
            while (end < part.size() && (part.get(end).name() && !part.get(end).is("CASCADE")
                    && !part.get(end).is("RESTRICT") && !part.get(end).is("ON") || part.get(end).isPunct("."))) {
                end++;
            }
            if (end > 0) {
                names.add(part.subList(0, end));
            }
        }
        return names;
    }

    /** End (exclusive) of the dotted name starting at {@code i}. */
    private int nameEnd(int i) {
        return nameEnd(tokens, i);
    }

    private static int nameEnd(List<Token> list, int i) {
        int end = i + 1;
        while (end + 1 < list.size() && list.get(end).isPunct(".") && list.get(end + 1).name()) {
            end += 2;
        }
        return Math.min(end, list.size());
    }

    private static boolean containsSequence(List<Token> list, String... words) {
        for (int i = 0; i + words.length <= list.size(); i++) {
            boolean all = true;
            for (int j = 0; j < words.length; j++) {
                all &= list.get(i + j).is(words[j]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String condition) {
        String c = condition.strip();
        return c.startsWith("(") && c.endsWith(")") ? c.substring(1, c.length() - 1).strip() : c;
    }

    private String word(int i) {
        return i < tokens.size() && tokens.get(i).kind() == SqlTokens.Kind.WORD ? tokens.get(i).upper() : "";
    }

    private static List<Action> other(String what) {
        return List.of(new Action.Other(what, Optional.empty(), false));
    }

    private List<Action> unreadable() {
        return List.of(new Action.Unreadable("neither the SQL parser nor retort's fallback reads it"));
    }
}
