package dev.retort.bench;

import dev.retort.revision.Revision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The revision graphs the benchmarks run on, each a pure function of its size and seed. Ids are
 * twelve hex digits, as Alembic generates them, and the result is in map order (sorted by id, which
 * is the file-name order of {@code {rev}_{slug}.sql} files), so that an in-memory graph and a
 * project written by {@link ProjectWriter} load the same way.
 */
enum Shapes {

    /** One line: every revision has the previous one as its parent. One base, one head. */
    LINEAR {
        @Override
        List<Revision> build(int size, Random random) {
            Ids ids = new Ids(random);
            List<Revision> out = new ArrayList<>(size);
            String previous = null;
            for (int i = 0; i < size; i++) {
                String id = ids.next();
                out.add(message(previous == null ? Revision.of(id) : Revision.of(id, previous), i));
                previous = id;
            }
            return out;
        }
    },

    /**
     * A trunk that keeps splitting and joining again: a branch point, two to four branches of one to
     * eight revisions each, and a merge revision of all of them, over and over; about one revision
     * in seven is a merge. One base, one head, so {@code upgrade head} applies everything.
     */
    BRANCHED {
        @Override
        List<Revision> build(int size, Random random) {
            Ids ids = new Ids(random);
            List<Revision> out = new ArrayList<>(size);
            String tip = ids.next();
            out.add(message(Revision.of(tip), 0));
            while (out.size() < size) {
                int room = size - out.size();
                if (room < 4) {
                    for (int i = 0; i < room; i++) {
                        String id = ids.next();
                        out.add(message(Revision.of(id, tip), out.size()));
                        tip = id;
                    }
                    break;
                }
                int branches = Math.min(2 + random.nextInt(3), room - 1);
                List<String> ends = new ArrayList<>(branches);
                int budget = room - 1;
                for (int b = 0; b < branches; b++) {
                    int length = Math.max(1, Math.min(1 + random.nextInt(8), budget - (branches - b - 1)));
                    budget -= length;
                    String parent = tip;
                    for (int i = 0; i < length; i++) {
                        String id = ids.next();
                        out.add(message(Revision.of(id, parent), out.size()));
                        parent = id;
                    }
                    ends.add(parent);
                }
                String merge = ids.next();
                out.add(message(Revision.of(merge, ends.toArray(String[]::new)), out.size()));
                tip = merge;
            }
            return out;
        }
    },

    /**
     * Many open heads, branches and merges at random: 2% new bases (each with a branch label), 10%
     * merges of two or three open heads, 20% branches off any earlier revision, the rest continuing
     * the newest open head; 5% also depend on an earlier revision. Hundreds of heads at 10,000.
     */
    RANDOM {
        @Override
        List<Revision> build(int size, Random random) {
            Ids ids = new Ids(random);
            List<Revision> out = new ArrayList<>(size);
            List<String> all = new ArrayList<>(size);
            List<String> open = new ArrayList<>();
            Set<String> openSet = new HashSet<>();
            for (int i = 0; i < size; i++) {
                String id = ids.next();
                double roll = random.nextDouble();
                List<String> parents = new ArrayList<>(3);
                String label = null;
                if (i == 0 || roll < 0.02) {
                    label = "line" + i;
                } else if (roll < 0.12 && open.size() >= 2) {
                    int wanted = open.size() >= 3 && random.nextBoolean() ? 3 : 2;
                    while (parents.size() < wanted) {
                        String parent = open.get(random.nextInt(open.size()));
                        if (!parents.contains(parent)) {
                            parents.add(parent);
                        }
                    }
                } else if (roll < 0.32) {
                    parents.add(all.get(random.nextInt(all.size())));
                } else {
                    parents.add(open.isEmpty() ? all.get(all.size() - 1) : open.get(open.size() - 1));
                }
                Revision revision = Revision.of(id, parents.toArray(String[]::new));
                if (label != null) {
                    revision = revision.withLabels(label);
                }
                if (i > 10 && random.nextDouble() < 0.05) {
                    revision = revision.withDependsOn(all.get(random.nextInt(all.size() - 5)));
                }
                for (String parent : parents) {
                    if (openSet.remove(parent)) {
                        open.remove(parent);
                    }
                }
                open.add(id);
                openSet.add(id);
                all.add(id);
                out.add(message(revision, i));
            }
            return out;
        }
    };

    /** The revisions of this shape, in map order. */
    List<Revision> revisions(int size, long seed) {
        List<Revision> built = new ArrayList<>(build(size, new Random(seed)));
        built.sort(Comparator.comparing(Revision::id));
        return built;
    }

    abstract List<Revision> build(int size, Random random);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Shapes parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static Revision message(Revision revision, int ordinal) {
        return revision.withMessage("create table " + ordinal);
    }

    /** Distinct twelve-digit hex ids. */
    private static final class Ids {
        private final Random random;
        private final Set<String> taken = new HashSet<>();

        Ids(Random random) {
            this.random = random;
        }

        String next() {
            String id;
            do {
                id = String.format(Locale.ROOT, "%012x", random.nextLong() & 0xffffffffffffL);
            } while (!taken.add(id));
            return id;
        }
    }
}
