package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a database should look like: a SQL DDL file, a Java schema model, JPA entities, another
 * database. A source reads its model back the way the target database is read — applied to a
 * scratch database of the target's kind and introspected — so that both sides of a comparison are
 * in the server's own spelling.
 */
public interface ModelSource {

    /**
     * The model as the target's kind of database holds it. A source that applies DDL does so in a
     * scratch database next to the target ({@code dialect.scratchDatabase(target, filter.schemas())}), which it closes.
     *
     * @param dialect the target's dialect
     * @param target  a connection to the target, next to which a scratch database can be made
     * @param filter  what introspection reads
     */
    DatabaseSchema read(Dialect dialect, Connection target, IntrospectionFilter filter) throws SQLException;

    /** What the model is, for messages: {@code model.sql}, {@code com.example.Schema}. */
    String describe();
}
