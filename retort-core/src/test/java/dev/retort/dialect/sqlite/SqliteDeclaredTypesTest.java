package dev.retort.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.schema.ColumnType;
import dev.retort.schema.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declared types back as retort's types: what SQLite's spelling of a type reads as. */
class SqliteDeclaredTypesTest {

    @Test
    void whatTheDialectWritesReadsBackAsTheTypeItWasWrittenFor() {
        SqliteDialect dialect = new SqliteDialect();
        for (ColumnType type : List.of(Types.smallint(), Types.integer(), Types.bigint(), Types.bool(),
                Types.varchar(20), Types.character(3), Types.text(), Types.numeric(), Types.numeric(12),
                Types.numeric(10, 2), Types.real(), Types.doublePrecision(), Types.date(), Types.time(),
                Types.timestamp(), Types.binary())) {
            assertThat(SqliteDeclaredTypes.of(dialect.typeName(type))).as(type.toString()).isEqualTo(type);
        }
    }

    @Test
    void theSameWordsInAnotherCaseOrSpacingAreTheSameType() {
        assertThat(SqliteDeclaredTypes.of("varchar( 20 )")).isEqualTo(Types.varchar(20));
        assertThat(SqliteDeclaredTypes.of("numeric(10,2)")).isEqualTo(Types.numeric(10, 2));
        assertThat(SqliteDeclaredTypes.of("Double  Precision")).isEqualTo(Types.doublePrecision());
        assertThat(SqliteDeclaredTypes.of(" text ")).isEqualTo(Types.text());
    }

    @Test
    void synonymsAndTypesRetortDoesNotWriteKeepTheirSpelling() {
        // INT is not INTEGER to SQLite: only "INTEGER PRIMARY KEY" makes the rowid
        for (String declared : List.of("INT", "VARCHAR", "DOUBLE", "FLOAT", "DATETIME", "JSON", "UUID",
                "TEXT COLLATE NOCASE", "VARCHAR(0)", "NUMERIC(2, 5)", "CHAR(3, 1)", "VARCHAR(99999999999)",
                "UNSIGNED BIG INT")) {
            assertThat(SqliteDeclaredTypes.of(declared)).as(declared).isEqualTo(Types.raw(declared));
        }
    }
}
