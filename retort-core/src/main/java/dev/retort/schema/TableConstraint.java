package dev.retort.schema;

import java.util.List;
import java.util.Optional;

/** A constraint of a table: primary key, unique, check, foreign key, or PostgreSQL's exclusion. */
public sealed interface TableConstraint extends TableElement
        permits PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, ExcludeConstraint {

    /** The constraint's name; empty lets the database choose one (which then cannot be dropped portably). */
    Optional<String> name();

    /** What kind of constraint it is, as {@code op.dropConstraint} and MySQL need to know. */
    ConstraintType constraintType();

    /** The constraint with another name. */
    TableConstraint named(String newName);

    /** The table's columns the constraint is about (empty for a check: its condition names them). */
    List<String> columns();
}
