package dev.retort.cli;

import dev.retort.RepairAction;
import dev.retort.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code retort repair REV --resume | --mark-rolled-back}: the two ways out of a migration that
 * stopped partway where the database could not roll it back.
 */
@Command(name = "repair", description = "Get past a migration that stopped partway (MySQL, MariaDB and H2 DDL,"
        + " transaction:false sections): resume it, or record that what it did was undone by hand.")
final class RepairCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REV", description = "The revision whose step did not finish.")
    String revision;

    @Option(names = "--resume", description = "Run the step's statements after those that ran, then record it as"
            + " done.")
    boolean resume;

    @Option(names = "--mark-rolled-back", description = "The statements that ran were undone by hand: record the"
            + " step as not run, so that the next upgrade runs it from the start.")
    boolean markRolledBack;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        if (resume && markRolledBack) {
            throw new ParameterException(spec.commandLine(), "Give one of --resume and --mark-rolled-back, not both");
        }
        if (!resume && !markRolledBack) {
            throw new ParameterException(spec.commandLine(), "repair needs --resume (run the rest of the step) or"
                    + " --mark-rolled-back (what it did was undone by hand)");
        }
        Project project = root.project();
        String database = project.database();
        RunResult result = lock.retort(project).repair(revision,
                resume ? RepairAction.RESUME : RepairAction.MARK_ROLLED_BACK);
        if (root.json) {
            RunOutput.print(root, database, result, false);
        } else if (resume) {
            root.console.status("Resumed and finished the step; the database is at " + heads(result));
        } else {
            root.console.status("Recorded the step as rolled back; the database stays at " + heads(result)
                    + ". 'retort upgrade' runs it again from the start");
        }
        return 0;
    }

    private static String heads(RunResult result) {
        return result.headsAfter().isEmpty() ? "base" : String.join(", ", result.headsAfter());
    }
}
