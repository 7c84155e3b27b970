package dev.retort.autogen.realistic;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.testkit.DatabaseKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A realistic schema of one database, of at least 30 tables using every feature of retort's schema
 * model that the database has, written as DDL, with the changes the autogenerate suite makes to it.
 * Adding a database to the suite is one more subclass in {@link #all()}.
 */
public abstract class RealisticSchema {

    private final DatabaseKind kind;
    private final String dialect;
    private final String resource;

    protected RealisticSchema(DatabaseKind kind, String dialect, String resource) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** Every database's realistic schema; with {@code -Drealistic.only=KIND}, that kind's alone. */
    public static List<RealisticSchema> all() {
        String only = System.getProperty("realistic.only");
        return Stream.of(new PostgresRealisticSchema(), new H2RealisticSchema(), new SqliteRealisticSchema(),
                new MariaDbRealisticSchema(DatabaseKind.MARIADB), new MariaDbRealisticSchema(DatabaseKind.MYSQL))
                .filter(s -> only == null || s.kind().name().equals(only)).toList();
    }

    public DatabaseKind kind() {
        return kind;
    }

    public Dialect dialect() {
        return Dialects.forName(dialect);
    }

    /**
     * The schema's DDL, statements ending in {@code ;}: a {@code .ddl} file next to this class (a
     * model, not a revision, which {@code .sql} files of the tests are).
     */
    public String ddl() {
        try (InputStream in = RealisticSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " next to " + RealisticSchema.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schemas the schema has besides the database's default one, as the database stores their names. */
    public List<String> schemas() {
        return List.of();
    }

    /** What introspection reads: the default schema and {@link #schemas()} (and a change's own). */
    public IntrospectionFilter filter(SchemaChange change) {
        List<String> all = new ArrayList<>(schemas());
        all.addAll(change.schemas());
        return IntrospectionFilter.excluding().withSchemas(all);
    }

    public IntrospectionFilter filter() {
        return IntrospectionFilter.excluding().withSchemas(schemas());
    }

    /** One change of each kind the database has, with exactly what autogenerate must make of it. */
    public abstract List<SchemaChange> changes();

    /** Fails naming the server when the project's is not the one this schema is written for. */
    void checkServer(AutogenerateProject project) {
    }

    @Override
    public String toString() {
        return dialect().displayName();
    }
}
