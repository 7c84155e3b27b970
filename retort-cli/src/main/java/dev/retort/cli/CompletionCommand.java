package dev.retort.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code retort completion}: a bash/zsh completion script; {@code source <(retort completion)}. */
@Command(name = "completion", description = "Print a bash/zsh completion script: source <(retort completion).")
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("retort", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
