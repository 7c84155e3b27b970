package dev.retort.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Retort;
import dev.retort.autogen.Difference;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaDiff;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.Operation;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.IndexElement;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample library's entities against real PostgreSQL and H2 databases, with Hibernate's and
 * Spring Boot's naming: the operations of a comparison create what Hibernate would create, a
 * database Hibernate made itself shows no difference, and one entity's change gives exactly its
 * operations. The models are shared by all tests, so each boots Hibernate once per database kind.
 */
class JpaRoundTripTest {

    private static final String LIBRARY = "dev.retort.hibernate.sample.library";
    private static final Map<Naming, HibernateModel> FIRST_RELEASE = Map.of(
            Naming.HIBERNATE, model(Naming.HIBERNATE, "reader1"), Naming.SPRING_BOOT, model(Naming.SPRING_BOOT,
                    "reader1"));
    private static final Map<Naming, HibernateModel> SECOND_RELEASE = Map.of(
            Naming.HIBERNATE, model(Naming.HIBERNATE, "reader2"), Naming.SPRING_BOOT, model(Naming.SPRING_BOOT,
                    "reader2"));

    @TempDir
    Path project;

    private static HibernateModel model(Naming naming, String readerPackage) {
        return HibernateModel.builder().classPath(TestClasses.directory())
                .packages(LIBRARY, "dev.retort.hibernate.sample." + readerPackage).naming(naming).build();
    }

    static Stream<Arguments> databasesAndNamings() {
        return Stream.of(DatabaseKind.POSTGRES, DatabaseKind.H2)
                .flatMap(kind -> Stream.of(Naming.values()).map(naming -> Arguments.of(kind, naming)));
    }

    @ParameterizedTest(name = "{0}, {1} naming")
    @MethodSource("databasesAndNamings")
    void theComparisonCreatesEverythingFromAnEmptyDatabaseAndItsInverseRemovesIt(DatabaseKind kind, Naming naming)
            throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        Dialect dialect = dialect(kind);
        DatabaseSchema empty = retort.inspect(IntrospectionFilter.excluding());
        HibernateModel model = FIRST_RELEASE.get(naming);

        SchemaDiff diff = retort.compare(model, Renames.none(), IntrospectionFilter.excluding());

        String joinTable = naming == Naming.SPRING_BOOT ? "publication_tags" : "publication_Tag";
        assertThat(diff.differences()).extracting(Difference::describe).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("author_seq", "loan_seq", "publication_ids", "reader_seq")
                                .map(s -> "missing sequence " + fold(kind, s)),
                        Stream.of("author", "loan", "organisation", "party", "person", "publication", joinTable,
                                "reader", "tag").map(t -> "missing table " + fold(kind, t))).toList());
        assertThat(diff.warnings()).isEmpty();

        apply(db, dialect, diff.upgrade());
        assertThat(retort.compare(model, Renames.none(), IntrospectionFilter.excluding()).differences())
                .extracting(Difference::describe).isEmpty();

        apply(db, dialect, diff.downgrade());
        assertThat(retort.inspect(IntrospectionFilter.excluding())).isEqualTo(empty);
    }

    @ParameterizedTest(name = "{0}, {1} naming")
    @MethodSource("databasesAndNamings")
    void aDatabaseHibernateCreatedShowsNoDifference(DatabaseKind kind, Naming naming) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        HibernateModel model = FIRST_RELEASE.get(naming);
        createWithHibernatesDdl(db, model);

        SchemaDiff diff = retort.compare(model, Renames.none(), IntrospectionFilter.excluding());

        assertThat(diff.differences()).extracting(Difference::describe).isEmpty();
    }

    @ParameterizedTest(name = "{0}, {1} naming")
    @MethodSource("databasesAndNamings")
    void oneEntitysChangeGivesExactlyItsOperationsBothWays(DatabaseKind kind, Naming naming) throws Exception {
        FreshDatabase db = TestDatabases.fresh(kind);
        Retort retort = retort(db);
        Dialect dialect = dialect(kind);
        createWithHibernatesDdl(db, FIRST_RELEASE.get(naming));
        HibernateModel changed = SECOND_RELEASE.get(naming);

        SchemaDiff diff = retort.compare(changed, Renames.none(), IntrospectionFilter.excluding());

        String reader = fold(kind, "reader");
        assertThat(diff.upgrade()).extracting(Operation::describe).containsExactly(
                "alter column " + reader + "." + fold(kind, "email") + " (type)",
                "add column " + reader + "." + fold(kind, "phone"),
                "drop column " + reader + "." + fold(kind, "nickname"),
                "create index " + fold(kind, "ix_reader_name") + " on " + reader);
        assertThat(((AlterColumn) diff.upgrade().get(0)).type()).contains(new ColumnType.VarcharType(320));
        assertThat(((AddColumn) diff.upgrade().get(1)).column())
                .isEqualTo(Column.of(fold(kind, "phone"), new ColumnType.VarcharType(30)));
        assertThat(((CreateIndex) diff.upgrade().get(3)).index().elements())
                .containsExactly(IndexElement.column(fold(kind, "name")));
        assertThat(diff.warnings()).singleElement().asString()
                .startsWith("drops column " + reader + "." + fold(kind, "nickname") + " and its data");

        apply(db, dialect, diff.upgrade());
        assertThat(retort.compare(changed, Renames.none(), IntrospectionFilter.excluding()).differences()).isEmpty();

        apply(db, dialect, diff.downgrade());
        assertThat(retort.compare(FIRST_RELEASE.get(naming), Renames.none(), IntrospectionFilter.excluding())
                .differences()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------

    /** A project without revisions: the database is at its (empty) heads, so it may be compared. */
    private Retort retort(FreshDatabase db) throws IOException {
        Files.createDirectories(project.resolve("versions"));
        return Retort.configure().url(db.jdbcUrl(), db.user(), db.password()).scriptLocation(project)
                .baseDirectory(project).load();
    }

    private static Dialect dialect(DatabaseKind kind) {
        return Dialects.forName(kind == DatabaseKind.H2 ? "h2" : "postgresql");
    }

    /** As Hibernate's {@code hbm2ddl.auto=create} would: its own statements, on the database itself. */
    private static void createWithHibernatesDdl(FreshDatabase db, HibernateModel model) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : model.createStatements(TargetDatabase.of(c.getMetaData()))) {
                s.execute(sql);
            }
        }
    }

    private static void apply(FreshDatabase db, Dialect dialect, List<Operation> operations) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Operation operation : operations) {
                for (RenderedStatement sql : dialect.render(operation, RenderContext.OFFLINE)) {
                    s.execute(sql.sql());
                }
            }
        }
    }

    /** How the database stores an unquoted name. */
    private static String fold(DatabaseKind kind, String name) {
        return kind == DatabaseKind.H2 ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }
}
