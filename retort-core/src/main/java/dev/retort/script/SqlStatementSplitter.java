package dev.retort.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits SQL into statements on {@code ;}, the way the database's own client would (SPEC §3.1).
 *
 * <p>A {@code ;} ends a statement unless it is inside:
 * <ul>
 *   <li>a string literal, a quoted identifier, a comment or a dollar quote, each as the
 *       {@link SqlFlavor} defines them;</li>
 *   <li>parentheses (PostgreSQL's {@code CREATE RULE … DO (…; …)}; psql does the same);</li>
 *   <li>the {@code BEGIN … END} body of a {@code CREATE TRIGGER}, {@code FUNCTION},
 *       {@code PROCEDURE} or {@code EVENT} statement, {@code CASE … END} nested in it included
 *       (see {@link BlockTracker}; {@code BEGIN;} as a transaction stays a statement of its own);</li>
 *   <li>a block of lines between a {@code -- migrate:statement-begin} line and a
 *       {@code -- migrate:statement-end} line, which becomes one statement exactly as written,
 *       trimmed of surrounding whitespace, {@code ;}s included: use it for anything else that must
 *       reach the database whole. A marker must sit on a line of its own, outside any string or
 *       comment and between statements.</li>
 * </ul>
 *
 * <p>Each statement is its text as written from its first to its last character that is neither
 * whitespace nor comment: comments and blank lines between statements are dropped (so a statement's
 * line and {@link SqlStatement#firstLine()} point at its SQL, not at the comment above it), comments
 * inside a statement are kept, the terminating {@code ;} is removed. Statements holding nothing but
 * comments and whitespace (a lone {@code ;}) are dropped. A last statement needs no {@code ;}.
 *
 * <p>A statement starting with {@code DELIMITER} is refused: it is a command of the mysql client,
 * not SQL, and the statement-begin block is the way to keep a body whole.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlStatementSplitter {

    private final String sql;
    private final SqlScanner scanner;
    private final List<SqlStatement> statements = new ArrayList<>();

    // the statement being read
    private int start = -1;     // offset of its first significant character; -1 while it has none
    private int startLine;
    private int end;            // offset just past its last significant character
    private int parenDepth;
    private int outerParenLine;
    private BlockTracker block = new BlockTracker();

    private SqlStatementSplitter(String sql, int firstLine, SqlFlavor flavor) {
        this.sql = sql;
        this.scanner = new SqlScanner(sql, firstLine, flavor);
    }

    /**
     * The statements of {@code sql}, in order, numbered from 1.
     *
     * @param sql       the text to split; any line endings
     * @param firstLine the line of the file on which {@code sql} starts, to number statement lines
     * @param flavor    the lexical rules of the database the statements are for
     * @throws UnsplittableSqlException naming the line where an unterminated string, quoted
     *                                  identifier, comment, dollar quote, parenthesis,
     *                                  {@code BEGIN … END} body or statement-begin block starts, or a
     *                                  misplaced statement marker or {@code DELIMITER} command is
     */
    public static List<SqlStatement> split(String sql, int firstLine, SqlFlavor flavor) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(flavor, "flavor");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine is 1-based: " + firstLine);
        }
        return new SqlStatementSplitter(sql, firstLine, flavor).splitAll();
    }

    private List<SqlStatement> splitAll() {
        while (!scanner.atEnd()) {
            if (scanner.atLineStart() && readMarkerLine()) {
                continue;
            }
            accept(scanner.next());
        }
        if (start >= 0 && block.insideBody()) {
            throw new UnsplittableSqlException(startLine, "CREATE " + block.blockObject().orElseThrow()
                    + " starting here has a BEGIN without a matching END; add the missing END, or wrap the whole"
                    + " statement in '-- migrate:statement-begin' and '-- migrate:statement-end' lines");
        }
        if (parenDepth > 0) {
            throw new UnsplittableSqlException(outerParenLine, "'(' on this line is never closed; add the missing ')'"
                    + " (a ';' inside parentheses does not end a statement)");
        }
        endStatement();
        return List.copyOf(statements);
    }

    private void accept(SqlScanner.Token token) {
        switch (token.kind()) {
            case WHITESPACE, COMMENT -> {
                // between statements they are dropped; inside one they are kept by the start/end span
            }
            case SEMICOLON -> {
                if (parenDepth > 0 || block.insideBody()) {
                    include(token);
                    block.symbol(";");
                } else {
                    endStatement();
                }
            }
            case WORD -> {
                String word = sql.substring(token.start(), token.end());
                if (start < 0 && word.equalsIgnoreCase("DELIMITER")) {
                    throw new UnsplittableSqlException(token.line(), "DELIMITER is a command of the mysql client, not"
                            + " SQL; remove the DELIMITER lines and wrap the statement in"
                            + " '-- migrate:statement-begin' and '-- migrate:statement-end' lines");
                }
                include(token);
                block.word(word);
            }
            case QUOTED -> {
                include(token);
                block.quoted();
            }
            case OPEN_PAREN -> {
                if (parenDepth++ == 0) {
                    outerParenLine = token.line();
                }
                include(token);
                block.symbol("(");
            }
            case CLOSE_PAREN -> {
                // a stray ')' is the database's to report; it must not make the depth negative
                parenDepth = Math.max(0, parenDepth - 1);
                include(token);
                block.symbol(")");
            }
            case OTHER -> {
                include(token);
                block.symbol(sql.substring(token.start(), token.end()));
            }
            default -> throw new IllegalStateException("unknown token kind " + token.kind());
        }
    }

    private void include(SqlScanner.Token token) {
        if (start < 0) {
            start = token.start();
            startLine = token.line();
        }
        end = token.end();
    }

    private void endStatement() {
        if (start >= 0) {
            statements.add(new SqlStatement(sql.substring(start, end), startLine, statements.size() + 1));
        }
        start = -1;
        parenDepth = 0;
        block = new BlockTracker();
    }

    /** Handles a statement-begin or -end line here; false when this line is not a marker. */
    private boolean readMarkerLine() {
        int markerLine = scanner.line();
        MarkerLine marker = MarkerLine.read(scanner.restOfLine());
        if (marker instanceof MarkerLine.NotMarker) {
            return false;
        }
        if (marker instanceof MarkerLine.Malformed malformed) {
            throw new UnsplittableSqlException(markerLine, malformed.problem());
        }
        MarkerLine.Kind kind = ((MarkerLine.Marker) marker).kind();
        switch (kind) {
            case STATEMENT_BEGIN -> {
                if (start >= 0) {
                    throw new UnsplittableSqlException(markerLine, "'-- migrate:statement-begin' inside an unfinished"
                            + " statement (it starts on line " + startLine + "); end that statement with ';' first");
                }
                readWholeStatement(markerLine);
            }
            case STATEMENT_END -> throw new UnsplittableSqlException(markerLine, "'-- migrate:statement-end' without a"
                    + " '-- migrate:statement-begin' before it; add one above the statement, or remove this line");
            default -> throw new UnsplittableSqlException(markerLine, "'" + kind.written() + "' can only start a"
                    + " section of a revision file; it cannot stand inside the SQL of one");
        }
        return true;
    }

    /** Takes the lines up to the statement-end marker as one statement, verbatim. */
    private void readWholeStatement(int beginLine) {
        scanner.skipLine();
        int contentStart = scanner.position();
        int contentLine = scanner.line();
        while (!scanner.atEnd()) {
            int here = scanner.line();
            MarkerLine marker = MarkerLine.read(scanner.restOfLine());
            if (marker instanceof MarkerLine.Malformed malformed) {
                throw new UnsplittableSqlException(here, malformed.problem());
            }
            if (marker instanceof MarkerLine.Marker found) {
                if (found.kind() != MarkerLine.Kind.STATEMENT_END) {
                    throw new UnsplittableSqlException(here, "'" + found.kind().written() + "' inside the"
                            + " statement-begin block opened on line " + beginLine
                            + "; close that block with '-- migrate:statement-end' first");
                }
                addVerbatim(contentStart, contentLine, scanner.position());
                scanner.skipLine();
                return;
            }
            scanner.skipLine();
        }
        throw new UnsplittableSqlException(beginLine, "'-- migrate:statement-begin' has no matching"
                + " '-- migrate:statement-end'; add one on a line of its own after the statement");
    }

    private void addVerbatim(int from, int fromLine, int to) {
        int first = from;
        int line = fromLine;
        while (first < to && SqlScanner.isWhitespace(sql.charAt(first))) {
            char c = sql.charAt(first++);
            if (c == '\n' || c == '\r' && (first >= to || sql.charAt(first) != '\n')) {
                line++;
            }
        }
        int last = to;
        while (last > first && SqlScanner.isWhitespace(sql.charAt(last - 1))) {
            last--;
        }
        if (first < last) {
            statements.add(new SqlStatement(sql.substring(first, last), line, statements.size() + 1));
        }
    }
}
