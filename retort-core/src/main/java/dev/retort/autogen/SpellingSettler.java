package dev.retort.autogen;

import dev.retort.RetortException;
import dev.retort.autogen.Difference.Changed;
import dev.retort.autogen.SchemaObject.ColumnObject;
import dev.retort.autogen.SchemaObject.ConstraintObject;
import dev.retort.autogen.SchemaObject.IndexObject;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settles differences that are only a matter of spelling. A server prints an expression (a check's
 * condition, a default, an index key) the way it parsed it, and parsing what it printed need not
 * give the same print again: PostgreSQL reads Hibernate's {@code status in ('A', 'B')} as
 * {@code status::text = ANY (ARRAY['A'::character varying, ...]::text[])} and, given that, prints
 * {@code ARRAY['A'::character varying::text, ...]}. The same condition, made once from the model's
 * text and once from the server's, then reads as a change that no revision can remove.
 *
 * <p>So the tables with such differences are created once more on each side, in scratch databases,
 * from what was read, and read again: both sides are then in the spelling of one more pass through
 * the server, and a difference that remains is one of meaning.
 *
 * <p>Stateless; thread-safe.
 */
public final class SpellingSettler {

    private SpellingSettler() {
    }

    /**
     * The comparison with expression-only differences settled: the same as {@code first} when it has
     * none.
     */
    public static SchemaDiff settle(SchemaDiff first, DatabaseSchema database, DatabaseSchema wanted, Renames renames,
                             Dialect dialect, Connection target) throws SQLException {
        Set<QualifiedName> tables = spellingSuspects(first);
        // a table of another schema would be made in that very schema of the target's server (PostgreSQL's
        // scratch is a schema of the target's database): only the default schema's are settled
        tables.removeIf(name -> name.schema().isPresent() || database.table(name).isEmpty()
                || wanted.table(name).isEmpty());
        if (tables.isEmpty()) {
            return first;
        }
        DatabaseSchema settledDatabase = replaced(database, respelled(database, tables, dialect, target));
        DatabaseSchema settledWanted = replaced(wanted, respelled(wanted, tables, dialect, target));
        return SchemaComparator.compare(settledDatabase, settledWanted, renames);
    }

    /** Tables whose differences could all be spelling: a check's condition, a default, an index. */
    private static Set<QualifiedName> spellingSuspects(SchemaDiff diff) {
        Set<QualifiedName> tables = new LinkedHashSet<>();
        for (Difference difference : diff.differences()) {
            if (!(difference instanceof Changed changed)) {
                continue;
            }
            if (changed.database() instanceof ConstraintObject constraint
                    && constraint.constraint() instanceof CheckConstraint) {
                tables.add(constraint.table());
            } else if (changed.database() instanceof ColumnObject column && changed.aspects().stream()
                    .allMatch(a -> a.equals("default") || a.equals("generated expression"))) {
                tables.add(column.table());
            } else if (changed.database() instanceof IndexObject index) {
                tables.add(index.index().table());
            }
        }
        return tables;
    }

    /**
     * The tables made again, without their foreign keys (which hold no expressions and would need
     * the tables they reference), with the enum types and sequences they may use, and read back.
     */
    private static List<Table> respelled(DatabaseSchema side, Set<QualifiedName> names, Dialect dialect,
                                         Connection target) throws SQLException {
        List<Table> tables = new ArrayList<>();
        for (QualifiedName name : names) {
            Table table = side.table(name).orElseThrow();
            tables.add(new Table(table.name(), table.columns(), table.primaryKey(), table.uniques(), table.checks(),
                    List.of(), table.indexes(), table.comment(), table.storageParameters(), table.mysqlOptions()));
        }
        DatabaseSchema scratchSchema = new DatabaseSchema(side.schemas(), tables, List.of(), side.enums(),
                side.sequences(), List.of());
        List<Operation> creation = SchemaComparator.compare(DatabaseSchema.empty(), scratchSchema, Renames.none())
                .upgrade();
        DatabaseSchema read;
        try (ScratchDatabase scratch = dialect.scratchDatabase(target, side.schemas());
             Statement statement = scratch.connection().createStatement()) {
            for (Operation operation : creation) {
                for (RenderedStatement sql : dialect.render(operation, RenderContext.OFFLINE)) {
                    try {
                        statement.execute(sql.sql());
                    } catch (SQLException e) {
                        throw new RetortException("Cannot compare the spelling of " + operation.describe()
                                + ": " + dialect.displayName() + " refuses " + sql.sql() + ": " + e.getMessage(), e);
                    }
                }
            }
            Set<String> wantedNames = names.stream().map(QualifiedName::name).collect(Collectors.toSet());
            read = dialect.introspector().read(scratch.connection(),
                    new IntrospectionFilter(side.schemas(), List.of(), List.of(), Set.of()));
            read = DatabaseSchema.ofTables(read.tables().stream().filter(t -> wantedNames.contains(t.name().name()))
                    .toList());
        }
        List<Table> result = new ArrayList<>();
        for (QualifiedName name : names) {
            Table original = side.table(name).orElseThrow();
            Optional<Table> again = read.table(name);
            if (again.isEmpty()) {
                return tables.stream().map(t -> side.table(t.name()).orElseThrow()).toList();
            }
            Table table = again.get();
            result.add(new Table(original.name(), table.columns(), table.primaryKey(), table.uniques(),
                    table.checks(), original.foreignKeys(), table.indexes().stream()
                    .map(i -> i.onTable(original.name())).toList(), table.comment(), table.storageParameters(),
                    table.mysqlOptions()));
        }
        return result;
    }

    private static DatabaseSchema replaced(DatabaseSchema schema, List<Table> tables) {
        Map<QualifiedName, Table> byName = tables.stream().collect(Collectors.toMap(Table::name, t -> t));
        List<Table> all = schema.tables().stream().map(t -> byName.getOrDefault(t.name(), t)).toList();
        return new DatabaseSchema(schema.schemas(), all, schema.views(), schema.enums(), schema.sequences(),
                schema.extensions());
    }
}
