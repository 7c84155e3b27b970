package dev.retort.autogen;

import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.namedPrimaryKey;
import static dev.retort.schema.Tables.storage;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.mysql.MySqlDialect;
import dev.retort.ops.AddColumn;
import dev.retort.ops.AddConstraint;
import dev.retort.ops.AddEnumValue;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.CreateIndex;
import dev.retort.ops.CreateTable;
import dev.retort.ops.DropColumn;
import dev.retort.ops.DropConstraint;
import dev.retort.ops.DropIndex;
import dev.retort.ops.DropTable;
import dev.retort.ops.Operation;
import dev.retort.ops.RenameTable;
import dev.retort.ops.ResetStorageParameters;
import dev.retort.ops.SetStorageParameters;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumDefinition;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.ReferentialAction;
import dev.retort.schema.Table;
import dev.retort.schema.TableElement;
import dev.retort.schema.UniqueConstraint;
import dev.retort.schema.View;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaComparatorTest {

    private static Table table(String name, TableElement... elements) {
        return Table.of(QualifiedName.of(name), elements);
    }

    private static DatabaseSchema tables(Table... tables) {
        return DatabaseSchema.ofTables(List.of(tables));
    }

    private static final Table USERS = table("users", column("id", bigint()).primaryKey(),
            column("email", varchar(200)).notNull(), unique("uq_users_email", "email"));
    private static final Table BOOKS = table("books", column("id", bigint()).primaryKey(),
            column("owner_id", bigint()), column("title", text()).notNull(),
            foreignKey("fk_books_owner", "owner_id").references("users", "id").onDelete(ReferentialAction.CASCADE),
            index("ix_books_title", "title"));

    private static SchemaDiff compare(DatabaseSchema database, DatabaseSchema model) {
        return SchemaComparator.compare(database, model, Renames.none());
    }

    private static List<String> described(List<Operation> operations) {
        return operations.stream().map(Operation::describe).toList();
    }

    @Test
    void anUnchangedSchemaHasNoDifference() {
        SchemaDiff diff = compare(tables(USERS, BOOKS), tables(USERS, BOOKS));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.upgrade()).isEmpty();
        assertThat(diff.warnings()).isEmpty();
    }

    @Test
    void newTablesAreCreatedReferencedFirstAndDroppedReferencingFirst() {
        SchemaDiff diff = compare(DatabaseSchema.empty(), tables(BOOKS, USERS));

        assertThat(described(diff.upgrade())).containsExactly("create table users", "create table books");
        assertThat(described(diff.downgrade())).containsExactly("drop table books", "drop table users");
        assertThat(diff.differences()).extracting(Difference::describe)
                .containsExactly("missing table books", "missing table users");

        SchemaDiff back = compare(tables(USERS, BOOKS), DatabaseSchema.empty());
        assertThat(described(back.upgrade())).containsExactly("drop table books", "drop table users");
        assertThat(back.upgrade()).allMatch(op -> ((DropTable) op).definition().isPresent());
        assertThat(back.warnings()).containsExactly("drops table users and its data", "drops table books and its data");
    }

    @Test
    void aDroppedTableGoesBeforeTheNewOneThatMayTakeItsConstraintsNames() {
        // PostgreSQL keeps series_pkey when series is renamed: the model's new table has the old one's key name
        Table series = table("series", column("id", integer()), namedPrimaryKey("series_pkey", "id"));
        Table renamed = table("book_series", column("id", integer()), namedPrimaryKey("series_pkey", "id"));

        SchemaDiff diff = compare(tables(series), tables(renamed));

        assertThat(described(diff.upgrade())).containsExactly("drop table series", "create table book_series");
        assertThat(described(diff.downgrade())).containsExactly("drop table book_series", "create table series");
    }

    @Test
    void aForeignKeyCycleAmongNewTablesIsClosedAfterBothExist() {
        Table a = table("a", column("id", integer()).primaryKey(), column("b_id", integer()),
                foreignKey("fk_a_b", "b_id").references("b", "id"));
        Table b = table("b", column("id", integer()).primaryKey(), column("a_id", integer()),
                foreignKey("fk_b_a", "a_id").references("a", "id"));

        SchemaDiff diff = compare(DatabaseSchema.empty(), tables(a, b));

        assertThat(described(diff.upgrade())).containsExactly("create table b", "create table a",
                "add foreign key fk_b_a on b");
        assertThat(((CreateTable) diff.upgrade().get(0)).table().foreignKeys()).isEmpty();
        assertThat(((CreateTable) diff.upgrade().get(1)).table().foreignKeys()).hasSize(1);
    }

    @Test
    void columnChangesBecomeOneAlterCarryingTheOldColumnSoTheDowngradeRestoresIt() {
        Table before = table("t", column("id", integer()).primaryKey(), column("name", varchar(50)),
                column("gone", integer()));
        Table after = table("t", column("id", integer()).primaryKey(),
                column("name", varchar(100)).notNull().serverDefault("x").comment("the name"),
                column("added", text()));

        SchemaDiff diff = compare(tables(before), tables(after));

        assertThat(diff.differences()).extracting(Difference::describe).containsExactly(
                "changed column t.name (type, nullable, default, comment)", "missing column t.added",
                "unexpected column t.gone");
        assertThat(diff.upgrade()).hasExactlyElementsOfTypes(AlterColumn.class, AddColumn.class, DropColumn.class);
        AlterColumn alter = (AlterColumn) diff.upgrade().get(0);
        assertThat(alter.existing()).contains(before.column("name").orElseThrow());
        AlterColumn back = (AlterColumn) diff.downgrade().get(2);
        assertThat(back.applyTo(after.column("name").orElseThrow())).isEqualTo(before.column("name").orElseThrow());
        assertThat(diff.warnings()).containsExactly("drops column t.gone and its data");
    }

    @Test
    void aDroppedColumnNextToAnAddedOneOfTheSameTypeSuggestsTheRenameFlag() {
        Table before = table("t", column("id", integer()).primaryKey(), column("title", text()));
        Table after = table("t", column("id", integer()).primaryKey(), column("name", text()));

        assertThat(compare(tables(before), tables(after)).warnings()).containsExactly("drops column t.title and its"
                + " data; if it was renamed to name, say so with --rename-column t.title=name (or @RenamedFrom) and"
                + " run again");

        SchemaDiff renamed = SchemaComparator.compare(tables(before), tables(after),
                Renames.none().column(QualifiedName.of("t"), "title", "name"));
        assertThat(described(renamed.upgrade())).containsExactly("alter column t.title (rename to name)");
        assertThat(renamed.warnings()).isEmpty();
    }

    @Test
    void aRenamedTableIsRenamedNotDroppedAndItsOtherChangesFollow() {
        Table after = table("people", column("id", bigint()).primaryKey(), column("email", varchar(200)).notNull(),
                column("name", text()), unique("uq_users_email", "email"));

        SchemaDiff plain = compare(tables(USERS), tables(after));
        assertThat(plain.warnings()).anyMatch(w -> w.contains("--rename-table users=people"));

        SchemaDiff diff = SchemaComparator.compare(tables(USERS), tables(after),
                Renames.none().table(QualifiedName.of("users"), "people"));

        assertThat(diff.upgrade()).hasExactlyElementsOfTypes(RenameTable.class, AddColumn.class);
        assertThat(described(diff.downgrade())).containsExactly("drop column people.name",
                "rename table people to users");
    }

    @Test
    void aForeignKeyToARenamedTableFollowsItAndRenamesRunFirst() {
        Table people = table("people", column("id", bigint()).primaryKey(), column("email", varchar(200)).notNull(),
                unique("uq_users_email", "email"));
        Table books = table("books", column("id", bigint()).primaryKey(), column("owner_id", bigint()),
                column("title", text()).notNull(),
                foreignKey("fk_books_owner", "owner_id").references("people", "id").onDelete(ReferentialAction.CASCADE),
                index("ix_books_title", "title"));
        Renames renamed = Renames.none().table(QualifiedName.of("users"), "people");

        SchemaDiff diff = SchemaComparator.compare(tables(USERS, BOOKS), tables(people, books), renamed);
        assertThat(described(diff.upgrade())).containsExactly("rename table users to people");

        // a key that changed too is dropped and added under the new name, which it has once renamed
        Table changed = table("books", column("id", bigint()).primaryKey(), column("owner_id", bigint()),
                column("title", text()).notNull(), foreignKey("fk_books_owner", "owner_id").references("people", "id"),
                index("ix_books_title", "title"));
        SchemaDiff both = SchemaComparator.compare(tables(USERS, BOOKS), tables(people, changed), renamed);
        assertThat(described(both.upgrade())).containsExactly("rename table users to people",
                "drop foreign key fk_books_owner on books", "add foreign key fk_books_owner on books");
        assertThat(((DropConstraint) both.upgrade().get(1)).existing()).hasValueSatisfying(
                k -> assertThat(((dev.retort.schema.ForeignKey) k).referencedTable()).isEqualTo(
                        QualifiedName.of("people")));
    }

    @Test
    void indexesKeysAndForeignKeysOnARenamedColumnAreNoChange() {
        Table before = table("users", column("id", bigint()).primaryKey(), column("mail", varchar(200)).notNull(),
                unique("uq_users_mail", "mail"), index("ix_users_mail", "mail"));
        Table referencing = table("letters", column("id", bigint()).primaryKey(), column("to_mail", varchar(200)),
                foreignKey("fk_letters_to", "to_mail").references("users", "mail"));
        Table after = table("users", column("id", bigint()).primaryKey(), column("email", varchar(200)).notNull(),
                unique("uq_users_mail", "email"), index("ix_users_mail", "email"));
        Table referencingAfter = table("letters", column("id", bigint()).primaryKey(),
                column("to_mail", varchar(200)), foreignKey("fk_letters_to", "to_mail").references("users", "email"));

        SchemaDiff diff = SchemaComparator.compare(tables(before, referencing), tables(after, referencingAfter),
                Renames.none().column(QualifiedName.of("users"), "mail", "email"));

        assertThat(described(diff.upgrade())).containsExactly("alter column users.mail (rename to email)");
    }

    @Test
    void constraintsAndIndexesAreDroppedBeforeAndCreatedAfterColumnChanges() {
        Table before = table("t", column("id", integer()).primaryKey(), column("a", integer()),
                check("ck_t_a", "a > 0"), index("ix_t_a", "a"));
        Table after = table("t", column("id", integer()).primaryKey(), column("a", bigint()),
                check("ck_t_a", "a > 1"), index("ix_t_a", "a").unique());

        SchemaDiff diff = compare(tables(before), tables(after));

        assertThat(diff.upgrade()).hasExactlyElementsOfTypes(DropConstraint.class, DropIndex.class, AlterColumn.class,
                AddConstraint.class, CreateIndex.class);
        assertThat(diff.downgrade()).hasExactlyElementsOfTypes(DropIndex.class, DropConstraint.class,
                AlterColumn.class, CreateIndex.class, AddConstraint.class);
    }

    @Test
    void aGeneratedColumnWithANewExpressionIsDroppedThenAddedAndWhatIsOnItIsMadeAgain() {
        Table before = table("t", column("id", integer()).primaryKey(), column("title", text()),
                column("key", text()).generatedAs("lower(title)"), check("ck_t_key", "length(key) < 100"),
                index("ix_t_key", "key"), index("ix_t_title", "title"));
        Table after = table("t", column("id", integer()).primaryKey(), column("title", text()),
                column("key", text()).generatedAs("upper(title)"), check("ck_t_key", "length(key) < 100"),
                index("ix_t_key", "key"), index("ix_t_title", "title"));

        SchemaDiff diff = compare(tables(before), tables(after));

        assertThat(described(diff.upgrade())).containsExactly("drop check constraint ck_t_key on t",
                "drop index ix_t_key on t", "drop column t.key", "add column t.key",
                "add check constraint ck_t_key on t", "create index ix_t_key on t");
        assertThat(described(diff.downgrade())).containsExactly("drop index ix_t_key on t",
                "drop check constraint ck_t_key on t", "drop column t.key", "add column t.key",
                "create index ix_t_key on t", "add check constraint ck_t_key on t");
    }

    @Test
    void unnamedChecksAreMatchedByTheirCondition() {
        Table before = table("t", column("a", integer()), new dev.retort.schema.CheckConstraint(
                java.util.Optional.empty(), "a > 0"));

        assertThat(compare(tables(before), tables(before)).isEmpty()).isTrue();
    }

    @Test
    void anUnnamedConstraintOfTheModelIsTheOneOfTheSameDefinitionInTheDatabaseWhateverItsName() {
        // what autogenerate added for an unnamed constraint of the model carries the name it gave it
        Table database = table("t", column("a", integer()), column("b", integer()), check("ck_t", "a > 0"),
                unique("uq_t_b", "b"), foreignKey("fk_t_a", "a").references("t", "b"));
        Table model = table("t", column("a", integer()), column("b", integer()),
                new CheckConstraint(Optional.empty(), "a > 0"),
                new UniqueConstraint(Optional.empty(), List.of("b"), Optional.empty()),
                ForeignKey.from(Optional.empty(), List.of("a")).references("t", "b"));

        assertThat(compare(tables(database), tables(model)).differences()).isEmpty();

        // but a constraint the model names is the one of that name
        Table renamed = table("t", column("a", integer()), column("b", integer()), check("ck_other", "a > 0"));
        assertThat(compare(tables(database), tables(renamed)).differences()).extracting(Difference::describe)
                .contains("missing check constraint ck_other on t", "unexpected check constraint ck_t on t");
    }

    @Test
    void unnamedConstraintsAddedToOneTableGetNamesOfTheirOwnThatTheTableDoesNotHave() {
        Table before = table("t", column("a", integer()), check("ck_t", "a < 100"));
        Table after = table("t", column("a", integer()), check("ck_t", "a < 100"),
                new CheckConstraint(Optional.empty(), "a > 0"), new CheckConstraint(Optional.empty(), "a <> 5"));

        assertThat(described(compare(tables(before), tables(after)).upgrade()))
                .containsExactly("add check constraint ck_t_2 on t", "add check constraint ck_t_3 on t");
    }

    @Test
    void aGeneratedColumnWhoseExpressionChangedIsDroppedBeforeItIsAddedAgain() {
        Table before = table("t", column("a", integer()), column("twice", integer()).generatedAs("a * 2"));
        Table after = table("t", column("a", integer()), column("twice", integer()).generatedAs("a + a"));

        SchemaDiff diff = compare(tables(before), tables(after));

        assertThat(described(diff.upgrade())).containsExactly("drop column t.twice", "add column t.twice");
        assertThat(described(diff.downgrade())).containsExactly("drop column t.twice", "add column t.twice");
    }

    @Test
    void foreignKeysOfKeptTablesToADroppedTableGoFirst() {
        Table booksWithoutFk = table("books", column("id", bigint()).primaryKey(), column("owner_id", bigint()),
                column("title", text()).notNull(), index("ix_books_title", "title"));

        SchemaDiff diff = compare(tables(USERS, BOOKS), tables(booksWithoutFk));

        assertThat(described(diff.upgrade())).containsExactly("drop foreign key fk_books_owner on books",
                "drop table users");
    }

    @Test
    void enumValuesAreAddedInPlaceAndRemovalsOnlyWarned() {
        QualifiedName mood = QualifiedName.of("mood");
        DatabaseSchema before = new DatabaseSchema(List.of(), List.of(), List.of(),
                List.of(new EnumDefinition(mood, List.of("sad", "ok"))), List.of(), List.of());
        DatabaseSchema after = new DatabaseSchema(List.of(), List.of(), List.of(),
                List.of(new EnumDefinition(mood, List.of("sad", "meh", "ok", "happy"))), List.of(), List.of());

        SchemaDiff diff = compare(before, after);

        assertThat(diff.upgrade()).containsExactly(
                new AddEnumValue(mood, "meh", java.util.Optional.empty(), java.util.Optional.of("sad"), true),
                new AddEnumValue(mood, "happy", java.util.Optional.empty(), java.util.Optional.of("ok"), true));
        assertThat(diff.downgrade()).isEmpty();
        assertThat(diff.downgradeWarnings()).hasSize(2);

        SchemaDiff removal = compare(after, before);
        assertThat(removal.upgrade()).isEmpty();
        assertThat(removal.warnings()).singleElement().asString().contains("cannot remove or reorder enum values");
        assertThat(removal.isEmpty()).isFalse();
    }

    @Test
    void storageParametersAreSetAndResetWithTheirValuesBeforeForTheDowngrade() {
        Table before = table("t", column("id", integer()).primaryKey(), storage("fillfactor", "70"),
                storage("autovacuum_enabled", "false"));
        Table after = table("t", column("id", integer()).primaryKey(), storage("fillfactor", "90"),
                storage("autovacuum_vacuum_scale_factor", "0.01"));

        SchemaDiff diff = compare(tables(before), tables(after));

        assertThat(diff.differences()).extracting(Difference::describe)
                .containsExactly("changed table t (storage parameters)");
        assertThat(diff.upgrade()).containsExactly(
                new SetStorageParameters(QualifiedName.of("t"), Map.of("fillfactor", "90",
                        "autovacuum_vacuum_scale_factor", "0.01"), Optional.of(before.storageParameters())),
                new ResetStorageParameters(QualifiedName.of("t"), List.of("autovacuum_enabled"),
                        Optional.of(before.storageParameters())));
        assertThat(described(diff.downgrade())).containsExactly("set storage parameters autovacuum_enabled of t",
                "batch alter table t (2 changes)");
        assertThat(compare(tables(after), tables(after)).isEmpty()).isTrue();
    }

    /**
     * MySQL's engine and collation, read only where they are not the defaults, whose names the
     * comparison does not know: a difference, warned about, and no operation.
     */
    @Test
    void mysqlTableOptionsThatDifferAreReportedAndWarnedAboutButNotChanged() {
        Table before = new Table(QualifiedName.of("t"), List.of(column("id", integer())), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), Optional.empty(), Map.of(), Map.of("ENGINE", "MyISAM"));
        Table after = new Table(QualifiedName.of("t"), List.of(column("id", integer())), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), Optional.empty(), Map.of(), Map.of("COLLATE",
                "latin1_bin"));

        SchemaDiff diff = compare(tables(before), tables(after));

        assertThat(diff.differences()).extracting(Difference::describe)
                .containsExactly("changed table t (table options)");
        assertThat(diff.upgrade()).isEmpty();
        assertThat(diff.warnings()).containsExactly("table t has the options ENGINE = MyISAM and the model COLLATE"
                + " = latin1_bin (an option left out is the default); this revision does not change them: do it by"
                + " hand, e.g. with op.setTableOptions");
    }

    /**
     * MySQL restates a column to change it, keeping what a raw old type carried beyond a portable new
     * one: the model's portable type is given raw, so that ON UPDATE goes as the model says.
     */
    @Test
    void onMysqlAPortableTypeForARawOneIsWrittenRawSoThatTheRestatedColumnKeepsNothingOfTheOld() {
        Column updated = column("updated", new ColumnType.RawType("datetime(6) ON UPDATE current_timestamp(6)"));
        Table before = table("t", column("id", integer()).primaryKey(), updated);
        Table after = table("t", column("id", integer()).primaryKey(), column("updated", timestamp()));

        SchemaDiff diff = SchemaComparator.compare(tables(before), tables(after), Renames.none(),
                new MySqlDialect(true));

        assertThat(diff.upgrade()).containsExactly(AlterColumn.of(QualifiedName.of("t"), "updated")
                .existing(updated).type(new ColumnType.RawType("DATETIME(6)")));
        assertThat(diff.downgrade()).containsExactly(AlterColumn.of(QualifiedName.of("t"), "updated")
                .existing(Column.of("updated", new ColumnType.RawType("DATETIME(6)")))
                .type(updated.type()));
    }

    @Test
    void aColumnOfANamedEnumTypeIsNotChangedByTheTypesNewValuesButAnInlineEnumsColumnIs() {
        QualifiedName mood = QualifiedName.of("mood");
        Table before = table("t", column("id", integer()).primaryKey(), column("mood", enumType("mood", "sad")));
        Table after = table("t", column("id", integer()).primaryKey(), column("mood", enumType("mood", "sad", "ok")));

        SchemaDiff named = compare(new DatabaseSchema(List.of(), List.of(before), List.of(),
                List.of(new EnumDefinition(mood, List.of("sad"))), List.of(), List.of()),
                new DatabaseSchema(List.of(), List.of(after), List.of(),
                        List.of(new EnumDefinition(mood, List.of("sad", "ok"))), List.of(), List.of()));
        assertThat(described(named.upgrade())).containsExactly("add value 'ok' to enum type mood");

        // H2's and MySQL's enums are the column's own list of values
        assertThat(described(compare(tables(before), tables(after)).upgrade()))
                .containsExactly("alter column t.mood (type)");
    }

    @Test
    void aChangedViewIsDroppedFirstAndCreatedLast() {
        View v1 = new View(QualifiedName.of("v"), "SELECT id FROM users");
        View v2 = new View(QualifiedName.of("v"), "SELECT id, email FROM users");
        DatabaseSchema before = new DatabaseSchema(List.of(), List.of(USERS), List.of(v1), List.of(), List.of(),
                List.of());
        Table users = table("users", column("id", bigint()).primaryKey(), column("email", varchar(300)).notNull(),
                unique("uq_users_email", "email"));
        DatabaseSchema after = new DatabaseSchema(List.of(), List.of(users), List.of(v2), List.of(), List.of(),
                List.of());

        assertThat(described(compare(before, after).upgrade())).containsExactly("drop view v",
                "alter column users.email (type)", "create view v");
    }
}
