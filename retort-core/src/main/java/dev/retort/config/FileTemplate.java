package dev.retort.config;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code file_template} setting: how new revision files are named, Alembic's
 * {@code %(rev)s_%(slug)s} written with braces.
 *
 * <p>Tokens: {@code {rev}}, {@code {slug}}, {@code {epoch}} (seconds since 1970 of the creation
 * time), {@code {year}} (as is, e.g. 2025), and {@code {month}}, {@code {day}}, {@code {hour}},
 * {@code {minute}}, {@code {second}}, zero-padded to two digits like Alembic's {@code %(month).2d}.
 * A template must contain {@code {rev}}; braces appear only as tokens.
 *
 * <p>Stateless and thread-safe.
 */
public final class FileTemplate {
    /** The default, Alembic's: {@code {rev}_{slug}}. */
    public static final String DEFAULT = "{rev}_{slug}";

    private static final List<String> TOKENS =
            List.of("rev", "slug", "epoch", "year", "month", "day", "hour", "minute", "second");

    private FileTemplate() {
    }

    /** The known tokens, space-separated with braces: {@code {rev} {slug} {epoch} …}. */
    public static String knownTokens() {
        return TOKENS.stream().map(t -> "{" + t + "}").collect(Collectors.joining(" "));
    }

    /**
     * What is wrong with a template, or empty when it is fine. Messages do not name the key, so
     * the caller can prefix them: "must contain {rev}", "has unknown token {foo}; known tokens: …".
     */
    public static Optional<String> problem(String template) {
        Objects.requireNonNull(template, "template");
        if (template.contains("%(")) {
            return Optional.of("uses Alembic's %(name)s syntax; write tokens in braces, "
                    + "e.g. {year}_{month}_{day}-{rev}_{slug}");
        }
        List<String> found = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') return Optional.of("has a '}' without a '{' at position " + (i + 1));
            if (c == '{') {
                int close = template.indexOf('}', i);
                int nextOpen = template.indexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                    return Optional.of("has an unclosed '{' at position " + (i + 1));
                }
                String token = template.substring(i + 1, close);
                if (!TOKENS.contains(token)) {
                    return Optional.of("has unknown token {" + token + "}; known tokens: " + knownTokens());
                }
                found.add(token);
                i = close + 1;
            } else {
                i++;
            }
        }
        if (!found.contains("rev")) {
            return Optional.of("must contain {rev}, which keeps file names unique; known tokens: " + knownTokens());
        }
        return Optional.empty();
    }

    /**
     * The file name (without extension) for a revision.
     *
     * @param template a template for which {@link #problem} is empty
     * @param rev      the revision id
     * @param slug     the slug made from the message (already truncated)
     * @param created  the creation time, in the configured time zone
     * @throws IllegalArgumentException if the template is invalid
     */
    public static String render(String template, String rev, String slug, ZonedDateTime created) {
        problem(template).ifPresent(p -> {
            throw new IllegalArgumentException("file_template " + p);
        });
        Objects.requireNonNull(rev, "rev");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(created, "created");
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            String token = template.substring(i + 1, close);
            out.append(switch (token) {
                case "rev" -> rev;
                case "slug" -> slug;
                case "epoch" -> Long.toString(created.toEpochSecond());
                case "year" -> Integer.toString(created.getYear());
                case "month" -> twoDigits(created.getMonthValue());
                case "day" -> twoDigits(created.getDayOfMonth());
                case "hour" -> twoDigits(created.getHour());
                case "minute" -> twoDigits(created.getMinute());
                case "second" -> twoDigits(created.getSecond());
                default -> throw new IllegalStateException("token list and renderer disagree on {" + token + "}");
            });
            i = close + 1;
        }
        return out.toString();
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
