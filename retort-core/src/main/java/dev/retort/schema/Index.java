package dev.retort.schema;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An index of a table.
 *
 * <pre>{@code
 * index("ix_books_unparsed", "books", "id").where("is_parsed = false")
 * index("ix_books_title_fts", "books").on(expression("to_tsvector('russian', title)")).using("gin")
 * index("ix_items_embedding", "items").on(column("embedding").operatorClass("vector_cosine_ops"))
 *         .using("hnsw").with("m", "16").with("ef_construction", "64")
 * }</pre>
 *
 * @param name       the index's name
 * @param table      the indexed table (on PostgreSQL the index lives in the table's schema)
 * @param elements   its keys, in order
 * @param isUnique   {@code CREATE UNIQUE INDEX}
 * @param where      a partial index's predicate (PostgreSQL, SQLite)
 * @param method     the access method: {@code btree}, {@code hash}, {@code gin}, {@code gist}, {@code brin},
 *                   or an extension's ({@code hnsw}, {@code ivfflat}); empty = the database's default
 * @param include    non-key columns carried in the index ({@code INCLUDE}, PostgreSQL 11+)
 * @param parameters storage parameters ({@code WITH (m = 16)}), in order
 */
public record Index(String name, QualifiedName table, List<IndexElement> elements, boolean isUnique,
                    Optional<String> where, Optional<String> method, List<String> include,
                    Map<String, String> parameters) implements TableElement {

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(method, "method");
        elements = List.copyOf(elements);
        include = List.copyOf(include);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an index needs a name");
        }
    }

    /** An index on the given columns; more keys with {@link #on}. */
    public static Index of(String name, QualifiedName table, String... columns) {
        return new Index(name, table, Arrays.stream(columns).map(IndexElement::column).toList(), false,
                Optional.empty(), Optional.empty(), List.of(), Map.of());
    }

    /** The index with these keys added after the ones it has. */
    public Index on(IndexElement... more) {
        List<IndexElement> all = new java.util.ArrayList<>(elements);
        all.addAll(Arrays.asList(more));
        return new Index(name, table, all, isUnique, where, method, include, parameters);
    }

    public Index unique() {
        return new Index(name, table, elements, true, where, method, include, parameters);
    }

    public Index where(String predicate) {
        return new Index(name, table, elements, isUnique, Optional.of(predicate), method, include, parameters);
    }

    public Index using(String accessMethod) {
        return new Index(name, table, elements, isUnique, where, Optional.of(accessMethod), include, parameters);
    }

    public Index include(String... columns) {
        return new Index(name, table, elements, isUnique, where, method, List.of(columns), parameters);
    }

    public Index with(String parameter, String value) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put(parameter, value);
        return new Index(name, table, elements, isUnique, where, method, include, all);
    }

    /** The same index on a table of another name (after a rename, or in a rebuilt copy). */
    public Index onTable(QualifiedName newTable) {
        return new Index(name, newTable, elements, isUnique, where, method, include, parameters);
    }

    /** The index, checked: it has at least one key. */
    public Index checked() {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " needs at least one column or expression");
        }
        return this;
    }
}
