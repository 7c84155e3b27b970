package dev.retort.introspect;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which schemas and tables introspection reads: include and exclude lists of glob patterns
 * ({@code *} any characters, {@code ?} one), matched case-insensitively, plus names that are always
 * left out (retort's version and history tables). An empty include list includes everything.
 * Without schemas named, only the connection's default schema is read. Immutable.
 *
 * @param schemas         schemas to read besides the default one (empty: the default only)
 * @param includeTables   patterns of tables to read (empty: all)
 * @param excludeTables   patterns of tables to skip
 * @param alwaysExcluded  tables never read, whatever the patterns say (lower case)
 */
public record IntrospectionFilter(List<String> schemas, List<String> includeTables, List<String> excludeTables,
                                  Set<String> alwaysExcluded) {

    public IntrospectionFilter {
        schemas = List.copyOf(schemas);
        includeTables = List.copyOf(includeTables);
        excludeTables = List.copyOf(excludeTables);
        alwaysExcluded = alwaysExcluded.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Everything in the default schema except the given bookkeeping tables. */
    public static IntrospectionFilter excluding(String... bookkeepingTables) {
        return new IntrospectionFilter(List.of(), List.of(), List.of(), Set.of(bookkeepingTables));
    }

    public IntrospectionFilter withSchemas(List<String> names) {
        return new IntrospectionFilter(names, includeTables, excludeTables, alwaysExcluded);
    }

    public IntrospectionFilter including(List<String> patterns) {
        return new IntrospectionFilter(schemas, patterns, excludeTables, alwaysExcluded);
    }

    public IntrospectionFilter excludingPatterns(List<String> patterns) {
        return new IntrospectionFilter(schemas, includeTables, patterns, alwaysExcluded);
    }

    /** Whether a table (in a schema, or the default one) is read. */
    public boolean includesTable(Optional<String> schema, String table) {
        Objects.requireNonNull(table, "table");
        String lower = table.toLowerCase(Locale.ROOT);
        if (alwaysExcluded.contains(lower)) {
            return false;
        }
        String qualified = schema.map(s -> s.toLowerCase(Locale.ROOT) + "." + lower).orElse(lower);
        boolean included = includeTables.isEmpty() || includeTables.stream()
                .anyMatch(p -> matches(p, lower) || matches(p, qualified));
        return included && excludeTables.stream().noneMatch(p -> matches(p, lower) || matches(p, qualified));
    }

    private static boolean matches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }
}
