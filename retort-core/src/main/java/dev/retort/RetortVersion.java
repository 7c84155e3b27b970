package dev.retort;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of retort itself, as the build stamped it. */
public final class RetortVersion {

    private static final String VERSION = load();

    private RetortVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = RetortVersion.class.getResourceAsStream("/dev/retort/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
