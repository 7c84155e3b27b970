package dev.retort.runtime;

import dev.retort.RetortException;
import java.util.List;

/** A downgrade would pass through revisions that have no downgrade; refused before anything runs. */
public final class IrreversibleRevisionException extends RetortException {
    private static final long serialVersionUID = 1L;

    public IrreversibleRevisionException(List<String> revisions) {
        super("Cannot downgrade through irreversible " + (revisions.size() == 1 ? "revision " : "revisions ")
                + String.join(", ", revisions) + ": no '-- migrate:down' section; nothing was run. Downgrade to a"
                + " revision above it, or add a down section if the change can be undone");
    }
}
