package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** PostgreSQL {@code ALTER TABLE ... RESET (name, ...)}; the inverse needs the {@code previous} values. */
public record ResetStorageParameters(QualifiedName table, List<String> names, Optional<Map<String, String>> previous)
        implements Operation {

    public ResetStorageParameters {
        Objects.requireNonNull(table, "table");
        names = List.copyOf(names);
        previous = Objects.requireNonNull(previous, "previous")
                .map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p)));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("reset storage parameters of " + table + ": none given");
        }
    }

    @Override
    public String describe() {
        return "reset storage parameters " + String.join(", ", names) + " of " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return previous.flatMap(p -> {
            Map<String, String> restore = new LinkedHashMap<>();
            for (String name : names) {
                if (p.containsKey(name)) {
                    restore.put(name, p.get(name));
                }
            }
            return restore.isEmpty() ? Optional.empty()
                    : Optional.of(new SetStorageParameters(table, restore, Optional.of(Map.of())));
        });
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
