package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.autogen.Difference;
import dev.retort.autogen.ModelSource;
import dev.retort.autogen.SchemaDiff;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort check}: exit 1 and list the operations when the database differs from the model, as
 * Alembic's {@code check}, but compared in the server's own spelling so that it can gate CI.
 */
@Command(name = "check", description = "Fail, listing the operations, when the database differs from the model.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        ModelSource model = modelOptions.source(project);
        SchemaDiff diff = retort.compare(model, modelOptions.renames(model), modelOptions.filter(project));
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().field("model", model.describe()).field("matches", diff.isEmpty())
                        .startArray("differences");
                for (Difference difference : diff.differences()) {
                    json.value(difference.describe());
                }
                json.endArray().startArray("operations");
                for (Operation operation : diff.upgrade()) {
                    json.value(operation.describe());
                }
                json.endArray().field("warnings", diff.warnings()).endObject();
            }
        } else if (diff.isEmpty()) {
            root.console.status("No differences: the database matches " + model.describe());
        } else {
            for (Operation operation : diff.upgrade()) {
                lines(operation).forEach(root.console::result);
            }
            for (String warning : diff.warnings()) {
                root.console.error("warning: " + warning);
            }
        }
        if (!diff.isEmpty()) {
            int count = diff.differences().size();
            throw new RetortException("The database differs from " + model.describe() + " in " + count
                    + (count == 1 ? " way" : " ways") + "; 'retort revision --autogenerate -m MESSAGE' writes the"
                    + " revision that removes " + (count == 1 ? "it" : "them"));
        }
        return 0;
    }

    /**
     * The operation in a line, and a batch's changes each in a line of its own under it (SQLite's
     * batches hold every change to a table), so that the list says what will change.
     */
    static List<String> lines(Operation operation) {
        List<String> lines = new ArrayList<>();
        lines.add(operation.describe());
        if (operation instanceof BatchAlterTable batch) {
            batch.operations().forEach(change -> lines.add("  " + change.describe()));
        }
        return lines;
    }
}
