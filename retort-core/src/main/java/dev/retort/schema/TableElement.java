package dev.retort.schema;

/**
 * What {@code op.createTable(name, elements...)} takes, as Alembic's {@code create_table} takes
 * columns and constraints: {@link Column}s, {@link TableConstraint}s, {@link Index}es (created
 * after the table) and {@link TableOption}s.
 */
public sealed interface TableElement permits Column, TableConstraint, Index, TableOption {
}
