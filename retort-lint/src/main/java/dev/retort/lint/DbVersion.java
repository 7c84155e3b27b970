package dev.retort.lint;

import dev.retort.RetortException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the database a revision will run on ({@code --db-version}), for the rules whose
 * answer depends on it: before PostgreSQL 11 any {@code ADD COLUMN ... DEFAULT} rewrites the table.
 *
 * @param major first number
 * @param minor second number (0 when not given)
 */
public record DbVersion(int major, int minor) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)?(?:[-+ ].*)?");

    /**
     * Reads {@code 11}, {@code 14.2}, {@code 8.0.36}, {@code 10.11.6-MariaDB}.
     *
     * @throws RetortException naming the expected form
     */
    public static DbVersion parse(String text) {
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            throw new RetortException("--db-version '" + text + "' is not a version; give it as MAJOR[.MINOR],"
                    + " e.g. 11, 14.2 or 8.0");
        }
        return new DbVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** Whether this is {@code major.minor} or later. */
    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
