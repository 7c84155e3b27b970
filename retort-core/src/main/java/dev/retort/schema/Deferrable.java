package dev.retort.schema;

/** When a deferrable constraint is checked (PostgreSQL; the others check at once). */
public enum Deferrable {
    NOT_DEFERRABLE("NOT DEFERRABLE"),
    INITIALLY_IMMEDIATE("DEFERRABLE INITIALLY IMMEDIATE"),
    INITIALLY_DEFERRED("DEFERRABLE INITIALLY DEFERRED");

    private final String sql;

    Deferrable(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
