package dev.retort.revision;

import java.util.List;

/** An identifier that names no revision or label, or names more than one through a prefix. */
public final class ResolutionException extends RevisionException {
    private static final long serialVersionUID = 1L;

    private final String argument;
    private final List<String> candidates;

    ResolutionException(String message, String argument, List<String> candidates) {
        super(message);
        this.argument = argument;
        this.candidates = List.copyOf(candidates);
    }

    /** The identifier as the user wrote it. */
    public String argument() {
        return argument;
    }

    /** For an ambiguous prefix, the ids it matches; empty otherwise. */
    public List<String> candidates() {
        return candidates;
    }
}
