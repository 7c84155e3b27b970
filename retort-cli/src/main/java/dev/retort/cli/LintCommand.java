package dev.retort.cli;

import dev.retort.Problem.Severity;
import dev.retort.Retort;
import dev.retort.lint.DbVersion;
import dev.retort.lint.LintFinding;
import dev.retort.lint.ConfiguredTimeouts;
import dev.retort.lint.LintOptions;
import dev.retort.script.MigrationScript;
import dev.retort.lint.Linter;
import dev.retort.revision.Revision;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code retort lint [REV...]}: checks revisions for operations that lock or break things. Without
 * REV every revision is linted, which needs no database (CI); {@code --pending} lints the revisions
 * the database has not applied; REV may be an id, a label, {@code head}, or a range {@code A:B} as
 * for {@code history -r}. Exit status 1 when there is an error (or, with {@code --strict}, a warning).
 */
@Command(name = "lint", description = "Check revisions for unsafe operations (locks, rewrites, breaking changes).")
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", arity = "0..*",
            description = "Revisions to lint: ids, labels, heads, or ranges START:END (default: all).")
    List<String> revisions = new ArrayList<>();

    @Option(names = "--pending", description = "Lint the revisions the database has not applied yet (reads it).")
    boolean pending;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "Database the revisions are for: postgresql, mysql, mariadb, sqlite, h2"
                    + " (default: the URL's).")
    String dialect;

    @Option(names = "--db-version", paramLabel = "VERSION",
            description = "Version of that database, e.g. 11 or 8.0 (default: a current release).")
    String dbVersion;

    @Option(names = "--enable", paramLabel = "RULE", split = ",", description = "Turn on an opt-in rule (repeatable).")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", split = ",", description = "Turn a rule off (repeatable).")
    List<String> disable = new ArrayList<>();

    @Option(names = "--strict", description = "Exit 1 on warnings too.")
    boolean strict;

    /**
     * Whether retort itself sets the lock and statement timeouts of a revision's statements: its own
     * header ({@code -- lock_timeout: 5s}) over the config's {@code statement_lock_timeout} and
     * {@code statement_timeout}; zero means none.
     */
    private static ConfiguredTimeouts configuredTimeouts(Project project, MigrationScript script) {
        java.util.Optional<java.time.Duration> lock = script.timeouts().lockTimeout()
                .or(() -> project.settings().statementLockTimeout());
        java.util.Optional<java.time.Duration> statement = script.timeouts().statementTimeout()
                .or(() -> project.settings().statementTimeout());
        return new ConfiguredTimeouts(lock.filter(d -> !d.isZero()).isPresent(),
                statement.filter(d -> !d.isZero()).isPresent());
    }

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        LintOptions options = LintOptions.forDialect(project.offlineDialect(java.util.Optional.ofNullable(dialect)))
                .withEnabled(enable.toArray(String[]::new))
                .withDisabled(disable.toArray(String[]::new))
                .withArguments(arguments())
                .withTimeouts(script -> configuredTimeouts(project, script));
        if (dbVersion != null) {
            options = options.withDbVersion(DbVersion.parse(dbVersion));
        }
        Set<String> selected = selected(retort);
        if (pending && selected.isEmpty()) {
            root.console.status("No pending revisions to lint");
            return 0;
        }
        List<LintFinding> findings = Linter.lint(retort, selected, options);
        Map<Severity, Long> counts = Linter.count(findings);
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().startArray("findings");
                for (LintFinding f : findings) {
                    json.startObject().field("rule", f.code())
                            .field("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT))
                            .field("file", f.file()).field("line", f.line()).field("revision", f.revision())
                            .field("message", f.what()).field("lock", f.lock()).field("alternative", f.alternative())
                            .endObject();
                }
                json.endArray().startObject("summary").field("errors", counts.get(Severity.ERROR))
                        .field("warnings", counts.get(Severity.WARNING)).field("infos", counts.get(Severity.INFO))
                        .endObject().endObject();
            }
        } else {
            for (LintFinding finding : findings) {
                root.console.result(finding.format());
            }
            root.console.status(counts.get(Severity.ERROR) + " errors, " + counts.get(Severity.WARNING)
                    + " warnings, " + counts.get(Severity.INFO) + " infos");
        }
        return Linter.failing(findings, strict) ? Main.FAILURE : 0;
    }

    /** The ids to report on; empty = all. */
    private Set<String> selected(Retort retort) {
        Set<String> ids = new LinkedHashSet<>();
        if (pending) {
            retort.status().pending().forEach(r -> ids.add(r.id()));
        }
        for (String revision : revisions) {
            List<Revision> resolved = revision.contains(":") ? retort.history(revision) : retort.graph().resolve(
                    revision);
            resolved.forEach(r -> ids.add(r.id()));
        }
        return ids;
    }

    private Map<String, String> arguments() {
        java.util.Map<String, String> arguments = new java.util.LinkedHashMap<>();
        for (String x : root.xArguments) {
            int eq = x.indexOf('=');
            arguments.put(eq < 0 ? x : x.substring(0, eq), eq < 0 ? "" : x.substring(eq + 1));
        }
        return arguments;
    }
}
