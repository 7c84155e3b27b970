package dev.retort.cli.config;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Expands environment variables in the string values of {@code retort.toml}.
 *
 * <ul>
 *   <li>{@code ${NAME}}: the variable's value; an error if it is not set. Set but empty gives
 *       the empty string.</li>
 *   <li>{@code ${NAME:-default}}: the variable's value, or {@code default} when it is unset
 *       <em>or empty</em> (as POSIX {@code :-}). The default may itself hold references,
 *       {@code ${A:-${B:-x}}}, expanded only when used.</li>
 *   <li>{@code $$}: a literal {@code $}, so {@code $${HOME}} is the text {@code ${HOME}} (as in
 *       Docker Compose). {@code \$} is not offered: TOML basic strings reject it as an escape.</li>
 *   <li>A {@code $} followed by anything else is kept as is ({@code pa$word},
 *       {@code $HOME}): only the braced form is expanded.</li>
 * </ul>
 *
 * <p>A name is {@code [A-Za-z_][A-Za-z0-9_]*}. A default runs to the matching {@code }}, so it
 * cannot contain a literal {@code }} outside a nested reference. Other shell forms
 * ({@code ${A-x}}, {@code ${A:=x}}, {@code ${A:?x}}, {@code ${A:+x}}) are errors, not guesses.
 *
 * <p>Stateless and thread-safe; the environment is passed in, so tests do not depend on the
 * real one.
 */
final class VariableExpander {
    private final String text;
    private final Map<String, String> env;
    private final Consumer<String> used;
    private int pos;

    private VariableExpander(String text, Map<String, String> env, Consumer<String> used) {
        this.text = text;
        this.env = env;
        this.used = used;
    }

    /**
     * {@code text} with its references replaced.
     *
     * @throws IllegalArgumentException with a message to follow the key's name, e.g.
     *                                  {@code uses ${X}, which is not set; set it or write ${X:-default}};
     *                                  the message never quotes text of the value beyond the reference
     */
    static String expand(String text, Map<String, String> env) {
        return expand(text, env, name -> { });
    }

    /** As {@link #expand(String, Map)}, telling {@code used} the name of each variable whose value went in. */
    static String expand(String text, Map<String, String> env, Consumer<String> used) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(used, "used");
        if (text.indexOf('$') < 0) return text;
        return new VariableExpander(text, env, used).sequence(false, true);
    }

    /** Text up to the end (or, inside a default, up to its closing brace, not consumed). */
    private String sequence(boolean inDefault, boolean evaluate) {
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (inDefault && c == '}') return out.toString();
            if (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '$') {
                out.append('$');
                pos += 2;
            } else if (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
                String value = reference(evaluate);
                if (value != null) out.append(value);
            } else {
                out.append(c);
                pos++;
            }
        }
        return out.toString();
    }

    /** A {@code ${…}} at {@link #pos}; null when not evaluated. */
    private String reference(boolean evaluate) {
        pos += 2;
        int nameStart = pos;
        if (pos < text.length() && isNameChar(text.charAt(pos)) && !Character.isDigit(text.charAt(pos))) {
            while (pos < text.length() && isNameChar(text.charAt(pos))) pos++;
        }
        String name = text.substring(nameStart, pos);
        if (pos >= text.length()) {
            throw new IllegalArgumentException("has a ${" + name + " without a closing }");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("has ${ without a variable name (letters, digits, _) after it; "
                    + "write $${ for a literal ${");
        }
        String value = env.get(name);
        if (text.charAt(pos) == '}') {
            pos++;
            if (evaluate && value == null) {
                throw new IllegalArgumentException("uses ${" + name + "}, which is not set; set it or write ${"
                        + name + ":-default}");
            }
            if (evaluate) used.accept(name);
            return value;
        }
        if (text.startsWith(":-", pos)) {
            pos += 2;
            boolean useDefault = value == null || value.isEmpty();
            String fallback = sequence(true, evaluate && useDefault);
            if (pos >= text.length()) {
                throw new IllegalArgumentException("has a ${" + name + ":- without a closing }");
            }
            pos++;
            if (evaluate && !useDefault) used.accept(name);
            return useDefault ? fallback : value;
        }
        throw new IllegalArgumentException("has an unsupported form ${" + name + text.charAt(pos)
                + "…}; write ${" + name + "} or ${" + name + ":-default}, and $$ for a literal $");
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
