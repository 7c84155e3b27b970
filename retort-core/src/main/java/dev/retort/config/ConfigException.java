package dev.retort.config;

import dev.retort.RetortException;

import java.util.List;

/**
 * Configuration that cannot be used: a bad value, an unknown key, a malformed database URL.
 *
 * <p>Carries every problem found, each a one-line message that names what is wrong and how to
 * fix it, prefixed with where the value came from when known ({@code retort.toml:4: …}). The
 * exception message is the problems joined by line breaks, so a single problem is a single line.
 */
public class ConfigException extends RetortException {
    private static final long serialVersionUID = 1L;

    /** The problems, in the order found; never empty. */
    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> problems;

    /** One problem. */
    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /**
     * Several problems.
     *
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigException(List<String> problems) {
        super(String.join("\n", requireNonEmpty(problems)));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each, in the order found; never empty. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireNonEmpty(List<String> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        return problems;
    }
}
