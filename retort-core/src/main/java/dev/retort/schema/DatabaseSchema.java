package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything retort models of a database (or of what a model says it should be): schemas, tables,
 * views, PostgreSQL enum types, sequences and extensions. What introspection reads and what
 * autogenerate compares.
 *
 * @param schemas    named schemas besides the default one
 * @param tables     tables, with their columns, constraints and indexes
 * @param views      views
 * @param enums      enum types (PostgreSQL)
 * @param sequences  free-standing sequences
 * @param extensions extensions (PostgreSQL)
 */
public record DatabaseSchema(List<String> schemas, List<Table> tables, List<View> views, List<EnumDefinition> enums,
                             List<Sequence> sequences, List<Extension> extensions) {

    public DatabaseSchema {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        enums = List.copyOf(enums);
        sequences = List.copyOf(sequences);
        extensions = List.copyOf(extensions);
    }

    /** Just tables. */
    public static DatabaseSchema ofTables(List<Table> tables) {
        return new DatabaseSchema(List.of(), tables, List.of(), List.of(), List.of(), List.of());
    }

    public static DatabaseSchema empty() {
        return ofTables(List.of());
    }

    public Optional<Table> table(QualifiedName name) {
        Objects.requireNonNull(name, "name");
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
