package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.autogen.Difference;
import dev.retort.autogen.ModelSource;
import dev.retort.autogen.RevisionBodies;
import dev.retort.autogen.SchemaDiff;
import dev.retort.config.RetortSettings;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.lint.ConfiguredTimeouts;
import dev.retort.lint.LintFinding;
import dev.retort.lint.LintOptions;
import dev.retort.lint.Linter;
import dev.retort.script.RevisionFileWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code retort revision -m MSG}: a new revision file. */
@Command(name = "revision", description = "Create a new revision file.")
final class RevisionCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "What the revision does.")
    String message = "";

    @Option(names = "--head", paramLabel = "REV", defaultValue = "head",
            description = "Parent of the new revision (default: ${DEFAULT-VALUE}; 'base' starts a new root).")
    String head;

    @Option(names = "--splice", description = "Allow a parent that is not a head (starts a branch).")
    boolean splice;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label for the new branch (repeatable).")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--depends-on", paramLabel = "REV", description = "Revision or label it depends on (repeatable).")
    List<String> dependsOn = new ArrayList<>();

    @Option(names = "--version-path", paramLabel = "DIR", description = "Version location to write into.")
    Path versionPath;

    @Option(names = "--rev-id", paramLabel = "ID", description = "The id to use instead of a generated one.")
    String revisionId;

    @Option(names = "--sql", description = "Write a SQL revision (the default unless revision_format = \"java\").")
    boolean sql;

    @Option(names = "--java", description = "Write a Java revision (the default when revision_format = \"java\").")
    boolean java;

    @Option(names = "--autogenerate", description = "Fill the revision by comparing a model (--model) with the"
            + " database.")
    boolean autogenerate;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        Project project = root.project();
        RevisionFileWriter.Kind kind = kind(project, sql, java);
        Optional<RevisionFileWriter.Body> body = Optional.empty();
        SchemaDiff diff = null;
        Dialect dialect = null;
        if (autogenerate) {
            ModelSource model = modelOptions.source(project);
            diff = project.retort().compare(model, modelOptions.renames(model), modelOptions.filter(project));
            if (diff.isEmpty()) {
                root.console.status("No changes: the database matches " + model.describe() + "; no revision"
                        + " written");
                return 0;
            }
            dialect = Dialects.forJdbcUrl(project.requireUrl().jdbcUrl());
            body = Optional.of(kind == RevisionFileWriter.Kind.JAVA ? RevisionBodies.java(diff)
                    : RevisionBodies.sql(diff, dialect));
        }
        RevisionFileWriter.Written written = project.writer().write(new RevisionFileWriter.Request(
                Optional.ofNullable(revisionId), message, List.of(head), splice, branchLabels, dependsOn,
                Optional.ofNullable(versionPath).map(p -> root.workingDirectory.resolve(p)), false, kind, body));
        if (diff != null) {
            for (Difference difference : diff.differences()) {
                root.console.status("Detected " + difference.describe());
            }
            diff.warnings().forEach(w -> root.console.error("warning: " + w));
            lint(project, diff, dialect, project.baseDirectory().relativize(written.file().toAbsolutePath()
                    .normalize()).toString());
        }
        root.console.status("Generating " + written.file().toAbsolutePath().normalize() + " ...  done");
        return 0;
    }

    /** What autogenerate wrote is linted at once: a generated revision is as unsafe as a written one. */
    private void lint(Project project, SchemaDiff diff, Dialect dialect, String file) {
        LintOptions options = LintOptions.forDialect(dialect).withConfiguredTimeouts(new ConfiguredTimeouts(
                project.settings().statementLockTimeout().filter(d -> !d.isZero()).isPresent(),
                project.settings().statementTimeout().filter(d -> !d.isZero()).isPresent()));
        for (LintFinding finding : Linter.lint(diff.upgrade(), file, options)) {
            root.console.error("lint: " + finding.format());
        }
    }

    /** The kind of file to write: {@code --sql} or {@code --java}, else the config's revision_format. */
    static RevisionFileWriter.Kind kind(Project project, boolean sql, boolean java) {
        if (sql && java) {
            throw new RetortException("--sql and --java exclude each other; give one (without either, the config's"
                    + " revision_format decides)");
        }
        if (sql || java) {
            return java ? RevisionFileWriter.Kind.JAVA : RevisionFileWriter.Kind.SQL;
        }
        return project.settings().revisionFormat() == RetortSettings.RevisionFormat.JAVA
                ? RevisionFileWriter.Kind.JAVA : RevisionFileWriter.Kind.SQL;
    }
}
