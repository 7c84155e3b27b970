package dev.retort.revision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the corpus that {@code src/test/alembic-oracle/generate.py} recorded from the real Alembic
 * (see the README there) and reports every answer of retort's graph that differs, one dynamic test
 * per graph.
 *
 * <p>Where the comparison is not plain equality, it is on purpose, and these are all the known
 * differences from Alembic:
 * <ul>
 *   <li>Answers that changed with {@code PYTHONHASHSEED} ("unstable": Alembic iterated a Python set of
 *       strings) are compared as sets with each of Alembic's answers: the steps run, the final
 *       version rows, the error class. retort uses declaration order in those places (the order of
 *       normalized dependencies; which parent row a merge updates and which it deletes; which parent
 *       an unmerge updates).</li>
 *   <li>Errors are compared by class (Alembic's, or the cause's for a {@code CommandError}, mapped to
 *       retort's exception), never by message: retort words its messages differently on purpose.</li>
 *   <li>Where Alembic fails internally (an {@code AssertionError}, {@code KeyError} and the like,
 *       never a message meant for a user) retort must fail with a {@link RevisionException}. When
 *       Alembic's {@code HeadMaintainer} fails on a step, retort's {@link VersionHeads} must refuse
 *       the same step.</li>
 *   <li>A prefix that starts only one revision's id and that revision's own branch label is
 *       ambiguous to Alembic; retort resolves it to that revision ({@code sameRevision}: compared with
 *       Alembic's answer for a longer, unambiguous prefix of the id).</li>
 *   <li>A relative identifier that walks exactly down to base ({@code x-1} with {@code x} a base)
 *       trips an assertion in Alembic's upgrade, history and stamp, while its downgrade reads it as
 *       base; retort reads it as base everywhere ({@code asBase}: compared with Alembic's answer for
 *       {@code base}).</li>
 *   <li>{@code get_revisions} answers {@code None} for {@code -N} walking past the base; retort fails.
 *       An answer of {@code 'base'} is left out, as retort's resolve returns revisions only.</li>
 *   <li>Alembic's cycle check misses cycles whose revisions can all be reached from a head and from
 *       a base, loads such graphs and may then loop forever; retort reports every cycle.</li>
 * </ul>
 */
class AlembicOracleTest {

    private static final String CORPUS = "/alembic-oracle/corpus.json";
    private static final String DOES_NOT_FIT = "<a step does not fit the version rows>";

    /** Python exceptions that are Alembic failing internally rather than reporting a user error. */
    private static final Set<String> ALEMBIC_INTERNAL_ERRORS =
            Set.of("AssertionError", "KeyError", "TypeError", "AttributeError", "IndexError", "ValueError");

    /**
     * The committed corpus, or the file named by the system property {@code alembic.oracle.corpus}
     * (to replay a larger one generated with another seed without committing it).
     */
    private static JsonNode corpus() {
        String override = System.getProperty("alembic.oracle.corpus");
        if (override != null && !override.isBlank()) {
            try {
                return new ObjectMapper().readTree(new java.io.File(override));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = AlembicOracleTest.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException(CORPUS + " is missing; run src/test/alembic-oracle/generate.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCorpusIsTheOneGeneratedFromAlembic() {
        JsonNode corpus = corpus();
        assertThat(corpus.path("alembic").asText()).startsWith("1.");
        assertThat(corpus.path("hashSeeds").size()).isGreaterThanOrEqualTo(4);
        assertThat(corpus.path("graphs").size()).isGreaterThan(100);
    }

    @TestFactory
    Stream<DynamicTest> retortAnswersLikeAlembic() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode graph : corpus().path("graphs")) {
            tests.add(DynamicTest.dynamicTest(graph.path("name").asText() + " (" + graph.path("revisions").size()
                    + " revisions, " + graph.path("order").asText() + " order)", () -> {
                        List<String> mismatches = new GraphReplay(graph).mismatches();
                        assertThat(mismatches).as(() -> describe(graph)).isEmpty();
                    }));
        }
        return tests.stream();
    }

    private static String describe(JsonNode graph) {
        StringBuilder out = new StringBuilder("graph " + graph.path("name").asText() + ", revisions in map order:");
        for (JsonNode rev : graph.path("revisions")) {
            out.append("\n  ").append(rev.path("id").asText()).append(" down=").append(strings(rev.path("down")));
            if (rev.has("labels")) {
                out.append(" labels=").append(strings(rev.path("labels")));
            }
            if (rev.has("deps")) {
                out.append(" depends_on=").append(strings(rev.path("deps")));
            }
        }
        return out.toString();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    /** Replays one graph's cases. */
    static final class GraphReplay {
        private final JsonNode graph;
        private final List<String> mismatches = new ArrayList<>();

        GraphReplay(JsonNode graph) {
            this.graph = graph;
        }

        List<String> mismatches() {
            List<Revision> revisions = new ArrayList<>();
            for (JsonNode rev : graph.path("revisions")) {
                revisions.add(new Revision(rev.path("id").asText(), strings(rev.path("down")),
                        strings(rev.path("labels")), strings(rev.path("deps")), "", null));
            }
            if (graph.has("graphError")) {
                checkGraphError(revisions);
                return mismatches;
            }
            if (graph.path("alembicLoaded").asBoolean(false)) {
                // Deliberate: Alembic's cycle check only notices revisions that cannot be reached from
                // both a head and a base, so it loads these graphs (and its topological sort may then
                // loop forever); retort finds every cycle.
                Set<GraphProblem.Kind> kinds = RevisionGraph.problems(revisions).stream().map(GraphProblem::kind)
                        .collect(Collectors.toSet());
                if (!kinds.contains(GraphProblem.Kind.CYCLE) && !kinds.contains(GraphProblem.Kind.DEPENDENCY_CYCLE)) {
                    mismatches.add("a graph with a cycle Alembic misses: retort must report it, finds " + kinds);
                }
                return mismatches;
            }
            RevisionGraph revisionGraph;
            try {
                revisionGraph = RevisionGraph.of(revisions);
            } catch (InvalidRevisionGraphException e) {
                mismatches.add("Alembic loads the graph, retort refuses it: " + e.getMessage());
                return mismatches;
            }
            checkStructure(revisionGraph, graph.path("structure"));
            RevisionPlanner planner = new RevisionPlanner(revisionGraph);
            for (JsonNode query : graph.path("cases")) {
                checkCase(revisionGraph, planner, query);
            }
            return mismatches;
        }

        private void checkGraphError(List<Revision> revisions) {
            String alembic = graph.path("graphError").path("err").asText();
            GraphProblem.Kind expected = switch (alembic) {
                case "CycleDetected" -> GraphProblem.Kind.CYCLE;
                case "DependencyCycleDetected" -> GraphProblem.Kind.DEPENDENCY_CYCLE;
                case "LoopDetected" -> GraphProblem.Kind.SELF_LOOP;
                case "DependencyLoopDetected" -> GraphProblem.Kind.DEPENDENCY_SELF_LOOP;
                default -> null;
            };
            List<GraphProblem> problems = RevisionGraph.problems(revisions);
            Set<GraphProblem.Kind> kinds = problems.stream().map(GraphProblem::kind).collect(Collectors.toSet());
            if (problems.isEmpty()) {
                mismatches.add("Alembic refuses the graph (" + alembic + ": "
                        + graph.path("graphError").path("msg").asText() + "), retort accepts it");
            } else if (expected != null && !kinds.contains(expected)) {
                mismatches.add("Alembic refuses the graph with " + alembic + ", retort finds " + kinds);
            } else if (expected == null && !kinds.contains(GraphProblem.Kind.DUPLICATE_LABEL)
                    && !kinds.contains(GraphProblem.Kind.LABEL_EQUALS_ID)) {
                mismatches.add("Alembic refuses the graph with " + graph.path("graphError")
                        + ", retort finds " + kinds);
            }
        }

        private void checkStructure(RevisionGraph revisionGraph, JsonNode structure) {
            same("heads", strings(structure.path("heads")), revisionGraph.heads());
            same("real heads", strings(structure.path("realHeads")), revisionGraph.realHeads());
            same("bases", strings(structure.path("bases")), revisionGraph.bases());
            same("real bases", strings(structure.path("realBases")), revisionGraph.realBases());
            Map<String, Set<String>> labels = new TreeMap<>();
            Map<String, Set<String>> normalized = new TreeMap<>();
            for (Revision revision : revisionGraph.revisions()) {
                Set<String> own = new TreeSet<>(revisionGraph.branchLabels(revision.id()));
                if (!own.isEmpty()) {
                    labels.put(revision.id(), own);
                }
                Set<String> down = new TreeSet<>(revisionGraph.normalizedDownRevisions(revision.id()));
                if (!down.isEmpty()) {
                    normalized.put(revision.id(), down);
                }
            }
            same("labels", setMap(structure.path("labels")), labels);
            same("normalized down revisions", setMap(structure.path("normalizedDown")), normalized);
        }

        private static Map<String, Set<String>> setMap(JsonNode object) {
            Map<String, Set<String>> map = new TreeMap<>();
            object.properties().forEach(e -> map.put(e.getKey(), new TreeSet<>(strings(e.getValue()))));
            return map;
        }

        private void same(String what, Object alembic, Object retort) {
            if (!alembic.equals(retort)) {
                mismatches.add(what + ": Alembic " + alembic + ", retort " + retort);
            }
        }

        private void checkCase(RevisionGraph revisionGraph, RevisionPlanner planner, JsonNode query) {
            Object actual;
            try {
                actual = run(revisionGraph, planner, query);
            } catch (RuntimeException e) {
                actual = e;
            }
            boolean unstable = query.path("unstable").asBoolean(false);
            List<JsonNode> answers = new ArrayList<>();
            if (unstable) {
                query.path("variants").forEach(answers::add);
            } else {
                answers.add(query);
            }
            String note = "";
            List<String> problems = new ArrayList<>();
            for (JsonNode answer : answers) {
                JsonNode alembic = answer;
                while (alembic.has("sameRevision") || alembic.has("asBase")) {
                    if (alembic.has("sameRevision")) {
                        // Deliberate: Alembic calls a prefix ambiguous when the keys it starts are one
                        // revision's id and branch labels; retort resolves it to that revision. Compare
                        // with Alembic's answer to the query naming the revision by a longer prefix of
                        // its id that is unambiguous.
                        alembic = alembic.path("sameRevision");
                        note += " [prefix names one revision: compared with Alembic's answer for an unambiguous"
                                + " prefix of its id]";
                    } else {
                        // Deliberate: a relative identifier that walks exactly down to base trips an
                        // assertion inside Alembic's upgrade, history and stamp (its downgrade reads it
                        // as base); retort reads it as base everywhere.
                        alembic = alembic.path("asBase");
                        note += " [walks to base: compared with Alembic's answer for 'base']";
                    }
                }
                if (alembic.path("prefixOfOneRevision").asBoolean(false) && actual instanceof RevisionException) {
                    // the same deliberate difference, where Alembic cannot be asked the equivalent
                    // question (see generate.py); both fail
                    return;
                }
                String problem = compare(query.path("k").asText(), alembic, actual, unstable);
                if (problem == null) {
                    return;
                }
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
            mismatches.add(caseLabel(query) + note
                    + (unstable ? " [order-unstable in Alembic: compared as sets with each of its answers]" : "")
                    + ": " + String.join("\n    or ", problems));
        }

        /** Null when retort's answer (or exception) matches Alembic's, else what differs. */
        private static String compare(String kind, JsonNode alembic, Object actual, boolean asSets) {
            if (alembic.has("err")) {
                String alembicClass = alembic.path("err").asText();
                String alembicError = alembicClass + " (" + alembic.path("msg").asText() + ")";
                if (!(actual instanceof RuntimeException thrown)) {
                    return "Alembic fails with " + alembicError + ", retort answers " + actual;
                }
                boolean matches = ALEMBIC_INTERNAL_ERRORS.contains(alembicClass)
                        ? thrown instanceof RevisionException
                        : retortClassFor(alembicClass).equals(thrown.getClass());
                return matches ? null : "Alembic fails with " + alembicError + ", retort with "
                        + thrown.getClass().getSimpleName() + " (" + thrown.getMessage() + ")";
            }
            Object expected = expected(kind, alembic.path("r"));
            if (expected == null) {
                // Deliberate: get_revisions answers None for "-N" walking past the base; retort fails
                return actual instanceof RevisionException ? null
                        : "Alembic answers " + alembic.path("r") + " (a walk past the base), retort " + actual
                        + " instead of an error";
            }
            if (actual instanceof RuntimeException thrown) {
                return "Alembic answers " + alembic.path("r") + ", retort fails with "
                        + thrown.getClass().getSimpleName() + " (" + thrown.getMessage() + ")";
            }
            boolean equal = asSets ? asSets(expected).equals(asSets(actual)) : expected.equals(actual);
            return equal ? null : "\n      Alembic " + expected + "\n      retort  " + actual;
        }

        private static String caseLabel(JsonNode query) {
            Map<String, JsonNode> args = new TreeMap<>();
            query.properties().forEach(e -> {
                if (!Set.of("r", "err", "msg", "unstable", "variants", "k", "sameRevision", "asBase",
                        "prefixOfOneRevision").contains(e.getKey())) {
                    args.put(e.getKey(), e.getValue());
                }
            });
            return query.path("k").asText() + " " + args;
        }

        private static Class<?> retortClassFor(String alembicClass) {
            return switch (alembicClass) {
                case "ResolutionError" -> ResolutionException.class;
                case "MultipleHeads" -> MultipleHeadsException.class;
                case "RangeNotAncestorError" -> RangeNotAncestorException.class;
                default -> RevisionException.class;
            };
        }

        /** Alembic's recorded answer in the shape {@link #run} produces; null for a walk past the base. */
        private static Object expected(String kind, JsonNode answer) {
            switch (kind) {
                case "revs": {
                    List<String> ids = new ArrayList<>();
                    for (String id : strings(answer)) {
                        if (id == null) {
                            return null;
                        }
                        if (!"base".equals(id)) {
                            ids.add(id);
                        }
                    }
                    return ids;
                }
                case "one":
                    return answer.isNull() ? "<base>" : answer.asText();
                case "hist":
                case "iter":
                    return strings(answer);
                case "cur":
                    return new TreeSet<>(strings(answer));
                default: {
                    List<String> steps = strings(answer.path("steps"));
                    if (answer.has("headsError")) {
                        // Alembic's HeadMaintainer fails with a KeyError or an assertion when a step
                        // does not fit the rows; retort's VersionHeads with a RevisionException. The
                        // steps from the failing one on are listed without row changes.
                        steps.add(DOES_NOT_FIT);
                        return steps;
                    }
                    steps.add("=> " + strings(answer.path("heads")));
                    return steps;
                }
            }
        }

        private static Object run(RevisionGraph graph, RevisionPlanner planner, JsonNode query) {
            String kind = query.path("k").asText();
            switch (kind) {
                case "revs":
                    return graph.resolve(query.path("id").asText()).stream().map(Revision::id).toList();
                case "one":
                    return graph.resolveOne(query.path("id").asText()).map(Revision::id).orElse("<base>");
                case "hist":
                    return ids(planner.history(query.path("base").asText(), query.path("head").asText()));
                case "cur":
                    return graph.currentRevisions(strings(query.path("rows"))).stream().map(Revision::id)
                            .collect(Collectors.toCollection(TreeSet::new));
                case "iter":
                    return ids(iterate(planner, query));
                default:
                    break;
            }
            List<String> rows = strings(query.path("rows"));
            List<MigrationStep> steps = switch (kind) {
                case "up" -> planner.upgrade(query.path("target").asText(), rows);
                case "down" -> planner.downgrade(query.path("target").asText(), rows);
                case "stamp" -> planner.stamp(strings(query.path("targets")), rows);
                default -> throw new IllegalArgumentException(kind);
            };
            VersionHeads heads = new VersionHeads(graph, rows);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                MigrationStep step = steps.get(i);
                List<VersionChange> changes;
                try {
                    changes = heads.apply(step);
                } catch (RevisionException e) {
                    steps.subList(i, steps.size()).forEach(rest -> out.add(describeStep(rest)));
                    out.add(DOES_NOT_FIT);
                    return out;
                }
                out.add(describeStep(step) + "|"
                        + changes.stream().map(GraphReplay::change).collect(Collectors.joining(",")));
            }
            List<String> finalHeads = new ArrayList<>(heads.heads());
            finalHeads.sort(null);
            out.add("=> " + finalHeads);
            return out;
        }

        private static List<Revision> iterate(RevisionPlanner planner, JsonNode q) {
            JsonNode upper = q.path("upper");
            JsonNode lower = q.path("lower");
            boolean inclusive = q.path("inclusive").asBoolean();
            boolean implicitBase = q.path("implicitBase").asBoolean();
            boolean assertLength = q.path("assertRelativeLength").asBoolean();
            boolean downgrade = q.path("selectForDowngrade").asBoolean();
            if (upper.isArray() && lower.isArray()) {
                return planner.iterate(strings(upper), strings(lower), inclusive, implicitBase, assertLength,
                        downgrade);
            }
            if (upper.isArray()) {
                return planner.iterate(strings(upper), text(lower), inclusive, implicitBase, assertLength, downgrade);
            }
            if (lower.isArray()) {
                return planner.iterate(text(upper), strings(lower), inclusive, implicitBase, assertLength, downgrade);
            }
            return planner.iterate(text(upper), text(lower), inclusive, implicitBase, assertLength, downgrade);
        }

        private static String text(JsonNode node) {
            return node.isNull() ? null : node.asText();
        }

        private static String describeStep(MigrationStep step) {
            if (step instanceof RevisionStep revisionStep) {
                return revisionStep.revision().id();
            }
            StampStep stamp = (StampStep) step;
            return String.join(" ", stamp.from()) + ">" + String.join(" ", stamp.to()) + ":"
                    + (stamp.isUpgrade() ? "up" : "down") + (stamp.branchMove() ? ":branch" : "");
        }

        private static String change(VersionChange change) {
            if (change instanceof VersionChange.Insert insert) {
                return "I:" + insert.version();
            }
            if (change instanceof VersionChange.Delete delete) {
                return "D:" + delete.version();
            }
            VersionChange.Update update = (VersionChange.Update) change;
            return "U:" + update.from() + ">" + update.to();
        }

        private static List<String> ids(List<Revision> revisions) {
            return revisions.stream().map(Revision::id).toList();
        }

        /**
         * For an order-unstable answer: the steps as a set (each without its row changes, which
         * depend on the order) plus the final rows; anything else as a set of its elements.
         */
        private static Set<String> asSets(Object answer) {
            Set<String> set = new HashSet<>();
            if (answer instanceof List<?> list) {
                for (Object item : list) {
                    String text = String.valueOf(item);
                    int bar = text.indexOf('|');
                    set.add(bar >= 0 ? text.substring(0, bar) : text);
                }
            } else if (answer instanceof Set<?> items) {
                items.forEach(i -> set.add(String.valueOf(i)));
            } else {
                set.add(String.valueOf(answer));
            }
            return set;
        }
    }
}
