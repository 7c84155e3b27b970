package dev.retort.script;

import dev.retort.config.Durations;
import dev.retort.revision.Revision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- key: value} lines at the top of a SQL revision file, checked one by one as they are
 * read so that each problem names its own line.
 *
 * <p>A comment line is <em>key-shaped</em> when its text after {@code --} starts with a word of
 * letters, digits, {@code _} or {@code -} (not starting with a digit), then optional spaces and a
 * colon not followed by {@code //}. So {@code -- note: x} is a key (an unknown one, an error), while
 * {@code -- Copyright 2025 ACME}, {@code -- https://example.com} and {@code -- 12:30} are plain
 * comments.
 *
 * <p>Not thread-safe: one header per parse.
 */
final class RevisionHeader {

    static final List<String> KNOWN_KEYS = List.of(
            "revision", "down_revision", "branch_labels", "depends_on", "message", "create_date", "lock_timeout",
            "statement_timeout");

    private static final Pattern KEY_SHAPED = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*:(?!//)(.*)");
    private static final String NO_VALUE = "None";

    /** A key-shaped line: the key as written and the value, stripped. */
    record Entry(String key, String value) {
    }

    private final String origin;
    private final Map<String, Integer> lineOfKey = new HashMap<>();
    private Optional<String> id = Optional.empty();
    private List<String> downRevisions = List.of();
    private List<String> branchLabels = List.of();
    private List<String> dependsOn = List.of();
    private String message = "";
    private Optional<String> createDate = Optional.empty();
    private Optional<Duration> lockTimeout = Optional.empty();
    private Optional<Duration> statementTimeout = Optional.empty();

    RevisionHeader(String origin) {
        this.origin = origin;
    }

    /** The entry a line's text states, if key-shaped; {@code text} is the line without its {@code --}. */
    static Optional<Entry> entry(String text) {
        Matcher matcher = KEY_SHAPED.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(matcher.group(1), matcher.group(2).strip()));
    }

    void accept(Entry entry, int line) {
        String key = entry.key();
        if (!KNOWN_KEYS.contains(key)) {
            throw problem(line, "unknown header key '" + key + "'; known keys: " + String.join(", ", KNOWN_KEYS));
        }
        Integer earlier = lineOfKey.putIfAbsent(key, line);
        if (earlier != null) {
            throw problem(line, "duplicate header key '" + key + "' (first on line " + earlier
                    + "); give each key once");
        }
        String value = entry.value();
        switch (key) {
            case "revision" -> {
                Revision.idProblem(value).ifPresent(p -> {
                    throw problem(line, "header 'revision': " + p);
                });
                id = Optional.of(value);
            }
            case "down_revision" -> {
                downRevisions = list(key, value, line);
                for (String parent : downRevisions) {
                    Revision.idProblem(parent).ifPresent(p -> {
                        throw problem(line, "header 'down_revision': " + p);
                    });
                }
            }
            case "branch_labels" -> branchLabels = list(key, value, line);
            case "depends_on" -> dependsOn = list(key, value, line);
            case "message" -> message = value;
            case "create_date" -> createDate = value.isEmpty() ? Optional.empty() : Optional.of(value);
            case "lock_timeout" -> lockTimeout = Optional.of(duration(key, value, line));
            case "statement_timeout" -> statementTimeout = Optional.of(duration(key, value, line));
            default -> throw new IllegalStateException("known key without a case: " + key);
        }
    }

    /** The revision the header declares, once every line has been read. */
    Revision revision() {
        String revision = id.orElseThrow(() -> problem(1, "missing header 'revision'; add '-- revision: <id>'"
                + " at the top of the file"));
        Integer downLine = lineOfKey.get("down_revision");
        if (downLine == null) {
            throw problem(1, "missing header 'down_revision'; add '-- down_revision: <parent id>',"
                    + " or '-- down_revision: None' for a base revision");
        }
        if (downRevisions.contains(revision)) {
            throw problem(downLine, "header 'down_revision' names the revision itself ('" + revision
                    + "'); a revision cannot be its own parent");
        }
        return new Revision(revision, downRevisions, branchLabels, dependsOn, message, origin);
    }

    Optional<String> createDate() {
        return createDate;
    }

    /** The timeouts the header asks for. */
    RevisionTimeouts timeouts() {
        return new RevisionTimeouts(lockTimeout, statementTimeout);
    }

    private Duration duration(String key, String value, int line) {
        Optional<String> problem = Durations.problem(value);
        if (problem.isPresent()) {
            throw problem(line, "header '" + key + "': " + problem.get());
        }
        return Durations.parse(value);
    }

    /** A comma-separated value; empty or {@code None} is the empty list. Entries are kept verbatim. */
    private List<String> list(String key, String value, int line) {
        if (value.isEmpty() || value.equals(NO_VALUE)) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : value.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw problem(line, "header '" + key + "' has an empty entry in '" + value
                        + "'; separate entries with single commas, without a trailing comma");
            }
            if (entry.chars().anyMatch(Character::isWhitespace)) {
                throw problem(line, "header '" + key + "': '" + entry + "' contains whitespace;"
                        + " separate entries with commas");
            }
            if (!seen.add(entry)) {
                throw problem(line, "header '" + key + "' lists '" + entry + "' twice; give each entry once");
            }
            entries.add(entry);
        }
        return entries;
    }

    private InvalidRevisionFileException problem(int line, String problem) {
        return new InvalidRevisionFileException(origin, line, problem);
    }
}
