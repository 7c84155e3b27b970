package dev.retort.cli;

import dev.retort.script.RevisionFileWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code retort merge REV REV...}: a revision that joins branches. */
@Command(name = "merge", description = "Create a revision that merges two or more revisions ('heads' for all heads).")
final class MergeCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", arity = "1..*", description = "Revisions to merge, or 'heads'.")
    List<String> revisions;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "What the merge is.")
    String message;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label for the merge (repeatable).")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--rev-id", paramLabel = "ID", description = "The id to use instead of a generated one.")
    String revisionId;

    @Option(names = "--splice", description = "Allow merging revisions that are not heads.")
    boolean splice;

    @Option(names = "--sql", description = "Write the merge as a SQL revision (default: the config's revision_format).")
    boolean sql;

    @Option(names = "--java", description = "Write the merge as a Java revision (default: the config's"
            + " revision_format).")
    boolean java;

    @Override
    public Integer call() {
        Project project = root.project();
        String text = message != null ? message : "merge " + String.join(", ",
                project.retort().graph().resolve(revisions).stream().map(r -> r.id()).toList());
        RevisionFileWriter.Written written = project.writer().write(new RevisionFileWriter.Request(
                Optional.ofNullable(revisionId), text, revisions, splice, branchLabels, List.of(), Optional.empty(),
                true, RevisionCommand.kind(project, sql, java)));
        root.console.status("Generating " + written.file().toAbsolutePath().normalize() + " ...  done");
        return 0;
    }
}
