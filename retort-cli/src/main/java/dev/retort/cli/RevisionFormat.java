package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.script.MigrationScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Alembic's text shapes for revisions (reference/alembic.md §1.3; Alembic's
 * {@code Script._head_only} and {@code Script.log_entry}), so that scripts written against
 * Alembic's output keep working.
 */
final class RevisionFormat {

    private final Retort retort;
    private final RevisionGraph graph;
    private final Path baseDirectory;
    private final Set<String> current;

    RevisionFormat(Retort retort, Path baseDirectory, Set<String> current) {
        this.retort = retort;
        this.graph = retort.graph();
        this.baseDirectory = baseDirectory;
        this.current = Set.copyOf(current);
    }

    /** Alembic's {@code cmd_format}. */
    String format(Revision revision, boolean verbose, boolean includeBranches, boolean includeDoc,
                  boolean includeParents, boolean treeIndicators) {
        return verbose ? logEntry(revision)
                : headOnly(revision, includeBranches, includeDoc, includeParents, treeIndicators);
    }

    /**
     * One line: {@code [<down>[ (<deps>)] -> ]<rev>[ (<labels>)][ (head)|(effective head)][ (current)]
     * [ (branchpoint)][ (mergepoint)][, <doc>]}.
     */
    String headOnly(Revision revision, boolean includeBranches, boolean includeDoc, boolean includeParents,
                    boolean treeIndicators) {
        String id = revision.id();
        StringBuilder text = new StringBuilder();
        if (includeParents) {
            text.append(downRevisions(revision));
            if (!revision.dependsOn().isEmpty()) {
                text.append(" (").append(String.join(", ", revision.dependsOn())).append(')');
            }
            text.append(" -> ");
        }
        text.append(id);
        List<String> labels = graph.sortedBranchLabels(id);
        if (includeBranches && !labels.isEmpty()) {
            text.append(" (").append(String.join(", ", labels)).append(')');
        }
        if (graph.isRealHead(id)) {
            text.append(" (head)");
        } else if (graph.isHead(id)) {
            text.append(" (effective head)");
        }
        if (current.contains(id)) {
            text.append(" (current)");
        }
        if (treeIndicators) {
            if (graph.isBranchPoint(id)) {
                text.append(" (branchpoint)");
            }
            if (graph.isMergePoint(id)) {
                text.append(" (mergepoint)");
            }
        }
        if (includeDoc) {
            text.append(", ").append(revision.message());
        }
        return text.toString();
    }

    /** The verbose block of {@code show}, {@code history -v}, {@code current -v}. */
    String logEntry(Revision revision) {
        String id = revision.id();
        StringBuilder entry = new StringBuilder("Rev: ").append(id);
        if (graph.isHead(id)) {
            entry.append(" (head)");
        }
        if (graph.isBranchPoint(id)) {
            entry.append(" (branchpoint)");
        }
        if (graph.isMergePoint(id)) {
            entry.append(" (mergepoint)");
        }
        if (current.contains(id)) {
            entry.append(" (current)");
        }
        entry.append('\n');
        entry.append(graph.isMergePoint(id) ? "Merges: " : "Parent: ").append(downRevisions(revision)).append('\n');
        if (!revision.dependsOn().isEmpty()) {
            entry.append("Also depends on: ").append(String.join(", ", revision.dependsOn())).append('\n');
        }
        if (graph.isBranchPoint(id)) {
            entry.append("Branches into: ").append(String.join(", ", graph.children(id))).append('\n');
        }
        List<String> labels = graph.sortedBranchLabels(id);
        if (!labels.isEmpty()) {
            entry.append("Branch names: ").append(String.join(", ", labels)).append('\n');
        }
        entry.append("Path: ").append(path(revision)).append('\n');
        entry.append('\n');
        for (String line : longDoc(revision).split("\n", -1)) {
            entry.append("    ").append(line).append('\n');
        }
        return entry.toString();
    }

    /** Alembic's revision docstring: the message, then the id, parents and create date. */
    String longDoc(Revision revision) {
        StringBuilder doc = new StringBuilder(revision.message());
        doc.append("\n\nRevision ID: ").append(revision.id());
        doc.append("\nRevises: ").append(String.join(", ", revision.downRevisions()));
        retort.script(revision.id()).flatMap(MigrationScript::createDate)
                .ifPresent(date -> doc.append("\nCreate Date: ").append(date));
        return doc.toString();
    }

    String path(Revision revision) {
        String location = retort.script(revision.id()).map(MigrationScript::location).orElse(revision.origin());
        if (location.startsWith("classpath:")) {
            return location;
        }
        return baseDirectory.resolve(location).toAbsolutePath().normalize().toString();
    }

    static String downRevisions(Revision revision) {
        return revision.downRevisions().isEmpty() ? "<base>" : String.join(", ", revision.downRevisions());
    }
}
