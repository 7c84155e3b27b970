package dev.retort.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the schema records. */
final class Names {
    private Names() {
    }

    static List<String> columns(String what, List<String> columns) {
        List<String> copy = List.copyOf(columns);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : copy) {
            if (column.isEmpty()) {
                throw new IllegalArgumentException(what + " names an empty column");
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException(what + " names column " + column + " twice");
            }
        }
        return copy;
    }

    static String describe(String kind, java.util.Optional<String> name) {
        return name.map(n -> kind + " " + n).orElse("an unnamed " + kind);
    }
}
