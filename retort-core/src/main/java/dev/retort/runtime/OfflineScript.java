package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.revision.MigrationStep;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.VersionChange;
import dev.retort.revision.VersionHeads;
import dev.retort.script.ExecutionContext;
import dev.retort.script.MigrationBody;
import dev.retort.script.MigrationScript;
import dev.retort.script.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the steps of a run as a SQL script for review or for a DBA to apply, without touching a
 * database (Alembic's {@code --sql}). The script is complete: version-table DDL when it starts from
 * base, each migration's statements, its version-table change and its history row, inside
 * {@code BEGIN}/{@code COMMIT} where the dialect's DDL is transactional.
 *
 * <p>Not thread-safe; one instance per script.
 */
public final class OfflineScript {

    private final RevisionGraph graph;
    private final Dialect dialect;
    private final VersionTable versionTable;
    private final HistoryTable historyTable;
    private final boolean transactionPerMigration;
    private final StepScripts stepScripts;
    private final Map<String, String> arguments;
    private final StringBuilder out = new StringBuilder();

    public OfflineScript(RevisionGraph graph, Map<String, MigrationScript> scripts, Dialect dialect,
                         VersionTable versionTable, HistoryTable historyTable, boolean transactionPerMigration,
                         RunIdentity identity, Map<String, String> arguments) {
        this.graph = graph;
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.historyTable = historyTable;
        this.transactionPerMigration = transactionPerMigration;
        this.stepScripts = new StepScripts(scripts, identity);
        this.arguments = Map.copyOf(arguments);
    }

    /** Renders the steps, starting from the given version rows. */
    public String render(List<MigrationStep> steps, List<String> startHeads) throws SQLException {
        boolean transactional = dialect.transactionalDdl();
        boolean oneTransaction = transactional && !transactionPerMigration;
        if (startHeads.isEmpty()) {
            for (RenderedStatement ddl : dialect.render(versionTable.definition())) {
                statement(ddl.sql());
            }
        }
        for (RenderedStatement ddl : dialect.render(historyTable.definition(true))) {
            statement(ddl.sql());
        }
        // a table rebuild needs foreign key enforcement off, which can change only between transactions
        boolean offForRun = oneTransaction && steps.stream().anyMatch(this::needsForeignKeysOff);
        if (offForRun) {
            foreignKeysOff();
        }
        if (oneTransaction) {
            statement(dialect.beginTransactionSql());
        }
        VersionHeads heads = new VersionHeads(graph, startHeads);
        for (MigrationStep step : steps) {
            boolean off = !oneTransaction && needsForeignKeysOff(step);
            if (off) {
                foreignKeysOff();
            }
            if (transactional && !oneTransaction) {
                statement(dialect.beginTransactionSql());
            }
            out.append("-- Running ").append(step.shortLog()).append("\n\n");
            Optional<MigrationBody> body = stepScripts.body(step);
            if (body.isPresent()) {
                body.get().run(new PrintingContext(transactional));
            }
            for (VersionChange change : heads.apply(step)) {
                statement(versionTable.render(change));
            }
            statement(historyTable.render(stepScripts.entry(step, Instant.EPOCH, Optional.empty(), true,
                    Optional.empty(), Optional.empty(), "")));
            if (off || offForRun) {
                foreignKeyCheck();
            }
            if (transactional && !oneTransaction) {
                statement(dialect.commitSql());
            }
        }
        if (oneTransaction) {
            statement(dialect.commitSql());
        }
        return out.toString();
    }

    private boolean needsForeignKeysOff(MigrationStep step) {
        return dialect.foreignKeysOffSql().isPresent() && stepScripts.body(step)
                .map(body -> body.needsForeignKeysOff(dialect, true, arguments)).orElse(false);
    }

    private void foreignKeysOff() {
        dialect.foreignKeysOffSql().ifPresent(sql -> {
            out.append("-- A table is rebuilt below: foreign key enforcement goes off first (it cannot change inside a")
                    .append(" transaction), and stays off for the rest of this script\n");
            statement(sql);
        });
    }

    private void foreignKeyCheck() {
        dialect.foreignKeyCheckSql().ifPresent(sql -> {
            out.append("-- Lists the rows that break a foreign key, if any: they must be fixed before COMMIT\n");
            statement(sql);
        });
    }


    private void statement(String sql) {
        out.append(sql).append(";\n\n");
    }

    /** Prints statements; a non-transactional one is wrapped in COMMIT / BEGIN as Alembic's autocommit_block. */
    private final class PrintingContext implements ExecutionContext {
        private final boolean transactional;

        PrintingContext(boolean transactional) {
            this.transactional = transactional;
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }

        @Override
        public boolean isOffline() {
            return true;
        }

        @Override
        public void execute(SqlStatement sqlStatement, boolean inTransaction, List<List<Object>> bindings) {
            if (!bindings.isEmpty()) {
                // renderers write parameters as literals offline; reaching here is a bug of ours
                throw new IllegalStateException("bind parameters in an offline script: " + sqlStatement.firstLine());
            }
            if (!inTransaction && transactional) {
                statement(dialect.commitSql());
                statement(sqlStatement.sql());
                statement(dialect.beginTransactionSql());
            } else {
                statement(sqlStatement.sql());
            }
        }

        @Override
        public RenderContext renderContext() {
            return RenderContext.OFFLINE;
        }

        @Override
        public Map<String, String> arguments() {
            return arguments;
        }

        @Override
        public Connection connection() {
            throw new IllegalStateException("no database connection in offline (--sql) mode");
        }
    }
}
