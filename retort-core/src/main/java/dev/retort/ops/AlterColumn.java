package dev.retort.ops;

import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DefaultValue;
import dev.retort.schema.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes some attributes of a column and leaves the rest alone, as Alembic's {@code alter_column}:
 *
 * <pre>{@code
 * op.alterColumn("books", "pages", c -> c.type(bigint()).using("pages::bigint").notNull())
 * op.alterColumn("books", "title", c -> c.rename("name"))
 * }</pre>
 *
 * @param table         the table
 * @param column        the column's current name
 * @param type          a new type
 * @param using         PostgreSQL's {@code USING} expression for the type change
 * @param nullable      allow NULL (true) or not (false)
 * @param serverDefault a new default, or its removal
 * @param comment       a new comment, or its removal
 * @param newName       a new name
 * @param existing      the column as it is before the change: MySQL and MariaDB restate the whole
 *                      column to change any of it (read from the database when online, required
 *                      offline), and the inverse is built from it
 */
public record AlterColumn(QualifiedName table, String column, Optional<ColumnType> type, Optional<String> using,
                          Optional<Boolean> nullable, Optional<Change<DefaultValue>> serverDefault,
                          Optional<Change<String>> comment, Optional<String> newName, Optional<Column> existing)
        implements Operation {

    public AlterColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(using, "using");
        Objects.requireNonNull(nullable, "nullable");
        Objects.requireNonNull(serverDefault, "serverDefault");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(existing, "existing");
        if (using.isPresent() && type.isEmpty()) {
            throw new IllegalArgumentException("alter column " + table + "." + column
                    + ": USING goes with a type change; give the new type too");
        }
        if (existing.isPresent() && !existing.get().name().equals(column)) {
            throw new IllegalArgumentException("alter column " + table + "." + column + " carries the definition of"
                    + " column " + existing.get().name());
        }
    }

    /** No change yet; add them with the methods below. */
    public static AlterColumn of(QualifiedName table, String column) {
        return new AlterColumn(table, column, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AlterColumn type(ColumnType newType) {
        return new AlterColumn(table, column, Optional.of(newType), using, nullable, serverDefault, comment, newName,
                existing);
    }

    /** PostgreSQL: how old values become the new type, e.g. {@code "pages::bigint"}. */
    public AlterColumn using(String expression) {
        return new AlterColumn(table, column, type, Optional.of(expression), nullable, serverDefault, comment,
                newName, existing);
    }

    public AlterColumn nullable(boolean allowNull) {
        return new AlterColumn(table, column, type, using, Optional.of(allowNull), serverDefault, comment, newName,
                existing);
    }

    public AlterColumn notNull() {
        return nullable(false);
    }

    public AlterColumn serverDefault(DefaultValue value) {
        return new AlterColumn(table, column, type, using, nullable, Optional.of(Change.to(value)), comment, newName,
                existing);
    }

    /** A new default written as a string literal. */
    public AlterColumn serverDefault(String literal) {
        return serverDefault(new DefaultValue.Literal(literal));
    }

    public AlterColumn serverDefaultExpression(String sql) {
        return serverDefault(new DefaultValue.Expression(sql));
    }

    public AlterColumn dropServerDefault() {
        return new AlterColumn(table, column, type, using, nullable, Optional.of(Change.removed()), comment, newName,
                existing);
    }

    public AlterColumn comment(String text) {
        return new AlterColumn(table, column, type, using, nullable, serverDefault, Optional.of(Change.to(text)),
                newName, existing);
    }

    public AlterColumn dropComment() {
        return new AlterColumn(table, column, type, using, nullable, serverDefault, Optional.of(Change.removed()),
                newName, existing);
    }

    public AlterColumn rename(String name) {
        return new AlterColumn(table, column, type, using, nullable, serverDefault, comment, Optional.of(name),
                existing);
    }

    /** The column as it is now (see {@link #existing()}). */
    public AlterColumn existing(Column current) {
        return new AlterColumn(table, column, type, using, nullable, serverDefault, comment, newName,
                Optional.of(current));
    }

    /** Whether the record changes anything. */
    public boolean changesSomething() {
        return type.isPresent() || nullable.isPresent() || serverDefault.isPresent() || comment.isPresent()
                || newName.isPresent();
    }

    /** The column after the change, given what it was. */
    public Column applyTo(Column before) {
        Column after = before;
        if (type.isPresent()) {
            after = after.withType(type.get());
        }
        if (nullable.isPresent()) {
            after = after.nullable(nullable.get());
        }
        if (serverDefault.isPresent()) {
            Optional<DefaultValue> value = serverDefault.get().value();
            after = value.isPresent() ? after.serverDefault(value.get()) : after.withoutServerDefault();
        }
        if (comment.isPresent()) {
            Optional<String> text = comment.get().value();
            after = text.isPresent() ? after.comment(text.get()) : after.withoutComment();
        }
        if (newName.isPresent()) {
            after = after.withName(newName.get());
        }
        return after;
    }

    @Override
    public String describe() {
        List<String> what = new ArrayList<>();
        type.ifPresent(t -> what.add("type"));
        nullable.ifPresent(n -> what.add(n ? "drop NOT NULL" : "set NOT NULL"));
        serverDefault.ifPresent(d -> what.add(d.value().isPresent() ? "default" : "drop default"));
        comment.ifPresent(c -> what.add(c.value().isPresent() ? "comment" : "drop comment"));
        newName.ifPresent(n -> what.add("rename to " + n));
        return "alter column " + table + "." + column + (what.isEmpty() ? "" : " (" + String.join(", ", what) + ")");
    }

    /**
     * The change back. A pure rename inverts by itself; any other change needs {@link #existing()}
     * to know what to restore.
     */
    @Override
    public Optional<Operation> inverse() {
        String current = newName.orElse(column);
        boolean renameOnly = type.isEmpty() && nullable.isEmpty() && serverDefault.isEmpty() && comment.isEmpty();
        if (renameOnly) {
            AlterColumn back = of(table, current);
            if (newName.isPresent()) {
                back = back.rename(column);
            }
            return Optional.of(existing.isPresent() ? back.existing(existing.get().withName(current)) : back);
        }
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Column before = existing.get();
        Column after = applyTo(before);
        AlterColumn back = of(table, current).existing(after);
        if (type.isPresent()) {
            back = back.type(before.type());
        }
        if (nullable.isPresent()) {
            back = back.nullable(before.nullable());
        }
        if (serverDefault.isPresent()) {
            back = before.serverDefault().map(back::serverDefault).orElse(back.dropServerDefault());
        }
        if (comment.isPresent()) {
            back = before.comment().map(back::comment).orElse(back.dropComment());
        }
        if (newName.isPresent()) {
            back = back.rename(column);
        }
        return Optional.of(back);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
