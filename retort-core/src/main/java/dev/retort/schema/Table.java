package dev.retort.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table as retort models it: what {@code op.createTable} creates, what a SQLite batch rebuild
 * copies, and (with the autogenerate issue) what introspection reads back. Immutable; build one
 * with {@link #of}, which checks that every constraint and index names columns the table has.
 *
 * @param name              the table
 * @param columns           its columns, in order (none carries {@link Column#primaryKey()})
 * @param primaryKey        its primary key
 * @param uniques           unique constraints
 * @param checks            check constraints
 * @param foreignKeys       foreign keys
 * @param indexes           indexes (created after the table)
 * @param comment           the table's comment
 * @param storageParameters PostgreSQL {@code WITH (...)} parameters, in order
 * @param mysqlOptions      MySQL/MariaDB table options ({@code ENGINE}, {@code DEFAULT CHARSET}...), in order
 */
public record Table(QualifiedName name, List<Column> columns, Optional<PrimaryKey> primaryKey,
                    List<UniqueConstraint> uniques, List<CheckConstraint> checks, List<ForeignKey> foreignKeys,
                    List<Index> indexes, Optional<String> comment, Map<String, String> storageParameters,
                    Map<String, String> mysqlOptions) {

    public Table {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryKey, "primaryKey");
        Objects.requireNonNull(comment, "comment");
        columns = List.copyOf(columns);
        uniques = List.copyOf(uniques);
        checks = List.copyOf(checks);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
        storageParameters = Collections.unmodifiableMap(new LinkedHashMap<>(storageParameters));
        mysqlOptions = Collections.unmodifiableMap(new LinkedHashMap<>(mysqlOptions));
        validate(name, columns, primaryKey, uniques, foreignKeys, indexes);
    }

    /**
     * A table from {@code op.createTable}'s elements: columns (a column's {@link Column#primaryKey()}
     * shorthand becomes the primary key), constraints, indexes and options, in any order.
     *
     * @throws IllegalArgumentException naming what does not fit: a duplicate column, a constraint on
     *                                  a column the table lacks, two primary keys
     */
    public static Table of(QualifiedName name, List<? extends TableElement> elements) {
        List<Column> columns = new ArrayList<>();
        List<String> keyColumns = new ArrayList<>();
        Optional<PrimaryKey> primaryKey = Optional.empty();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        Optional<String> comment = Optional.empty();
        Map<String, String> storage = new LinkedHashMap<>();
        Map<String, String> mysql = new LinkedHashMap<>();
        for (TableElement element : elements) {
            Objects.requireNonNull(element, "a table element is null");
            if (element instanceof Column column) {
                if (column.markedPrimaryKey()) {
                    keyColumns.add(column.name());
                }
                columns.add(column.withoutPrimaryKeyMark());
            } else if (element instanceof PrimaryKey key) {
                if (primaryKey.isPresent()) {
                    throw new IllegalArgumentException("table " + name + " declares two primary keys");
                }
                primaryKey = Optional.of(key);
            } else if (element instanceof UniqueConstraint unique) {
                uniques.add(unique);
            } else if (element instanceof CheckConstraint check) {
                checks.add(check);
            } else if (element instanceof ForeignKey foreignKey) {
                foreignKeys.add(foreignKey);
            } else if (element instanceof ExcludeConstraint) {
                throw new IllegalArgumentException("table " + name + ": add an exclusion constraint after creating"
                        + " the table, with op.createExcludeConstraint");
            } else if (element instanceof Index index) {
                indexes.add(index.onTable(name).checked());
            } else if (element instanceof TableOption.Comment text) {
                comment = Optional.of(text.text());
            } else if (element instanceof TableOption.StorageParameter parameter) {
                storage.put(parameter.name(), parameter.value());
            } else if (element instanceof TableOption.MySqlOption option) {
                mysql.put(option.name(), option.value());
            }
        }
        if (!keyColumns.isEmpty()) {
            if (primaryKey.isPresent()) {
                throw new IllegalArgumentException("table " + name + " declares a primary key twice: on columns "
                        + keyColumns + " and as " + primaryKey.get().columns());
            }
            primaryKey = Optional.of(new PrimaryKey(Optional.empty(), keyColumns));
        }
        return new Table(name, columns, primaryKey, uniques, checks, foreignKeys, indexes, comment, storage, mysql);
    }

    public static Table of(QualifiedName name, TableElement... elements) {
        return of(name, List.of(elements));
    }

    /** The column of that name. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Every constraint, primary key first. */
    public List<TableConstraint> constraints() {
        List<TableConstraint> all = new ArrayList<>();
        primaryKey.ifPresent(all::add);
        all.addAll(uniques);
        all.addAll(checks);
        all.addAll(foreignKeys);
        return all;
    }

    /** The named constraint. */
    public Optional<TableConstraint> constraint(String constraintName) {
        return constraints().stream().filter(c -> c.name().filter(constraintName::equals).isPresent()).findFirst();
    }

    /** The table's elements, such that {@code Table.of(name, elements())} gives it back. */
    public List<TableElement> elements() {
        List<TableElement> all = new ArrayList<>(columns);
        all.addAll(constraints());
        all.addAll(indexes);
        comment.ifPresent(text -> all.add(new TableOption.Comment(text)));
        storageParameters.forEach((k, v) -> all.add(new TableOption.StorageParameter(k, v)));
        mysqlOptions.forEach((k, v) -> all.add(new TableOption.MySqlOption(k, v)));
        return all;
    }

    /** The same table under another name; its indexes follow it. */
    public Table renamed(QualifiedName newName) {
        return new Table(newName, columns, primaryKey, uniques, checks, foreignKeys,
                indexes.stream().map(i -> i.onTable(newName)).toList(), comment, storageParameters, mysqlOptions);
    }

    private static void validate(QualifiedName name, List<Column> columns, Optional<PrimaryKey> primaryKey,
                                 List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys, List<Index> indexes) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " needs at least one column");
        }
        Set<String> names = new HashSet<>();
        long identities = 0;
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("table " + name + " has two columns named " + column.name());
            }
            if (column.markedPrimaryKey()) {
                throw new IllegalArgumentException("table " + name + ": column " + column.name()
                        + " carries the primary-key shorthand; build the table with Table.of");
            }
            if (column.identity().isPresent()) {
                identities++;
            }
        }
        if (identities > 1) {
            throw new IllegalArgumentException("table " + name + " has more than one identity column");
        }
        primaryKey.ifPresent(key -> requireColumns(name, names, "its primary key", key.columns()));
        for (UniqueConstraint unique : uniques) {
            requireColumns(name, names, Names.describe("unique constraint", unique.name()), unique.columns());
        }
        for (ForeignKey foreignKey : foreignKeys) {
            requireColumns(name, names, Names.describe("foreign key", foreignKey.name()), foreignKey.columns());
        }
        Set<String> indexNames = new HashSet<>();
        for (Index index : indexes) {
            if (!indexNames.add(index.name())) {
                throw new IllegalArgumentException("table " + name + " has two indexes named " + index.name());
            }
            List<String> indexColumns = index.elements().stream().filter(e -> !e.expression())
                    .map(IndexElement::text).toList();
            requireColumns(name, names, "index " + index.name(), indexColumns);
            requireColumns(name, names, "index " + index.name() + " (INCLUDE)", index.include());
        }
    }

    private static void requireColumns(QualifiedName table, Set<String> names, String what, List<String> columns) {
        for (String column : columns) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException("table " + table + ": " + what + " names column " + column
                        + ", which the table does not have");
            }
        }
    }
}
