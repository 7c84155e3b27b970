package dev.retort.autogen;

import dev.retort.schema.QualifiedName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renames the comparison must not mistake for a drop and an add: from {@code @RenamedFrom} in a
 * Java model, {@code --rename-table old=new} and {@code --rename-column table.old=new}. Names are
 * the model's (new) names. Immutable.
 */
public record Renames(Map<QualifiedName, String> tables, Map<QualifiedName, Map<String, String>> columns) {

    public Renames {
        tables = Map.copyOf(tables);
        Map<QualifiedName, Map<String, String>> copy = new LinkedHashMap<>();
        columns.forEach((table, renames) -> copy.put(table, Map.copyOf(renames)));
        columns = Map.copyOf(copy);
    }

    public static Renames none() {
        return new Renames(Map.of(), Map.of());
    }

    /** With table {@code from} renamed to {@code to} (in the same schema). */
    public Renames table(QualifiedName from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Map<QualifiedName, String> all = new LinkedHashMap<>(tables);
        all.put(from, to);
        return new Renames(all, columns);
    }

    /** With column {@code from} of {@code table} (its new name) renamed to {@code to}. */
    public Renames column(QualifiedName table, String from, String to) {
        Map<QualifiedName, Map<String, String>> all = new LinkedHashMap<>(columns);
        Map<String, String> ofTable = new LinkedHashMap<>(all.getOrDefault(table, Map.of()));
        ofTable.put(from, to);
        all.put(table, ofTable);
        return new Renames(tables, all);
    }

    /** The database's old name of a model column, if it was renamed. */
    Optional<String> oldColumnName(QualifiedName table, String newName) {
        return columns.getOrDefault(table, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().equals(newName)).map(Map.Entry::getKey).findFirst();
    }
}
