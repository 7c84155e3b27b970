package dev.retort.schema;

/** The kinds of table constraint, for {@code op.dropConstraint(name, table, type)}. */
public enum ConstraintType {
    PRIMARY_KEY("primary key"),
    UNIQUE("unique constraint"),
    CHECK("check constraint"),
    FOREIGN_KEY("foreign key"),
    EXCLUDE("exclusion constraint");

    private final String description;

    ConstraintType(String description) {
        this.description = description;
    }

    /** How messages name the kind: "foreign key". */
    public String description() {
        return description;
    }
}
