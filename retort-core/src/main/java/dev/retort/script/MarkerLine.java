package dev.retort.script;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a line of a revision file says as a marker. A line is marker-shaped when, after optional
 * whitespace, it reads {@code --}, optional whitespace, {@code migrate}, optional whitespace and a
 * colon, in any letter case. A marker-shaped line must then be exactly one of
 * {@code -- migrate:up}, {@code -- migrate:down} (each optionally followed by
 * {@code transaction:false} or {@code transaction:true}), {@code -- migrate:statement-begin} or
 * {@code -- migrate:statement-end}; anything else ({@code -- migrate: up}, {@code -- migrate:upp},
 * {@code -- MIGRATE:UP}) is reported rather than taken as a comment, because a silently ignored
 * marker would run the down statements on upgrade. The space after {@code --} is optional.
 */
sealed interface MarkerLine {

    /** A line that is not marker-shaped: SQL, a comment, a header line. */
    record NotMarker() implements MarkerLine {
    }

    /** A well-formed marker. {@code transactional} is meaningful for UP and DOWN only. */
    record Marker(Kind kind, boolean transactional) implements MarkerLine {
    }

    /** A marker-shaped line that is not a valid marker; {@code problem} says how to write it. */
    record Malformed(String problem) implements MarkerLine {
    }

    enum Kind {
        UP("up"), DOWN("down"), STATEMENT_BEGIN("statement-begin"), STATEMENT_END("statement-end");

        private final String name;

        Kind(String name) {
            this.name = name;
        }

        /** The marker as it is written: {@code -- migrate:up}. */
        String written() {
            return "-- migrate:" + name;
        }

        static Optional<Kind> named(String name) {
            return Arrays.stream(values()).filter(k -> k.name.equals(name)).findFirst();
        }
    }

    /**
     * {@code migrate:} in any case and spacing, after {@code --}: the start of every marker. Groups:
     * the marker text after {@code --}, the name as written, the rest (the options).
     */
    Pattern MARKER_SHAPED = Pattern.compile("[ \\t\\f]*--[ \\t\\f]*(migrate[ \\t\\f]*:[ \\t\\f]*(\\S*)(.*))",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    String KNOWN_MARKERS = "the markers are '-- migrate:up', '-- migrate:down' (optionally followed by"
            + " 'transaction:false'), '-- migrate:statement-begin' and '-- migrate:statement-end'";

    static MarkerLine read(String line) {
        if (!mayBeMarker(line)) {
            return new NotMarker();
        }
        Matcher shaped = MARKER_SHAPED.matcher(line);
        if (!shaped.matches()) {
            return new NotMarker();
        }
        String text = shaped.group(1);
        String writtenName = shaped.group(2);
        String rest = shaped.group(3).strip();
        List<String> options = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
        Optional<Kind> kind = Kind.named(writtenName.toLowerCase(Locale.ROOT));
        if (kind.isEmpty()) {
            return new Malformed("unknown marker '" + line.strip() + "'; " + KNOWN_MARKERS);
        }
        boolean exact = text.startsWith("migrate:" + writtenName) && writtenName.equals(kind.get().name);
        if (!exact) {
            String suggestion = kind.get().written() + (options.isEmpty() ? "" : " " + String.join(" ", options));
            return new Malformed("malformed marker '" + line.strip() + "'; write '" + suggestion + "'");
        }
        return options(kind.get(), options);
    }

    /**
     * A cheap test that rules out almost every line (SQL, header lines) before the regular
     * expression runs: a marker has {@code --}, optional blanks, then {@code m} or {@code M}.
     * Loading ten thousand revision files reads every line of every file, in a JVM that has not
     * warmed up yet, so this matters.
     */
    private static boolean mayBeMarker(String line) {
        int dashes = line.indexOf("--");
        if (dashes < 0) {
            return false;
        }
        for (int i = 0; i < dashes; i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\f') {
                return false;
            }
        }
        int i = dashes + 2;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\f')) {
            i++;
        }
        return i < line.length() && (line.charAt(i) == 'm' || line.charAt(i) == 'M');
    }

    private static MarkerLine options(Kind kind, List<String> options) {
        if (kind == Kind.STATEMENT_BEGIN || kind == Kind.STATEMENT_END) {
            return options.isEmpty()
                    ? new Marker(kind, true)
                    : new Malformed("'" + kind.written() + "' takes no options; remove '"
                            + String.join(" ", options) + "'");
        }
        Optional<Boolean> transactional = Optional.empty();
        for (String option : options) {
            if (!option.startsWith("transaction:")) {
                return new Malformed("unknown option '" + option + "' on '" + kind.written()
                        + "'; the only option is 'transaction:false', which runs the section outside a transaction");
            }
            if (transactional.isPresent()) {
                return new Malformed("option 'transaction' is given twice on '" + kind.written() + "'; keep one");
            }
            String value = option.substring("transaction:".length());
            if (value.isEmpty()) {
                return new Malformed("option 'transaction' needs its value right after the colon;"
                        + " write 'transaction:false'");
            }
            if (!value.equals("false") && !value.equals("true")) {
                return new Malformed("option 'transaction' takes 'true' or 'false', not '" + value + "'");
            }
            transactional = Optional.of(value.equals("true"));
        }
        return new Marker(kind, transactional.orElse(true));
    }
}
