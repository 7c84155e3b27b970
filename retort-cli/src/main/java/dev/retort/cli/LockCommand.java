package dev.retort.cli;

import dev.retort.runtime.lock.LockHolder;
import dev.retort.runtime.lock.LockState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code retort lock}: who holds the migration lock now. Takes nothing, waits for nothing. */
@Command(name = "lock", description = "Show who holds the migration lock (another process migrating), if anyone.")
final class LockCommand implements Callable<Integer> {

    @ParentCommand
    RetortCommand root;

    @Override
    public Integer call() {
        Project project = root.project();
        String database = project.database();
        LockState state = project.retort().lockState();
        if (root.json) {
            try (JsonOutput json = new JsonOutput(root.console)) {
                json.startObject().field("database", database).field("lock", state.lock())
                        .field("held", state.holder().isPresent());
                if (state.holder().isPresent()) {
                    LockHolder holder = state.holder().get();
                    json.startObject("holder").field("session", holder.session())
                            .field("application", holder.application().orElse(null))
                            .field("client", holder.client().orElse(null))
                            .field("user", holder.user().orElse(null))
                            .field("since", holder.since().map(Object::toString).orElse(null))
                            .field("description", holder.describe()).endObject();
                } else {
                    json.nullField("holder");
                }
                json.field("lingering_session", state.lingering().map(LockHolder::describe).orElse(null));
                json.endObject();
            }
            return 0;
        }
        if (state.holder().isPresent()) {
            root.console.result("The migration lock of " + database + " is held by " + state.holder().get().describe()
                    + " (" + state.lock() + ")");
        } else if (state.lingering().isPresent()) {
            root.console.result("The migration lock of " + database + " is free, but the server still runs the last"
                    + " statement of a migrator that died: " + state.lingering().get().describe() + "; the next"
                    + " migrator waits for it to end (" + state.lock() + ")");
        } else {
            root.console.result("The migration lock of " + database + " is free (" + state.lock() + ")");
        }
        return 0;
    }
}
