package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL {@code ALTER TABLE ... SET (autovacuum_vacuum_scale_factor = 0.1, ...)}. The inverse
 * restores {@code previous} values and resets the parameters that had none; it needs to know them.
 */
public record SetStorageParameters(QualifiedName table, Map<String, String> parameters,
                                   Optional<Map<String, String>> previous) implements Operation {

    public SetStorageParameters {
        Objects.requireNonNull(table, "table");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        previous = Objects.requireNonNull(previous, "previous")
                .map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p)));
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("set storage parameters of " + table + ": none given");
        }
    }

    @Override
    public String describe() {
        return "set storage parameters " + String.join(", ", parameters.keySet()) + " of " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> restore = new LinkedHashMap<>();
        List<String> reset = new ArrayList<>();
        for (String name : parameters.keySet()) {
            String before = previous.get().get(name);
            if (before == null) {
                reset.add(name);
            } else {
                restore.put(name, before);
            }
        }
        if (restore.isEmpty()) {
            return Optional.of(new ResetStorageParameters(table, reset, Optional.of(parameters)));
        }
        if (reset.isEmpty()) {
            return Optional.of(new SetStorageParameters(table, restore, Optional.of(parameters)));
        }
        return Optional.of(new BatchAlterTable(table, List.of(
                new SetStorageParameters(table, restore, Optional.of(parameters)),
                new ResetStorageParameters(table, reset, Optional.of(parameters))),
                BatchAlterTable.Recreate.NEVER, Optional.empty()));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
