package dev.retort.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options of a benchmark; an unused one is an error. */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Options(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                values.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.size()) {
                values.put(arg.substring(2), args.get(++i));
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
        }
    }

    String get(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)).replace("_", ""));
    }

    long longValue(String name, long fallback) {
        return Long.parseLong(get(name, Long.toString(fallback)).replace("_", ""));
    }

    Path path(String name, Path fallback) {
        return Path.of(get(name, fallback.toString())).toAbsolutePath();
    }

    List<Integer> sizes(String name, List<Integer> fallback) {
        String text = get(name, null);
        if (text == null) {
            return fallback;
        }
        return Arrays.stream(text.split(",")).map(s -> Integer.parseInt(s.trim().replace("_", ""))).toList();
    }

    List<String> list(String name, List<String> fallback) {
        String text = get(name, null);
        return text == null ? fallback : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    /** Fails on an option no benchmark asked for (a typo would otherwise be silently ignored). */
    void requireAllUsed() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + unknown);
        }
    }
}
