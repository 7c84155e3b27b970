package dev.retort.hibernate;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where Maven compiled the test sources, the sample entities among them: the models' class path. */
final class TestClasses {

    private TestClasses() {
    }

    static Path directory() {
        try {
            return Path.of(TestClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
