package dev.retort.lint;

import dev.retort.Problem;
import java.util.Objects;

/**
 * One finding of {@code retort lint}: which rule, how bad, where, and what to do instead.
 *
 * <p>Immutable.
 *
 * @param rule        the rule
 * @param severity    how bad (the rule's, or raised for this case)
 * @param file        the revision's file (or {@code classpath:} class) as retort names it
 * @param line        1-based line of the statement or of the Java call
 * @param revision    the revision's id; empty for operations linted on their own
 * @param what        what the statement does, naming its objects
 * @param lock        the lock it takes and why that hurts (or what it breaks); may be empty
 * @param alternative the statements to write instead
 */
public record LintFinding(LintRule rule, Severity severity, String file, int line, String revision, String what,
                          String lock, String alternative) implements Problem {

    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(alternative, "alternative");
    }

    @Override
    public String code() {
        return rule.id();
    }

    /** {@code what; lock. Instead: alternative}. */
    @Override
    public String message() {
        return what + (lock.isEmpty() ? "" : "; " + lock) + (alternative.isEmpty() ? "" : ". Instead: " + alternative);
    }

    /** {@code file:line} */
    public String where() {
        return file + ":" + line;
    }

    /** The one line {@code retort lint} prints: {@code file:line: error rule-id: message}. */
    public String format() {
        return where() + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + " " + rule.id() + ": " + message();
    }
}
