package dev.retort.autogen;

import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.CreateTable;
import dev.retort.ops.Operation;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparator's operations shaped for a database that rebuilds tables to change them (SQLite). */
class TableRebuildsTest {

    private static final Dialect SQLITE = Dialects.forName("sqlite");
    private static final Dialect POSTGRES = Dialects.forName("postgresql");

    private static Table table(String name, TableElement... elements) {
        return Table.of(QualifiedName.of(name), elements);
    }

    private static DatabaseSchema tables(Table... tables) {
        return DatabaseSchema.ofTables(List.of(tables));
    }

    private static List<String> described(List<Operation> operations) {
        return operations.stream().map(Operation::describe).toList();
    }

    private static final Table BEFORE = table("t", column("id", integer()).primaryKey(), column("a", integer()),
            column("b", text()), index("ix_t_b", "b"));
    private static final Table AFTER = table("t", column("id", integer()).primaryKey(), column("a", bigint()),
            column("b", text()), column("c", text()), index("ix_t_b", "b"), index("ix_t_c", "c"));

    @Test
    void aTableSqliteCannotAlterInPlaceIsRebuiltOnceWithAllItsChangesCarryingTheTablesOnBothSides() {
        SchemaDiff plain = SchemaComparator.compare(tables(BEFORE), tables(AFTER), Renames.none(), POSTGRES);
        assertThat(described(plain.upgrade())).containsExactly("alter column t.a (type)", "add column t.c",
                "create index ix_t_c on t");

        SchemaDiff diff = SchemaComparator.compare(tables(BEFORE), tables(AFTER), Renames.none(), SQLITE);

        assertThat(diff.upgrade()).singleElement().isInstanceOf(BatchAlterTable.class);
        BatchAlterTable batch = (BatchAlterTable) diff.upgrade().get(0);
        assertThat(batch.operations()).isEqualTo(plain.upgrade());
        assertThat(batch.copyFrom()).contains(BEFORE);
        assertThat(diff.differences()).isEqualTo(plain.differences());

        BatchAlterTable back = (BatchAlterTable) diff.downgrade().get(0);
        assertThat(back.operations()).isEqualTo(plain.downgrade());
        // the table the first batch leaves, which the second one rebuilds
        assertThat(back.copyFrom()).contains(AFTER);
    }

    @Test
    void whatSqliteDoesInPlaceStaysInPlace() {
        Table before = table("t", column("id", integer()).primaryKey(), column("old", text()),
                index("ix_t_old", "old"));
        Table after = table("t", column("id", integer()).primaryKey(), column("c", text()), index("ix_t_c", "c"));

        SchemaDiff diff = SchemaComparator.compare(tables(before), tables(after), Renames.none(), SQLITE);

        // the column's index is dropped first, so SQLite's DROP COLUMN can drop the column
        assertThat(described(diff.upgrade())).containsExactly("drop index ix_t_old on t", "add column t.c",
                "drop column t.old", "create index ix_t_c on t");
    }

    /**
     * The dropped table goes first, since the new ones may take its index names (SQLite's are the
     * database's); the batch that points the foreign key elsewhere runs after it, which SQLite takes
     * with foreign keys off, as a migration with a rebuild runs, checking every key before it commits.
     */
    @Test
    void theBatchRunsAfterTheTablesTheDiffDropsAndCreates() {
        Table old = table("old", column("id", integer()).primaryKey());
        Table before = table("t", column("id", integer()).primaryKey(), column("ref", integer()),
                foreignKey("fk_t_ref", "ref").references("old", "id"));
        Table fresh = table("fresh", column("id", integer()).primaryKey());
        Table after = table("t", column("id", integer()).primaryKey(), column("ref", integer()),
                foreignKey("fk_t_ref", "ref").references("fresh", "id"));

        SchemaDiff diff = SchemaComparator.compare(tables(old, before), tables(after, fresh), Renames.none(), SQLITE);

        assertThat(described(diff.upgrade())).containsExactly("drop table old", "create table fresh",
                "batch alter table t (2 changes)");
        assertThat(described(diff.downgrade())).containsExactly("batch alter table t (2 changes)",
                "drop table fresh", "create table old");
    }

    @Test
    void aRenamedTableIsRebuiltUnderItsNewName() {
        Table after = table("u", column("id", integer()).primaryKey(), column("a", bigint()), column("b", text()),
                index("ix_t_b", "b"));

        SchemaDiff diff = SchemaComparator.compare(tables(BEFORE), tables(after),
                Renames.none().table(QualifiedName.of("t"), "u"), SQLITE);

        assertThat(described(diff.upgrade())).containsExactly("rename table t to u", "batch alter table u (1 change)");
        assertThat(((BatchAlterTable) diff.upgrade().get(1)).copyFrom())
                .contains(BEFORE.renamed(QualifiedName.of("u")));
    }

    @Test
    void aForeignKeyClosingACycleAmongNewTablesGoesIntoItsCreateTable() {
        Table a = table("a", column("id", integer()).primaryKey(), column("b_id", integer()),
                foreignKey("fk_a_b", "b_id").references("b", "id"));
        Table b = table("b", column("id", integer()).primaryKey(), column("a_id", integer()),
                foreignKey("fk_b_a", "a_id").references("a", "id"));

        SchemaDiff diff = SchemaComparator.compare(DatabaseSchema.empty(), tables(a, b), Renames.none(), SQLITE);

        // SQLite checks a reference when rows are written, not when the table is created
        assertThat(described(diff.upgrade())).containsExactly("create table b", "create table a");
        assertThat(((CreateTable) diff.upgrade().get(0)).table()).isEqualTo(b);
        assertThat(described(diff.downgrade())).containsExactly("drop table a", "drop table b");
    }
}
