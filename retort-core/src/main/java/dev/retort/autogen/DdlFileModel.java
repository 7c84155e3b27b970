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
import java.util.List;
import java.util.Objects;

/** A model written as a SQL DDL file: run statement by statement on the scratch database, then read back. */
public final class DdlFileModel implements ModelSource {

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
        return dialect.introspector().read(scratch.connection(), filter);
    }

    @Override
    public String describe() {
        return shown;
    }
}
