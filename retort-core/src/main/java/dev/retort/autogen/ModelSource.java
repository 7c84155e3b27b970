package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.DatabaseSchema;
import java.sql.SQLException;

/**
 * What a database should look like: a SQL DDL file, a Java schema model, JPA entities, another
 * database. A source reads its model back the way the target database is read — applied to a
 * scratch database of the target's kind and introspected — so that both sides of a comparison are
 * in the server's own spelling.
 */
public interface ModelSource {

    /**
     * The model as the target's kind of database holds it.
     *
     * @param dialect the target's dialect
     * @param scratch an empty database of that kind, to apply the model to
     * @param filter  what introspection reads
     */
    DatabaseSchema read(Dialect dialect, ScratchDatabase scratch, IntrospectionFilter filter) throws SQLException;

    /** What the model is, for messages: {@code model.sql}, {@code com.example.Schema}. */
    String describe();
}
