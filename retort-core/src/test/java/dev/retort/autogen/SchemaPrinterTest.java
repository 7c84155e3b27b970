package dev.retort.autogen;

import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialects;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.View;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaPrinterTest {

    @TempDir
    Path directory;

    private static final DatabaseSchema SCHEMA = new DatabaseSchema(List.of("audit"), List.of(
            Table.of(QualifiedName.of("a"), column("id", integer()).primaryKey(), column("b_id", integer()),
                    foreignKey("fk_a_b", "b_id").references("b", "id"), index("ix_a_b", "b_id")),
            Table.of(QualifiedName.of("b"), column("id", integer()).primaryKey(), column("a_id", integer()),
                    foreignKey("fk_b_a", "a_id").references("a", "id")),
            Table.of(QualifiedName.of("audit", "events"), column("id", bigint()).autoincrement().primaryKey(),
                    column("what", varchar(50)).notNull())),
            List.of(new View(QualifiedName.of("v"), "SELECT id FROM a")), List.of(),
            List.of(Sequence.of(QualifiedName.of("numbers"))), List.of());

    @Test
    void thePrintedJavaModelCompilesAndDeclaresTheSameSchema() throws Exception {
        String source = SchemaPrinter.javaModel(SCHEMA, "", "Inspected");
        Path file = directory.resolve("Inspected.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", directory.toString()), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        assertThat(compiled).as(errors + "\n" + source).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()},
                getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Class<? extends SchemaModel> type = (Class<? extends SchemaModel>) loader.loadClass("Inspected");
            DatabaseSchema declared = new JavaModel(type, "Inspected.java").schema();
            assertThat(declared).isEqualTo(SCHEMA);
        }
    }

    @Test
    void theDdlCreatesReferencedTablesFirstAndClosesForeignKeyCyclesAfter() {
        String ddl = SchemaPrinter.ddl(SCHEMA, Dialects.forName("h2"));

        assertThat(ddl).containsSubsequence("CREATE SCHEMA IF NOT EXISTS audit;", "CREATE TABLE b (",
                "CREATE TABLE a (", "CREATE INDEX ix_a_b ON a (b_id);", "CREATE TABLE audit.events",
                "ALTER TABLE b ADD CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id);",
                "CREATE VIEW v AS SELECT id FROM a;");
    }
}
