package dev.retort.autogen;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.DatabaseSchema;
import dev.retort.script.SqlFlavor;
import dev.retort.script.SqlStatement;
import dev.retort.script.SqlStatementSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A model written as a SQL DDL file: run statement by statement on the scratch database, then read back. */
public final class DdlFileModel implements ModelSource {

    /** {@code CREATE EXTENSION [IF NOT EXISTS] name}, after any comments; group 1 is the name. */
    private static final Pattern CREATE_EXTENSION = Pattern.compile("(?:\\s+|--[^\\n]*\\n|/\\*.*?\\*/)*"
            + "CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$-]+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Path file;
    private final String shown;

    /**
     * @param file  the DDL file
     * @param shown how messages name it (relative to the project)
     */
    public DdlFileModel(Path file, String shown) {
        this.file = Objects.requireNonNull(file, "file");
        this.shown = Objects.requireNonNull(shown, "shown");
    }

    @Override
    public DatabaseSchema read(Dialect dialect, Connection target, IntrospectionFilter filter) throws SQLException {
        try (ScratchDatabase scratch = dialect.scratchDatabase(target, filter.schemas())) {
            return read(dialect, scratch, filter);
        }
    }

    /** Runs the file in the scratch database and reads it back. */
    public DatabaseSchema read(Dialect dialect, ScratchDatabase scratch, IntrospectionFilter filter)
            throws SQLException {
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RetortException("Model file " + shown + " cannot be read: " + e.getMessage(), e);
        }
        List<SqlStatement> statements = SqlStatementSplitter.split(sql, 1, SqlFlavor.of(dialect));
        try (Statement statement = scratch.connection().createStatement()) {
            for (SqlStatement one : statements) {
                try {
                    statement.execute(one.sql());
                } catch (SQLException e) {
                    throw new RetortException(shown + ":" + one.line() + ": " + dialect.displayName() + " refuses"
                            + " the model's statement " + one.index() + " (" + one.firstLine() + "): "
                            + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "), e);
                }
            }
        }
        return declaredExtensionsOnly(dialect.introspector().read(scratch.connection(), filter), statements);
    }

    /**
     * The schema with only the extensions the file creates. Extensions belong to the whole database,
     * so the scratch database (a schema of the target's, on PostgreSQL) sees the target's too, and
     * one the model had dropped would never show as a difference; a {@code CREATE EXTENSION IF NOT
     * EXISTS} of one the target has runs as a no-op and tells nothing, so the statements are read.
     */
    private static DatabaseSchema declaredExtensionsOnly(DatabaseSchema read, List<SqlStatement> statements) {
        Set<String> created = new HashSet<>();
        for (SqlStatement statement : statements) {
            Matcher m = CREATE_EXTENSION.matcher(statement.sql());
            if (m.lookingAt()) {
                String name = m.group(1);
                created.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                        : name.toLowerCase(Locale.ROOT));
            }
        }
        return new DatabaseSchema(read.schemas(), read.tables(), read.views(), read.enums(), read.sequences(),
                read.extensions().stream().filter(e -> created.contains(e.name())).toList());
    }

    @Override
    public String describe() {
        return shown;
    }
}
