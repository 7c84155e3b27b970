package dev.retort.script;

import dev.retort.revision.Revision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a SQL revision file (SPEC §3.1): the header, then the {@code -- migrate:up} section and the
 * optional {@code -- migrate:down} section. The SQL is not split here: how to split it depends on
 * the database, so each {@link SqlSection} splits on demand.
 *
 * <p>The file is read line by line:
 * <ul>
 *   <li>A leading byte-order mark is ignored; CRLF and lone CR line endings count as LF, and the
 *       section SQL is handed on with LF endings (see {@link Checksums}).</li>
 *   <li>Before the first section marker, a line may be blank, a {@code --} comment or part of a
 *       {@code /* … *}{@code /} comment (a licence block). A key-shaped comment (see
 *       {@link RevisionHeader}) is a header entry, and must be a known key given once. Anything
 *       else is SQL before the first marker, an error.</li>
 *   <li>Marker lines are recognised wherever they are (see {@link MarkerLine}): a marker-shaped
 *       line that is not a valid marker is an error, never a comment. {@code statement-begin} and
 *       {@code statement-end} lines stay in the section for the splitter.</li>
 * </ul>
 *
 * <p>Every problem is an {@link InvalidRevisionFileException} naming the file and line.
 * {@link #parse(Path, String)} is stateless and thread-safe.
 */
public final class SqlRevisionParser {

    private enum Place { HEADER, UP, DOWN }

    private final String origin;
    private final String text;
    private final RevisionHeader header;
    private Place place = Place.HEADER;
    private int headerCommentLine;      // line of an unclosed /* in the header; 0 when none is open
    private int upLine;
    private boolean upTransactional;
    private int upStart;
    private int upEnd;
    private int downLine;
    private boolean downTransactional;
    private int downStart;

    private SqlRevisionParser(String origin, String text) {
        this.origin = origin;
        this.text = text;
        this.header = new RevisionHeader(origin);
    }

    /**
     * Parses the content of one SQL revision file.
     *
     * @param file    the file, as the user would name it; becomes {@link Revision#origin()}
     *                and the {@code file} of every error
     * @param content the file's text, as read (BOM and CRLF allowed)
     * @throws InvalidRevisionFileException for the first problem in the file, as
     *                                      {@code file:line: what is wrong; how to fix it}
     */
    public static SqlRevisionFile parse(Path file, String content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        return new SqlRevisionParser(file.toString(), SourceText.canonical(content)).read(Checksums.of(content));
    }

    private SqlRevisionFile read(String checksum) {
        int lineNumber = 1;
        int offset = 0;
        while (true) {
            int newline = text.indexOf('\n', offset);
            int lineEnd = newline < 0 ? text.length() : newline;
            readLine(text.substring(offset, lineEnd), lineNumber, offset, newline < 0 ? lineEnd : newline + 1);
            if (newline < 0) {
                break;
            }
            offset = newline + 1;
            lineNumber++;
        }
        if (headerCommentLine > 0) {
            throw problem(headerCommentLine, "unterminated block comment starting here; close it with */");
        }
        Revision revision = header.revision();
        if (place == Place.HEADER) {
            int lastLine = Math.max(1, text.endsWith("\n") ? lineNumber - 1 : lineNumber);
            throw problem(lastLine, "no '-- migrate:up' section; add a line '-- migrate:up' after the header,"
                    + " followed by the upgrade statements");
        }
        Optional<SqlSection> down = Optional.empty();
        if (place == Place.DOWN) {
            down = Optional.of(new SqlSection(text.substring(downStart), downLine + 1, downTransactional, origin));
        } else {
            upEnd = text.length();
        }
        SqlSection up = new SqlSection(text.substring(upStart, upEnd), upLine + 1, upTransactional, origin);
        return new SqlRevisionFile(revision, header.createDate(), up, down, checksum, header.timeouts());
    }

    /**
     * @param start offset of the line in the text
     * @param next  offset of the line after it
     */
    private void readLine(String line, int number, int start, int next) {
        if (headerCommentLine > 0) {
            readHeaderCommentLine(line, number);
            return;
        }
        MarkerLine marker = MarkerLine.read(line);
        if (marker instanceof MarkerLine.Malformed malformed) {
            throw problem(number, malformed.problem());
        }
        if (marker instanceof MarkerLine.Marker section) {
            readMarker(section, number, start, next);
        } else if (place == Place.HEADER) {
            readHeaderLine(line.strip(), number);
        }
    }

    private void readMarker(MarkerLine.Marker marker, int number, int start, int next) {
        switch (marker.kind()) {
            case UP -> {
                if (place != Place.HEADER) {
                    throw problem(number, "second '-- migrate:up' (the first is on line " + upLine
                            + "); a file has one up section");
                }
                place = Place.UP;
                upLine = number;
                upTransactional = marker.transactional();
                upStart = next;
            }
            case DOWN -> {
                if (place == Place.HEADER) {
                    throw problem(number, "'-- migrate:down' before '-- migrate:up'; the up section comes first:"
                            + " add '-- migrate:up' and the upgrade statements above this line");
                }
                if (place == Place.DOWN) {
                    throw problem(number, "second '-- migrate:down' (the first is on line " + downLine
                            + "); a file has one down section");
                }
                place = Place.DOWN;
                upEnd = start;
                downLine = number;
                downTransactional = marker.transactional();
                downStart = next;
            }
            default -> {
                if (place == Place.HEADER) {
                    throw problem(number, "'" + marker.kind().written() + "' before the first section; it belongs"
                            + " inside the '-- migrate:up' or '-- migrate:down' section");
                }
                // inside a section: left in the SQL for the splitter
            }
        }
    }

    private void readHeaderLine(String line, int number) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("--")) {
            RevisionHeader.entry(line.substring(2)).ifPresent(entry -> header.accept(entry, number));
        } else if (line.startsWith("/*")) {
            int close = line.indexOf("*/", 2);
            if (close < 0) {
                headerCommentLine = number;
            } else {
                readHeaderLine(line.substring(close + 2).strip(), number);
            }
        } else {
            Optional<RevisionHeader.Entry> entry = RevisionHeader.entry(line);
            if (entry.isPresent() && RevisionHeader.KNOWN_KEYS.contains(entry.get().key())) {
                throw problem(number, "header line without '--'; write '-- " + line + "'");
            }
            throw sqlBeforeFirstMarker(number);
        }
    }

    /** A line inside a header block comment: only its end matters, and what follows the end. */
    private void readHeaderCommentLine(String line, int number) {
        int close = line.indexOf("*/");
        if (close >= 0) {
            headerCommentLine = 0;
            readHeaderLine(line.substring(close + 2).strip(), number);
        }
    }

    private InvalidRevisionFileException sqlBeforeFirstMarker(int number) {
        return problem(number, "SQL before the first section marker; put it after '-- migrate:up',"
                + " or make it a '--' comment");
    }

    private InvalidRevisionFileException problem(int line, String problem) {
        return new InvalidRevisionFileException(origin, line, problem);
    }
}
