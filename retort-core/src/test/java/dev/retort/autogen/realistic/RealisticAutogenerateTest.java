package dev.retort.autogen.realistic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.autogen.DdlFileModel;
import dev.retort.autogen.DeclaredSchema;
import dev.retort.autogen.Difference;
import dev.retort.autogen.ModelSource;
import dev.retort.autogen.Renames;
import dev.retort.autogen.SchemaDiff;
import dev.retort.dialect.Dialect;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.CreateTable;
import dev.retort.ops.Operation;
import dev.retort.schema.Column;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import dev.retort.testkit.DatabaseKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4's round trips, on each database's {@link RealisticSchema}, the way a user runs them: the
 * model is a DDL file, {@code Retort.compare} gives the diff, the diff is written as a SQL revision
 * as {@code revision --autogenerate} writes it, and the runner upgrades and downgrades. What is shown:
 * <ol>
 *   <li>from an empty database, the model's operations make a database that compares clean with the
 *       model, read again from its file (what {@code check} and a second {@code revision
 *       --autogenerate} see), and with itself as introspection read it, declared as a model (what
 *       {@code inspect --format java} prints); the downgrade gives back the empty database;</li>
 *   <li>one change of each kind gives exactly its operations; applied, the database compares clean
 *       with the changed model (as the comparison read it: a second autogenerate); and the
 *       downgrade gives back exactly what introspection read before the change.</li>
 * </ol>
 * The changes of a database share one database at the realistic schema, made by the first test's
 * revision: each change takes itself back. A change the database cannot take back exactly (an enum
 * value PostgreSQL cannot remove) leaves a new one to be made for the next; one whose downgrade adds a
 * column again last leaves the same schema in another column order, which becomes the one to compare
 * with.
 *
 * <p>Each database's steps run in order on a thread of their own, the databases side by side (most of
 * a step is the server's work); a test waits for its step and fails as it did. A fixture's statement
 * the database refuses fails the comparison with the file's line and the database's message
 * ({@link DdlFileModel}), as every model statement runs in the scratch database.
 * {@code -Drealistic.only=MARIADB} runs one database's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealisticAutogenerateTest {

    /** One for the class: the shared databases' projects outlive a test method. */
    @TempDir
    static Path directory;

    /** Each database's steps, started together by the first test. */
    private final Map<DatabaseKind, Steps> steps = new EnumMap<>(DatabaseKind.class);

    static Stream<RealisticSchema> schemas() {
        return RealisticSchema.all().stream();
    }

    static Stream<Arguments> changes() {
        return RealisticSchema.all().stream().flatMap(s -> s.changes().stream().map(c -> Arguments.of(s, c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void theModelMadeFromNothingComparesCleanAndItsDowngradeGivesBackTheEmptyDatabase(RealisticSchema schema) {
        await(steps(schema).fromNothing);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("changes")
    void oneChangeGivesExactlyItsOperationsWhichCompareCleanAndWhoseDowngradeGivesBackTheSchema(
            RealisticSchema schema, SchemaChange change) {
        await(steps(schema).changes.get(change.description()));
    }

    @AfterAll
    void stop() {
        steps.values().forEach(s -> s.thread.shutdownNow());
    }

    /** The database's steps, all databases' started on the first call. */
    private synchronized Steps steps(RealisticSchema schema) {
        if (steps.isEmpty()) {
            RealisticSchema.all().forEach(s -> steps.put(s.kind(), new Steps(s)));
        }
        return steps.get(schema.kind());
    }

    private static void await(Future<?> step) {
        try {
            step.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the step", e);
        }
    }

    /** One database's steps, in order, on a thread of its own, and the state they share. */
    private static final class Steps {
        private final RealisticSchema schema;
        private final ExecutorService thread;
        private final Future<?> fromNothing;
        private final Map<String, Future<?>> changes = new LinkedHashMap<>();
        /** The database at the realistic schema, shared by the changes. */
        private Base base;
        private int projects;

        Steps(RealisticSchema schema) {
            this.schema = schema;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "realistic-" + schema.kind().name().toLowerCase());
                t.setDaemon(true);
                return t;
            });
            fromNothing = thread.submit(this::fromNothing);
            for (SchemaChange change : schema.changes()) {
                if (changes.put(change.description(), thread.submit(() -> change(change))) != null) {
                    throw new IllegalStateException(schema + " has two changes named " + change);
                }
            }
        }

        private void fromNothing() {
            AutogenerateProject project = project();
            schema.checkServer(project);
            IntrospectionFilter filter = schema.filter();
            DatabaseSchema before = project.inspect(filter);
            DdlFileModel model = project.model(schema.ddl());

            SchemaDiff diff = project.retort().compare(model, Renames.none(), filter);

            assertThat(diff.warnings()).isEmpty();
            assertThat(diff.upgrade().stream().filter(CreateTable.class::isInstance))
                    .hasSizeGreaterThanOrEqualTo(30);
            project.upgrade(diff);
            assertThat(described(project.retort().compare(model, Renames.none(), filter).differences()))
                    .as("the database after the autogenerated revision, against the model").isEmpty();
            DatabaseSchema made = project.inspect(filter);
            assertThat(made.tables()).hasSizeGreaterThanOrEqualTo(30);
            assertThat(described(project.retort().compare(new DeclaredSchema(made, "inspected"), Renames.none(),
                    filter).differences())).as("the database against itself as read, declared as a model").isEmpty();

            project.downgrade();
            assertThat(project.inspect(filter)).isEqualTo(before);

            // the changes start from this revision's schema
            project.upgradeAgain();
            base = new Base(project, new ReadOnce(model), project.inspect(filter));
        }

        private void change(SchemaChange change) {
            Base base = base();
            AutogenerateProject project = base.project;
            IntrospectionFilter filter = schema.filter(change);
            ReadOnce changed = new ReadOnce(project.model(change.apply(schema.ddl())));

            SchemaDiff diff = project.retort().compare(changed, change.renames(), filter);

            assertThat(described(diff.upgrade())).as("the operations")
                    .containsExactlyElementsOf(change.operations());
            assertThat(diff.warnings()).as("the warnings").hasSameSizeAs(change.warnings());
            for (int i = 0; i < change.warnings().size(); i++) {
                assertThat(diff.warnings().get(i)).startsWith(change.warnings().get(i));
            }
            if (diff.upgrade().isEmpty()) {
                return;
            }
            base.intact = false;
            project.upgrade(diff);
            String revision = project.lastRevision();
            assertThat(described(project.retort().compare(changed, change.renames(), filter).differences()))
                    .as("after the revision %s", revision).isEmpty();
            project.downgrade();
            if (!change.restoresExactly()) {
                // what the downgrade could not undo is all that differs from the model before
                assertThat(described(project.retort().compare(base.model, Renames.none(), filter).upgrade()))
                        .as("after the downgrade of %s", revision).isEmpty();
                return;
            }
            DatabaseSchema after = project.inspect(filter);
            if (change.keepsColumnOrder()) {
                assertSame(after, base.snapshot, revision);
            } else {
                assertSame(inColumnNameOrder(after), inColumnNameOrder(base.snapshot), revision);
                base.snapshot = after;
            }
            base.intact = true;
        }

        private AutogenerateProject project() {
            return new AutogenerateProject(schema.kind(), schema.dialect(),
                    directory.resolve(schema.kind().name().toLowerCase() + "-" + ++projects));
        }

        /**
         * The shared database at the realistic schema: the first step's, or a new one when that step
         * failed or the last change could not give it back.
         */
        private Base base() {
            if (base == null || !base.intact) {
                AutogenerateProject project = project();
                ReadOnce model = new ReadOnce(project.model(schema.ddl()));
                project.upgrade(project.retort().compare(model, Renames.none(), schema.filter()));
                base = new Base(project, model, project.inspect(schema.filter()));
            }
            return base;
        }
    }

    private static final class Base {
        private final AutogenerateProject project;
        private final ModelSource model;
        private DatabaseSchema snapshot;
        private boolean intact = true;

        Base(AutogenerateProject project, ModelSource model, DatabaseSchema snapshot) {
            this.project = project;
            this.model = model;
            this.snapshot = snapshot;
        }
    }

    // ------------------------------------------------------------------------------------------

    /**
     * A model read once, by the first comparison, and then as it was: the second comparison with the
     * same model (after the upgrade) is what a second {@code revision --autogenerate} compares with,
     * without applying the model's DDL in a scratch database again. The comparison from nothing reads
     * its model anew.
     */
    private static final class ReadOnce implements ModelSource {
        private final ModelSource model;
        private DatabaseSchema read;

        ReadOnce(ModelSource model) {
            this.model = model;
        }

        @Override
        public DatabaseSchema read(Dialect dialect, Connection target, IntrospectionFilter filter)
                throws SQLException {
            if (read == null) {
                read = model.read(dialect, target, filter);
            }
            return read;
        }

        @Override
        public String describe() {
            return model.describe();
        }
    }

    /** Introspection equal, and if not, the tables (or else the other objects) that differ, both ways. */
    private static void assertSame(DatabaseSchema after, DatabaseSchema before, String revision) {
        if (after.equals(before)) {
            return;
        }
        List<String> differing = new ArrayList<>();
        after.tables().stream().filter(t -> !before.tables().contains(t))
                .forEach(t -> differing.add("after:  " + t));
        before.tables().stream().filter(t -> !after.tables().contains(t))
                .forEach(t -> differing.add("before: " + t));
        assertThat(differing).as("tables that differ after the downgrade of %s", revision).isEmpty();
        assertThat(after).as("after the downgrade of %s", revision).isEqualTo(before);
    }

    /** The schema with each table's columns in name order: where a column is, not what it is, left out. */
    private static DatabaseSchema inColumnNameOrder(DatabaseSchema schema) {
        return new DatabaseSchema(schema.schemas(), schema.tables().stream().map(t -> new Table(t.name(),
                t.columns().stream().sorted(Comparator.comparing(Column::name)).toList(), t.primaryKey(), t.uniques(),
                t.checks(), t.foreignKeys(), t.indexes(), t.comment(), t.storageParameters(), t.mysqlOptions()))
                .toList(), schema.views(), schema.enums(), schema.sequences(), schema.extensions());
    }

    /** Each operation's or difference's line; a batch's with its changes: {@code batch alter table t: a; b}. */
    static List<String> described(List<?> items) {
        return items.stream().map(item -> {
            if (item instanceof BatchAlterTable batch) {
                return "batch alter table " + batch.table() + ": " + batch.operations().stream()
                        .map(Operation::describe).collect(Collectors.joining("; "));
            }
            return item instanceof Operation operation ? operation.describe() : ((Difference) item).describe();
        }).toList();
    }
}
