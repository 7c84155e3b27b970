package dev.retort.revision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a revision file declares about its place in the graph: its id, its parents, the labels it
 * introduces and the revisions (or labels) it depends on. Pure data; the graph derives everything
 * else (children, heads, propagated labels).
 *
 * @param id            the revision id, {@code [A-Za-z0-9_]+}, at most 255 characters
 * @param downRevisions the parents: empty for a base, two or more for a merge point
 * @param branchLabels  labels declared by this revision (they propagate, see {@link RevisionGraph})
 * @param dependsOn     ids, partial ids or labels this revision needs applied first, without
 *                      merging their branch into its own
 * @param message       the one-line description shown by {@code history} and in run logs; may be empty
 * @param origin        where the revision came from (a file path, a class name), named in errors
 */
public record Revision(
        String id,
        List<String> downRevisions,
        List<String> branchLabels,
        List<String> dependsOn,
        String message,
        String origin) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

    /** Longest id accepted; the version table's column is {@code VARCHAR(255)}. */
    public static final int MAX_ID_LENGTH = 255;

    public Revision {
        Objects.requireNonNull(id, "id");
        downRevisions = List.copyOf(downRevisions);
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
        message = message == null ? "" : message;
        origin = origin == null ? id : origin;
    }

    /** A revision with only graph data, as tests and generators build them. */
    public static Revision of(String id, String... downRevisions) {
        return new Revision(id, List.of(downRevisions), List.of(), List.of(), "", null);
    }

    public Revision withLabels(String... labels) {
        return new Revision(id, downRevisions, List.of(labels), dependsOn, message, origin);
    }

    public Revision withDependsOn(String... deps) {
        return new Revision(id, downRevisions, branchLabels, List.of(deps), message, origin);
    }

    public Revision withMessage(String newMessage) {
        return new Revision(id, downRevisions, branchLabels, dependsOn, newMessage, origin);
    }

    public Revision withOrigin(String newOrigin) {
        return new Revision(id, downRevisions, branchLabels, dependsOn, message, newOrigin);
    }

    public boolean isBase() {
        return downRevisions.isEmpty();
    }

    public boolean isMergePoint() {
        return downRevisions.size() > 1;
    }

    /**
     * Why {@code candidate} cannot be a revision id; empty when it can. Alembic forbids
     * {@code @ - + :} because the identifier grammar uses them; retort accepts only letters,
     * digits and underscores, which excludes those and whitespace too.
     */
    public static Optional<String> idProblem(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of("a revision id must not be empty");
        }
        if (candidate.length() > MAX_ID_LENGTH) {
            return Optional.of("revision id '" + candidate.substring(0, 20) + "…' is " + candidate.length()
                    + " characters long; the limit is " + MAX_ID_LENGTH);
        }
        if (!ID.matcher(candidate).matches()) {
            return Optional.of("revision id '" + candidate + "' may contain only letters, digits and '_'");
        }
        return Optional.empty();
    }
}
