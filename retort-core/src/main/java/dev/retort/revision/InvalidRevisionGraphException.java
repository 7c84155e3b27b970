package dev.retort.revision;

import dev.retort.RetortException;
import java.util.List;
import java.util.stream.Collectors;

/** The revision files do not form a graph retort can work with; nothing has touched a database. */
public final class InvalidRevisionGraphException extends RetortException {
    private static final long serialVersionUID = 1L;
    private static final int LISTED = 5;

    private final transient List<GraphProblem> problems;

    public InvalidRevisionGraphException(List<GraphProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<GraphProblem> problems() {
        return problems;
    }

    private static String describe(List<GraphProblem> problems) {
        String listed = problems.stream().limit(LISTED).map(GraphProblem::message).collect(Collectors.joining("; "));
        String more = problems.size() > LISTED ? "; and " + (problems.size() - LISTED) + " more" : "";
        return "Broken revision graph: " + listed + more;
    }
}
