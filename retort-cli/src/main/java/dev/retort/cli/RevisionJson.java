package dev.retort.cli;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import java.util.Set;

/** One revision as a JSON object: the same facts the text forms show, as fields. */
final class RevisionJson {
    private RevisionJson() {
    }

    static void write(JsonOutput json, Revision revision, RevisionGraph graph, RevisionFormat format,
                      Set<String> current) {
        String id = revision.id();
        json.startObject()
                .field("revision", id)
                .field("down_revisions", revision.downRevisions())
                .field("depends_on", revision.dependsOn())
                .field("branch_labels", graph.sortedBranchLabels(id))
                .field("message", revision.message())
                .field("path", format.path(revision))
                .field("is_head", graph.isRealHead(id))
                .field("is_effective_head", graph.isEffectiveHead(id))
                .field("is_branch_point", graph.isBranchPoint(id))
                .field("is_merge_point", graph.isMergePoint(id))
                .field("children", graph.children(id));
        if (!current.isEmpty()) {
            json.field("current", current.contains(id));
        }
        json.endObject();
    }
}
