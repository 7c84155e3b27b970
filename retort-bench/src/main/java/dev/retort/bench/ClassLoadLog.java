package dev.retort.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code -Xlog:class+load:file=…:uptime}: when, after the JVM started, each class loaded. */
final class ClassLoadLog {

    private static final Pattern LINE = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\]\\S* (\\S+) source:");

    private ClassLoadLog() {
    }

    /**
     * The uptime in nanoseconds at which each named class loaded, in the order given; an empty name
     * (or a class that never loaded) stands for the end of the process, {@code processNanos}.
     */
    static List<Long> times(Path log, List<String> classes, long processNanos) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Long> result = new ArrayList<>();
        for (String name : classes) {
            long at = processNanos;
            if (!name.isEmpty()) {
                for (String line : lines) {
                    Matcher m = LINE.matcher(line);
                    if (m.find() && m.group(2).equals(name)) {
                        at = Math.round(Double.parseDouble(m.group(1)) * 1e9);
                        break;
                    }
                }
            }
            result.add(at);
        }
        return result;
    }
}
