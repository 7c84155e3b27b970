package dev.retort.dialect;

import dev.retort.ops.Operation;
import dev.retort.ops.Operations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An {@link Operations} that only records what it is asked to do, so that tests write operations
 * as a revision does ({@code op -> op.addColumn(...)}) and get the records.
 */
public final class RecordedOperations implements Operations {

    private final List<Operation> operations;
    private final Optional<String> schema;

    private RecordedOperations(List<Operation> operations, Optional<String> schema) {
        this.operations = operations;
        this.schema = schema;
    }

    /** The operations that {@code revision} applies. */
    public static List<Operation> of(Consumer<Operations> revision) {
        List<Operation> operations = new ArrayList<>();
        revision.accept(new RecordedOperations(operations, Optional.empty()));
        return List.copyOf(operations);
    }

    /** The one operation that {@code revision} applies. */
    public static Operation one(Consumer<Operations> revision) {
        List<Operation> operations = of(revision);
        if (operations.size() != 1) {
            throw new IllegalArgumentException("expected one operation, got " + operations);
        }
        return operations.get(0);
    }

    @Override
    public void apply(Operation operation) {
        operations.add(operation);
    }

    @Override
    public Optional<String> schema() {
        return schema;
    }

    @Override
    public Operations inSchema(String name) {
        return new RecordedOperations(operations, Optional.of(name));
    }

    @Override
    public Connection connection() {
        throw new IllegalStateException("recorded operations have no connection");
    }

    @Override
    public boolean isOffline() {
        return true;
    }

    @Override
    public Dialect dialect() {
        throw new IllegalStateException("recorded operations are for every dialect");
    }

    @Override
    public Map<String, String> arguments() {
        return Map.of();
    }
}
