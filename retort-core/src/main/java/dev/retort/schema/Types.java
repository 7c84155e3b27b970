package dev.retort.schema;

/** Factories for {@link ColumnType}s, meant for static import. */
public final class Types {
    private Types() {
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

    public static ColumnType varchar(int length) {
        return new ColumnType.VarcharType(length);
    }

    public static ColumnType text() {
        return new ColumnType.TextType();
    }

    public static ColumnType bool() {
        return new ColumnType.BooleanType();
    }

    public static ColumnType timestamp() {
        return new ColumnType.TimestampType(false);
    }

    public static ColumnType timestampTz() {
        return new ColumnType.TimestampType(true);
    }
}
