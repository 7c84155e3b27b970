package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.HistoryEntry.Direction;
import dev.retort.runtime.ValidationResult.Drift;
import dev.retort.runtime.ValidationResult.Kind;
import dev.retort.script.MigrationScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the revisions a database has applied with their files now (Flyway's validate, which
 * Alembic lacks): pure data in, {@link ValidationResult} out, so it is the same for the library,
 * {@code retort validate} and the check before {@code upgrade}.
 *
 * <p>The baseline of a revision is its latest successful {@code upgrade} or {@code rehash} row in
 * the history table; a revision is applied when a version row is it or lies above it (dependencies
 * included). A revision is <em>changed</em> when its file's checksum differs from the baseline's,
 * <em>missing</em> when a version row names it but no file defines it, or when the history table
 * says it was applied and not undone since (no later downgrade, and no stamp after it, since a
 * stamp may move the database anywhere) while no file defines it. Checksums ignore line endings
 * and a byte-order mark ({@link dev.retort.script.Checksums}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ChecksumValidation {

    private ChecksumValidation() {
    }

    /**
     * Validates a database's applied revisions.
     *
     * @param graph       the revision files' graph
     * @param scripts     the loaded revisions by id
     * @param versionRows the version table's rows
     * @param history     the history table's rows, oldest first
     */
    public static ValidationResult validate(RevisionGraph graph, Map<String, MigrationScript> scripts,
                                            List<String> versionRows, List<HistoryEntry> history) {
        if (versionRows.isEmpty()) {
            return new ValidationResult(List.of(), List.of(), 0);
        }
        Records records = new Records(history);
        List<Drift> drifts = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        int verified = 0;
        for (Revision revision : graph.appliedRevisions(versionRows)) {
            MigrationScript script = scripts.get(revision.id());
            Optional<HistoryEntry> baseline = Optional.ofNullable(records.baseline.get(revision.id()));
            Optional<String> recorded = baseline.map(HistoryEntry::checksum);
            if (recorded.isEmpty()) {
                unverified.add(revision.id());
            } else if (!recorded.get().equals(script.checksum())) {
                drifts.add(new Drift(revision.id(), Kind.CHANGED, script.location(), recorded,
                        Optional.of(script.checksum()), baseline));
            } else {
                verified++;
            }
        }
        Set<String> reported = new HashSet<>();
        for (String row : versionRows) {
            if (!graph.contains(row) && reported.add(row)) {
                Optional<HistoryEntry> last = Optional.ofNullable(records.latest.get(row));
                drifts.add(new Drift(row, Kind.MISSING, last.map(HistoryEntry::script).orElse(""),
                        last.map(HistoryEntry::checksum), Optional.empty(), last));
            }
        }
        for (String revision : records.stillApplied()) {
            if (!graph.contains(revision) && reported.add(revision)) {
                HistoryEntry last = records.latest.get(revision);
                drifts.add(new Drift(revision, Kind.MISSING, last.script(), Optional.ofNullable(last.checksum()),
                        Optional.empty(), Optional.of(last)));
            }
        }
        return new ValidationResult(drifts, unverified, verified);
    }

    /**
     * What {@code retort rehash} writes for the given revisions: a {@code rehash} row for each whose
     * file's checksum differs from its baseline (or that has none), and for each missing one a row
     * without a checksum, which accepts its removal. Revisions that already match get no row.
     *
     * @param requested revisions resolved from the command's arguments, or ids the files lack
     * @param template  who and when, for the rows
     * @throws RetortException naming a revision that is not applied to this database
     */
    public static List<Rehash> rehash(RevisionGraph graph, Map<String, MigrationScript> scripts,
                                      List<String> versionRows, List<HistoryEntry> history, List<String> requested,
                                      RowTemplate template) {
        ValidationResult result = validate(graph, scripts, versionRows, history);
        Records records = new Records(history);
        Set<String> applied = new HashSet<>();
        graph.appliedRevisions(versionRows).forEach(r -> applied.add(r.id()));
        Map<String, Drift> missing = new HashMap<>();
        result.drifts().stream().filter(d -> d.kind() == Kind.MISSING).forEach(d -> missing.put(d.revision(), d));
        Map<String, Rehash> out = new LinkedHashMap<>();
        for (String id : requested) {
            if (out.containsKey(id)) {
                continue;
            }
            if (graph.contains(id)) {
                if (!applied.contains(id)) {
                    throw new RetortException("Cannot rehash " + id + ": it is not applied to this database (it is at "
                            + (versionRows.isEmpty() ? "base" : String.join(", ", versionRows)) + "); rehash records"
                            + " the checksum of revisions that ran. Upgrade to it instead");
                }
                MigrationScript script = scripts.get(id);
                Optional<String> before = Optional.ofNullable(records.baseline.get(id)).map(HistoryEntry::checksum);
                boolean needed = before.map(b -> !b.equals(script.checksum())).orElse(true);
                out.put(id, new Rehash(id, script.location(), before, Optional.of(script.checksum()),
                        needed ? Optional.of(template.entry(script.revision().id(), script.revision().message(),
                                script.location(), script.checksum(), versionRows)) : Optional.empty()));
            } else if (missing.containsKey(id)) {
                Drift drift = missing.get(id);
                if (versionRows.contains(id)) {
                    throw new RetortException("Cannot rehash " + id + ": the version table names it and no revision"
                            + " file defines it, so the database would stay at a revision retort cannot move from."
                            + " Restore its file, or move the version table with 'retort stamp --purge REV'");
                }
                out.put(id, new Rehash(id, drift.file(), drift.recorded(), Optional.empty(), Optional.of(
                        template.entry(id, drift.record().map(HistoryEntry::message).orElse(""), drift.file(), null,
                                versionRows))));
            } else {
                throw new RetortException("Can't locate revision identified by '" + id + "': no revision file defines"
                        + " it and " + template.historyTable() + " does not record it as applied");
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * One revision {@code rehash} was asked about.
     *
     * @param revision the revision id
     * @param file     its file (for a missing one, as recorded)
     * @param before   the checksum recorded until now; empty when none was
     * @param after    the file's checksum now; empty for a missing file, whose removal is accepted
     * @param row      the row to write; empty when the recorded checksum already matches
     */
    public record Rehash(String revision, String file, Optional<String> before, Optional<String> after,
                         Optional<HistoryEntry> row) {
        public Rehash {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * Who writes rehash rows and when.
     *
     * @param identity     the OS user, host and tool version
     * @param databaseUser the database user
     * @param now          the time written
     * @param historyTable the history table's name, for messages
     */
    public record RowTemplate(RunIdentity identity, String databaseUser, Instant now, String historyTable) {
        HistoryEntry entry(String revision, String message, String file, String checksum, List<String> rows) {
            return new HistoryEntry(0, revision, rows, rows, Direction.REHASH, message, file, checksum, now,
                    Optional.of(now), Optional.of(0L), databaseUser, identity.osUser(), identity.hostname(), true,
                    Optional.empty(), Optional.empty(), identity.toolVersion(), 0);
        }
    }

    /** The history rows that matter here, by revision. */
    private static final class Records {
        /** Latest successful upgrade or rehash row per revision. */
        final Map<String, HistoryEntry> baseline = new HashMap<>();
        /** Latest successful upgrade, downgrade or rehash row per revision. */
        final Map<String, HistoryEntry> latest = new LinkedHashMap<>();
        /** Id of the latest successful stamp row; after it the history of a revision says nothing sure. */
        long lastStamp = -1;

        Records(List<HistoryEntry> history) {
            for (HistoryEntry entry : history) {
                if (!entry.success()) {
                    continue;
                }
                switch (entry.direction()) {
                    case UPGRADE, REHASH -> {
                        baseline.put(entry.revision(), entry);
                        latest.put(entry.revision(), entry);
                    }
                    case DOWNGRADE -> latest.put(entry.revision(), entry);
                    case STAMP -> lastStamp = Math.max(lastStamp, entry.id());
                    // a step undone by hand ('repair --mark-rolled-back') leaves the revision as the
                    // rows before that step left it: nothing to change here
                    case REPAIR -> { }
                    default -> throw new IllegalStateException("unknown direction " + entry.direction());
                }
            }
        }

        /**
         * Revisions whose latest row applied them, after the last stamp, and that were not removed
         * on purpose (a rehash row without a checksum).
         */
        List<String> stillApplied() {
            List<String> ids = new ArrayList<>();
            for (HistoryEntry entry : latest.values()) {
                boolean applied = entry.direction() == Direction.UPGRADE
                        || entry.direction() == Direction.REHASH && entry.checksum() != null;
                if (applied && entry.id() > lastStamp) {
                    ids.add(entry.revision());
                }
            }
            return ids;
        }
    }
}
