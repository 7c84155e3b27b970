package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java revision files through the command line, on SQLite. */
class JavaRevisionsCliTest {

    @TempDir
    Path dir;

    private Cli cli;
    private Path versions;

    @BeforeEach
    void project() throws IOException {
        cli = new Cli(dir);
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///app.db"
                """);
        versions = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(versions.resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- message: create log\n\n"
                + "-- migrate:up\nCREATE TABLE log (what VARCHAR(100), dialect VARCHAR(20));\n\n"
                + "-- migrate:down\nDROP TABLE log;\n");
    }

    /** A Java revision whose upgrade body is on line 9. */
    private void java(String name, String id, String down, String upgrade) throws IOException {
        Files.writeString(versions.resolve(name), """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.ops.Operations;

                @Revision(id = "%s", down = "%s", message = "java %s")
                class Step implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        %s
                    }

                    @Override
                    public void downgrade(Operations op) {
                        op.execute("DELETE FROM log");
                    }
                }
                """.formatted(id, down, id, upgrade));
    }

    private static String failure(Cli.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).as(result.toString()).startsWith("FAILED: ").endsWith("\n");
        assertThat(result.err().strip()).as("one line").doesNotContain("\n");
        return result.err().strip().substring("FAILED: ".length());
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.status()).as(result.toString()).isZero();
        return result;
    }

    private List<String> log() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT what, dialect FROM log")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void revisionJavaWritesATemplateThatCompilesAndRunsAsWritten() throws IOException {
        Cli.Result revision = ok(cli.run("revision", "--java", "-m", "Add invoices, and \"more\"!", "--rev-id",
                "abc123def456", "--branch-label", "billing"));
        Path file = versions.resolve("abc123def456_add_invoices_and_more.java");
        assertThat(revision.out()).isEqualTo("Generating " + file + " ...  done\n");
        assertThat(Files.readString(file)).startsWith("""
                import static dev.retort.schema.Types.*;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.ops.Operations;

                @Revision(id = "abc123def456", down = "a1",
                        branchLabels = "billing",
                        message = "Add invoices, and \\"more\\"!",
                        created = \"""").contains("""
                class AddInvoicesAndMore implements Migration {

                    @Override
                    public void upgrade(Operations op) {
                        // op.addColumn("account", column("email", varchar(200)));
                    }

                    @Override
                    public void downgrade(Operations op) {
                        // op.dropColumn("account", "email");
                    }
                }
                """);

        assertThat(ok(cli.run("heads")).out()).isEqualTo("abc123def456 (billing) (head)\n");
        assertThat(ok(cli.run("history")).out()).isEqualTo("""
                a1 -> abc123def456 (billing) (head), Add invoices, and "more"!
                <base> -> a1 (billing), create log
                """);
        assertThat(ok(cli.run("show", "abc1")).out()).contains("Path: " + file + "\n");
        Cli.Result upgrade = ok(cli.run("upgrade", "head"));
        assertThat(upgrade.err()).endsWith("Running upgrade a1 -> abc123def456, Add invoices, and \"more\"!\n");
        ok(cli.run("downgrade", "base"));
    }

    @Test
    void revisionFormatJavaMakesJavaTheDefaultAndSqlForcesSql() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///app.db"
                revision_format = "java"
                """);
        ok(cli.run("revision", "-m", "second", "--rev-id", "b2"));
        ok(cli.run("revision", "-m", "third", "--rev-id", "c3", "--sql"));
        assertThat(versions.resolve("b2_second.java")).exists();
        assertThat(versions.resolve("c3_third.sql")).exists();
        assertThat(failure(cli.run("revision", "-m", "x", "--sql", "--java"))).isEqualTo("--sql and --java exclude"
                + " each other; give one (without either, the config's revision_format decides)");

        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n"
                + "revision_format = \"kotlin\"\n");
        assertThat(failure(cli.run("heads"))).isEqualTo("retort.toml:3: 'revision_format' must be \"sql\" or"
                + " \"java\", got \"kotlin\"");
    }

    @Test
    void initJavaTemplateStartsAJavaProjectWhoseRevisionsAndMergesAreJava() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("fresh"));
        Cli here = new Cli(empty);
        Cli.Result init = ok(here.run("init", "--template", "java", "migrations"));
        assertThat(init.out()).contains("Generating " + empty.resolve("migrations/README") + " ...  done\n");
        assertThat(Files.readString(empty.resolve("retort.toml"))).contains("\nrevision_format = \"java\"\n");
        assertThat(Files.readString(empty.resolve("migrations/README")))
                .contains("class AddAccountsTable implements Migration {")
                .contains("op.createTable(\"account\",");
        assertThat(failure(new Cli(Files.createDirectories(dir.resolve("other"))).run("init", "--template", "kotlin",
                "m"))).isEqualTo("No such template 'kotlin'; available: sql, java");

        ok(here.run("revision", "-m", "create account", "--rev-id", "a1"));
        ok(here.run("revision", "-m", "add email", "--rev-id", "b2"));
        ok(here.run("revision", "-m", "add orders", "--rev-id", "c3", "--head", "a1", "--splice"));
        Cli.Result merge = ok(here.run("merge", "heads", "--rev-id", "d4"));
        assertThat(merge.out())
                .matches("Generating .*/migrations/versions/[0-9_]+-d4_merge_b2_c3\\.java \\.\\.\\.  done\n");
        Path mergeFile = Path.of(merge.out().substring("Generating ".length(), merge.out().indexOf(" ...")));
        assertThat(Files.readString(mergeFile)).contains("@Revision(id = \"d4\", down = {\"b2\", \"c3\"},")
                .contains("// a merge: nothing to do unless the branches need reconciling");
        try (Stream<Path> files = Files.list(empty.resolve("migrations/versions"))) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(name -> name.endsWith(".java"))
                    .hasSize(4);
        }

        ok(here.run("upgrade", "head"));
        assertThat(ok(here.run("current")).out()).isEqualTo("d4 (head) (mergepoint)\n");
        ok(here.run("downgrade", "base"));
    }

    @Test
    void xArgumentsIsOfflineAndTheDialectReachJavaRevisions() throws Exception {
        java("b2.java", "b2", "a1", "op.execute(\"INSERT INTO log VALUES ('\" + op.arguments().get(\"tenant\") + \" \""
                + " + (op.isOffline() ? \"offline\" : \"online\") + \"', '\" + op.dialect().name() + \"')\");");

        ok(cli.run("-x", "tenant=acme", "-x", "unused=a=b", "upgrade", "head"));
        assertThat(log()).containsExactly("acme online|sqlite");

        Cli.Result offline = ok(cli.run("upgrade", "--sql", "--dialect", "postgresql", "a1:b2", "-x", "tenant=beta"));
        assertThat(offline.out()).contains("INSERT INTO log VALUES ('beta offline', 'postgresql');");

        assertThat(failure(cli.run("upgrade", "head", "-x", "tenant"))).isEqualTo("Malformed -x argument 'tenant':"
                + " write -x KEY=VALUE, e.g. -x tenant=acme");
        assertThat(failure(cli.run("heads", "-x", "=acme"))).isEqualTo("Malformed -x argument '=acme':"
                + " write -x KEY=VALUE, e.g. -x tenant=acme");
    }

    @Test
    void theConnectionIsThereOnlineAndOfflineItNamesTheFileAndLine() throws Exception {
        java("b2.java", "b2", "a1", "try (var s = op.connection().createStatement()) {"
                + " s.execute(\"INSERT INTO log VALUES ('by jdbc', 'x')\"); }"
                + " catch (java.sql.SQLException e) { throw new IllegalStateException(e); }");

        assertThat(failure(cli.run("upgrade", "--sql", "a1:b2"))).isEqualTo("migrations/versions/b2.java:9: this"
                + " revision uses op.connection(), which exists only when migrating a live database, so it cannot be"
                + " rendered as an offline script (--sql). Run it online, or skip the data step when op.isOffline()");

        ok(cli.run("upgrade", "head"));
        assertThat(log()).containsExactly("by jdbc|x");
    }

    @Test
    void aCompileErrorIsOneLineNamingFileAndLine() throws IOException {
        java("b2.java", "b2", "a1", "op.exectue(\"SELECT 1\");");

        assertThat(failure(cli.run("heads"))).isEqualTo("migrations/versions/b2.java:9: cannot find symbol (symbol:"
                + " method exectue(java.lang.String), location: variable op of type dev.retort.ops.Operations)");
    }

    @Test
    void anUnchangedProjectNeitherCompilesNorLoadsForHeadsAndCompilesOnlyWhatChanged() throws Exception {
        java("b2.java", "b2", "a1", "op.execute(\"INSERT INTO log VALUES ('b2', 'x')\");");
        java("c3.java", "c3", "b2", "op.execute(\"INSERT INTO log VALUES ('c3', 'x')\");");
        ok(cli.run("heads"));
        Path classes = dir.resolve(".retort-cache/" + Project.CLASSES);
        assertThat(classFiles(classes)).hasSize(2);

        // with the compiled classes gone, an unchanged project still answers heads and history from
        // the header index: nothing is compiled, so nothing is written back
        deleteAll(classes);
        assertThat(ok(cli.run("heads")).out()).isEqualTo("c3 (head)\n");
        ok(cli.run("history", "-v"));
        assertThat(classes).isEmptyDirectory();

        // running compiles what the plan needs
        ok(cli.run("upgrade", "head"));
        assertThat(classFiles(classes)).hasSize(2);
        assertThat(log()).containsExactly("b2|x", "c3|x");

        // one changed file: only it is compiled (one new entry), the other is taken from the cache
        java("c3.java", "c3", "b2", "op.execute(\"INSERT INTO log VALUES ('c3 again', 'x')\");");
        List<String> before = classFiles(classes);
        ok(cli.run("heads"));
        List<String> after = classFiles(classes);
        assertThat(after).hasSize(3).containsAll(before);
    }

    @Test
    void precompiledRevisionsComeFromJavaPackageOnJavaClasspath() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/com/example/revs"));
        Files.writeString(sources.resolve("AddRow.java"), """
                package com.example.revs;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.ops.Operations;

                @Revision(id = "p2", down = "a1", message = "precompiled")
                public class AddRow implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        op.execute("INSERT INTO log VALUES ('precompiled', 'x')");
                    }
                }
                """);
        Path classes = dir.resolve("build/classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                sources.resolve("AddRow.java").toString());
        assertThat(status).isZero();
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///app.db"
                java_package = "com.example.revs"
                java_classpath = ["build/classes"]
                """);

        assertThat(ok(cli.run("history")).out()).isEqualTo("""
                a1 -> p2 (head), precompiled
                <base> -> a1, create log
                """);
        ok(cli.run("upgrade", "head"));
        assertThat(log()).containsExactly("precompiled|x");

        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                java_package = "com.example.revs"
                java_classpath = ["build/missing"]
                """);
        assertThat(failure(cli.run("heads"))).isEqualTo("java_classpath entry build/missing does not exist; build the"
                + " precompiled revisions or fix java_classpath in the config");
    }

    private static List<String> classFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".classes")).sorted().toList();
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
