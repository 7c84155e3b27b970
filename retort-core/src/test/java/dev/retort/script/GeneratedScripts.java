package dev.retort.script;

import static dev.retort.testing.Gens.frequency;
import static dev.retort.testing.Gens.lists;
import static dev.retort.testing.Gens.of;
import static dev.retort.testing.Gens.oneOf;
import static dev.retort.testing.Gens.weight;

import dev.retort.testing.Gens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of SQL scripts whose correct split is known by construction: a script is assembled from
 * fragments (words, strings, quoted names, comments, dollar quotes, trigger bodies…) each of which
 * the generator knows to be significant or a comment, separated by whitespace and {@code ;}
 * terminators.
 */
final class GeneratedScripts {

    /** Words that steer the block rules; kept out of random words so that only the generators use them. */
    private static final Set<String> KEYWORDS = Set.of("begin", "end", "case", "create", "delimiter", "if", "loop",
            "while", "repeat", "for", "e");
    /** No ':' anywhere in comment text, so a comment can never read as a marker. */
    private static final String COMMENT_CHARS = "ab ;'\"$-*#`[]()";

    private GeneratedScripts() {
    }

    /** A piece of a statement. Significant: neither a comment nor whitespace. */
    record Fragment(String text, boolean significant) {
    }

    /** One step of a script: whitespace and a fragment, or a terminator such as {@code ";\n"}. */
    record Item(String gap, Fragment fragment, String terminator) {

        static Item piece(String gap, Fragment fragment) {
            return new Item(gap, fragment, null);
        }

        static Item terminator(String text) {
            return new Item(null, null, text);
        }

        boolean isTerminator() {
            return terminator != null;
        }
    }

    /**
     * A script and what a correct splitter makes of it.
     *
     * @param significant every significant fragment's text, in order
     */
    record Script(String sql, List<SqlStatement> expected, String significant) {

        static Script of(List<Item> items) {
            StringBuilder sql = new StringBuilder();
            StringBuilder significant = new StringBuilder();
            List<SqlStatement> expected = new ArrayList<>();
            int start = -1;
            int end = -1;
            for (Item item : items) {
                if (item.isTerminator()) {
                    if (start >= 0) {
                        expected.add(statement(sql, start, end, expected.size() + 1));
                    }
                    start = -1;
                    sql.append(item.terminator());
                    continue;
                }
                sql.append(item.gap());
                if (item.fragment().significant()) {
                    if (start < 0) {
                        start = sql.length();
                    }
                    end = sql.length() + item.fragment().text().length();
                    significant.append(item.fragment().text());
                }
                sql.append(item.fragment().text());
            }
            if (start >= 0) {
                expected.add(statement(sql, start, end, expected.size() + 1));
            }
            return new Script(sql.toString(), List.copyOf(expected), significant.toString());
        }

        private static SqlStatement statement(CharSequence sql, int start, int end, int index) {
            return new SqlStatement(sql.subSequence(start, end).toString(), lineAt(sql, start), index);
        }

        @Override
        public String toString() {
            return sql;
        }
    }

    /** 1-based line of {@code offset}; CRLF and lone CR are one line break each. */
    static int lineAt(CharSequence text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    /** Scripts of well-formed statements, each ended by a terminator (the last one maybe not). */
    static Gen<Script> scripts(SqlFlavor flavor) {
        Gen<List<Item>> statement = statementPieces(flavor).zip(terminators(), (pieces, terminator) -> {
            List<Item> items = new ArrayList<>(pieces);
            items.add(Item.terminator(terminator));
            return items;
        });
        return lists(statement, 1, 10).zip(Generate.booleans(), (each, endWithoutTerminator) -> {
            List<Item> items = new ArrayList<>();
            each.forEach(items::addAll);
            if (endWithoutTerminator && !items.isEmpty()) {
                items.remove(items.size() - 1);
            }
            return Script.of(items);
        });
    }

    /** Scripts of pieces and terminators in any order: empty statements, comment-only statements. */
    static Gen<Script> jumbledScripts(SqlFlavor flavor) {
        Gen<Item> item = frequency(List.of(weight(5, pieces(flavor)),
                weight(1, terminators().map(Item::terminator))));
        return lists(item, 0, 30).map(Script::of);
    }

    private static Gen<List<Item>> statementPieces(SqlFlavor flavor) {
        // at least one significant fragment, so that the statement is not empty; built, not filtered,
        // because QuickTheories counts every filtered-out case against the run
        Gen<List<Item>> plain = lists(pieces(flavor), 0, 5).zip(gaps().zip(code(words()), Item::piece),
                Generate.range(0, 5), (items, word, at) -> {
                    if (items.stream().anyMatch(i -> i.fragment().significant())) {
                        return items;
                    }
                    List<Item> withWord = new ArrayList<>(items);
                    withWord.add(Math.min(at, withWord.size()), word);
                    return withWord;
                });
        Gen<List<Item>> whole = gaps().zip(oneOf(blockStatements(flavor),
                        of("BEGIN", "COMMIT", "END", "BEGIN TRANSACTION", "begin work")),
                (gap, text) -> List.of(Item.piece(gap, new Fragment(text, true))));
        return frequency(List.of(weight(6, plain), weight(1, whole)));
    }

    private static Gen<Item> pieces(SqlFlavor flavor) {
        return gaps().zip(fragments(flavor), Item::piece);
    }

    static Gen<Fragment> fragments(SqlFlavor flavor) {
        List<Pair<Integer, Gen<Fragment>>> choices = new ArrayList<>();
        choices.add(weight(4, code(words())));
        choices.add(weight(2, code(of("=", "+", ",", ".", "<", ">", "*", "%", "<>", "||", "1", "42"))));
        choices.add(weight(3, code(strings(flavor))));
        choices.add(weight(2, code(doubleQuoted())));
        choices.add(weight(1, code(parenthesised(flavor))));
        choices.add(weight(2, comment(lineComments(flavor))));
        choices.add(weight(2, comment(blockComments(flavor))));
        if (flavor.backtickIdentifiers()) {
            choices.add(weight(1, code(quoted('`', '`', "ab ;'\"\n$-*/#[]"))));
        }
        if (flavor.bracketIdentifiers()) {
            choices.add(weight(1, code(text("ab ;'\"\n$-*/#`[", 0, 8).map(s -> "[" + s + "]"))));
        }
        if (flavor.dollarQuotes()) {
            choices.add(weight(2, code(dollarQuotes(flavor))));
        }
        if (flavor.escapeStringPrefix()) {
            choices.add(weight(1, code(escapeStrings())));
        }
        if (flavor.executableComments()) {
            choices.add(weight(1, code(text("ab ;'\"\n$-#`[]()", 0, 8).map(s -> "/*!40101 " + s + " */"))));
        }
        return frequency(choices);
    }

    private static Gen<Fragment> code(Gen<String> text) {
        return text.map(t -> new Fragment(t, true));
    }

    private static Gen<Fragment> comment(Gen<String> text) {
        return text.map(t -> new Fragment(t, false));
    }

    static Gen<String> words() {
        Gen<String> first = Gens.strings("abcdefghijklmnopqrstuvwxyzAZ", 1, 1);
        return first.zip(Gens.strings("abcdefghijklmnopqrstuvwxyz_AZ", 0, 7), (start, rest) -> {
            String word = start + rest;
            return KEYWORDS.contains(word.toLowerCase()) ? word + "q" : word;
        });
    }

    private static Gen<String> gaps() {
        return of(" ", " ", "\n", "\t", "  ", "\n\n", " \n ");
    }

    private static Gen<String> terminators() {
        return of(";", ";\n", " ;\n", "\n;\n\n", ";;\n", "; ;");
    }

    private static Gen<String> text(String chars, int min, int max) {
        return Gens.strings(chars, min, max);
    }

    /** {@code open content close}, the closing character doubled wherever it occurs in the content. */
    private static Gen<String> quoted(char open, char close, String chars) {
        return text(chars + close, 0, 10).map(s -> open + s.replace(String.valueOf(close), "" + close + close) + close);
    }

    private static Gen<String> strings(SqlFlavor flavor) {
        if (flavor.backslashEscapesInStrings()) {
            Gen<String> part = oneOf(text("ab ;\"\n$-*/#`[]", 1, 4), of("''", "\\'", "\\\\", "\\n", "\\;"));
            return lists(part, 0, 5).map(parts -> "'" + String.join("", parts) + "'");
        }
        return quoted('\'', '\'', "ab ;\"\n$-*/#`[]\\");
    }

    private static Gen<String> doubleQuoted() {
        return quoted('"', '"', "ab ;'\n$-*/#`[]");
    }

    private static Gen<String> escapeStrings() {
        Gen<String> part = oneOf(text("ab ;\"\n$-*/", 1, 4), of("''", "\\'", "\\\\", "\\n"));
        return of("E", "e").zip(lists(part, 0, 5), (prefix, parts) -> prefix + "'" + String.join("", parts) + "'");
    }

    private static Gen<String> parenthesised(SqlFlavor flavor) {
        Gen<String> inner = oneOf(words(), strings(flavor), of(";", "(x; y)", "()"));
        return lists(inner, 0, 4).map(parts -> "(" + String.join(" ", parts) + ")");
    }

    private static Gen<String> lineComments(SqlFlavor flavor) {
        List<String> introducers = new ArrayList<>(List.of("-- ", "--"));
        if (flavor.dashCommentNeedsSpace()) {
            introducers = new ArrayList<>(List.of("-- ", "--\t"));
        }
        if (flavor.hashLineComments()) {
            introducers.add("#");
        }
        if (flavor.slashSlashLineComments()) {
            introducers.add("//");
        }
        return of(introducers).zip(text(COMMENT_CHARS, 0, 12), (introducer, body) -> introducer + body + "\n");
    }

    private static Gen<String> blockComments(SqlFlavor flavor) {
        // no '*' or '/' inside, and no leading '!', which would make a MySQL executable comment
        Gen<String> body = text("ab ;'\"\n$-#`[]()", 0, 10);
        Gen<String> flat = body.map(b -> "/* " + b + " */");
        if (!flavor.nestedBlockComments()) {
            return flat;
        }
        Gen<String> nested = body.zip(body, body, (a, b, c) -> "/* " + a + " /* " + b + " */ " + c + " */");
        return oneOf(flat, nested);
    }

    /** A dollar-quote delimiter and the body it encloses. */
    private record DollarQuote(String delimiter, String body) {

        /** The body shortened until the delimiter first occurs where the quote is meant to close. */
        DollarQuote closedOnlyAtTheEnd() {
            String text = body;
            while ((text + delimiter).indexOf(delimiter) != text.length()) {
                text = text.substring(0, (text + delimiter).indexOf(delimiter));
            }
            return new DollarQuote(delimiter, text);
        }
    }

    private static Gen<String> dollarQuotes(SqlFlavor flavor) {
        Gen<String> tag = flavor.taggedDollarQuotes() ? of("", "", "a", "fn", "_x1", "Tag") : Gens.just("");
        Gen<String> body = lists(of("a", " ", ";", "'", "\"", "\n", "$x$", "$$", "END IF;", "-- ", "/*",
                "$1", "BEGIN ", "$a", "\\"), 0, 8).map(parts -> String.join("", parts));
        // the first occurrence of the delimiter closes the quote, so the body must not contain it
        return tag.map(t -> "$" + t + "$").zip(body, DollarQuote::new).map(DollarQuote::closedOnlyAtTheEnd)
                .map(q -> q.delimiter() + q.body() + q.delimiter());
    }

    /** {@code CREATE TRIGGER … BEGIN … END} with {@code ;}s, CASE … END and control structures inside. */
    private static Gen<String> blockStatements(SqlFlavor flavor) {
        Gen<String> value = oneOf(words(), strings(flavor),
                words().zip(strings(flavor), words(), (a, b, c) -> "CASE WHEN " + a + " THEN " + b + " ELSE " + c
                        + " END"));
        Gen<String> simple = words().zip(value, (w, v) -> "UPDATE t SET " + w + " = " + v);
        Gen<String> bodyStatement = oneOf(simple,
                words().zip(simple, (w, s) -> "IF " + w + " THEN " + s + "; END IF"),
                simple.map(s -> "CASE x WHEN 1 THEN " + s + "; ELSE " + s + "; END CASE"),
                simple.map(s -> "lbl: LOOP " + s + "; LEAVE lbl; END LOOP lbl"),
                simple.map(s -> "BEGIN " + s + "; END"));
        Gen<String> header = of(
                "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW",
                "create temp trigger if not exists trg after delete on t",
                "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql",
                "CREATE PROCEDURE p()");
        return header.zip(lists(bodyStatement, 1, 4), of(" ", "\n"),
                (h, body, gap) -> h + gap + "BEGIN" + gap + String.join(";" + gap, body) + ";" + gap + "END");
    }
}
