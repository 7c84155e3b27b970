package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.retort.revision.Revision;
import dev.retort.script.GeneratedScripts.Script;
import dev.retort.testing.Gens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A generated revision file parses back to what was written; file-like noise fails only with a
 * {@code file:line:} message. QuickTheories prints the seed of a failing run.
 */
class SqlRevisionParserPropertyTest {

    private static final Path FILE = Path.of("versions", "x.sql");

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
        qt().withExamples(300).forAll(revisionFiles()).checkAssert(file -> {
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
        qt().withExamples(1000).forAll(fileLikeText(), Gens.of(SqlFlavor.class)).checkAssert((content, flavor) -> {
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
        Gen<String> id = Gens.strings("abcdef0123456789_", 1, 12);
        Gen<List<String>> names = Gens.lists(id, 0, 3).map(list -> list.stream().distinct().toList());
        Gen<String> message = Gens.strings(printableAscii(), 0, 40).map(String::strip);
        Gen<Revision> revision = id.zip(names, names, names, message,
                (rev, parents, labels, deps, text) -> new Revision(rev,
                        parents.stream().filter(p -> !p.equals(rev)).toList(), labels, deps, text, FILE.toString()));
        return Gens.of(SqlFlavor.class).flatMap(flavor -> revision.zip(GeneratedScripts.scripts(flavor),
                Gens.optional(GeneratedScripts.scripts(flavor), 0.7), Gens.of(" transaction:false", "",
                        " transaction:true"),
                (rev, up, down, option) -> render(rev, flavor, up, down, option)));
    }

    private static String printableAscii() {
        StringBuilder chars = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            chars.append(c);
        }
        return chars.toString();
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
        Gen<String> line = Gens.of("-- revision: a1", "-- down_revision: None", "-- down_revision: a1, b2",
                "-- migrate:up", "-- migrate:down", "-- migrate:up transaction:false", "-- migrate: up",
                "-- migrate:statement-begin", "-- migrate:statement-end", "-- message: m", "-- note: x",
                "-- Copyright 2025", "/* licence", "*/", "/* x */", "", "  ", "SELECT 1;", "SELECT 'a", "';",
                "CREATE TRIGGER t BEGIN", "END;", "$$", "DO $$ x", "\uFEFF", "revision: a1", "-- revision: a-1");
        return Gens.lists(line, 0, 14).zip(Gens.of("\n", "\r\n", "\r"),
                (lines, newline) -> String.join(newline, lines));
    }
}
