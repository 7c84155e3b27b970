package dev.retort.lint;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.script.MigrationScript;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How to lint: for which database (and version), which rules, and what retort itself will set.
 * Immutable; build with {@link #forDialect} and the {@code with...} methods. Defaults: no version
 * (rules assume a current release), every rule of the dialect except the opt-in ones, no configured
 * timeouts, no {@code -x} arguments.
 *
 * @param dialect   the database the revisions will run on
 * @param dbVersion its version, for the rules that depend on it ({@code --db-version})
 * @param enable    ids of opt-in rules to turn on ({@code --enable})
 * @param disable   ids of rules to turn off ({@code --disable})
 * @param timeouts  whether retort sets a lock/statement timeout for a revision (its config, or the
 *                  revision's own header): satisfies {@code require-lock-timeout} and
 *                  {@code require-statement-timeout}
 * @param arguments {@code -x} arguments, which Java revisions may read while they are recorded
 */
public record LintOptions(Dialect dialect, Optional<DbVersion> dbVersion, Set<String> enable, Set<String> disable,
                          Function<MigrationScript, ConfiguredTimeouts> timeouts, Map<String, String> arguments) {

    public LintOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(dbVersion, "dbVersion");
        enable = Set.copyOf(enable);
        disable = Set.copyOf(disable);
        Objects.requireNonNull(timeouts, "timeouts");
        arguments = Map.copyOf(arguments);
    }

    public static LintOptions forDialect(Dialect dialect) {
        return new LintOptions(dialect, Optional.empty(), Set.of(), Set.of(), script -> ConfiguredTimeouts.NONE,
                Map.of());
    }

    public LintOptions withDbVersion(DbVersion version) {
        return new LintOptions(dialect, Optional.of(version), enable, disable, timeouts, arguments);
    }

    public LintOptions withEnabled(String... ids) {
        Set<String> all = new LinkedHashSet<>(enable);
        all.addAll(Arrays.asList(ids));
        return new LintOptions(dialect, dbVersion, all, disable, timeouts, arguments);
    }

    public LintOptions withDisabled(String... ids) {
        Set<String> all = new LinkedHashSet<>(disable);
        all.addAll(Arrays.asList(ids));
        return new LintOptions(dialect, dbVersion, enable, all, timeouts, arguments);
    }

    /** The same timeouts for every revision (retort's configured {@code lock_timeout} / {@code statement_timeout}). */
    public LintOptions withConfiguredTimeouts(ConfiguredTimeouts configured) {
        return withTimeouts(script -> configured);
    }

    /** Per revision: the configuration, or a revision's own {@code -- lock_timeout:} header. */
    public LintOptions withTimeouts(Function<MigrationScript, ConfiguredTimeouts> perRevision) {
        return new LintOptions(dialect, dbVersion, enable, disable, perRevision, arguments);
    }

    public LintOptions withArguments(Map<String, String> values) {
        return new LintOptions(dialect, dbVersion, enable, disable, timeouts, values);
    }

    /** Which rule set applies. */
    public LintDialect lintDialect() {
        return LintDialect.of(dialect);
    }

    /**
     * The rules that run: those of the dialect, opt-in ones only when enabled, minus the disabled.
     *
     * @throws RetortException naming an id that is no rule, and the ids there are
     */
    public Set<LintRule> rules() {
        for (String id : union(enable, disable)) {
            if (LintRule.byId(id).isEmpty()) {
                throw new RetortException("No lint rule '" + id + "'; the rules are: " + String.join(", ",
                        Arrays.stream(LintRule.values()).map(LintRule::id).toList()));
            }
        }
        Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
        for (LintRule rule : LintRule.values()) {
            if (rule.scope().includes(lintDialect()) && (!rule.optIn() || enable.contains(rule.id()))
                    && !disable.contains(rule.id())) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
