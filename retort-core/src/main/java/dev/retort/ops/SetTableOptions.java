package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * MySQL/MariaDB {@code ALTER TABLE t ENGINE = InnoDB, DEFAULT CHARSET = utf8mb4, ...}; nothing on
 * the other databases (as the options of {@code op.createTable}). Invertible with the previous values.
 */
public record SetTableOptions(QualifiedName table, Map<String, String> options,
                              Optional<Map<String, String>> previous) implements Operation {

    public SetTableOptions {
        Objects.requireNonNull(table, "table");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        previous = Objects.requireNonNull(previous, "previous")
                .map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p)));
        if (options.isEmpty()) {
            throw new IllegalArgumentException("set table options of " + table + ": none given");
        }
    }

    @Override
    public String describe() {
        return "set table options " + String.join(", ", options.keySet()) + " of " + table;
    }

    @Override
    public Optional<Operation> inverse() {
        return previous.filter(p -> p.keySet().containsAll(options.keySet()))
                .map(p -> {
                    Map<String, String> restore = new LinkedHashMap<>();
                    options.keySet().forEach(k -> restore.put(k, p.get(k)));
                    return new SetTableOptions(table, restore, Optional.of(options));
                });
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
