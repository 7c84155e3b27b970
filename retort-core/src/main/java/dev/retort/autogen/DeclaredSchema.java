package dev.retort.autogen;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Extension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A model given as retort's own schema records (a Java schema model class, a test): created in the
 * scratch database with the dialect's renderer, in an order that runs, then read back.
 */
public final class DeclaredSchema implements ModelSource {

    private final DatabaseSchema schema;
    private final String name;

    public DeclaredSchema(DatabaseSchema schema, String name) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public DatabaseSchema read(Dialect dialect, Connection target, IntrospectionFilter filter) throws SQLException {
        try (ScratchDatabase scratch = dialect.scratchDatabase(target, filter.schemas())) {
            return read(dialect, scratch, filter);
        }
    }

    /** Creates the model in the scratch database and reads it back. */
    DatabaseSchema read(Dialect dialect, ScratchDatabase scratch, IntrospectionFilter filter) throws SQLException {
        // what creates the model from nothing is exactly the comparison of nothing with it
        SchemaDiff creation = SchemaComparator.compare(DatabaseSchema.empty(), schema, Renames.none(), dialect);
        try (Statement statement = scratch.connection().createStatement()) {
            for (Operation operation : creation.upgrade()) {
                for (RenderedStatement sql : dialect.render(operation, RenderContext.OFFLINE)) {
                    try {
                        statement.execute(sql.sql());
                    } catch (SQLException e) {
                        throw new RetortException(name + ": " + operation.describe() + " fails on "
                                + dialect.displayName()
                                + ": " + e.getMessage().strip() + " (statement: " + sql.sql() + ")", e);
                    }
                }
            }
        }
        DatabaseSchema read = dialect.introspector().read(scratch.connection(), filter);
        // extensions belong to the whole database: the scratch one sees the target's as well, of which
        // only those the model declares are the model's
        Set<String> declared = schema.extensions().stream().map(Extension::name).collect(Collectors.toSet());
        return new DatabaseSchema(read.schemas(), read.tables(), read.views(), read.enums(), read.sequences(),
                read.extensions().stream().filter(e -> declared.contains(e.name())).toList());
    }

    @Override
    public String describe() {
        return name;
    }
}
