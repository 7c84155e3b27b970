package dev.retort;

import dev.retort.runtime.ValidationResult;
import dev.retort.runtime.ValidationResult.Drift;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code upgrade} refused because applied revisions' files changed or vanished since they ran. The
 * message lists them and names the ways out: restore the files, accept the edits with
 * {@code retort rehash}, or skip the check once.
 */
public final class ChecksumMismatchException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationResult result;

    public ChecksumMismatchException(ValidationResult result) {
        super(message(result));
        this.result = result;
    }

    /** What validation found. */
    public ValidationResult result() {
        return result;
    }

    static String message(ValidationResult result) {
        List<Drift> drifts = result.drifts();
        String list = drifts.stream().map(Drift::describe).collect(Collectors.joining("; "));
        return (drifts.size() == 1 ? "An applied revision differs" : drifts.size() + " applied revisions differ")
                + " from what ran: " + list + ". Restore " + (drifts.size() == 1 ? "its file" : "the files")
                + ", or if the change was intended, record it with 'retort rehash "
                + String.join(" ", result.driftedIds()) + "'; 'retort upgrade --no-validate' skips this check once"
                + " (validate_on_upgrade = false turns it off). Nothing ran";
    }
}
