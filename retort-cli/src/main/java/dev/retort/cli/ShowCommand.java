package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code retort show REV}: every detail of the revisions an identifier names. */
@Command(name = "show", description = "Show the revisions an identifier names ('current' reads the database).")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "REV", description = "A revision, label, head, heads, current, …")
    String revision;

    @Override
    public Integer call() {
        Project project = root.project();
        Retort retort = project.retort();
        List<Revision> revisions = "current".equals(revision)
                ? retort.graph().resolve(retort.current().versionRows())
                : retort.graph().resolve(revision);
        RevisionFormat format = new RevisionFormat(retort, project.baseDirectory(), Set.of());
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().startArray("revisions");
                revisions.forEach(r -> RevisionJson.write(json, r, retort.graph(), format, Set.of()));
                json.endArray().endObject();
            }
            return 0;
        }
        for (Revision shown : revisions) {
            root.console.result(format.logEntry(shown));
        }
        return 0;
    }
}
