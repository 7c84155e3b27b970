package dev.retort.script;

import static dev.retort.script.SqlFlavor.GENERIC;
import static dev.retort.script.SqlFlavor.H2;
import static dev.retort.script.SqlFlavor.MYSQL;
import static dev.retort.script.SqlFlavor.POSTGRES;
import static dev.retort.script.SqlFlavor.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlStatementSplitterTest {

    private static final Set<SqlFlavor> ALL = EnumSet.allOf(SqlFlavor.class);

    static List<String> texts(String sql, SqlFlavor flavor) {
        return SqlStatementSplitter.split(sql, 1, flavor).stream().map(SqlStatement::sql).toList();
    }

    /** One row: the flavors it holds for, the input and the statements expected. */
    static Arguments row(String name, Set<SqlFlavor> flavors, String sql, String... expected) {
        return Arguments.of(name, flavors, sql, List.of(expected));
    }

    static Stream<Arguments> rulesOfEveryFlavor() {
        return Stream.of(
                row("two statements", ALL, "SELECT 1; SELECT 2;", "SELECT 1", "SELECT 2"),
                row("last statement needs no ;", ALL, "SELECT 1;\nSELECT 2", "SELECT 1", "SELECT 2"),
                row("empty statements are dropped", ALL, ";;\n ;\tSELECT 1;;", "SELECT 1"),
                row("only comments: no statement", ALL, "-- a;\n/* b; */\n\n", new String[0]),
                row("empty input", ALL, "", new String[0]),
                row("leading and trailing comments dropped, inner kept", ALL,
                        "-- lead\n/* lead */ SELECT 1 -- inner;\n, 2 /* trail */ -- trail\n; -- after\n",
                        "SELECT 1 -- inner;\n, 2"),
                row("; in a string", ALL, "INSERT INTO t VALUES ('a;b'); SELECT 2", "INSERT INTO t VALUES ('a;b')",
                        "SELECT 2"),
                row("'' inside a string", ALL, "SELECT 'it''s; fine'; SELECT 2", "SELECT 'it''s; fine'", "SELECT 2"),
                row("string spanning lines", ALL, "SELECT 'a;\nb;'; SELECT 2", "SELECT 'a;\nb;'", "SELECT 2"),
                row("; and \"\" in a double-quoted name", ALL, "SELECT 1 AS \"a;\"\"b\"; SELECT 2",
                        "SELECT 1 AS \"a;\"\"b\"", "SELECT 2"),
                row("; in a line comment", ALL, "SELECT 1 -- x; y\n+ 1; SELECT 2", "SELECT 1 -- x; y\n+ 1",
                        "SELECT 2"),
                row("; in a block comment", ALL, "SELECT /* ; */ 1; SELECT 2", "SELECT /* ; */ 1", "SELECT 2"),
                row("; in parentheses (CREATE RULE)", ALL,
                        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));"
                                + "\nSELECT 1",
                        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                        "SELECT 1"),
                row("BEGIN; and COMMIT; are plain statements", ALL,
                        "BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;\nBEGIN TRANSACTION; END;",
                        "BEGIN", "INSERT INTO t VALUES (1)", "COMMIT", "BEGIN TRANSACTION", "END"),
                row("CASE … END in a plain statement", ALL,
                        "SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t; SELECT 2",
                        "SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t", "SELECT 2"),
                row("trigger body with CASE … END kept whole", ALL,
                        "CREATE TRIGGER trg AFTER INSERT ON t BEGIN\n"
                                + "  UPDATE t SET x = CASE WHEN x > 0 THEN 1 ELSE 2 END;\n"
                                + "  SELECT CASE x WHEN 1 THEN 'a' END;\n"
                                + "END;\nSELECT 2;",
                        "CREATE TRIGGER trg AFTER INSERT ON t BEGIN\n"
                                + "  UPDATE t SET x = CASE WHEN x > 0 THEN 1 ELSE 2 END;\n"
                                + "  SELECT CASE x WHEN 1 THEN 'a' END;\n"
                                + "END",
                        "SELECT 2"),
                row("temporary trigger, lower case", ALL,
                        "create temp trigger if not exists trg after delete on t begin delete from u; end; select 1",
                        "create temp trigger if not exists trg after delete on t begin delete from u; end",
                        "select 1"),
                row("trigger with WHEN CASE … END before its body", ALL,
                        "CREATE TRIGGER trg AFTER UPDATE ON t WHEN CASE WHEN 1 THEN 1 END = 1 BEGIN SELECT 1; END; X",
                        "CREATE TRIGGER trg AFTER UPDATE ON t WHEN CASE WHEN 1 THEN 1 END = 1 BEGIN SELECT 1; END",
                        "X"),
                row("trigger without a BEGIN body", ALL,
                        "CREATE TRIGGER trg BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f(); SELECT 1",
                        "CREATE TRIGGER trg BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()", "SELECT 1"),
                row("BEGIN ATOMIC function body", ALL,
                        "CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\n"
                                + "BEGIN ATOMIC\n  SELECT a + b;\nEND;\nSELECT 1",
                        "CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\n"
                                + "BEGIN ATOMIC\n  SELECT a + b;\nEND",
                        "SELECT 1"),
                row("END inside a trigger body is not a keyword in a string", ALL,
                        "CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 'END;'; END; SELECT 2",
                        "CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 'END;'; END", "SELECT 2"),
                row("a CREATE TABLE named like a keyword is not a block", ALL,
                        "CREATE TABLE trigger_log (begin_at int); BEGIN; SELECT 2",
                        "CREATE TABLE trigger_log (begin_at int)", "BEGIN", "SELECT 2"),
                row("statement-begin block is one statement, verbatim", ALL,
                        "SELECT 1;\n-- migrate:statement-begin\nBEGIN NOT ATOMIC\n  DECLARE x INT;\n  SET x = 1;\n"
                                + "END;\n-- migrate:statement-end\nSELECT 2;",
                        "SELECT 1", "BEGIN NOT ATOMIC\n  DECLARE x INT;\n  SET x = 1;\nEND;", "SELECT 2"),
                row("statement-begin block keeps comments, trims blank lines", ALL,
                        "  --migrate:statement-begin\n\n-- keep me\nA; B;\n\n   -- migrate:statement-end   \n",
                        "-- keep me\nA; B;"),
                row("empty statement-begin block is dropped", ALL,
                        "-- migrate:statement-begin\n\n-- migrate:statement-end\nSELECT 1", "SELECT 1"),
                row("marker text inside a string is not a marker", ALL,
                        "SELECT '\n-- migrate:statement-end\n'; SELECT 2", "SELECT '\n-- migrate:statement-end\n'",
                        "SELECT 2"),
                row("BOM is whitespace", ALL, "\uFEFFSELECT 1;", "SELECT 1"),
                row("CRLF kept inside statements", ALL, "SELECT 1;\r\n-- c;\r\nSELECT 'a\r\nb';\r\n",
                        "SELECT 1", "SELECT 'a\r\nb'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesOfEveryFlavor")
    void splitsByTheRulesOfEveryFlavor(String name, Set<SqlFlavor> flavors, String sql, List<String> expected) {
        for (SqlFlavor flavor : flavors) {
            assertThat(texts(sql, flavor)).as(flavor.name()).containsExactlyElementsOf(expected);
        }
    }

    static Stream<Arguments> flavorRules() {
        String plpgsql = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  IF NEW.a IS NULL THEN\n"
                + "    RAISE EXCEPTION 'a; is null';\n  END IF;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql";
        String mysqlTrigger = "CREATE DEFINER=`admin`@`localhost` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\n"
                + "BEGIN\n"
                + "  IF NEW.a < 0 THEN\n    SET NEW.a = 0;\n  ELSEIF NEW.a > 100 THEN\n    SET NEW.a = 100;\n"
                + "  END IF;\n"
                + "  CASE NEW.kind\n    WHEN 1 THEN SET NEW.label = 'one';\n    ELSE SET NEW.label = 'other';\n"
                + "  END CASE;\n"
                + "  lbl: LOOP\n    LEAVE lbl;\n  END LOOP lbl;\n"
                + "  WHILE 0 DO SET @x = IF(1, 2, 3); END WHILE;\n"
                + "  REPEAT SET @x = 1; UNTIL 1 END REPEAT;\n"
                + "  inner_block: BEGIN\n    SET @y = 2;\n  END inner_block;\n"
                + "END";
        return Stream.of(
                // PostgreSQL
                row("dollar-quoted PL/pgSQL body with END IF;", EnumSet.of(POSTGRES), plpgsql + ";\nSELECT 1",
                        plpgsql, "SELECT 1"),
                row("tagged dollar quote with inner $x$ and $$", EnumSet.of(POSTGRES),
                        "DO $outer$ BEGIN EXECUTE $x$SELECT ';'$x$; PERFORM '$$'; END $outer$; SELECT 2",
                        "DO $outer$ BEGIN EXECUTE $x$SELECT ';'$x$; PERFORM '$$'; END $outer$", "SELECT 2"),
                row("$$ body holding a $q$ quote", EnumSet.of(POSTGRES),
                        "CREATE FUNCTION g() RETURNS text AS $$ SELECT $q$;'$q$ $$ LANGUAGE sql; SELECT 3",
                        "CREATE FUNCTION g() RETURNS text AS $$ SELECT $q$;'$q$ $$ LANGUAGE sql", "SELECT 3"),
                row("the first $$ closes a $$ body, whatever it looks like inside", EnumSet.of(POSTGRES),
                        "SELECT $$ $q$; $$; SELECT 2", "SELECT $$ $q$; $$", "SELECT 2"),
                row("dollar tags are case-sensitive", EnumSet.of(POSTGRES), "SELECT $A$ ;$a$; $A$; SELECT 2",
                        "SELECT $A$ ;$a$; $A$", "SELECT 2"),
                row("$1 is a parameter, a$b and c$$d are names", EnumSet.of(POSTGRES),
                        "PREPARE p(int) AS SELECT $1; SELECT a$b, c$$d FROM t; SELECT 3",
                        "PREPARE p(int) AS SELECT $1", "SELECT a$b, c$$d FROM t", "SELECT 3"),
                row("E'' string with backslash escapes", EnumSet.of(POSTGRES), "SELECT E'it\\'s; fine'; SELECT 2",
                        "SELECT E'it\\'s; fine'", "SELECT 2"),
                row("backslash is plain in a standard string", EnumSet.of(POSTGRES, SQLITE, H2, GENERIC),
                        "SELECT 'C:\\'; SELECT 2", "SELECT 'C:\\'", "SELECT 2"),
                row("a word ending in e before a quote is not E''", EnumSet.of(POSTGRES),
                        "SELECT type'\\'; SELECT 2", "SELECT type'\\'", "SELECT 2"),
                row("block comments nest", EnumSet.of(POSTGRES, H2),
                        "SELECT 1 /* outer /* inner; */ still comment; */; SELECT 2", "SELECT 1", "SELECT 2"),
                row("block comments do not nest", EnumSet.of(MYSQL, SQLITE, GENERIC),
                        "SELECT 1 /* outer /* inner; */ code; */; SELECT 2",
                        "SELECT 1 /* outer /* inner; */ code", "*/", "SELECT 2"),
                row("-- needs no space", EnumSet.of(POSTGRES, SQLITE, H2, GENERIC), "SELECT 1--1; no\n; SELECT 2",
                        "SELECT 1", "SELECT 2"),
                row("no dollar quotes", EnumSet.of(MYSQL, SQLITE, GENERIC), "SELECT $$a; SELECT b$$",
                        "SELECT $$a", "SELECT b$$"),
                // MySQL
                row("backslash escapes in '' and \"\" strings", EnumSet.of(MYSQL),
                        "INSERT INTO t VALUES ('it\\'s; \\\\', \"say \\\"hi\\\"; ok\"); SELECT 2",
                        "INSERT INTO t VALUES ('it\\'s; \\\\', \"say \\\"hi\\\"; ok\")", "SELECT 2"),
                row("# comments", EnumSet.of(MYSQL), "SELECT 1 # no; statement\n; SELECT 2 #", "SELECT 1",
                        "SELECT 2"),
                row("-- without a space is arithmetic", EnumSet.of(MYSQL), "SELECT 1--1; SELECT 2",
                        "SELECT 1--1", "SELECT 2"),
                row("-- with a tab or at the end is a comment", EnumSet.of(MYSQL), "SELECT 1 --\tx;\n; SELECT 2 --",
                        "SELECT 1", "SELECT 2"),
                row("backtick names", EnumSet.of(MYSQL, SQLITE, H2), "SELECT `a;b` FROM `t``;`; SELECT 2",
                        "SELECT `a;b` FROM `t``;`", "SELECT 2"),
                row("executable comments are code", EnumSet.of(MYSQL),
                        "/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\nSELECT 2", "/*!40101 SET NAMES utf8mb4 */",
                        "SELECT 2"),
                row("executable comments are comments elsewhere", EnumSet.of(POSTGRES, SQLITE, H2, GENERIC),
                        "/*!40101 SET NAMES utf8mb4 */;\nSELECT 2", "SELECT 2"),
                row("trigger with IF, CASE, loops, labels and nested BEGIN", EnumSet.of(MYSQL),
                        mysqlTrigger + ";\nINSERT INTO t VALUES (1);", mysqlTrigger, "INSERT INTO t VALUES (1)"),
                row("procedure body", EnumSet.of(MYSQL),
                        "CREATE PROCEDURE p() BEGIN START TRANSACTION; SELECT 1; COMMIT; END; CALL p()",
                        "CREATE PROCEDURE p() BEGIN START TRANSACTION; SELECT 1; COMMIT; END", "CALL p()"),
                row("definer as CURRENT_USER()", EnumSet.of(MYSQL),
                        "CREATE DEFINER = CURRENT_USER() TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a = 1;"
                                + " END; X",
                        "CREATE DEFINER = CURRENT_USER() TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a = 1;"
                                + " END",
                        "X"),
                row("event body", EnumSet.of(MYSQL),
                        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END; X",
                        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END", "X"),
                // SQLite
                row("[bracket] names", EnumSet.of(SQLITE), "SELECT [a;b] FROM [t]; SELECT 2", "SELECT [a;b] FROM [t]",
                        "SELECT 2"),
                row("brackets are not quotes elsewhere", EnumSet.of(POSTGRES, MYSQL, H2, GENERIC),
                        "SELECT a[1]; SELECT 2", "SELECT a[1]", "SELECT 2"),
                // H2
                row("$$ string, no tags", EnumSet.of(H2),
                        "CREATE ALIAS f AS $$ String f() { return \";\"; } $$; SELECT $a$; SELECT 3",
                        "CREATE ALIAS f AS $$ String f() { return \";\"; } $$", "SELECT $a$", "SELECT 3"),
                row("// comments", EnumSet.of(H2), "SELECT 1 // no; statement\n; SELECT 2", "SELECT 1",
                        "SELECT 2"),
                row("// is not a comment elsewhere", EnumSet.of(POSTGRES, MYSQL, SQLITE, GENERIC),
                        "SELECT 1 // 2; SELECT 2", "SELECT 1 // 2", "SELECT 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavorRules")
    void splitsByTheRulesOfEachFlavor(String name, Set<SqlFlavor> flavors, String sql, List<String> expected) {
        for (SqlFlavor flavor : flavors) {
            assertThat(texts(sql, flavor)).as(flavor.name()).containsExactlyElementsOf(expected);
        }
    }

    @Nested
    class LinesAndIndexes {

        @Test
        void numberStatementsFromTheFirstLineGiven() {
            String sql = "\n\nSELECT 1;\n\n  -- c\n  SELECT\n 2;  SELECT 3;\n";

            assertThat(SqlStatementSplitter.split(sql, 10, GENERIC)).containsExactly(
                    new SqlStatement("SELECT 1", 12, 1),
                    new SqlStatement("SELECT\n 2", 15, 2),
                    new SqlStatement("SELECT 3", 16, 3));
        }

        @Test
        void countCrLfAndLoneCrAsOneLineBreakEach() {
            String sql = "SELECT 1;\r\n\r\nSELECT 2;\r\rSELECT 3;\n\r\nSELECT 4";

            assertThat(SqlStatementSplitter.split(sql, 1, POSTGRES))
                    .extracting(SqlStatement::line).containsExactly(1, 3, 5, 7);
        }

        @Test
        void countLinesInsideStringsCommentsAndDollarQuotes() {
            String sql = "SELECT 'a\nb';\n/* c\nd */ SELECT $$\n$$;\n-- e\nSELECT 3";

            assertThat(SqlStatementSplitter.split(sql, 1, POSTGRES))
                    .extracting(SqlStatement::line).containsExactly(1, 4, 7);
        }

        @Test
        void numberAStatementBeginBlockByItsFirstNonBlankLine() {
            String sql = "SELECT 1;\n-- migrate:statement-begin\n\n  \nCALL p();\n-- migrate:statement-end\nSELECT 3";

            assertThat(SqlStatementSplitter.split(sql, 20, MYSQL)).containsExactly(
                    new SqlStatement("SELECT 1", 20, 1),
                    new SqlStatement("CALL p();", 24, 2),
                    new SqlStatement("SELECT 3", 26, 3));
        }

        @Test
        void firstLineIsTheFirstNonBlankLineStripped() {
            assertThat(new SqlStatement("CREATE TABLE t (\n  a int\n)", 1, 1).firstLine())
                    .isEqualTo("CREATE TABLE t (");
            assertThat(new SqlStatement("\n  \n  SELECT 1  \n", 1, 1).firstLine()).isEqualTo("SELECT 1");
        }
    }

    @Nested
    class Errors {

        static Stream<Arguments> unsplittable() {
            return Stream.of(
                    Arguments.of(GENERIC, "SELECT 1;\nSELECT 'abc;\n;", 2,
                            "unterminated string literal starting here; close it with ' (write a ' inside it as '')"),
                    Arguments.of(MYSQL, "SELECT 'C:\\';\nSELECT 2;", 1,
                            "unterminated string literal starting here; close it with ' (write a ' inside it as ''"
                                    + " or \\')"),
                    Arguments.of(MYSQL, "SELECT \"a;", 1,
                            "unterminated string literal starting here; close it with \" (write a \" inside it as \"\""
                                    + " or \\\")"),
                    Arguments.of(POSTGRES, "\nSELECT E'it\\'s", 2,
                            "unterminated string literal starting here; close it with ' (write a ' inside it as ''"
                                    + " or \\')"),
                    Arguments.of(POSTGRES, "SELECT \"a;\nb", 1,
                            "unterminated quoted identifier starting here; close it with \" (write a \" inside it as"
                                    + " \"\")"),
                    Arguments.of(MYSQL, "SELECT `a;", 1,
                            "unterminated quoted identifier starting here; close it with ` (write a ` inside it"
                                    + " as ``)"),
                    Arguments.of(SQLITE, "SELECT [a;", 1,
                            "unterminated quoted identifier starting here; close it with ]"),
                    Arguments.of(GENERIC, "SELECT 1;\n\n/* a\n*/ /* b;\nSELECT 2;", 4,
                            "unterminated block comment starting here; close it with */"),
                    Arguments.of(POSTGRES, "SELECT 1 /* a /* b */;\nSELECT 2;", 1,
                            "unterminated block comment starting here; close it with */ (block comments nest: each"
                                    + " /* inside it needs its own */)"),
                    Arguments.of(POSTGRES, "CREATE FUNCTION f() AS $body$\nBEGIN END; $$;", 1,
                            "unterminated dollar-quoted string starting here; close it with $body$"),
                    Arguments.of(H2, "SELECT 1;\nCREATE ALIAS f AS $$ x;", 2,
                            "unterminated dollar-quoted string starting here; close it with $$"),
                    Arguments.of(GENERIC, "SELECT 1;\n-- migrate:statement-begin\nSELECT 2;\n", 2,
                            "'-- migrate:statement-begin' has no matching '-- migrate:statement-end'; add one on a line"
                                    + " of its own after the statement"),
                    Arguments.of(GENERIC, "SELECT 1;\n-- migrate:statement-end\n", 2,
                            "'-- migrate:statement-end' without a '-- migrate:statement-begin' before it; add one"
                                    + " above the statement, or remove this line"),
                    Arguments.of(GENERIC, "SELECT 1\n-- migrate:statement-begin\nX\n-- migrate:statement-end", 2,
                            "'-- migrate:statement-begin' inside an unfinished statement (it starts on line 1); end"
                                    + " that statement with ';' first"),
                    Arguments.of(GENERIC, "-- migrate:statement-begin\nX\n-- migrate:statement-begin\n", 3,
                            "'-- migrate:statement-begin' inside the statement-begin block opened on line 1; close"
                                    + " that block with '-- migrate:statement-end' first"),
                    Arguments.of(GENERIC, "SELECT 1;\n-- migrate: statement-begin\n", 2,
                            "malformed marker '-- migrate: statement-begin'; write '-- migrate:statement-begin'"),
                    Arguments.of(GENERIC, "SELECT 1;\n-- migrate:down\n", 2,
                            "'-- migrate:down' can only start a section of a revision file; it cannot stand inside"
                                    + " the SQL of one"),
                    Arguments.of(SQLITE, "SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON x BEGIN\n SELECT 1;\nSELECT 2;",
                            2,
                            "CREATE TRIGGER starting here has a BEGIN without a matching END; add the missing END, or"
                                    + " wrap the whole statement in '-- migrate:statement-begin' and"
                                    + " '-- migrate:statement-end' lines"),
                    Arguments.of(POSTGRES, "SELECT 1;\nCREATE TABLE t (a int,\n b numeric(10, 2);\nSELECT 2;", 2,
                            "'(' on this line is never closed; add the missing ')' (a ';' inside parentheses does not"
                                    + " end a statement)"),
                    Arguments.of(MYSQL, "SELECT 1;\n\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\n", 3,
                            "DELIMITER is a command of the mysql client, not SQL; remove the DELIMITER lines and wrap"
                                    + " the statement in '-- migrate:statement-begin' and '-- migrate:statement-end'"
                                    + " lines"));
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("unsplittable")
        void nameTheLineWhereTheFaultyConstructStarts(SqlFlavor flavor, String sql, int line, String problem) {
            assertThatThrownBy(() -> SqlStatementSplitter.split(sql, 1, flavor))
                    .isInstanceOfSatisfying(UnsplittableSqlException.class, e -> {
                        assertThat(e.problem()).isEqualTo(problem);
                        assertThat(e.line()).isEqualTo(line);
                        assertThat(e.getMessage()).isEqualTo("line " + line + ": " + problem);
                    });
        }

        @ParameterizedTest
        @EnumSource(SqlFlavor.class)
        void numberTheLineFromTheFirstLineGiven(SqlFlavor flavor) {
            assertThatThrownBy(() -> SqlStatementSplitter.split("SELECT 1;\n\nSELECT 'x", 40, flavor))
                    .isInstanceOfSatisfying(UnsplittableSqlException.class, e -> assertThat(e.line()).isEqualTo(42));
        }

        @Test
        void aStrayCloseParenthesisIsLeftToTheDatabase() {
            assertThat(texts("SELECT 1); SELECT (2);", GENERIC)).containsExactly("SELECT 1)", "SELECT (2)");
        }
    }
}
