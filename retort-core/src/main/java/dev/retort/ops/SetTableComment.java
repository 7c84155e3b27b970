package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets ({@code comment} present) or removes a table's comment: Alembic's
 * {@code create_table_comment} and {@code drop_table_comment}. The inverse needs the comment it
 * replaces ({@code existing}), which may be "no comment".
 */
public record SetTableComment(QualifiedName table, Optional<String> comment, Optional<Optional<String>> existing)
        implements Operation {

    public SetTableComment {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(existing, "existing");
    }

    @Override
    public String describe() {
        return comment.isPresent() ? "set the comment of table " + table : "drop the comment of table " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return existing.map(previous -> new SetTableComment(table, previous, Optional.of(comment)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
