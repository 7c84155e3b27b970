package dev.retort.script;

import dev.retort.dialect.Dialect;

/**
 * The lexical rules of one database family, as far as splitting a script into statements needs
 * them: which quotes exist, which comments, whether block comments nest. The database is known only
 * at run time, so a {@link SqlSection} is split per flavor on demand.
 *
 * <p>Every flavor shares: {@code '…'} string literals with {@code ''} as the escaped quote,
 * {@code --} line comments, {@code /* … *}{@code /} block comments, {@code ;} inside parentheses
 * never ending a statement, and {@code CREATE TRIGGER|FUNCTION|PROCEDURE|EVENT … BEGIN … END}
 * bodies kept whole. The constants list only what differs.
 *
 * <p>Immutable and thread-safe.
 */
public enum SqlFlavor {
    /**
     * PostgreSQL: {@code "…"} identifiers, {@code E'…'} strings with backslash escapes, dollar quotes
     * {@code $$…$$} and {@code $tag$…$tag$}, nested block comments. Assumes
     * {@code standard_conforming_strings = on} (the default since 9.1): a backslash in a plain
     * {@code '…'} literal is an ordinary character.
     */
    POSTGRES,
    /**
     * MySQL and MariaDB with the default SQL mode: {@code '…'} and {@code "…"} are both strings and
     * take backslash escapes, {@code `…`} identifiers, {@code --} starts a comment only when followed
     * by whitespace or a control character ({@code 1--1} is arithmetic), {@code #} line comments, and
     * {@code /*!…*}{@code /} executable comments count as code, not as comments to drop.
     */
    MYSQL,
    /** SQLite: {@code "…"}, {@code `…`} and {@code […]} identifiers. */
    SQLITE,
    /**
     * H2: {@code "…"} and {@code `…`} identifiers, {@code $$…$$} strings (no tags), {@code //} line
     * comments, nested block comments.
     */
    H2,
    /** Standard SQL only: {@code "…"} identifiers, non-nesting block comments. For other databases. */
    GENERIC;

    /** The flavor of a dialect's SQL; {@link #GENERIC} for a database retort has no rules for. */
    public static SqlFlavor of(Dialect dialect) {
        return switch (dialect.name()) {
            case "postgresql" -> POSTGRES;
            case "mysql", "mariadb" -> MYSQL;
            case "sqlite" -> SQLITE;
            case "h2" -> H2;
            default -> GENERIC;
        };
    }

    boolean backslashEscapesInStrings() {
        return this == MYSQL;
    }

    /** {@code E'…'}: a string with C-style backslash escapes. */
    boolean escapeStringPrefix() {
        return this == POSTGRES;
    }

    boolean doubleQuotesDelimitStrings() {
        return this == MYSQL;
    }

    boolean backtickIdentifiers() {
        return this == MYSQL || this == SQLITE || this == H2;
    }

    boolean bracketIdentifiers() {
        return this == SQLITE;
    }

    boolean dashCommentNeedsSpace() {
        return this == MYSQL;
    }

    boolean hashLineComments() {
        return this == MYSQL;
    }

    boolean slashSlashLineComments() {
        return this == H2;
    }

    boolean nestedBlockComments() {
        return this == POSTGRES || this == H2;
    }

    /** {@code /*!…*}{@code /}: MySQL runs the text inside, so it is code. */
    boolean executableComments() {
        return this == MYSQL;
    }

    boolean dollarQuotes() {
        return this == POSTGRES || this == H2;
    }

    /** {@code $tag$…$tag$} as well as {@code $$…$$}. */
    boolean taggedDollarQuotes() {
        return this == POSTGRES;
    }
}
