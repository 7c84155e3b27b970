package dev.retort.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A set of secret strings (passwords) to be replaced by {@code ***} in any text that leaves the
 * process: messages, log lines, exceptions from drivers that echo the URL they were given.
 *
 * <p>A secret is found however it was written: as is, percent-encoded in whole or in part (either
 * case of hex digit: {@code p%40ss}, {@code p%40%73s}), with {@code +} for a space (form
 * encoding), and with a backslash before {@code "} or {@code \} or a doubled {@code '} (as in
 * JSON, Java or SQL literals). Longer secrets are replaced before shorter ones. Empty strings are
 * ignored. Every occurrence is masked, even inside unrelated words: with a short password that
 * may hide more than needed, which is the safe side.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secrets {
    /** What a secret is replaced by. */
    public static final String MASK = "***";

    private static final Secrets NONE = new Secrets(Set.of());

    private final Set<String> secrets;
    private final Pattern pattern;

    private Secrets(Set<String> secrets) {
        this.secrets = secrets;
        this.pattern = secrets.isEmpty() ? null : compile(secrets);
    }

    /** No secrets: {@link #mask} returns its input. */
    public static Secrets none() {
        return NONE;
    }

    /** These secrets; empty strings are ignored. */
    public static Secrets of(String... secrets) {
        return of(Arrays.asList(secrets));
    }

    /** These secrets; empty strings are ignored. */
    public static Secrets of(Collection<String> secrets) {
        Set<String> kept = new LinkedHashSet<>();
        for (String s : secrets) {
            if (!Objects.requireNonNull(s, "secret").isEmpty()) kept.add(s);
        }
        return kept.isEmpty() ? NONE : new Secrets(Set.copyOf(kept));
    }

    /** These secrets and those of {@code other}. */
    public Secrets and(Secrets other) {
        Set<String> all = new LinkedHashSet<>(secrets);
        all.addAll(other.secrets);
        return of(all);
    }

    /** Whether there is nothing to mask. */
    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** {@code text} with every occurrence of every secret, in any of its forms, replaced by {@code ***}. */
    public String mask(String text) {
        if (text == null || pattern == null) return text;
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /** Says how many secrets there are, never what they are. */
    @Override
    public String toString() {
        return "Secrets[" + secrets.size() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets other && secrets.equals(other.secrets);
    }

    @Override
    public int hashCode() {
        return secrets.hashCode();
    }

    private static Pattern compile(Set<String> secrets) {
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return Pattern.compile(longestFirst.stream().map(Secrets::anyEncoding).collect(Collectors.joining("|")));
    }

    /** A regex matching {@code secret} with each character written as is or in one of its encodings. */
    private static String anyEncoding(String secret) {
        StringBuilder regex = new StringBuilder();
        secret.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            regex.append("(?:").append(Pattern.quote(ch));
            StringBuilder percent = new StringBuilder();
            for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                percent.append('%').append(hexEitherCase((b >> 4) & 0xF)).append(hexEitherCase(b & 0xF));
            }
            regex.append('|').append(percent);
            if (cp == ' ') regex.append("|\\+");
            if (cp == '"' || cp == '\\') regex.append("|\\\\").append(Pattern.quote(ch));
            if (cp == '\'') regex.append("|''");
            regex.append(')');
        });
        return regex.toString();
    }

    private static String hexEitherCase(int nibble) {
        char upper = Character.toUpperCase(Character.forDigit(nibble, 16));
        char lower = Character.forDigit(nibble, 16);
        return upper == lower ? String.valueOf(upper) : "[" + upper + lower + "]";
    }
}
