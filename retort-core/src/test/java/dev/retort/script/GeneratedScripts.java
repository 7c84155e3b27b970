package dev.retort.script;

import static dev.retort.pbt.Generators.retrying;
import static dev.retort.pbt.Generators.stringsOf;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of SQL scripts whose correct split is known by construction: a script is assembled from
 * fragments (words, strings, quoted names, comments, dollar quotes, trigger bodies…) each of which
 * the generator knows to be significant or a comment, separated by whitespace and {@code ;}
 * terminators.
 *
 * <p>QuickTheories generators; sizes are uniform between their bounds, choices weighted as written.
 * Filters draw again ({@link dev.retort.pbt.Generators#retrying}) rather than use
 * {@code Gen.assuming}, whose attempts are few and shared by a whole example.
 */
final class GeneratedScripts {

    /** Words that steer the block rules; kept out of random words so that only the generators use them. */
    private static final Set<String> KEYWORDS = Set.of("begin", "end", "case", "create", "delimiter", "if", "loop",
            "while", "repeat", "for", "e");
    /** Characters of random words: a to z, '_', 'A' and 'Z'. */
    private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyz_AZ";
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
        Gen<List<List<Item>>> statements = lists().of(statement).ofSizeBetween(1, 10);
        return statements.zip(Generate.booleans(), (each, endWithoutTerminator) -> {
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
        Gen<Item> item = Generate.frequency(
                Pair.of(5, pieces(flavor)),
                Pair.of(1, terminators().map(Item::terminator)));
        return lists().of(item).ofSizeBetween(0, 30).map(Script::of);
    }

    private static Gen<List<Item>> statementPieces(SqlFlavor flavor) {
        Gen<List<Item>> plain = retrying(lists().of(pieces(flavor)).ofSizeBetween(1, 6),
                items -> items.stream().anyMatch(i -> i.fragment().significant()));
        Gen<List<Item>> whole = gaps().zip(Generate.oneOf(blockStatements(flavor),
                        oneOf("BEGIN", "COMMIT", "END", "BEGIN TRANSACTION", "begin work")),
                (gap, text) -> List.of(Item.piece(gap, new Fragment(text, true))));
        return Generate.frequency(Pair.of(6, plain), Pair.of(1, whole));
    }

    private static Gen<Item> pieces(SqlFlavor flavor) {
        return gaps().zip(fragments(flavor), Item::piece);
    }

    static Gen<Fragment> fragments(SqlFlavor flavor) {
        List<Pair<Integer, Gen<Fragment>>> choices = new ArrayList<>();
        choices.add(Pair.of(4, code(words())));
        choices.add(Pair.of(2, code(oneOf("=", "+", ",", ".", "<", ">", "*", "%", "<>", "||", "1", "42"))));
        choices.add(Pair.of(3, code(strings(flavor))));
        choices.add(Pair.of(2, code(doubleQuoted(flavor))));
        choices.add(Pair.of(1, code(parenthesised(flavor))));
        choices.add(Pair.of(2, comment(lineComments(flavor))));
        choices.add(Pair.of(2, comment(blockComments(flavor))));
        if (flavor.backtickIdentifiers()) {
            choices.add(Pair.of(1, code(quoted('`', '`', "ab ;'\"\n$-*/#[]"))));
        }
        if (flavor.bracketIdentifiers()) {
            choices.add(Pair.of(1, code(stringsOf("ab ;'\"\n$-*/#`[", 0, 8).map(s -> "[" + s + "]"))));
        }
        if (flavor.dollarQuotes()) {
            choices.add(Pair.of(2, code(dollarQuotes(flavor))));
        }
        if (flavor.escapeStringPrefix()) {
            choices.add(Pair.of(1, code(escapeStrings())));
        }
        if (flavor.executableComments()) {
            choices.add(Pair.of(1, code(stringsOf("ab ;'\"\n$-#`[]()", 0, 8).map(s -> "/*!40101 " + s + " */"))));
        }
        return Generate.frequency(choices);
    }

    private static Gen<Fragment> code(Gen<String> text) {
        return text.map(t -> new Fragment(t, true));
    }

    private static Gen<Fragment> comment(Gen<String> text) {
        return text.map(t -> new Fragment(t, false));
    }

    static Gen<String> words() {
        return retrying(stringsOf(WORD_CHARS, 1, 8),
                w -> Character.isLetter(w.charAt(0)) && !KEYWORDS.contains(w.toLowerCase(Locale.ROOT)));
    }

    /** One of {@code values}, all equally likely; shrinks towards the first. */
    static Gen<String> oneOf(String... values) {
        return Generate.pick(List.of(values));
    }

    private static Gen<String> joined(Gen<String> part, int maxParts, String separator) {
        return lists().of(part).ofSizeBetween(0, maxParts).map(parts -> String.join(separator, parts));
    }

    private static Gen<String> gaps() {
        return oneOf(" ", " ", "\n", "\t", "  ", "\n\n", " \n ");
    }

    private static Gen<String> terminators() {
        return oneOf(";", ";\n", " ;\n", "\n;\n\n", ";;\n", "; ;");
    }

    /** {@code open content close}, the closing character doubled wherever it occurs in the content. */
    private static Gen<String> quoted(char open, char close, String chars) {
        return stringsOf(chars + close, 0, 10)
                .map(s -> open + s.replace(String.valueOf(close), "" + close + close) + close);
    }

    private static Gen<String> strings(SqlFlavor flavor) {
        if (flavor.backslashEscapesInStrings()) {
            Gen<String> part = Generate.oneOf(stringsOf("ab ;\"\n$-*/#`[]", 1, 4),
                    oneOf("''", "\\'", "\\\\", "\\n", "\\;"));
            return joined(part, 5, "").map(parts -> "'" + parts + "'");
        }
        return quoted('\'', '\'', "ab ;\"\n$-*/#`[]\\");
    }

    private static Gen<String> doubleQuoted(SqlFlavor flavor) {
        return quoted('"', '"', "ab ;'\n$-*/#`[]");
    }

    private static Gen<String> escapeStrings() {
        Gen<String> part = Generate.oneOf(stringsOf("ab ;\"\n$-*/", 1, 4), oneOf("''", "\\'", "\\\\", "\\n"));
        return oneOf("E", "e").zip(joined(part, 5, ""), (prefix, parts) -> prefix + "'" + parts + "'");
    }

    private static Gen<String> parenthesised(SqlFlavor flavor) {
        Gen<String> inner = Generate.oneOf(words(), strings(flavor), oneOf(";", "(x; y)", "()"));
        return joined(inner, 4, " ").map(parts -> "(" + parts + ")");
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
        return Generate.pick(introducers).zip(stringsOf(COMMENT_CHARS, 0, 12),
                (introducer, body) -> introducer + body + "\n");
    }

    private static Gen<String> blockComments(SqlFlavor flavor) {
        // no '*' or '/' inside, and no leading '!', which would make a MySQL executable comment
        Gen<String> body = stringsOf("ab ;'\"\n$-#`[]()", 0, 10);
        Gen<String> flat = body.map(b -> "/* " + b + " */");
        if (!flavor.nestedBlockComments()) {
            return flat;
        }
        Gen<String> nested = body.zip(body, body, (a, b, c) -> "/* " + a + " /* " + b + " */ " + c + " */");
        return Generate.oneOf(flat, nested);
    }

    private static Gen<String> dollarQuotes(SqlFlavor flavor) {
        Gen<String> tag = flavor.taggedDollarQuotes()
                ? oneOf("", "", "a", "fn", "_x1", "Tag")
                : Generate.constant("");
        Gen<String> body = joined(oneOf("a", " ", ";", "'", "\"", "\n", "$x$", "$$", "END IF;", "-- ", "/*",
                "$1", "BEGIN ", "$a", "\\"), 8, "");
        // the first occurrence of the delimiter closes the quote, so the body must not contain it
        Gen<Pair<String, String>> delimiterAndBody = retrying(tag.map(t -> "$" + t + "$").zip(body, Pair::of),
                p -> (p._2 + p._1).indexOf(p._1) == p._2.length());
        return delimiterAndBody.map(p -> p._1 + p._2 + p._1);
    }

    /** {@code CREATE TRIGGER … BEGIN … END} with {@code ;}s, CASE … END and control structures inside. */
    private static Gen<String> blockStatements(SqlFlavor flavor) {
        Gen<String> value = Generate.oneOf(words(), strings(flavor),
                words().zip(strings(flavor), words(),
                        (a, b, c) -> "CASE WHEN " + a + " THEN " + b + " ELSE " + c + " END"));
        Gen<String> simple = words().zip(value, (w, v) -> "UPDATE t SET " + w + " = " + v);
        Gen<String> bodyStatement = Generate.oneOf(simple,
                words().zip(simple, (w, s) -> "IF " + w + " THEN " + s + "; END IF"),
                simple.map(s -> "CASE x WHEN 1 THEN " + s + "; ELSE " + s + "; END CASE"),
                simple.map(s -> "lbl: LOOP " + s + "; LEAVE lbl; END LOOP lbl"),
                simple.map(s -> "BEGIN " + s + "; END"));
        Gen<String> header = oneOf(
                "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW",
                "create temp trigger if not exists trg after delete on t",
                "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql",
                "CREATE PROCEDURE p()");
        return header.zip(lists().of(bodyStatement).ofSizeBetween(1, 4), oneOf(" ", "\n"),
                (h, body, gap) -> h + gap + "BEGIN" + gap + String.join(";" + gap, body) + ";" + gap + "END");
    }
}
