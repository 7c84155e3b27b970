package dev.retort.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Retort;
import dev.retort.RevisionFiles;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Database vs DDL model on the real H2: what H2 needs beyond the comparison. */
class H2AutogenerateTest {

    @TempDir
    Path project;

    /**
     * H2 gives a foreign key added after an index on exactly its columns that index, and a unique
     * constraint a unique one, and then refuses to drop the index ({@code Index "IX_COPIES_BOOK" belongs
     * to constraint "FK_COPIES_BOOK"}): the constraints are dropped before the index and added again
     * after the table's last change, in the upgrade and in its downgrade.
     */
    @Test
    void anIndexAConstraintTookIsChangedWithTheConstraintDroppedAndAddedAgainAroundIt() throws Exception {
        FreshDatabase db = TestDatabases.fresh(DatabaseKind.H2);
        new RevisionFiles(project).write("a1", "", "base", """
                CREATE TABLE books (id BIGINT PRIMARY KEY);
                CREATE TABLE copies (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL, code VARCHAR(10),
                    shelf INT);
                CREATE INDEX ix_copies_book ON copies (book_id);
                CREATE UNIQUE INDEX ux_copies_code ON copies (code);
                ALTER TABLE copies ADD CONSTRAINT fk_copies_book FOREIGN KEY (book_id) REFERENCES books (id);
                ALTER TABLE copies ADD CONSTRAINT uq_copies_code UNIQUE (code);""",
                "DROP TABLE copies; DROP TABLE books;");
        Files.writeString(project.resolve("model.sql"), """
                CREATE TABLE books (id BIGINT PRIMARY KEY);
                CREATE TABLE copies (id BIGINT PRIMARY KEY, book_id BIGINT NOT NULL, code VARCHAR(10),
                    shelf INT);
                CREATE INDEX ix_copies_book ON copies (book_id, shelf);
                ALTER TABLE copies ADD CONSTRAINT fk_copies_book FOREIGN KEY (book_id) REFERENCES books (id);
                ALTER TABLE copies ADD CONSTRAINT uq_copies_code UNIQUE (code);""");
        Retort retort = Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
        retort.upgrade("head");
        DatabaseSchema before = retort.inspect(IntrospectionFilter.excluding());
        DdlFileModel model = new DdlFileModel(project.resolve("model.sql"), "model.sql");

        SchemaDiff diff = retort.compare(model, Renames.none(), IntrospectionFilter.excluding());

        assertThat(diff.upgrade()).extracting(Operation::describe).containsExactly(
                "drop foreign key FK_COPIES_BOOK on COPIES", "drop index IX_COPIES_BOOK on COPIES",
                "drop unique constraint UQ_COPIES_CODE on COPIES", "drop index UX_COPIES_CODE on COPIES",
                "create index IX_COPIES_BOOK on COPIES", "add foreign key FK_COPIES_BOOK on COPIES",
                "add unique constraint UQ_COPIES_CODE on COPIES");
        apply(db, diff.upgrade());
        assertThat(retort.compare(model, Renames.none(), IntrospectionFilter.excluding()).differences()).isEmpty();
        apply(db, diff.downgrade());
        assertThat(retort.inspect(IntrospectionFilter.excluding())).isEqualTo(before);
    }

    private static void apply(FreshDatabase db, List<Operation> operations) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.forMetaData(c.getMetaData());
            for (Operation operation : operations) {
                for (RenderedStatement sql : dialect.render(operation, RenderContext.OFFLINE)) {
                    s.execute(sql.sql());
                }
            }
        }
    }
}
