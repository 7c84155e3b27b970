package dev.retort.script;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SQL a body runs, for tools that read it without running it (lint): the section as written
 * (comments included, for {@code -- retort:lint-ignore}) and the placeholder values the run would
 * substitute.
 *
 * <p>Immutable and thread-safe.
 *
 * @param section      the section as written in the file
 * @param placeholders the configured {@code ${name}} values; empty = none are expanded
 */
public record SqlSource(SqlSection section, Map<String, String> placeholders) {

    public SqlSource {
        Objects.requireNonNull(section, "section");
        placeholders = Map.copyOf(placeholders);
    }

    /**
     * The statements as they would be sent to the database: split for the flavor, then each
     * expanded, exactly as the runner does.
     *
     * @throws InvalidRevisionFileException when the section cannot be split
     */
    public List<SqlStatement> statements(SqlFlavor flavor) {
        List<SqlStatement> statements = section.statements(flavor);
        if (placeholders.isEmpty()) {
            return statements;
        }
        return statements.stream().map(s -> new SqlStatement(Placeholders.expand(s.sql(), placeholders), s.line(),
                s.index())).toList();
    }
}
