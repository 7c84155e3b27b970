package dev.retort.script;

/**
 * The canonical form of a revision file's text: no byte-order mark, {@code \n} line endings. The
 * parser and the checksum both read this form, so a file checked out with CRLF on Windows parses,
 * runs and checksums exactly like the LF original: a newline inside a string literal inserts the
 * same data everywhere.
 */
final class SourceText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private SourceText() {
    }

    static String canonical(String content) {
        String text = !content.isEmpty() && content.charAt(0) == BYTE_ORDER_MARK ? content.substring(1) : content;
        if (text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
