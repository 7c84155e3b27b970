package dev.retort.script;

import dev.retort.ops.Operation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Java revision does, found by calling its {@code upgrade} (or {@code downgrade}) with
 * operations that only record, touching no database: each operation and each lint ignore in the
 * order the revision called them, with the line of the revision's code that called them.
 *
 * <p>Immutable.
 *
 * @param steps       what was called, in order
 * @param interrupted set when the revision stopped being recorded before its end: it asked for the
 *                    live connection ({@code op.connection()}: what follows depends on data) or it
 *                    threw
 */
public record RecordedOperations(List<Step> steps, Optional<Interruption> interrupted) {

    public RecordedOperations {
        steps = List.copyOf(steps);
        Objects.requireNonNull(interrupted, "interrupted");
    }

    /** The recorded operations alone, in order. */
    public List<Operation> operations() {
        return steps.stream().filter(Applied.class::isInstance).map(s -> ((Applied) s).operation()).toList();
    }

    /** One call of the revision. */
    public sealed interface Step {
        /** 1-based line of the revision's source that made the call (1 when unknown). */
        int line();
    }

    /** An operation the revision applied. */
    public record Applied(Operation operation, int line) implements Step {
        public Applied {
            Objects.requireNonNull(operation, "operation");
        }
    }

    /**
     * {@code op.lintIgnore(rule, reason)}: the next operation may break {@code rule} on purpose.
     * {@code reason} is as given, possibly empty (lint reports that).
     */
    public record LintIgnore(String rule, String reason, int line) implements Step {
        public LintIgnore {
            rule = rule == null ? "" : rule;
            reason = reason == null ? "" : reason;
        }
    }

    /** Why recording stopped early, and where. */
    public record Interruption(int line, String reason) {
        public Interruption {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
