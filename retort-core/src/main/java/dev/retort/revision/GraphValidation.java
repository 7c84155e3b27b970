package dev.retort.revision;

import dev.retort.revision.GraphProblem.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds every reason a list of revisions does not form a graph, before any of it is used: bad ids
 * and labels, duplicates, dangling parents and dependencies, self-loops and cycles. Each problem
 * names the revisions and the files they came from.
 *
 * <p>Stricter than Alembic on purpose: Alembic only warns about a duplicate id (the file loaded last
 * wins) and a missing parent (then fails with a KeyError), and its cycle check only notices
 * revisions that cannot be reached from both a head and a base, so it loads some cyclic graphs and
 * then orders them wrongly or loops forever. Every strongly connected component is a cycle here.
 */
final class GraphValidation {

    private GraphValidation() {
    }

    static List<GraphProblem> problems(List<Revision> revisions) {
        List<GraphProblem> problems = new ArrayList<>();
        Map<String, Revision> byId = new LinkedHashMap<>();
        for (Revision revision : revisions) {
            Optional<String> idProblem = Revision.idProblem(revision.id());
            idProblem.ifPresent(p -> problems.add(problem(Kind.INVALID_ID, revision.origin() + ": " + p, revision)));
            Revision earlier = byId.putIfAbsent(revision.id(), revision);
            if (earlier != null) {
                problems.add(problem(Kind.DUPLICATE_ID, "revision id '" + revision.id() + "' is declared twice, in "
                        + earlier.origin() + " and in " + revision.origin(), revision));
            }
        }

        Map<String, Revision> byLabel = new HashMap<>();
        for (Revision revision : revisions) {
            for (String label : revision.branchLabels()) {
                RevisionGraph.labelProblem(label).ifPresent(p -> problems.add(
                        problem(Kind.INVALID_LABEL, revision.origin() + ": " + p, revision)));
                Revision sameId = byId.get(label);
                if (sameId != null) {
                    problems.add(problem(Kind.LABEL_EQUALS_ID, "branch label '" + label + "' of revision "
                            + revision.id() + " (" + revision.origin() + ") is also the id of revision " + sameId.id()
                            + " (" + sameId.origin() + "); rename the label", revision));
                }
                Revision earlier = byLabel.putIfAbsent(label, revision);
                if (earlier != null && earlier != revision) {
                    problems.add(problem(Kind.DUPLICATE_LABEL, "branch label '" + label + "' is declared by both "
                            + earlier.id() + " (" + earlier.origin() + ") and " + revision.id() + " ("
                            + revision.origin() + ")", revision));
                }
            }
        }

        for (Revision revision : revisions) {
            for (String down : revision.downRevisions()) {
                if (down.equals(revision.id())) {
                    problems.add(problem(Kind.SELF_LOOP, "Self-loop is detected in revisions (" + revision.id() + "): "
                            + revision.origin() + " names itself as its down_revision", revision));
                } else if (!byId.containsKey(down)) {
                    problems.add(problem(Kind.MISSING_PARENT, revision.origin() + ": down_revision '" + down
                            + "' of revision " + revision.id() + " is not present" + suggestion(down, byId), revision));
                }
            }
            for (String dep : revision.dependsOn()) {
                Revision target = byId.containsKey(dep) ? byId.get(dep) : byLabel.get(dep);
                if (target == revision) {
                    problems.add(problem(Kind.DEPENDENCY_SELF_LOOP, "Dependency self-loop is detected in revisions ("
                            + revision.id() + "): " + revision.origin() + " depends on itself", revision));
                } else if (target == null) {
                    problems.add(problem(Kind.MISSING_DEPENDENCY, revision.origin() + ": depends_on '" + dep
                            + "' of revision " + revision.id() + " names no revision or branch label"
                            + suggestion(dep, byId), revision));
                }
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }

        // the down edges are a subset of all edges: when all edges have no cycle, neither do they,
        // so the common case costs one pass over the graph, not two
        Function<Revision, List<Revision>> allParents = r -> {
            List<Revision> parents = new ArrayList<>();
            r.downRevisions().forEach(d -> parents.add(byId.get(d)));
            r.dependsOn().forEach(d -> parents.add(byId.containsKey(d) ? byId.get(d) : byLabel.get(d)));
            return parents;
        };
        List<List<Revision>> anyCycles = cycles(revisions, allParents);
        if (anyCycles.isEmpty()) {
            return problems;
        }
        for (List<Revision> cycle : cycles(revisions, r -> r.downRevisions().stream().map(byId::get).toList())) {
            problems.add(cycleProblem(Kind.CYCLE, "Cycle", cycle));
        }
        if (problems.isEmpty()) {
            for (List<Revision> cycle : anyCycles) {
                problems.add(cycleProblem(Kind.DEPENDENCY_CYCLE, "Dependency cycle", cycle));
            }
        }
        return problems;
    }

    private static String suggestion(String missing, Map<String, Revision> byId) {
        List<String> starting = byId.keySet().stream().filter(id -> id.startsWith(missing)).limit(3).toList();
        if (starting.size() == 1) {
            return "; revision files must give full ids: did you mean '" + starting.get(0) + "'?";
        }
        return "";
    }

    private static GraphProblem problem(Kind kind, String message, Revision revision) {
        return new GraphProblem(kind, message, List.of(revision.id()));
    }

    private static GraphProblem cycleProblem(Kind kind, String what, List<Revision> cycle) {
        List<String> ids = cycle.stream().map(Revision::id).toList();
        List<String> origins = cycle.stream().map(Revision::origin).toList();
        return new GraphProblem(kind, what + " is detected in revisions (" + String.join(", ", ids) + ") in "
                + String.join(", ", origins), ids);
    }

    /**
     * The strongly connected components of more than one revision (Tarjan, iterative so that a
     * chain of ten thousand revisions cannot overflow the stack), each in map order.
     */
    private static List<List<Revision>> cycles(List<Revision> revisions,
                                               Function<Revision, List<Revision>> parents) {
        Map<Revision, Integer> position = new IdentityHashMap<>();
        for (Revision revision : revisions) {
            position.putIfAbsent(revision, position.size());
        }
        int n = revisions.size();
        // adjacency once, as positions: the walk below visits each node once per parent
        int[][] edgesOf = new int[n][];
        for (int v = 0; v < n; v++) {
            edgesOf[v] = parents.apply(revisions.get(v)).stream().mapToInt(position::get).toArray();
        }
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        List<List<Revision>> components = new ArrayList<>();
        int counter = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            Deque<int[]> work = new ArrayDeque<>();
            work.push(new int[] {root, 0});
            while (!work.isEmpty()) {
                int[] frame = work.peek();
                int v = frame[0];
                if (frame[1] == 0 && index[v] < 0) {
                    index[v] = counter;
                    low[v] = counter;
                    counter++;
                    stack.push(v);
                    onStack[v] = true;
                }
                int[] edges = edgesOf[v];
                if (frame[1] < edges.length) {
                    int w = edges[frame[1]];
                    frame[1]++;
                    if (index[w] < 0) {
                        work.push(new int[] {w, 0});
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    int parent = work.peek()[0];
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    List<Integer> members = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        members.add(w);
                    } while (w != v);
                    if (members.size() > 1) {
                        members.sort(Integer::compare);
                        components.add(members.stream().map(revisions::get).toList());
                    }
                }
            }
        }
        components.sort((a, b) -> Integer.compare(position.get(a.get(0)), position.get(b.get(0))));
        return components;
    }
}
