package dev.retort.schema;

import java.util.List;
import java.util.OptionalInt;

/**
 * Column types and {@link #column}, meant for static import:
 *
 * <pre>{@code
 * import static dev.retort.schema.Types.*;
 *
 * column("id", uuid()).primaryKey().serverDefaultExpression("gen_random_uuid()")
 * column("price", numeric(10, 2)).notNull()
 * }</pre>
 *
 * Each dialect spells these its own way ({@link #doublePrecision()} is {@code DOUBLE} on MySQL) or
 * refuses one it does not have, before anything runs. {@link #raw} passes any other spelling through.
 */
public final class Types {
    private Types() {
    }

    /** A nullable column without default; refine it with {@link Column#notNull()} and friends. */
    public static Column column(String name, ColumnType type) {
        return Column.of(name, type);
    }

    public static ColumnType smallint() {
        return new ColumnType.IntegerType(2);
    }

    public static ColumnType integer() {
        return new ColumnType.IntegerType(4);
    }

    public static ColumnType bigint() {
        return new ColumnType.IntegerType(8);
    }

    public static ColumnType bool() {
        return new ColumnType.BooleanType();
    }

    public static ColumnType varchar(int length) {
        return new ColumnType.VarcharType(length);
    }

    /** {@code CHAR(n)}, blank-padded. */
    public static ColumnType character(int length) {
        return new ColumnType.CharType(length);
    }

    public static ColumnType text() {
        return new ColumnType.TextType();
    }

    /** {@code NUMERIC} without precision: the database's widest exact number. */
    public static ColumnType numeric() {
        return new ColumnType.NumericType(OptionalInt.empty(), OptionalInt.empty());
    }

    public static ColumnType numeric(int precision) {
        return new ColumnType.NumericType(OptionalInt.of(precision), OptionalInt.empty());
    }

    public static ColumnType numeric(int precision, int scale) {
        return new ColumnType.NumericType(OptionalInt.of(precision), OptionalInt.of(scale));
    }

    /** A 4-byte float. */
    public static ColumnType real() {
        return new ColumnType.FloatType(4);
    }

    /** An 8-byte float. */
    public static ColumnType doublePrecision() {
        return new ColumnType.FloatType(8);
    }

    public static ColumnType date() {
        return new ColumnType.DateType();
    }

    public static ColumnType time() {
        return new ColumnType.TimeType(false);
    }

    public static ColumnType timeTz() {
        return new ColumnType.TimeType(true);
    }

    /** A timestamp without time zone (a wall-clock reading). */
    public static ColumnType timestamp() {
        return new ColumnType.TimestampType(false);
    }

    /** A timestamp with time zone (an instant): PostgreSQL's {@code timestamptz}. */
    public static ColumnType timestampTz() {
        return new ColumnType.TimestampType(true);
    }

    public static ColumnType uuid() {
        return new ColumnType.UuidType();
    }

    public static ColumnType json() {
        return new ColumnType.JsonType(false);
    }

    /** PostgreSQL's {@code jsonb}; plain JSON on the other databases. */
    public static ColumnType jsonb() {
        return new ColumnType.JsonType(true);
    }

    /** Unbounded bytes ({@code bytea}, {@code BLOB}). */
    public static ColumnType binary() {
        return new ColumnType.BinaryType(OptionalInt.empty());
    }

    /** Bytes up to a length ({@code VARBINARY(n)}; {@code bytea} on PostgreSQL). */
    public static ColumnType binary(int length) {
        return new ColumnType.BinaryType(OptionalInt.of(length));
    }

    /** An enumeration; on PostgreSQL the type {@code name}, created with {@code op.createEnumType}. */
    public static ColumnType enumType(String name, String... values) {
        return new ColumnType.EnumType(name, List.of(values));
    }

    /** An enumeration whose PostgreSQL type lives in a schema ({@code QualifiedName.of("billing", "status")}). */
    public static ColumnType enumType(QualifiedName name, String... values) {
        return new ColumnType.EnumType(name.name(), List.of(values), name.schema());
    }

    public static ColumnType array(ColumnType element) {
        return new ColumnType.ArrayType(element);
    }

    /** pgvector's {@code vector(n)}. */
    public static ColumnType vector(int dimensions) {
        return new ColumnType.VectorType(dimensions);
    }

    /** Any type, written as given. */
    public static ColumnType raw(String sql) {
        return new ColumnType.RawType(sql);
    }
}
