package dev.retort.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

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
    static Arbitrary<Script> scripts(SqlFlavor flavor) {
        Arbitrary<List<Item>> statement = Combinators.combine(statementPieces(flavor), terminators())
                .as((pieces, terminator) -> {
                    List<Item> items = new ArrayList<>(pieces);
                    items.add(Item.terminator(terminator));
                    return items;
                });
        Arbitrary<List<List<Item>>> statements = statement.list().ofMinSize(1).ofMaxSize(10)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(statements, Arbitraries.of(true, false))
                .as((each, endWithoutTerminator) -> {
                    List<Item> items = new ArrayList<>();
                    each.forEach(items::addAll);
                    if (endWithoutTerminator && !items.isEmpty()) {
                        items.remove(items.size() - 1);
                    }
                    return Script.of(items);
                });
    }

    /** Scripts of pieces and terminators in any order: empty statements, comment-only statements. */
    static Arbitrary<Script> jumbledScripts(SqlFlavor flavor) {
        Arbitrary<Item> item = Arbitraries.frequencyOf(
                Tuple.of(5, pieces(flavor)),
                Tuple.of(1, terminators().map(Item::terminator)));
        return item.list().ofMaxSize(30).map(Script::of);
    }

    private static Arbitrary<List<Item>> statementPieces(SqlFlavor flavor) {
        Arbitrary<List<Item>> plain = pieces(flavor).list().ofMinSize(1).ofMaxSize(6)
                .filter(items -> items.stream().anyMatch(i -> i.fragment().significant()));
        Arbitrary<List<Item>> whole = Combinators.combine(gaps(), Arbitraries.oneOf(blockStatements(flavor),
                        Arbitraries.of("BEGIN", "COMMIT", "END", "BEGIN TRANSACTION", "begin work")))
                .as((gap, text) -> List.of(Item.piece(gap, new Fragment(text, true))));
        return Arbitraries.frequencyOf(Tuple.of(6, plain), Tuple.of(1, whole));
    }

    private static Arbitrary<Item> pieces(SqlFlavor flavor) {
        return Combinators.combine(gaps(), fragments(flavor)).as(Item::piece);
    }

    static Arbitrary<Fragment> fragments(SqlFlavor flavor) {
        List<Tuple2<Integer, Arbitrary<Fragment>>> choices = new ArrayList<>();
        choices.add(Tuple.of(4, code(words())));
        choices.add(Tuple.of(2, code(Arbitraries.of("=", "+", ",", ".", "<", ">", "*", "%", "<>", "||", "1", "42"))));
        choices.add(Tuple.of(3, code(strings(flavor))));
        choices.add(Tuple.of(2, code(doubleQuoted(flavor))));
        choices.add(Tuple.of(1, code(parenthesised(flavor))));
        choices.add(Tuple.of(2, comment(lineComments(flavor))));
        choices.add(Tuple.of(2, comment(blockComments(flavor))));
        if (flavor.backtickIdentifiers()) {
            choices.add(Tuple.of(1, code(quoted('`', '`', "ab ;'\"\n$-*/#[]"))));
        }
        if (flavor.bracketIdentifiers()) {
            choices.add(Tuple.of(1, code(text("ab ;'\"\n$-*/#`[", 0, 8).map(s -> "[" + s + "]"))));
        }
        if (flavor.dollarQuotes()) {
            choices.add(Tuple.of(2, code(dollarQuotes(flavor))));
        }
        if (flavor.escapeStringPrefix()) {
            choices.add(Tuple.of(1, code(escapeStrings())));
        }
        if (flavor.executableComments()) {
            choices.add(Tuple.of(1, code(text("ab ;'\"\n$-#`[]()", 0, 8).map(s -> "/*!40101 " + s + " */"))));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<Fragment> code(Arbitrary<String> text) {
        return text.map(t -> new Fragment(t, true));
    }

    private static Arbitrary<Fragment> comment(Arbitrary<String> text) {
        return text.map(t -> new Fragment(t, false));
    }

    static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'A', 'Z').ofMinLength(1).ofMaxLength(8)
                .filter(w -> Character.isLetter(w.charAt(0)) && !KEYWORDS.contains(w.toLowerCase()));
    }

    private static Arbitrary<String> gaps() {
        return Arbitraries.of(" ", " ", "\n", "\t", "  ", "\n\n", " \n ");
    }

    private static Arbitrary<String> terminators() {
        return Arbitraries.of(";", ";\n", " ;\n", "\n;\n\n", ";;\n", "; ;");
    }

    private static Arbitrary<String> text(String chars, int min, int max) {
        return Arbitraries.strings().withChars(chars).ofMinLength(min).ofMaxLength(max);
    }

    /** {@code open content close}, the closing character doubled wherever it occurs in the content. */
    private static Arbitrary<String> quoted(char open, char close, String chars) {
        return text(chars + close, 0, 10).map(s -> open + s.replace(String.valueOf(close), "" + close + close) + close);
    }

    private static Arbitrary<String> strings(SqlFlavor flavor) {
        if (flavor.backslashEscapesInStrings()) {
            Arbitrary<String> part = Arbitraries.oneOf(text("ab ;\"\n$-*/#`[]", 1, 4),
                    Arbitraries.of("''", "\\'", "\\\\", "\\n", "\\;"));
            return part.list().ofMaxSize(5).map(parts -> "'" + String.join("", parts) + "'");
        }
        return quoted('\'', '\'', "ab ;\"\n$-*/#`[]\\");
    }

    private static Arbitrary<String> doubleQuoted(SqlFlavor flavor) {
        return quoted('"', '"', "ab ;'\n$-*/#`[]");
    }

    private static Arbitrary<String> escapeStrings() {
        Arbitrary<String> part = Arbitraries.oneOf(text("ab ;\"\n$-*/", 1, 4),
                Arbitraries.of("''", "\\'", "\\\\", "\\n"));
        return Combinators.combine(Arbitraries.of("E", "e"), part.list().ofMaxSize(5))
                .as((prefix, parts) -> prefix + "'" + String.join("", parts) + "'");
    }

    private static Arbitrary<String> parenthesised(SqlFlavor flavor) {
        Arbitrary<String> inner = Arbitraries.oneOf(words(), strings(flavor), Arbitraries.of(";", "(x; y)", "()"));
        return inner.list().ofMaxSize(4).map(parts -> "(" + String.join(" ", parts) + ")");
    }

    private static Arbitrary<String> lineComments(SqlFlavor flavor) {
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
        return Combinators.combine(Arbitraries.of(introducers), text(COMMENT_CHARS, 0, 12))
                .as((introducer, body) -> introducer + body + "\n");
    }

    private static Arbitrary<String> blockComments(SqlFlavor flavor) {
        // no '*' or '/' inside, and no leading '!', which would make a MySQL executable comment
        Arbitrary<String> body = text("ab ;'\"\n$-#`[]()", 0, 10);
        Arbitrary<String> flat = body.map(b -> "/* " + b + " */");
        if (!flavor.nestedBlockComments()) {
            return flat;
        }
        Arbitrary<String> nested = Combinators.combine(body, body, body)
                .as((a, b, c) -> "/* " + a + " /* " + b + " */ " + c + " */");
        return Arbitraries.oneOf(flat, nested);
    }

    private static Arbitrary<String> dollarQuotes(SqlFlavor flavor) {
        Arbitrary<String> tag = flavor.taggedDollarQuotes()
                ? Arbitraries.of("", "", "a", "fn", "_x1", "Tag")
                : Arbitraries.just("");
        Arbitrary<String> body = Arbitraries.of("a", " ", ";", "'", "\"", "\n", "$x$", "$$", "END IF;", "-- ", "/*",
                "$1", "BEGIN ", "$a", "\\").list().ofMaxSize(8).map(parts -> String.join("", parts));
        // the first occurrence of the delimiter closes the quote, so the body must not contain it
        return Combinators.combine(tag.map(t -> "$" + t + "$"), body).as(Tuple::of)
                .filter(t -> (t.get2() + t.get1()).indexOf(t.get1()) == t.get2().length())
                .map(t -> t.get1() + t.get2() + t.get1());
    }

    /** {@code CREATE TRIGGER … BEGIN … END} with {@code ;}s, CASE … END and control structures inside. */
    private static Arbitrary<String> blockStatements(SqlFlavor flavor) {
        Arbitrary<String> value = Arbitraries.oneOf(words(), strings(flavor),
                Combinators.combine(words(), strings(flavor), words())
                        .as((a, b, c) -> "CASE WHEN " + a + " THEN " + b + " ELSE " + c + " END"));
        Arbitrary<String> simple = Combinators.combine(words(), value).as((w, v) -> "UPDATE t SET " + w + " = " + v);
        Arbitrary<String> bodyStatement = Arbitraries.oneOf(simple,
                Combinators.combine(words(), simple).as((w, s) -> "IF " + w + " THEN " + s + "; END IF"),
                simple.map(s -> "CASE x WHEN 1 THEN " + s + "; ELSE " + s + "; END CASE"),
                simple.map(s -> "lbl: LOOP " + s + "; LEAVE lbl; END LOOP lbl"),
                simple.map(s -> "BEGIN " + s + "; END"));
        Arbitrary<String> header = Arbitraries.of(
                "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW",
                "create temp trigger if not exists trg after delete on t",
                "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql",
                "CREATE PROCEDURE p()");
        return Combinators.combine(header, bodyStatement.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(" ", "\n"))
                .as((h, body, gap) -> h + gap + "BEGIN" + gap + String.join(";" + gap, body) + ";" + gap + "END");
    }
}
