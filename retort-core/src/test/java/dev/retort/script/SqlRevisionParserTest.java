package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.revision.Revision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlRevisionParserTest {

    private static final Path FILE = Path.of("versions", "abc.sql");

    /** SPEC §3.1's example. */
    static final String SPEC_EXAMPLE = """
            -- revision: 8ca7de033db9
            -- down_revision: e94cab18247f
            -- branch_labels: schema
            -- depends_on: 1f0e2d3c4b5a
            -- message: add reading_location_cfi field
            -- create_date: 2025-10-19 23:48:00

            -- migrate:up
            ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500);
            CREATE INDEX idx_reading_progress_cfi ON reading_progress (book_id, user_id, reading_location_cfi);

            -- migrate:down
            DROP INDEX idx_reading_progress_cfi;
            ALTER TABLE reading_progress DROP COLUMN reading_location_cfi;
            """;

    static SqlRevisionFile parse(String content) {
        return SqlRevisionParser.parse(FILE, content);
    }

    @Nested
    class WellFormedFiles {

        @Test
        void readTheHeaderIntoTheRevision() {
            SqlRevisionFile file = parse(SPEC_EXAMPLE);

            assertThat(file.revision()).isEqualTo(new Revision("8ca7de033db9", List.of("e94cab18247f"),
                    List.of("schema"), List.of("1f0e2d3c4b5a"), "add reading_location_cfi field", "versions/abc.sql"));
            assertThat(file.createDate()).contains("2025-10-19 23:48:00");
            assertThat(file.checksum()).isEqualTo(Checksums.of(SPEC_EXAMPLE));
        }

        @Test
        void keepEachSectionWithItsFirstLine() {
            SqlRevisionFile file = parse(SPEC_EXAMPLE);

            assertThat(file.up()).isEqualTo(new SqlSection("""
                    ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500);
                    CREATE INDEX idx_reading_progress_cfi ON reading_progress (book_id, user_id, reading_location_cfi);

                    """, 9, true, "versions/abc.sql"));
            assertThat(file.down()).contains(new SqlSection("""
                    DROP INDEX idx_reading_progress_cfi;
                    ALTER TABLE reading_progress DROP COLUMN reading_location_cfi;
                    """, 13, true, "versions/abc.sql"));
            assertThat(file.reversible()).isTrue();
        }

        @Test
        void splitSectionsWithLinesOfTheFile() {
            SqlRevisionFile file = parse(SPEC_EXAMPLE);

            assertThat(file.up().statements(SqlFlavor.POSTGRES)).containsExactly(
                    new SqlStatement("ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500)", 9, 1),
                    new SqlStatement("CREATE INDEX idx_reading_progress_cfi ON reading_progress"
                            + " (book_id, user_id, reading_location_cfi)", 10, 2));
            assertThat(file.down().orElseThrow().statements(SqlFlavor.SQLITE)).containsExactly(
                    new SqlStatement("DROP INDEX idx_reading_progress_cfi", 13, 1),
                    new SqlStatement("ALTER TABLE reading_progress DROP COLUMN reading_location_cfi", 14, 2));
        }

        @Test
        void readABaseRevisionFromNoneOrAnEmptyValue() {
            for (String none : List.of("None", "", "   ")) {
                SqlRevisionFile file = parse("-- revision: a1\n-- down_revision:" + none + "\n-- migrate:up\n");

                assertThat(file.revision().downRevisions()).isEmpty();
                assertThat(file.revision().isBase()).isTrue();
            }
        }

        @Test
        void readAMergeFromACommaSeparatedList() {
            SqlRevisionFile file = parse("-- revision: m1\n-- down_revision: a1, b2 ,c3\n-- migrate:up\n");

            assertThat(file.revision().downRevisions()).containsExactly("a1", "b2", "c3");
            assertThat(file.revision().isMergePoint()).isTrue();
        }

        @Test
        void keepDependsOnEntriesVerbatim() {
            SqlRevisionFile file = parse("""
                    -- revision: d1
                    -- down_revision: None
                    -- branch_labels: schema, data_fix
                    -- depends_on: other_branch, 1f0e, schema@head
                    -- migrate:up
                    """);

            assertThat(file.revision().branchLabels()).containsExactly("schema", "data_fix");
            assertThat(file.revision().dependsOn()).containsExactly("other_branch", "1f0e", "schema@head");
        }

        @Test
        void defaultOptionalHeaders() {
            SqlRevisionFile file = parse("-- revision: a1\n-- down_revision: None\n-- migrate:up\nSELECT 1;");

            assertThat(file.revision().message()).isEmpty();
            assertThat(file.revision().branchLabels()).isEmpty();
            assertThat(file.revision().dependsOn()).isEmpty();
            assertThat(file.createDate()).isEmpty();
        }

        @Test
        void recordAFileWithoutDownSectionAsIrreversible() {
            SqlRevisionFile file = parse("-- revision: a1\n-- down_revision: None\n-- migrate:up\n"
                    + "CREATE TABLE t (a int);\n");

            assertThat(file.down()).isEmpty();
            assertThat(file.reversible()).isFalse();
            assertThat(file.up().statements(SqlFlavor.H2)).extracting(SqlStatement::sql)
                    .containsExactly("CREATE TABLE t (a int)");
        }

        @Test
        void treatAnEmptyDownSectionAsAReversibleNoOp() {
            SqlRevisionFile file = parse("-- revision: a1\n-- down_revision: None\n-- migrate:up\nSELECT 1;\n"
                    + "-- migrate:down\n-- nothing to undo\n");

            assertThat(file.reversible()).isTrue();
            assertThat(file.down().orElseThrow().statements(SqlFlavor.MYSQL)).isEmpty();
        }

        @Test
        void readTransactionOptions() {
            SqlRevisionFile file = parse("""
                    -- revision: a1
                    -- down_revision: None
                    -- migrate:up transaction:false
                    CREATE INDEX CONCURRENTLY i ON t (a);
                    -- migrate:down   transaction:true
                    DROP INDEX i;
                    """);

            assertThat(file.up().transactional()).isFalse();
            assertThat(file.down().orElseThrow().transactional()).isTrue();
        }

        @Test
        void allowCommentsAndBlankLinesInTheHeader() {
            SqlRevisionFile file = parse("""
                    /*
                     * Copyright 2025 ACME; licensed under the Apache License 2.0.
                     * revision: this is not a header line
                     */
                    -- Copyright 2025 ACME
                    -- See https://example.com/docs
                    --

                    -- revision: a1
                    --down_revision:None
                      -- message:   spaced out  \t
                    /* a one-line comment */ -- and another
                    -- migrate:up
                    SELECT 1;
                    """);

            assertThat(file.revision().id()).isEqualTo("a1");
            assertThat(file.revision().message()).isEqualTo("spaced out");
            assertThat(file.up().firstLine()).isEqualTo(14);
        }

        @Test
        void readAHeaderEntryAfterABlockCommentOnTheSameLine() {
            SqlRevisionFile file = parse("/* generated */ -- revision: a1\n-- down_revision: None\n-- migrate:up\n");

            assertThat(file.revision().id()).isEqualTo("a1");
        }

        @Test
        void acceptMarkersWithoutTheSpaceOrIndented() {
            SqlRevisionFile file = parse("-- revision: a1\n-- down_revision: None\n--migrate:up\nSELECT 1;\n"
                    + "   -- migrate:down\nSELECT 2;\n");

            assertThat(file.up().sql()).isEqualTo("SELECT 1;\n");
            assertThat(file.down().orElseThrow().sql()).isEqualTo("SELECT 2;\n");
        }

        @Test
        void treatKeyShapedCommentsInsideSectionsAsSql() {
            SqlRevisionFile file = parse("-- revision: a1\n-- down_revision: None\n-- migrate:up\n-- note: x\n"
                    + "SELECT 1;\n");

            assertThat(file.up().statements(SqlFlavor.GENERIC)).extracting(SqlStatement::sql)
                    .containsExactly("SELECT 1");
        }

        @Test
        void leaveStatementBlocksToTheSplitter() {
            SqlRevisionFile file = parse("""
                    -- revision: a1
                    -- down_revision: None
                    -- migrate:up
                    -- migrate:statement-begin
                    CREATE PROCEDURE p()
                    BEGIN
                      SELECT 1;
                    END;
                    -- migrate:statement-end
                    CALL p();
                    """);

            assertThat(file.up().statements(SqlFlavor.MYSQL)).containsExactly(
                    new SqlStatement("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND;", 5, 1),
                    new SqlStatement("CALL p()", 10, 2));
        }

        @Test
        void readABomAndCrLfFileLikeItsLfTwin() {
            String crlf = "\uFEFF" + SPEC_EXAMPLE.replace("\n", "\r\n");

            SqlRevisionFile lf = parse(SPEC_EXAMPLE);
            SqlRevisionFile windows = parse(crlf);

            assertThat(windows).isEqualTo(lf);
            assertThat(windows.up().statements(SqlFlavor.POSTGRES)).extracting(SqlStatement::line)
                    .containsExactly(9, 10);
            assertThat(windows.down().orElseThrow().statements(SqlFlavor.POSTGRES)).extracting(SqlStatement::line)
                    .containsExactly(13, 14);
        }

        @Test
        void readTheTimeoutHeaders() {
            SqlRevisionFile file = parse("-- revision: a1\n-- down_revision:\n-- lock_timeout: 5s\n"
                    + "-- statement_timeout: 10min\n\n-- migrate:up\nSELECT 1;\n");
            assertThat(file.timeouts()).isEqualTo(new RevisionTimeouts(Optional.of(Duration.ofSeconds(5)),
                    Optional.of(Duration.ofMinutes(10))));
            assertThat(parse("-- revision: a1\n-- down_revision:\n-- lock_timeout: 0\n\n-- migrate:up\n").timeouts())
                    .isEqualTo(new RevisionTimeouts(Optional.of(Duration.ZERO), Optional.empty()));
            assertThat(parse("-- revision: a1\n-- down_revision:\n\n-- migrate:up\n").timeouts())
                    .isEqualTo(RevisionTimeouts.NONE);
        }

        @Test
        void readABlankCreateDateAsAbsent() {
            assertThat(parse("-- revision: a1\n-- down_revision: None\n-- create_date:\n-- migrate:up\n").createDate())
                    .isEqualTo(Optional.empty());
        }

        @Test
        void countLoneCarriageReturnsAsLineBreaks() {
            SqlRevisionFile file = parse("-- revision: a1\r-- down_revision: None\r\r-- migrate:up\rSELECT 1;\r");

            assertThat(file.up().firstLine()).isEqualTo(5);
            assertThat(file.up().statements(SqlFlavor.GENERIC)).containsExactly(new SqlStatement("SELECT 1", 5, 1));
        }
    }

    @Nested
    class MalformedFiles {

        private static final String HEAD = "-- revision: a1\n-- down_revision: None\n";

        static Stream<Arguments> problems() {
            return Stream.of(
                    Arguments.of("missing revision", "-- down_revision: None\n-- migrate:up\n",
                            "versions/abc.sql:1: missing header 'revision'; add '-- revision: <id>' at the top of the"
                                    + " file"),
                    Arguments.of("empty file", "",
                            "versions/abc.sql:1: missing header 'revision'; add '-- revision: <id>' at the top of the"
                                    + " file"),
                    Arguments.of("missing down_revision", "-- revision: a1\n-- migrate:up\n",
                            "versions/abc.sql:1: missing header 'down_revision'; add '-- down_revision: <parent id>',"
                                    + " or '-- down_revision: None' for a base revision"),
                    Arguments.of("unknown key", "-- revision: a1\n-- down_revision: None\n-- revison: a1\n",
                            "versions/abc.sql:3: unknown header key 'revison'; known keys: revision, down_revision,"
                                    + " branch_labels, depends_on, message, create_date, lock_timeout,"
                                    + " statement_timeout"),
                    Arguments.of("key-shaped comment", "-- note: x\n" + HEAD,
                            "versions/abc.sql:1: unknown header key 'note'; known keys: revision, down_revision,"
                                    + " branch_labels, depends_on, message, create_date, lock_timeout,"
                                    + " statement_timeout"),
                    Arguments.of("key in the wrong case", "-- Revision: a1\n",
                            "versions/abc.sql:1: unknown header key 'Revision'; known keys: revision, down_revision,"
                                    + " branch_labels, depends_on, message, create_date, lock_timeout,"
                                    + " statement_timeout"),
                    Arguments.of("duration without unit", HEAD + "-- lock_timeout: 5\n",
                            "versions/abc.sql:3: header 'lock_timeout': '5' has no unit; write 5s for seconds or 5ms"
                                    + " for milliseconds"),
                    Arguments.of("ambiguous minutes", HEAD + "-- statement_timeout: 10m\n",
                            "versions/abc.sql:3: header 'statement_timeout': '10m' is ambiguous; write 10min for"
                                    + " minutes or 10ms for milliseconds"),
                    Arguments.of("not a duration", HEAD + "-- lock_timeout: five seconds\n",
                            "versions/abc.sql:3: header 'lock_timeout': 'five seconds' is not a duration; write a whole"
                                    + " number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none)"),
                    Arguments.of("unknown unit", HEAD + "-- lock_timeout: 5sec\n",
                            "versions/abc.sql:3: header 'lock_timeout': '5sec' has an unknown unit 'sec'; write a"
                                    + " whole number and a unit: 500ms, 5s, 10min, 2h, 1d (or 0 for none)"),
                    Arguments.of("too long", HEAD + "-- lock_timeout: 30d\n",
                            "versions/abc.sql:3: header 'lock_timeout': '30d' is too long; the longest is"
                                    + " 2147483647ms (about 24 days)"),
                    Arguments.of("duplicate key", HEAD + "-- message: one\n\n-- message: two\n",
                            "versions/abc.sql:5: duplicate header key 'message' (first on line 3); give each key"
                                    + " once"),
                    Arguments.of("bad id", "-- revision: abc-def\n",
                            "versions/abc.sql:1: header 'revision': revision id 'abc-def' may contain only letters,"
                                    + " digits and '_'"),
                    Arguments.of("empty id", "-- revision:\n",
                            "versions/abc.sql:1: header 'revision': a revision id must not be empty"),
                    Arguments.of("bad parent id", "-- revision: a1\n-- down_revision: b1, c@2\n",
                            "versions/abc.sql:2: header 'down_revision': revision id 'c@2' may contain only letters,"
                                    + " digits and '_'"),
                    Arguments.of("empty list entry", "-- revision: a1\n-- down_revision: b1,,c2\n",
                            "versions/abc.sql:2: header 'down_revision' has an empty entry in 'b1,,c2'; separate"
                                    + " entries with single commas, without a trailing comma"),
                    Arguments.of("trailing comma", "-- branch_labels: schema,\n",
                            "versions/abc.sql:1: header 'branch_labels' has an empty entry in 'schema,'; separate"
                                    + " entries with single commas, without a trailing comma"),
                    Arguments.of("missing comma", "-- depends_on: a1 b2\n",
                            "versions/abc.sql:1: header 'depends_on': 'a1 b2' contains whitespace; separate entries"
                                    + " with commas"),
                    Arguments.of("repeated parent", "-- down_revision: b1, b1\n",
                            "versions/abc.sql:1: header 'down_revision' lists 'b1' twice; give each entry once"),
                    Arguments.of("own parent", "-- revision: a1\n-- down_revision: b1, a1\n-- migrate:up\n",
                            "versions/abc.sql:2: header 'down_revision' names the revision itself ('a1'); a revision"
                                    + " cannot be its own parent"),
                    Arguments.of("SQL before the first marker", HEAD + "CREATE TABLE t (a int);\n-- migrate:up\n",
                            "versions/abc.sql:3: SQL before the first section marker; put it after '-- migrate:up',"
                                    + " or make it a '--' comment"),
                    Arguments.of("SQL after a header comment", "/* licence */ SELECT 1;\n",
                            "versions/abc.sql:1: SQL before the first section marker; put it after '-- migrate:up',"
                                    + " or make it a '--' comment"),
                    Arguments.of("header line without --", "revision: a1\n",
                            "versions/abc.sql:1: header line without '--'; write '-- revision: a1'"),
                    Arguments.of("unterminated header comment", "/* licence\n\n" + HEAD + "-- migrate:up\n",
                            "versions/abc.sql:1: unterminated block comment starting here; close it with */"),
                    Arguments.of("marker typo", HEAD + "-- migrate:upp\n",
                            "versions/abc.sql:3: unknown marker '-- migrate:upp'; the markers are '-- migrate:up',"
                                    + " '-- migrate:down' (optionally followed by 'transaction:false'),"
                                    + " '-- migrate:statement-begin' and '-- migrate:statement-end'"),
                    Arguments.of("space after the colon", HEAD + "-- migrate: up\n",
                            "versions/abc.sql:3: malformed marker '-- migrate: up'; write '-- migrate:up'"),
                    Arguments.of("marker in capitals", HEAD + "-- MIGRATE:UP transaction:false\n",
                            "versions/abc.sql:3: malformed marker '-- MIGRATE:UP transaction:false'; write"
                                    + " '-- migrate:up transaction:false'"),
                    Arguments.of("space before the colon", HEAD + "-- migrate:up\n-- migrate :down\n",
                            "versions/abc.sql:4: malformed marker '-- migrate :down'; write '-- migrate:down'"),
                    Arguments.of("marker typo inside a section", HEAD + "-- migrate:up\nSELECT 1;\n-- migrate:dwn\n",
                            "versions/abc.sql:5: unknown marker '-- migrate:dwn'; the markers are '-- migrate:up',"
                                    + " '-- migrate:down' (optionally followed by 'transaction:false'),"
                                    + " '-- migrate:statement-begin' and '-- migrate:statement-end'"),
                    Arguments.of("duplicate up", HEAD + "-- migrate:up\nSELECT 1;\n-- migrate:up\n",
                            "versions/abc.sql:5: second '-- migrate:up' (the first is on line 3); a file has one up"
                                    + " section"),
                    Arguments.of("up after down", HEAD + "-- migrate:up\n-- migrate:down\n-- migrate:up\n",
                            "versions/abc.sql:5: second '-- migrate:up' (the first is on line 3); a file has one up"
                                    + " section"),
                    Arguments.of("duplicate down", HEAD + "-- migrate:up\n-- migrate:down\n\n-- migrate:down\n",
                            "versions/abc.sql:6: second '-- migrate:down' (the first is on line 4); a file has one"
                                    + " down section"),
                    Arguments.of("down before up", HEAD + "-- migrate:down\nDROP TABLE t;\n-- migrate:up\n",
                            "versions/abc.sql:3: '-- migrate:down' before '-- migrate:up'; the up section comes first:"
                                    + " add '-- migrate:up' and the upgrade statements above this line"),
                    Arguments.of("no up section", HEAD + "\n-- just a header\n",
                            "versions/abc.sql:4: no '-- migrate:up' section; add a line '-- migrate:up' after the"
                                    + " header, followed by the upgrade statements"),
                    Arguments.of("unknown marker option", HEAD + "-- migrate:up transactional:false\n",
                            "versions/abc.sql:3: unknown option 'transactional:false' on '-- migrate:up'; the only"
                                    + " option is 'transaction:false', which runs the section outside a transaction"),
                    Arguments.of("option with a space", HEAD + "-- migrate:up transaction: false\n",
                            "versions/abc.sql:3: option 'transaction' needs its value right after the colon; write"
                                    + " 'transaction:false'"),
                    Arguments.of("bad option value", HEAD + "-- migrate:up\n-- migrate:down transaction:no\n",
                            "versions/abc.sql:4: option 'transaction' takes 'true' or 'false', not 'no'"),
                    Arguments.of("repeated option", HEAD + "-- migrate:up transaction:false transaction:false\n",
                            "versions/abc.sql:3: option 'transaction' is given twice on '-- migrate:up'; keep one"),
                    Arguments.of("option on a statement marker", HEAD + "-- migrate:up\n-- migrate:statement-begin x\n",
                            "versions/abc.sql:4: '-- migrate:statement-begin' takes no options; remove 'x'"),
                    Arguments.of("statement marker in the header", HEAD + "-- migrate:statement-begin\n",
                            "versions/abc.sql:3: '-- migrate:statement-begin' before the first section; it belongs"
                                    + " inside the '-- migrate:up' or '-- migrate:down' section"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("problems")
        void reportFileLineAndFix(String name, String content, String message) {
            assertThatThrownBy(() -> parse(content))
                    .isExactlyInstanceOf(InvalidRevisionFileException.class)
                    .hasMessage(message)
                    .hasNoCause();
        }

        @Test
        void carryTheLocationApartFromTheProblem() {
            assertThatThrownBy(() -> parse("-- revision: a1\n-- down_revision: None\n-- revison: a1\n"))
                    .isInstanceOfSatisfying(InvalidRevisionFileException.class, e -> {
                        assertThat(e.origin()).isEqualTo("versions/abc.sql");
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.problem()).startsWith("unknown header key 'revison'");
                    });
        }

        @Test
        void reportAnUnterminatedStringWhenTheSectionIsSplit() {
            SqlRevisionFile file = parse(HEAD + "-- migrate:up\nSELECT 1;\nINSERT INTO t VALUES ('don''t);\n");

            assertThatThrownBy(() -> file.up().statements(SqlFlavor.POSTGRES))
                    .isExactlyInstanceOf(InvalidRevisionFileException.class)
                    .hasMessage("versions/abc.sql:5: unterminated string literal starting here; close it with '"
                            + " (write a ' inside it as '')");
        }

        @Test
        void reportAnUnterminatedDollarQuoteInTheDownSectionWithItsFileLine() {
            SqlRevisionFile file = parse(HEAD + "-- migrate:up\n-- migrate:down\r\n\r\nDO $$ BEGIN NULL; END;\n");

            assertThatThrownBy(() -> file.down().orElseThrow().statements(SqlFlavor.POSTGRES))
                    .hasMessage("versions/abc.sql:6: unterminated dollar-quoted string starting here; close it"
                            + " with $$");
        }

        @Test
        void reportAMissingStatementEndWithItsFileLine() {
            SqlRevisionFile file = parse(HEAD + "-- migrate:up\n-- migrate:statement-begin\nCREATE PROCEDURE p()\n");

            assertThatThrownBy(() -> file.up().statements(SqlFlavor.MYSQL))
                    .hasMessage("versions/abc.sql:4: '-- migrate:statement-begin' has no matching"
                            + " '-- migrate:statement-end'; add one on a line of its own after the statement");
        }
    }

    @Nested
    class Checksum {

        @Test
        void isTheSameForLfCrLfCrAndBomVariants() {
            String lf = SPEC_EXAMPLE;

            assertThat(Checksums.of(lf.replace("\n", "\r\n")))
                    .isEqualTo(Checksums.of(lf))
                    .isEqualTo(Checksums.of(lf.replace("\n", "\r")))
                    .isEqualTo(Checksums.of("\uFEFF" + lf))
                    .isEqualTo(Checksums.of("\uFEFF" + lf.replace("\n", "\r\n")));
            assertThat(parse("\uFEFF" + lf.replace("\n", "\r\n")).checksum()).isEqualTo(parse(lf).checksum());
        }

        @Test
        void changesWhenAStatementOrAHeaderChanges() {
            String changedStatement = SPEC_EXAMPLE.replace("VARCHAR(500)", "VARCHAR(501)");
            String changedMessage = SPEC_EXAMPLE.replace("add reading_location_cfi field", "add the cfi field");
            String extraSpace = SPEC_EXAMPLE.replace("DROP INDEX", "DROP  INDEX");

            assertThat(List.of(changedStatement, changedMessage, extraSpace)).allSatisfy(changed ->
                    assertThat(parse(changed).checksum()).isNotEqualTo(parse(SPEC_EXAMPLE).checksum()));
        }

        @Test
        void isLowercaseHexSha256OfTheUtf8Text() {
            // the FIPS 180-2 test vectors
            assertThat(Checksums.of(""))
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThat(Checksums.of("abc"))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(Checksums.of("\uFEFFabc")).isEqualTo(Checksums.of("abc"));
            assertThat(Checksums.of("é")).isNotEqualTo(Checksums.of("e"));
        }

        @Test
        void onlyALeadingBomIsIgnored() {
            assertThat(Checksums.of("a\uFEFFb")).isNotEqualTo(Checksums.of("ab"));
        }
    }
}
