package dev.retort.autogen;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Tables.storage;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.array;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.jsonb;
import static dev.retort.schema.Types.numeric;
import static dev.retort.schema.Types.raw;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Migration;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.BulkInsert;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.CreateEnumType;
import dev.retort.ops.CreateExtension;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateSchema;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.CreateView;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.ops.Operations;
import dev.retort.ops.RenameTable;
import dev.retort.ops.SetStorageParameters;
import dev.retort.ops.SetTableComment;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.View;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Written Java compiles, and running it records operations that render exactly as the originals. */
class JavaOperationWriterTest {

    @TempDir
    Path directory;

    private static final QualifiedName BOOKS = QualifiedName.of("books");

    private static List<Operation> everyKind() {
        Table books = Table.of(BOOKS,
                column("id", bigint()).autoincrement().primaryKey(),
                column("owner_id", uuid()).notNull(),
                column("title", varchar(200)).notNull().serverDefault("untitled \"quoted\"\n").comment("its title"),
                column("score", numeric(10, 2)).serverDefault(0L),
                column("ratio", doublePrecision()).serverDefault(0.5),
                column("tags", array(text())),
                column("meta", jsonb()).serverDefaultExpression("'{}'::jsonb"),
                column("mood", enumType("mood", "sad", "ok")),
                column("state", enumType(QualifiedName.of("app", "state"), "new", "done")),
                column("created", timestampTz()).notNull().serverDefaultExpression("now()"),
                column("lower_title", text()).generatedAs("lower(title)"),
                unique("uq_books_title", "title"),
                check("ck_books_score", "score >= 0"),
                foreignKey("fk_books_owner", "owner_id").references("users", "id").onDelete(ReferentialAction.CASCADE),
                index("ix_books_created", "created"),
                comment("the books"),
                storage("fillfactor", "70"));
        return List.of(
                new CreateSchema("app", true),
                new CreateExtension("pg_trgm", true, Optional.empty(), Optional.empty()),
                new CreateEnumType(QualifiedName.of("mood"), List.of("sad", "ok")),
                new AddEnumValue(QualifiedName.of("mood"), "meh", Optional.empty(), Optional.of("sad"), true),
                CreateSequence.of(QualifiedName.of("app", "numbers")).startWith(1000).incrementBy(10).withCycle(),
                new CreateTable(books, false),
                new AddColumn(BOOKS, column("author", varchar(100)), false, Optional.of(ColumnPosition.after("title"))),
                AlterColumn.of(BOOKS, "score").type(integer()).using("score::integer").notNull()
                        .dropServerDefault().comment("points").existing(column("score", numeric(10, 2))),
                AlterColumn.of(BOOKS, "title").rename("name"),
                new CreateIndex(index("ix_books_fts").on(expression("to_tsvector('russian', name)")).using("gin")
                        .onTable(BOOKS), true, true),
                new CreateIndex(index("ix_books_trgm").on(key("name").operatorClass("gin_trgm_ops"), key("created")
                        .desc().nullsLast()).include("id").where("name IS NOT NULL").with("fastupdate", "off")
                        .onTable(BOOKS), false, false),
                new DropIndex(BOOKS.withName("ix_books_created"), Optional.of(BOOKS), true, true, Optional.empty()),
                new AddConstraint(BOOKS, check("ck_books_name", "length(name) > 0"), true),
                new DropConstraint(BOOKS, "uq_books_title", Optional.of(ConstraintType.UNIQUE), false,
                        Optional.empty()),
                new SetTableComment(BOOKS, Optional.of("all the books"), Optional.empty()),
                new SetStorageParameters(BOOKS, Map.of("autovacuum_vacuum_scale_factor", "0.1"), Optional.empty()),
                new Execute("UPDATE books SET name = ? WHERE id = ?", List.of("x", 1L), true),
                new BulkInsert(BOOKS, List.of("name", "score"), List.of(List.of("a", 1), List.of("b", 2))),
                new CreateView(new View(QualifiedName.of("app", "titles"), "SELECT name FROM books")),
                new BatchAlterTable(BOOKS, List.of(
                        new AddColumn(BOOKS, column("isbn", varchar(13)), false, Optional.empty()),
                        AlterColumn.of(BOOKS, "author").type(text()),
                        new DropColumn(BOOKS, "tags", false, Optional.empty()),
                        new AddConstraint(BOOKS, unique("uq_books_isbn", "isbn"), false),
                        new DropConstraint(BOOKS, "ck_books_name", Optional.empty(), false, Optional.empty())),
                        BatchAlterTable.Recreate.AUTO, Optional.empty()),
                new RenameTable(BOOKS, "volumes"),
                new DropTable(QualifiedName.of("app", "old"), true, false, Optional.empty()),
                new DropColumn(QualifiedName.of("volumes"), "meta", false, Optional.empty()),
                new AddColumn(QualifiedName.of("volumes"), column("raw", raw("inet")), false, Optional.empty()));
    }

    @Test
    void everyOperationWrittenAsJavaRecordsTheSameStatements() throws Exception {
        List<Operation> operations = everyKind();
        JavaOperationWriter writer = new JavaOperationWriter();
        List<String> statements = writer.write(operations);

        List<Operation> recorded = run(writer.imports(), statements);

        assertThat(recorded).containsExactlyElementsOf(operations);
        Dialect sqlite = Dialects.forName("sqlite");
        assertThat(sql(sqlite, List.of(recorded.get(recorded.size() - 1))))
                .containsExactly("ALTER TABLE volumes ADD COLUMN raw inet");
    }

    @Test
    void theJavaReadsLikeTheFacade() {
        JavaOperationWriter writer = new JavaOperationWriter();

        assertThat(writer.write(List.of(new AddColumn(BOOKS, column("author", varchar(100)).notNull()
                .serverDefault("n/a"), false, Optional.empty()))))
                .containsExactly("op.addColumn(\"books\", column(\"author\", varchar(100)).notNull()"
                        + ".serverDefault(\"n/a\"));");
        assertThat(writer.imports()).containsExactly("import static dev.retort.schema.Types.column;",
                "import static dev.retort.schema.Types.varchar;");
    }

    private static List<String> sql(Dialect dialect, List<Operation> operations) {
        List<String> sql = new ArrayList<>();
        for (Operation operation : operations) {
            dialect.render(operation, RenderContext.OFFLINE).stream().map(RenderedStatement::sql).forEach(sql::add);
        }
        return sql;
    }

    /** Compiles the statements into a revision class, runs its upgrade, returns what it applied. */
    private List<Operation> run(List<String> imports, List<String> statements) throws Exception {
        String source = String.join("\n", imports) + "\n"
                + "public class Written implements dev.retort.Migration {\n"
                + "    public void upgrade(dev.retort.ops.Operations op) {\n"
                + String.join("\n", statements) + "\n    }\n}\n";
        Path file = directory.resolve("Written.java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", directory.toString()), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        assertThat(compiled).as(errors + "\n" + source).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()},
                getClass().getClassLoader())) {
            Migration migration = (Migration) loader.loadClass("Written").getDeclaredConstructor().newInstance();
            Recording recording = new Recording(Optional.empty(), new ArrayList<>());
            migration.upgrade(recording);
            return recording.applied;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects what a revision applies. */
    private record Recording(Optional<String> schema, List<Operation> applied) implements Operations {
        @Override
        public void apply(Operation operation) {
            applied.add(operation);
        }

        @Override
        public Operations inSchema(String name) {
            return new Recording(Optional.of(name), applied);
        }

        @Override
        public Connection connection() {
            throw new IllegalStateException("offline");
        }

        @Override
        public boolean isOffline() {
            return true;
        }

        @Override
        public Dialect dialect() {
            return Dialects.forName("postgresql");
        }

        @Override
        public Map<String, String> arguments() {
            return Map.of();
        }
    }
}
