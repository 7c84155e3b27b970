package dev.retort.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code retort validate} found: the applied revisions whose file changed or vanished since
 * they ran, judged by the checksum of each revision's latest successful upgrade (or rehash) row in
 * the history table.
 *
 * <p>Immutable and thread-safe.
 *
 * @param drifts     applied revisions whose file no longer matches; empty when all do
 * @param unverified applied revisions without a recorded checksum (stamped, or applied by another
 *                   tool), in graph order; {@code retort rehash} records one
 * @param verified   how many applied revisions matched their recorded checksum
 */
public record ValidationResult(List<Drift> drifts, List<String> unverified, int verified) {

    public ValidationResult {
        drifts = List.copyOf(drifts);
        unverified = List.copyOf(unverified);
    }

    /** True when no applied revision's file changed or vanished. */
    public boolean valid() {
        return drifts.isEmpty();
    }

    /** The ids of the drifted revisions, in the order found. */
    public List<String> driftedIds() {
        return drifts.stream().map(Drift::revision).toList();
    }

    /** One applied revision whose file does not match what ran. */
    public enum Kind {
        /** The file's checksum differs from the one recorded when it ran. */
        CHANGED,
        /** No file defines the revision any more. */
        MISSING
    }

    /**
     * An applied revision whose file changed or vanished.
     *
     * @param revision the revision id
     * @param kind     changed or missing
     * @param file     the file now (changed) or the one recorded when it ran (missing); may be empty
     * @param recorded the checksum recorded when it ran (or was last rehashed)
     * @param current  the file's checksum now; empty when the file is missing
     * @param record   the history row the recorded checksum comes from, or that last mentions a
     *                 missing revision; empty when the history table has none
     */
    public record Drift(String revision, Kind kind, String file, Optional<String> recorded, Optional<String> current,
                        Optional<HistoryEntry> record) {

        public Drift {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(record, "record");
        }

        /** One clause: {@code a1 (versions/a1.sql) changed since it was applied at 2025-…}. */
        public String describe() {
            StringBuilder text = new StringBuilder(revision);
            if (!file.isEmpty()) {
                text.append(" (").append(file).append(')');
            }
            String when = record.map(r -> " at " + r.startedAt()).orElse("");
            if (kind == Kind.CHANGED) {
                String how = record.filter(r -> r.direction() == HistoryEntry.Direction.REHASH).isPresent()
                        ? "rehashed" : "applied";
                text.append(" changed since it was ").append(how).append(when).append(" (checksum ")
                        .append(recorded.map(ValidationResult::shortSum).orElse("none")).append(" then, ")
                        .append(current.map(ValidationResult::shortSum).orElse("none")).append(" now)");
            } else {
                text.append(" was applied").append(when).append(" and no revision file defines it any more");
            }
            return text.toString();
        }
    }

    static String shortSum(String checksum) {
        return checksum.length() <= 12 ? checksum : checksum.substring(0, 12);
    }
}
