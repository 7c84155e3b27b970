package dev.retort.runtime;

import dev.retort.RetortVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who runs the migrations and where, for the history table.
 *
 * @param osUser      the operating-system user
 * @param hostname    the machine
 * @param toolVersion the retort version
 */
public record RunIdentity(String osUser, String hostname, String toolVersion) {

    /** The identity of this process. */
    public static RunIdentity current() {
        return new RunIdentity(System.getProperty("user.name", ""), localHostname(), RetortVersion.get());
    }

    private static String localHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        // InetAddress.getLocalHost() can stall for seconds on a machine without working DNS;
        // the kernel's hostname costs nothing where it exists
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).trim();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
