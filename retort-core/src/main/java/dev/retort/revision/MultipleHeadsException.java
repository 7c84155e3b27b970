package dev.retort.revision;

import java.util.List;

/** {@code head} (or {@code label@head}) was asked for where the graph has several heads. */
public final class MultipleHeadsException extends RevisionException {
    private static final long serialVersionUID = 1L;

    private final List<String> heads;
    private final String argument;

    MultipleHeadsException(List<String> heads, String argument, String message) {
        super(message);
        this.heads = List.copyOf(heads);
        this.argument = argument;
    }

    public List<String> heads() {
        return heads;
    }

    public String argument() {
        return argument;
    }
}
