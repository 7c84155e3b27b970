package dev.retort.script;

import static dev.retort.pbt.Generators.retrying;
import static dev.retort.pbt.Generators.stringsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.retort.pbt.Generators;
import dev.retort.revision.Revision;
import dev.retort.script.GeneratedScripts.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@link SqlRevisionParser} over generated revision files and file-like text, checked
 * with QuickTheories. To replay a failure, see {@link Generators} (the {@code QT_SEED} property).
 */
class SqlRevisionParserPropertyTest {

    private static final Path FILE = Path.of("versions", "x.sql");
    /** Shrink cycles after a failure: enough to reach a small file, few enough to end in seconds. */
    private static final int SHRINK_CYCLES = 5_000;

    /** A revision file as written, with what it declares and the flavor its SQL was generated for. */
    record RevisionText(String content, Revision revision, SqlFlavor flavor, Script up, Optional<Script> down,
            int upMarkerLine, int downMarkerLine) {

        @Override
        public String toString() {
            return flavor + ":\n" + content;
        }
    }

    @Test
    void aWrittenRevisionParsesBackToWhatWasWritten() {
        qt().withExamples(300).withShrinkCycles(SHRINK_CYCLES)
                .forAll(revisionFiles())
                .checkAssert(file -> {
                    SqlRevisionFile parsed = SqlRevisionParser.parse(FILE, file.content());

                    assertThat(parsed.revision()).isEqualTo(file.revision());
                    assertThat(parsed.up().statements(file.flavor()))
                            .containsExactlyElementsOf(shifted(file.up().expected(), file.upMarkerLine()));
                    assertThat(parsed.reversible()).isEqualTo(file.down().isPresent());
                    file.down().ifPresent(down -> assertThat(parsed.down().orElseThrow().statements(file.flavor()))
                            .containsExactlyElementsOf(shifted(down.expected(), file.downMarkerLine())));
                });
    }

    @Test
    void parsingFailsOnlyWithAFileAndLineMessage() {
        qt().withExamples(1000).withShrinkCycles(SHRINK_CYCLES)
                .forAll(fileLikeText(), Generate.enumValues(SqlFlavor.class))
                .checkAssert((content, flavor) -> {
                    try {
                        SqlRevisionFile parsed = SqlRevisionParser.parse(FILE, content);
                        parsed.up().statements(flavor);
                        parsed.down().ifPresent(down -> down.statements(flavor));
                    } catch (InvalidRevisionFileException e) {
                        assertThat(e.getMessage()).startsWith(FILE + ":" + e.line() + ": ");
                        assertThat(e.line()).isBetween(1, GeneratedScripts.lineAt(content, content.length()));
                    }
                });
    }

    private static List<SqlStatement> shifted(List<SqlStatement> statements, int markerLine) {
        return statements.stream().map(s -> new SqlStatement(s.sql(), s.line() + markerLine, s.index())).toList();
    }

    private static Gen<RevisionText> revisionFiles() {
        Gen<String> id = stringsOf("abcdef0123456789_", 1, 12);
        Gen<List<String>> names = retrying(lists().of(id).ofSizeBetween(0, 3),
                list -> new HashSet<>(list).size() == list.size());
        Gen<String> message = strings().basicLatinAlphabet().ofLengthBetween(0, 40).map(String::strip);
        Gen<Revision> revision = id.zip(names, names, names, message,
                (rev, parents, labels, deps, text) -> new Revision(rev,
                        parents.stream().filter(p -> !p.equals(rev)).toList(), labels, deps, text, FILE.toString()));
        Map<SqlFlavor, Gen<RevisionText>> byFlavor = new EnumMap<>(SqlFlavor.class);
        for (SqlFlavor flavor : SqlFlavor.values()) {
            // a down section 7 times in 10
            byFlavor.put(flavor, revision.zip(GeneratedScripts.scripts(flavor),
                    GeneratedScripts.scripts(flavor).toOptionals(30),
                    GeneratedScripts.oneOf(" transaction:false", "", " transaction:true"),
                    (rev, up, down, option) -> render(rev, flavor, up, down, option)));
        }
        return Generate.enumValues(SqlFlavor.class).flatMap(byFlavor::get);
    }

    private static RevisionText render(Revision revision, SqlFlavor flavor, Script up, Optional<Script> down,
            String option) {
        List<String> header = new ArrayList<>(List.of(
                "-- Copyright 2025 ACME",
                "-- revision: " + revision.id(),
                "-- down_revision: " + (revision.isBase() ? "None" : String.join(", ", revision.downRevisions())),
                "-- branch_labels: " + String.join(",", revision.branchLabels()),
                "-- depends_on: " + String.join(" , ", revision.dependsOn()),
                "-- message: " + revision.message(),
                "-- create_date: 2025-10-19 23:48:00",
                ""));
        String content = String.join("\n", header) + "\n-- migrate:up" + option + "\n" + up.sql() + "\n";
        int upMarkerLine = header.size() + 1;
        int downMarkerLine = GeneratedScripts.lineAt(content, content.length());
        if (down.isPresent()) {
            content += "-- migrate:down" + option + "\n" + down.get().sql();
        }
        return new RevisionText(content, revision, flavor, up, down, upMarkerLine, downMarkerLine);
    }

    private static Gen<String> fileLikeText() {
        Gen<String> line = GeneratedScripts.oneOf("-- revision: a1", "-- down_revision: None",
                "-- down_revision: a1, b2", "-- migrate:up", "-- migrate:down", "-- migrate:up transaction:false",
                "-- migrate: up", "-- migrate:statement-begin", "-- migrate:statement-end", "-- message: m",
                "-- note: x", "-- Copyright 2025", "/* licence", "*/", "/* x */", "", "  ", "SELECT 1;", "SELECT 'a",
                "';", "CREATE TRIGGER t BEGIN", "END;", "$$", "DO $$ x", "\uFEFF", "revision: a1",
                "-- revision: a-1");
        return lists().of(line).ofSizeBetween(0, 14).zip(GeneratedScripts.oneOf("\n", "\r\n", "\r"),
                (lines, newline) -> String.join(newline, lines)).describedAs(Generators::literal);
    }
}
