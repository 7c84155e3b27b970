package dev.retort.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link SchemaModel} declares into: tables, views, enum types, sequences, extensions and
 * schemas. Names without a schema are in the database's default one; {@link #inSchema} scopes them.
 * Not thread-safe; one per model read.
 */
public final class SchemaBuilder {

    private final Optional<String> schema;
    private final State state;

    /** Everything declared, shared by the schema-scoped views of one builder. */
    private static final class State {
        private final Set<String> schemas = new LinkedHashSet<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<View> views = new ArrayList<>();
        private final List<EnumDefinition> enums = new ArrayList<>();
        private final List<Sequence> sequences = new ArrayList<>();
        private final List<Extension> extensions = new ArrayList<>();
    }

    public SchemaBuilder() {
        this(Optional.empty(), new State());
    }

    private SchemaBuilder(Optional<String> schema, State state) {
        this.schema = schema;
        this.state = state;
    }

    /** The same builder with names in {@code name}, which the model then declares too. */
    public SchemaBuilder inSchema(String name) {
        state.schemas.add(name);
        return new SchemaBuilder(Optional.of(name), state);
    }

    public Table table(String name, TableElement... elements) {
        Table table = Table.of(QualifiedName.of(schema, name), Arrays.asList(elements));
        state.tables.add(table);
        return table;
    }

    public void view(String name, String query) {
        state.views.add(new View(QualifiedName.of(schema, name), query));
    }

    public void enumType(String name, String... values) {
        state.enums.add(new EnumDefinition(QualifiedName.of(schema, name), List.of(values)));
    }

    public void sequence(String name) {
        state.sequences.add(Sequence.of(QualifiedName.of(schema, name)));
    }

    public void sequence(Sequence sequence) {
        state.sequences.add(sequence);
    }

    public void extension(String name) {
        state.extensions.add(Extension.of(name));
    }

    /** What was declared. */
    public DatabaseSchema build() {
        return new DatabaseSchema(List.copyOf(state.schemas), state.tables, state.views, state.enums,
                state.sequences, state.extensions);
    }
}
