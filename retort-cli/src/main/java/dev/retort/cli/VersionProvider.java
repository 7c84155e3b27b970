package dev.retort.cli;

import dev.retort.RetortVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code retort --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"retort " + RetortVersion.get()};
    }
}
