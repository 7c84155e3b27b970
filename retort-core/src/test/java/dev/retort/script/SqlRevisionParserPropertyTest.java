package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.revision.Revision;
import dev.retort.script.GeneratedScripts.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property(tries = 300)
    void aWrittenRevisionParsesBackToWhatWasWritten(@ForAll("revisionFiles") RevisionText file) {
        SqlRevisionFile parsed = SqlRevisionParser.parse(FILE, file.content());

        assertThat(parsed.revision()).isEqualTo(file.revision());
        assertThat(parsed.up().statements(file.flavor()))
                .containsExactlyElementsOf(shifted(file.up().expected(), file.upMarkerLine()));
        assertThat(parsed.reversible()).isEqualTo(file.down().isPresent());
        file.down().ifPresent(down -> assertThat(parsed.down().orElseThrow().statements(file.flavor()))
                .containsExactlyElementsOf(shifted(down.expected(), file.downMarkerLine())));
    }

    @Property(tries = 1000)
    void parsingFailsOnlyWithAFileAndLineMessage(@ForAll("fileLikeText") String content,
            @ForAll SqlFlavor flavor) {
        try {
            SqlRevisionFile parsed = SqlRevisionParser.parse(FILE, content);
            parsed.up().statements(flavor);
            parsed.down().ifPresent(down -> down.statements(flavor));
        } catch (InvalidRevisionFileException e) {
            assertThat(e.getMessage()).startsWith(FILE + ":" + e.line() + ": ");
            assertThat(e.line()).isBetween(1, GeneratedScripts.lineAt(content, content.length()));
        }
    }

    private static List<SqlStatement> shifted(List<SqlStatement> statements, int markerLine) {
        return statements.stream().map(s -> new SqlStatement(s.sql(), s.line() + markerLine, s.index())).toList();
    }

    @Provide
    Arbitrary<RevisionText> revisionFiles() {
        Arbitrary<String> id = Arbitraries.strings().withCharRange('a', 'f').numeric().withChars('_')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<List<String>> names = id.list().uniqueElements().ofMaxSize(3);
        Arbitrary<String> message = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).map(String::strip);
        Arbitrary<Revision> revision = Combinators.combine(id, names, names, names, message)
                .as((rev, parents, labels, deps, text) -> new Revision(rev,
                        parents.stream().filter(p -> !p.equals(rev)).toList(), labels, deps, text, FILE.toString()));
        return Arbitraries.of(SqlFlavor.class).flatMap(flavor -> Combinators.combine(revision,
                GeneratedScripts.scripts(flavor), GeneratedScripts.scripts(flavor).optional(0.7),
                Arbitraries.of(" transaction:false", "", " transaction:true"))
                .as((rev, up, down, option) -> render(rev, flavor, up, down, option)));
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

    @Provide
    Arbitrary<String> fileLikeText() {
        Arbitrary<String> line = Arbitraries.of("-- revision: a1", "-- down_revision: None", "-- down_revision: a1, b2",
                "-- migrate:up", "-- migrate:down", "-- migrate:up transaction:false", "-- migrate: up",
                "-- migrate:statement-begin", "-- migrate:statement-end", "-- message: m", "-- note: x",
                "-- Copyright 2025", "/* licence", "*/", "/* x */", "", "  ", "SELECT 1;", "SELECT 'a", "';",
                "CREATE TRIGGER t BEGIN", "END;", "$$", "DO $$ x", "\uFEFF", "revision: a1", "-- revision: a-1");
        return Combinators.combine(line.list().ofMaxSize(14), Arbitraries.of("\n", "\r\n", "\r"))
                .as((lines, newline) -> String.join(newline, lines));
    }
}
