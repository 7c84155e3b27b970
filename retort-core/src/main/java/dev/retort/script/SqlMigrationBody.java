package dev.retort.script;

import dev.retort.dialect.Dialect;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The work of one section of a SQL revision file: its statements, split for the database at hand.
 * The section may be supplied lazily (read from the file when it first runs), so a project of ten
 * thousand revisions does not hold ten thousand files in memory to print its history.
 */
final class SqlMigrationBody implements MigrationBody {

    private final Supplier<SqlSection> section;
    private final Map<String, String> placeholders;

    SqlMigrationBody(SqlSection section, Map<String, String> placeholders) {
        this(() -> section, placeholders);
    }

    SqlMigrationBody(Supplier<SqlSection> section, Map<String, String> placeholders) {
        this.section = section;
        this.placeholders = Map.copyOf(placeholders);
    }

    @Override
    public void run(ExecutionContext context) throws SQLException {
        SqlSection sql = section.get();
        for (SqlStatement statement : sql.statements(flavor(context.dialect()))) {
            SqlStatement expanded = placeholders.isEmpty() ? statement
                    : new SqlStatement(Placeholders.expand(statement.sql(), placeholders), statement.line(),
                    statement.index());
            context.execute(expanded, sql.transactional());
        }
    }

    @Override
    public void check(Dialect dialect, boolean offline, Map<String, String> arguments) {
        section.get().statements(flavor(dialect));
    }

    /** Whether a statement of the section does, as the dialect knows it (a SQLite rebuild autogenerate wrote). */
    @Override
    public boolean needsForeignKeysOff(Dialect dialect, boolean offline, Map<String, String> arguments) {
        return section.get().statements(flavor(dialect)).stream()
                .anyMatch(statement -> dialect.statementNeedsForeignKeysOff(statement.sql()));
    }

    @Override
    public Optional<SqlSource> sqlSource() {
        return Optional.of(new SqlSource(section.get(), placeholders));
    }

    static SqlFlavor flavor(Dialect dialect) {
        return SqlFlavor.of(dialect);
    }
}
