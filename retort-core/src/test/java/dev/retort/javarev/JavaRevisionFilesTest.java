package dev.retort.javarev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.MigrationListener;
import dev.retort.Retort;
import dev.retort.RetortException;
import dev.retort.dialect.Dialects;
import dev.retort.revision.MigrationStep;
import dev.retort.script.Checksums;
import dev.retort.script.MigrationScript;
import dev.retort.testkit.AllDatabases;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java revision files (SPEC §3.2): compiled by retort in one compilation, cached by content, mixed
 * with SQL revisions in one graph, and every way a file can be wrong reported in one line naming it.
 */
class JavaRevisionFilesTest {

    @TempDir
    Path project;

    @TempDir
    Path cache;

    private final CountingCompiler compiler = new CountingCompiler();

    private Path versions() throws IOException {
        return Files.createDirectories(project.resolve("versions"));
    }

    /** A Java revision file's text; the upgrade body starts on line 10. */
    static String java(String className, String id, String down, String upgrade, String downgrade) {
        return """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.ops.Operations;
                import static dev.retort.schema.Types.*;

                @Revision(id = "%s"%s, message = "%s")
                class %s implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        %s
                    }

                    @Override
                    public void downgrade(Operations op) {
                        %s
                    }
                }
                """.formatted(id, down.isEmpty() ? "" : ", down = \"" + down + "\"", "java " + id, className, upgrade,
                downgrade);
    }

    static String sql(String id, String down, String up, String downSql) {
        return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: sql " + id
                + "\n\n-- migrate:up\n" + up + "\n\n-- migrate:down\n" + downSql + "\n";
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(versions().resolve(name), content);
    }

    private Retort.Builder configure() throws IOException {
        return Retort.configure().versionLocations(List.of(versions())).baseDirectory(project)
                .javaCompiler(compiler);
    }

    private Retort load() throws IOException {
        return configure().load();
    }

    /** Loads with the header index and the class cache, as the command line does. */
    private Retort loadCached() throws IOException {
        return configure().revisionIndex(cache).javaClassCache(cache.resolve("classes")).load();
    }

    /** Three revisions, SQL, Java, SQL, in file-name order: a chain through both kinds. */
    private void mixedProject() throws IOException {
        write("001_books.sql", sql("a1", "", "CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(100));",
                "DROP TABLE books;"));
        write("002_pages.java", java("AddPages", "b2", "a1",
                "op.addColumn(\"books\", column(\"pages\", integer()));",
                "op.dropColumn(\"books\", \"pages\");"));
        write("003_seed.sql", sql("c3", "b2", "INSERT INTO books (id, title, pages) VALUES (1, 'Dune', 412);",
                "DELETE FROM books;"));
    }

    @AllDatabases
    void javaFilesCompileAndRunBetweenSqlRevisionsInBothDirections(DatabaseKind kind) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        mixedProject();
        Retort retort = configure().url(db.jdbcUrl(), db.user(), db.password()).load();

        retort.upgrade("head");

        assertThat(rows(db, "SELECT title, pages FROM books")).containsExactly("Dune|412");
        assertThat(retort.appliedHistory()).extracting(e -> e.script())
                .containsExactly("versions/001_books.sql", "versions/002_pages.java", "versions/003_seed.sql");

        retort.downgrade("a1");

        assertThat(rows(db, "SELECT * FROM books")).isEmpty();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM books")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(names).as("the Java revision's column is gone").containsExactly("id", "title");
        }
    }

    @Test
    void sqlAndJavaRevisionsTakeTheirPlaceInFileNameOrder() throws IOException {
        // three branches from one base: the run order between them follows the file names, and a
        // Java file takes exactly the place a SQL file of its name would
        write("a_base.sql", sql("base1", "", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;"));
        write("b_second.java", java("Second", "j2", "base1", "op.execute(\"SELECT 2\");", ""));
        write("c_third.sql", sql("s3", "base1", "SELECT 3;", ""));
        write("d_fourth.java", java("Fourth", "j4", "base1", "op.execute(\"SELECT 4\");", ""));
        Path allSql = Files.createDirectories(project.resolve("all-sql"));
        Files.writeString(allSql.resolve("a_base.sql"), sql("base1", "", "SELECT 1;", ""));
        Files.writeString(allSql.resolve("b_second.sql"), sql("j2", "base1", "SELECT 2;", ""));
        Files.writeString(allSql.resolve("c_third.sql"), sql("s3", "base1", "SELECT 3;", ""));
        Files.writeString(allSql.resolve("d_fourth.sql"), sql("j4", "base1", "SELECT 4;", ""));

        List<String> mixed = runOrder(configure());
        List<String> sqlOnly = runOrder(Retort.configure().versionLocations(List.of(allSql)).baseDirectory(project));

        assertThat(mixed).isEqualTo(sqlOnly).containsExactly("base1", "j4", "s3", "j2");
        assertThat(compiler.tasks()).as("both Java files in one compilation")
                .containsExactly(List.of("b_second.java", "d_fourth.java"));
    }

    private static List<String> runOrder(Retort.Builder builder) {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        List<String> ran = new ArrayList<>();
        Retort retort = builder.url(db.jdbcUrl(), db.user(), db.password()).listener(new MigrationListener() {
            @Override
            public void stepStarting(MigrationStep step) {
                ran.add(step.describe().replaceAll(".*-> (\\w+).*", "$1"));
            }
        }).load();
        assertThat(retort.scripts()).extracting(MigrationScript::id).containsExactly("base1", "j2", "s3", "j4");
        retort.upgrade("heads");
        return ran;
    }

    @Test
    void theChecksumIsTheSourcesAndIgnoresLineEndings() throws IOException {
        String text = java("A", "a1", "", "op.execute(\"SELECT 1\");", "");
        write("a.java", "\uFEFF" + text.replace("\n", "\r\n"));

        MigrationScript script = load().scripts().get(0);

        assertThat(script.checksum()).isEqualTo(Checksums.of(text));
        assertThat(script.location()).isEqualTo("versions/a.java");
        assertThat(script.revision().message()).isEqualTo("java a1");
    }

    @Test
    void compileErrorsOfEveryFileAreReportedAtOnceAsFileLineMessage() throws IOException {
        write("x.java", java("X", "x1", "", "op.noSuchOperation();", ""));
        write("y.java", java("Y", "y1", "x1", "int n = \"text\";", "op.dropTable(42);"));
        write("z.java", java("Z", "z1", "y1", "op.execute(\"SELECT 1\")", ""));

        assertThatThrownBy(this::load)
                .isInstanceOf(RetortException.class)
                .hasMessageStartingWith("3 revision files are invalid: versions/x.java:10: cannot find symbol"
                        + " (symbol: method noSuchOperation(), location: variable op of type"
                        + " dev.retort.ops.Operations); versions/y.java:10: incompatible types: java.lang.String"
                        + " cannot be converted to int; versions/y.java:15: ")
                .hasMessageContaining("versions/z.java:10: ';' expected")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void filesWithoutErrorsAreNotBlamedForTheErrorsOfOthers() throws IOException {
        write("a.java", java("A", "a1", "", "op.execute(\"SELECT 1\");", ""));
        write("b.java", java("B", "b1", "a1", "op.execute(1);", ""));
        write("c.java", java("C", "c1", "b1", "op.execute(\"SELECT 3\");", ""));

        assertThatThrownBy(this::load).hasMessageStartingWith("versions/b.java:10: no suitable method found for"
                + " execute(int)");
    }

    @Test
    void aFileUsingAnotherFilesClassIsRefusedBeforeItFailsAtRunTime() throws IOException {
        write("a.java", java("A", "a1", "", "op.execute(\"SELECT 1\");", "")
                .replace("    @Override\n    public void upgrade", "    static String table() {\n"
                        + "        return \"t\";\n    }\n\n    @Override\n    public void upgrade"));
        write("b.java", java("B", "b1", "a1", "op.dropTable(A.table());", ""));

        assertThatThrownBy(this::load).hasMessage("versions/b.java:6: uses A of versions/a.java; each revision file"
                + " is compiled and loaded on its own, so one cannot use another's classes: copy what it needs, or put"
                + " shared code in a jar on retort's class path");
    }

    @Test
    void aClassWithoutRevisionAnnotationIsRefusedNamingTheFileAndLine() throws IOException {
        write("plain.java", """
                import dev.retort.Migration;
                import dev.retort.ops.Operations;

                class Plain implements Migration {
                    public void upgrade(Operations op) {
                    }
                }
                """);

        assertThatThrownBy(this::load).hasMessage("versions/plain.java:4: class Plain has no @Revision annotation;"
                + " add @Revision(id = \"...\", down = \"...\", message = \"...\")");
    }

    @Test
    void twoTopLevelClassesAreRefused() throws IOException {
        write("two.java", java("First", "t1", "", "", "") + "\nclass Helper {\n}\n");

        assertThatThrownBy(this::load).hasMessage("versions/two.java:19: a second top-level type, Helper (after First"
                + " on line 6); a Java revision file declares one top-level class: nest Helper inside First or move"
                + " it to a file of its own");
    }

    @Test
    void aFileWithoutAClassIsRefused() throws IOException {
        write("empty.java", "// nothing here yet\n");

        assertThatThrownBy(this::load).hasMessage("versions/empty.java:1: declares no class; a Java revision file"
                + " holds one class implementing dev.retort.Migration, annotated with @dev.retort.Revision");
    }

    @Test
    void aClassNotImplementingMigrationIsRefused() throws IOException {
        write("other.java", """
                import dev.retort.Revision;

                @Revision(id = "o1")
                class Other {
                }
                """);

        assertThatThrownBy(this::load).hasMessage("versions/other.java:3: class Other does not implement"
                + " dev.retort.Migration; declare it as 'class Other implements Migration'");
    }

    @Test
    void anInvalidIdIsRefused() throws IOException {
        write("bad.java", java("Bad", "not-an-id", "", "", ""));

        assertThatThrownBy(this::load).hasMessageStartingWith("versions/bad.java:6: @Revision(id): ")
                .hasMessageContaining("'not-an-id'");
    }

    @Test
    void filesMayDeclareClassesOfTheSameNameAndAPublicClassInAnyFile() throws IOException {
        write("1_first.java", java("AddColumn", "f1", "", "op.execute(\"SELECT 1\");", ""));
        write("2_second.java", java("AddColumn", "f2", "f1", "op.execute(\"SELECT 2\");", "")
                .replace("class AddColumn", "public class AddColumn"));
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);

        Retort retort = configure().url(db.jdbcUrl(), db.user(), db.password()).load();
        retort.upgrade("head");

        assertThat(retort.current().versionRows()).containsExactly("f2");
        assertThat(compiler.tasks()).as("parsed together, then compiled in groups of distinct names")
                .containsExactly(List.of("1_first.java", "2_second.java"), List.of("1_first.java"),
                        List.of("2_second.java"));
    }

    @Test
    void anUnchangedProjectIsNotCompiledAgainAndOneChangedFileIsCompiledAlone() throws IOException {
        for (int i = 1; i <= 3; i++) {
            write("r" + i + ".java", java("R" + i, "r" + i, i == 1 ? "" : "r" + (i - 1),
                    "op.execute(\"SELECT " + i + "\");", ""));
        }
        loadCached();
        assertThat(compiler.tasks()).containsExactly(List.of("r1.java", "r2.java", "r3.java"));
        List<FileTime> cachedTimes = classFileTimes();
        assertThat(cachedTimes).hasSize(3);

        compiler.reset();
        Retort unchanged = loadCached();
        assertThat(unchanged.scripts()).hasSize(3);
        assertThat(compiler.tasks()).as("nothing compiled on an unchanged project").isEmpty();

        // without the header index too: the class cache alone answers for unchanged content
        compiler.reset();
        Retort.configure().versionLocations(List.of(versions())).baseDirectory(project).javaCompiler(compiler)
                .javaClassCache(cache.resolve("classes")).load();
        assertThat(compiler.tasks()).isEmpty();

        write("r2.java", java("R2", "r2", "r1", "op.execute(\"SELECT 22\");", ""));
        compiler.reset();
        Retort changed = loadCached();
        assertThat(compiler.tasks()).as("only the changed file").containsExactly(List.of("r2.java"));
        assertThat(classFileTimes()).hasSize(4).containsAll(cachedTimes);
        assertThat(changed.scripts()).extracting(MigrationScript::id).containsExactly("r1", "r2", "r3");
    }

    @Test
    void headsOnAnIndexedProjectNeitherCompilesNorLoadsAndARunCompilesThePlanAtOnce() throws IOException {
        mixedProject();
        write("004_more.java", java("More", "d4", "c3", "op.execute(\"SELECT 4\");", ""));
        loadCached();
        compiler.reset();
        // classes gone (a cleaned cache, another JDK): the index still answers for the headers
        deleteClassCache();

        Retort retort = loadCached();
        assertThat(retort.graph().heads()).containsExactly("d4");
        assertThat(compiler.tasks()).isEmpty();

        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort online = configure().revisionIndex(cache).javaClassCache(cache.resolve("classes"))
                .url(db.jdbcUrl(), db.user(), db.password()).load();
        online.upgrade("head");
        assertThat(compiler.tasks()).as("the plan's Java files, in one compilation")
                .containsExactly(List.of("002_pages.java", "004_more.java"));
        assertThat(online.current().versionRows()).containsExactly("d4");
    }

    @Test
    void anIndexedJavaFileEditedBehindRetortsBackIsNoticedWhenItRuns() throws IOException {
        Path file = write("a.java", java("A", "a1", "", "op.execute(\"SELECT 1\");", ""));
        FileTime time = Files.getLastModifiedTime(file);
        loadCached();
        deleteClassCache();
        // same size and time: the index answers, but the content is not what it described
        Files.writeString(file, java("A", "a1", "", "op.execute(\"SELECT 2\");", ""));
        Files.setLastModifiedTime(file, time);

        MigrationScript script = loadCached().scripts().get(0);

        assertThatThrownBy(() -> script.upgrade().check(Dialects.forName("sqlite"), true, Map.of()))
                .hasMessage("versions/a.java changed while retort was using it (its content no longer matches what"
                        + " was loaded); run the command again");
    }

    @Test
    void withoutACompilerJavaFilesAreRefusedWithTheWayToShipThemPrecompiled() throws IOException {
        write("a.java", java("A", "a1", "", "", ""));
        write("b.java", java("B", "b1", "a1", "", ""));

        assertThatThrownBy(() -> Retort.configure().versionLocations(List.of(versions())).baseDirectory(project)
                .javaCompiler(Optional::empty).load())
                .isInstanceOf(RetortException.class)
                .hasMessage("Cannot compile versions/a.java and 1 more Java revision file: this Java runtime has no"
                        + " compiler (a JRE, or an image without the jdk.compiler module). Run retort on a JDK, or"
                        + " compile the revisions with your build and load them from the classpath with"
                        + " Retort.configure().classpathPackage(\"your.package\") (on the command line: java_package"
                        + " and java_classpath in retort.toml)");
    }

    @Test
    void withoutACompilerCachedClassesStillRun() throws IOException {
        write("a.java", java("A", "a1", "", "op.execute(\"SELECT 1\");", ""));
        loadCached();

        Retort retort = Retort.configure().versionLocations(List.of(versions())).baseDirectory(project)
                .javaCompiler(Optional::empty).javaClassCache(cache.resolve("classes")).load();

        assertThat(retort.upgradeSql("a1", Dialects.forName("sqlite"))).contains("SELECT 1;");
    }

    @Test
    void offlineScriptsRenderJavaFilesAndAConnectionUseNamesTheFileAndLine() throws IOException {
        mixedProject();
        write("004_data.java", java("Data", "d4", "c3",
                "try (var s = op.connection().createStatement()) { s.execute(\"SELECT 1\"); }"
                        + " catch (java.sql.SQLException e) { throw new IllegalStateException(e); }", ""));
        Retort retort = load();

        assertThat(retort.upgradeSql("a1:c3", Dialects.forName("postgresql")))
                .contains("-- Running upgrade a1 -> b2\n\nALTER TABLE books ADD COLUMN pages INTEGER;")
                .contains("INSERT INTO books (id, title, pages) VALUES (1, 'Dune', 412);");
        assertThatThrownBy(() -> retort.upgradeSql("c3:d4", Dialects.forName("postgresql")))
                .hasMessageStartingWith("versions/004_data.java:10: this revision uses op.connection(), which exists"
                        + " only when migrating a live database");
    }

    @Test
    void aRuntimeFailureInARevisionNamesTheFileAndLine() throws IOException {
        write("a.java", java("A", "a1", "", "int[] none = new int[0];\n        op.execute(\"SELECT \" + none[1]);",
                ""));
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.SQLITE);
        Retort retort = configure().url(db.jdbcUrl(), db.user(), db.password()).load();

        assertThatThrownBy(() -> retort.upgrade("head")).hasMessageStartingWith("versions/a.java:11: upgrade failed:");
    }

    private List<FileTime> classFileTimes() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("classes"))) {
            List<FileTime> times = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".classes")).toList()) {
                times.add(Files.getLastModifiedTime(file));
            }
            return times;
        }
    }

    private void deleteClassCache() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("classes"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static List<String> rows(FreshDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
