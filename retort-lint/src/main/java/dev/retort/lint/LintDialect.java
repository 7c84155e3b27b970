package dev.retort.lint;

import dev.retort.dialect.Dialect;

/** Which rule set applies: PostgreSQL's, MySQL and MariaDB's, or only the general rules (SQLite, H2). */
public enum LintDialect {
    POSTGRES, MYSQL, OTHER;

    /** The rule set of a dialect. */
    public static LintDialect of(Dialect dialect) {
        return switch (dialect.name()) {
            case "postgresql" -> POSTGRES;
            case "mysql", "mariadb" -> MYSQL;
            default -> OTHER;
        };
    }
}
