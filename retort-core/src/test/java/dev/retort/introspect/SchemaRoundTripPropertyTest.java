package dev.retort.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.retort.autogen.SchemaPrinter;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.schema.Column;
import dev.retort.schema.ColumnType;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableElement;
import dev.retort.schema.Types;
import dev.retort.schema.UniqueConstraint;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Random schemas → DDL → a real database → introspection: what is read back is what was generated
 * (tables, columns with their types and nullability, primary keys, uniques, foreign keys, indexes; on
 * SQLite, enums).
 * Names are compared case-insensitively, since H2 stores unquoted names in upper case; on MySQL and
 * MariaDB the expected read is the schema as InnoDB keeps it (see {@code asInnoDbHasIt}).
 */
class SchemaRoundTripPropertyTest {

    private static final List<ColumnType> TYPES = List.of(Types.smallint(), Types.integer(), Types.bigint(),
            Types.bool(), Types.varchar(20), Types.varchar(255), Types.character(3), Types.text(),
            Types.numeric(10, 2), Types.real(), Types.doublePrecision(), Types.date(), Types.timestamp(),
            Types.timestampTz(), Types.uuid());

    /**
     * What SQLite reads back as the type it was written for: not a timestamp with time zone or a UUID,
     * which SQLite declares as {@code TIMESTAMP} and {@code TEXT} like the plainer types; but enums,
     * which come back from their checks (named after their column, as SQLite reads them).
     */
    private static final List<ColumnType> SQLITE_TYPES = List.of(Types.smallint(), Types.integer(), Types.bigint(),
            Types.bool(), Types.varchar(20), Types.varchar(255), Types.character(3), Types.text(),
            Types.numeric(10, 2), Types.numeric(), Types.real(), Types.doublePrecision(), Types.date(), Types.time(),
            Types.timestamp(), Types.binary(), Types.enumType("column", "a", "b", "it's"));

    @Test
    void postgresReadsBackWhatWasGenerated() {
        check(DatabaseKind.POSTGRES, "postgresql", 25);
    }

    /**
     * MySQL's: {@code text()}, JSON and BLOBs cannot be keys without a prefix length, and the
     * generator may index any column; {@code timestampTz()} and {@code uuid()} are DATETIME(6) and
     * CHAR(36) there, which read back as {@code timestamp()} and {@code character(36)}.
     */
    private static final List<ColumnType> MYSQL_TYPES = List.of(Types.smallint(), Types.integer(), Types.bigint(),
            Types.bool(), Types.varchar(20), Types.varchar(255), Types.character(3), Types.numeric(10, 2),
            Types.real(), Types.doublePrecision(), Types.date(), Types.timestamp(), Types.time(), Types.binary(16),
            Types.enumType("enum", "a", "b", "it's"));

    @Test
    void h2ReadsBackWhatWasGenerated() {
        check(DatabaseKind.H2, "h2", 40);
    }

    @Test
    void sqliteReadsBackWhatWasGenerated() {
        check(DatabaseKind.SQLITE, "sqlite", 60, SQLITE_TYPES, schema -> schema);
    }

    @Test
    void mariadbReadsBackWhatWasGenerated() {
        check(DatabaseKind.MARIADB, "mariadb", 25, MYSQL_TYPES, SchemaRoundTripPropertyTest::asInnoDbHasIt);
    }

    @Test
    void mariadbThroughMysqlConnectorReadsBackWhatWasGenerated() {
        check(DatabaseKind.MYSQL, "mariadb", 10, MYSQL_TYPES, SchemaRoundTripPropertyTest::asInnoDbHasIt);
    }

    private static void check(DatabaseKind kind, String dialectName, int examples) {
        check(kind, dialectName, examples, TYPES, schema -> schema);
    }

    /**
     * The schema as MySQL and MariaDB keep it: every primary key is named {@code PRIMARY}, and a
     * foreign key that no index serves gets one of its own, named as the key.
     */
    private static DatabaseSchema asInnoDbHasIt(DatabaseSchema schema) {
        List<Table> tables = new ArrayList<>();
        for (Table table : schema.tables()) {
            List<Index> indexes = new ArrayList<>(table.indexes());
            for (ForeignKey key : table.foreignKeys()) {
                String first = key.columns().get(0);
                boolean served = table.primaryKey().filter(k -> k.columns().get(0).equals(first)).isPresent()
                        || table.uniques().stream().anyMatch(u -> u.columns().get(0).equals(first))
                        || table.indexes().stream().anyMatch(i -> i.elements().get(0).text().equals(first));
                if (!served) {
                    indexes.add(Index.of(key.name().orElseThrow(), table.name(), key.columns().toArray(String[]::new)));
                }
            }
            tables.add(new Table(table.name(), table.columns(), table.primaryKey().map(k -> new PrimaryKey(
                    Optional.of("PRIMARY"), k.columns())), table.uniques(), table.checks(), table.foreignKeys(),
                    indexes, table.comment(), table.storageParameters(), table.mysqlOptions()));
        }
        return DatabaseSchema.ofTables(tables);
    }

    private static void check(DatabaseKind kind, String dialectName, int examples, List<ColumnType> types,
                              UnaryOperator<DatabaseSchema> asTheServerHasIt) {
        Dialect dialect = Dialects.forName(dialectName);
        qt().withExamples(examples).withShrinkCycles(20).forAll(schemas(types)).checkAssert(schema -> {
            FreshDatabase db = TestDatabases.fresh(kind);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String statement : SchemaPrinter.ddl(schema, dialect).split(";\n\n")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                DatabaseSchema read = dialect.introspector().read(c, IntrospectionFilter.excluding());
                assertThat(normalized(read)).isEqualTo(normalized(asTheServerHasIt.apply(schema)));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Tables with 1–6 columns; a primary key, maybe a unique, an index, a foreign key to an earlier table. */
    private static Gen<DatabaseSchema> schemas(List<ColumnType> types) {
        Gen<Integer> tableCount = SourceDSL.integers().between(1, 4);
        Gen<List<Integer>> seeds = SourceDSL.lists().of(SourceDSL.integers().between(0, Integer.MAX_VALUE))
                .ofSize(48);
        return tableCount.zip(seeds, (tables, drawn) -> schema(tables, drawn, types));
    }

    private static DatabaseSchema schema(int tables, List<Integer> seeds, List<ColumnType> types) {
        Choices random = new Choices(seeds);
        List<Table> result = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            String name = "t" + t;
            List<TableElement> elements = new ArrayList<>();
            elements.add(Column.of("id", Types.bigint()).notNull());
            elements.add(new PrimaryKey(Optional.of("pk_" + name), List.of("id")));
            int columns = 1 + next(random) % 5;
            for (int c = 0; c < columns; c++) {
                ColumnType type = types.get(next(random) % types.size());
                // SQLite's enums (a check) read back named for their column, which SQLITE_TYPES says by "column"
                if (type instanceof ColumnType.EnumType enumeration && enumeration.name().equals("column")) {
                    type = new ColumnType.EnumType("c" + c, enumeration.values());
                }
                Column column = Column.of("c" + c, type);
                elements.add(next(random) % 2 == 0 ? column.notNull() : column);
            }
            if (next(random) % 3 == 0) {
                elements.add(UniqueConstraint.of("uq_" + name + "_c0", "c0"));
            }
            if (next(random) % 2 == 0) {
                elements.add(Index.of("ix_" + name + "_c" + (columns - 1), QualifiedName.of(name),
                        "c" + (columns - 1)));
            }
            if (t > 0 && next(random) % 2 == 0) {
                elements.add(Column.of("ref", Types.bigint()));
                elements.add(ForeignKey.from(Optional.of("fk_" + name + "_ref"), List.of("ref"))
                        .references("t" + (next(random) % t), "id"));
            }
            result.add(Table.of(QualifiedName.of(name), elements));
        }
        return DatabaseSchema.ofTables(result);
    }

    private static int next(Choices random) {
        return random.next();
    }

    /** The drawn numbers, taken in turn (round again when a large schema needs more). */
    private static final class Choices {
        private final List<Integer> values;
        private int position;

        Choices(List<Integer> values) {
            this.values = values;
        }

        int next() {
            return values.get(position++ % values.size());
        }
    }

    /** What the round trip must keep: structure, names folded to lower case. */
    private static List<String> normalized(DatabaseSchema schema) {
        List<String> lines = new ArrayList<>();
        for (Table table : schema.tables()) {
            String name = lower(table.name().name());
            for (Column column : table.columns()) {
                lines.add(name + "." + lower(column.name()) + " " + column.type()
                        + (column.nullable() ? "" : " NOT NULL"));
            }
            table.primaryKey().ifPresent(k -> lines.add(name + " pk " + lower(k.name().orElse("")) + " "
                    + k.columns().stream().map(SchemaRoundTripPropertyTest::lower).toList()));
            table.uniques().forEach(u -> lines.add(name + " unique " + lower(u.name().orElse("")) + " "
                    + u.columns().stream().map(SchemaRoundTripPropertyTest::lower).toList()));
            table.foreignKeys().forEach(f -> lines.add(name + " fk " + lower(f.name().orElse("")) + " "
                    + f.columns().stream().map(SchemaRoundTripPropertyTest::lower).toList() + " -> "
                    + lower(f.referencedTable().name()) + f.referencedColumns().stream()
                    .map(SchemaRoundTripPropertyTest::lower).toList()));
            table.indexes().forEach(i -> lines.add(name + " index " + lower(i.name()) + " " + i.isUnique() + " "
                    + i.elements().stream().map(IndexElement::text).map(SchemaRoundTripPropertyTest::lower).toList()));
        }
        java.util.Collections.sort(lines);
        return lines;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
