package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.autogen.DatabaseModel;
import dev.retort.autogen.Difference;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaComparator;
import dev.retort.autogen.SchemaDiff;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.Secrets;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort diff --from URL --to URL}: what would make the first database look like the second,
 * as operations or ({@code --sql}) as the first database's SQL. Needs no project.
 */
@Command(name = "diff", description = "Show what would make database --from look like database --to.")
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = "--from", paramLabel = "URL", required = true, description = "The database to change.")
    String from;

    @Option(names = "--to", paramLabel = "URL", required = true, description = "The database to make it like.")
    String to;

    @Option(names = "--sql", description = "Print the SQL for --from's database instead of the operations.")
    boolean sql;

    @Option(names = "--include-table", paramLabel = "PATTERN", description = "Only these tables (repeatable).")
    List<String> includeTables = new ArrayList<>();

    @Option(names = "--exclude-table", paramLabel = "PATTERN", description = "Not these tables (repeatable).")
    List<String> excludeTables = new ArrayList<>();

    @Override
    public Integer call() throws SQLException {
        DatabaseUrl source = DatabaseUrl.parse(from, root.workingDirectory);
        DatabaseUrl target = DatabaseUrl.parse(to, root.workingDirectory);
        Secrets secrets = root.console.secrets().and(source.secrets()).and(target.secrets());
        root.console.secrets(secrets);
        Dialect dialect = Dialects.forJdbcUrl(source.jdbcUrl());
        IntrospectionFilter filter = new IntrospectionFilter(List.of(), includeTables, excludeTables,
                Set.of("retort_version", "retort_history", "alembic_version", "retort_version_lock"));
        DatabaseSchema current = model(source).read(dialect, filter);
        DatabaseSchema wanted = model(target).read(dialect, filter);
        SchemaDiff diff = SchemaComparator.compare(current, wanted, Renames.none(), dialect);
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().startArray("differences");
                diff.differences().forEach(d -> json.value(d.describe()));
                json.endArray().startArray("operations");
                diff.upgrade().forEach(o -> json.value(o.describe()));
                json.endArray().field("warnings", diff.warnings()).endObject();
            }
            return 0;
        }
        if (diff.isEmpty()) {
            root.console.status("No differences between " + source.masked() + " and " + target.masked());
            return 0;
        }
        for (Operation operation : diff.upgrade()) {
            if (sql) {
                for (RenderedStatement statement : dialect.render(operation, RenderContext.OFFLINE)) {
                    root.console.result(statement.sql() + ";");
                }
            } else {
                CheckCommand.lines(operation).forEach(root.console::result);
            }
        }
        if (diff.upgrade().isEmpty()) {
            for (Difference difference : diff.differences()) {
                root.console.result(difference.describe());
            }
        }
        diff.warnings().forEach(w -> root.console.error("warning: " + w));
        return 0;
    }

    private static DatabaseModel model(DatabaseUrl url) {
        if (url.jdbcUrl().isEmpty()) {
            throw new RetortException("diff needs two database URLs");
        }
        return new DatabaseModel(url.jdbcUrl(), url.connectionProperties(), url.masked());
    }
}
