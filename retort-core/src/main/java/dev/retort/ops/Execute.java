package dev.retort.ops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Raw SQL, with optional bind parameters ({@code ?}); offline they are written as literals.
 * {@code transactional = false} runs it outside any transaction, after committing what came before
 * (as Alembic's {@code autocommit_block}). Raw SQL has no inverse.
 */
public record Execute(String sql, List<Object> parameters, boolean transactional) implements Operation {

    public Execute {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("execute needs SQL");
        }
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    @Override
    public String describe() {
        String first = sql.strip().lines().findFirst().orElse("");
        return "execute " + (first.length() > 60 ? first.substring(0, 57) + "..." : first);
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.empty();
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
