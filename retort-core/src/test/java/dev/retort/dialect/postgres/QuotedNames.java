package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.PostgresCases.op;
import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.raw;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;

import dev.retort.ops.AlterColumn;
import dev.retort.ops.Operation;
import dev.retort.ops.SetStorageParameters;
import dev.retort.schema.QualifiedName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Operations on names that must be quoted: mixed case, spaces, reserved words, embedded quotes,
 * non-ASCII letters; and literals with quotes and backslashes. Everything but the enum type and
 * the sequence lives in the schema {@value #SCHEMA}.
 */
final class QuotedNames {

    static final String SCHEMA = "Bücher \"Archiv\"";
    static final String ACCOUNTS = "User Accounts";
    static final String PROGRESS = "Reading \"Progress\"";
    static final String STATUS = "Reading \"Status\"";

    static final List<String> TABLES = List.of(SCHEMA + ".Konten 'Ä'", SCHEMA + "." + PROGRESS);

    /** The names as PostgreSQL stores them, and the rows, after {@link #operations()}. */
    static final String CHECK_QUERY = "SELECT kind, name FROM ("
            + " SELECT 'column' AS kind, c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
            + "   || COALESCE(' -- ' || col_description(c.oid, a.attnum), '') AS name, a.attnum AS position"
            + "   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + "   JOIN pg_attribute a ON a.attrelid = c.oid"
            + "   WHERE n.nspname = 'Bücher \"Archiv\"' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped"
            + " UNION ALL SELECT 'table', c.relname || ' -- ' || COALESCE(obj_description(c.oid, 'pg_class'), '')"
            + "   || ' ' || COALESCE(array_to_string(c.reloptions, ','), ''), 0"
            + "   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE n.nspname = 'Bücher \"Archiv\"' AND c.relkind = 'r'"
            + " UNION ALL SELECT 'constraint', conname || ' ' || pg_get_constraintdef(k.oid), 0 FROM pg_constraint k"
            + "   JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = 'Bücher \"Archiv\"'"
            + " UNION ALL SELECT 'index', indexdef, 0 FROM pg_indexes WHERE schemaname = 'Bücher \"Archiv\"'"
            + " UNION ALL SELECT 'enum', string_agg(e.enumlabel, ' | ' ORDER BY e.enumsortorder), 0"
            + "   FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'Reading \"Status\"'"
            + " UNION ALL SELECT 'sequence', sequencename || ' ' || start_value, 0 FROM pg_sequences"
            + "   WHERE sequencename = 'Seq 1'"
            + " UNION ALL SELECT 'row', \"E-Mail\" || ' ' || \"order\", 0 FROM \"Bücher \"\"Archiv\"\"\".\"Konten 'Ä'\""
            + ") names ORDER BY kind, name, position";

    static final List<String> CHECK_ROWS = List.of(
            "column|Konten 'Ä'.E-Mail character varying(200)",
            "column|Konten 'Ä'.id uuid",
            "column|Konten 'Ä'.order integer",
            "column|Reading \"Progress\".ID bigint",
            "column|Reading \"Progress\".Status \"Reading \"\"Status\"\"\"",
            "column|Reading \"Progress\".Time Spent interval -- Zeit, \"grob\"",
            "column|Reading \"Progress\".User uuid",
            "column|Reading \"Progress\".position bigint -- Where 'we' are, C:\\",
            "column|Reading \"Progress\".Книга character varying(100)",
            "constraint|CK \"len\" CHECK ((char_length((\"E-Mail\")::text) > 3))",
            "constraint|CK order CHECK ((\"position\" >= 0))",
            "constraint|FK \"user\" FOREIGN KEY (\"User\") REFERENCES \"Bücher \"\"Archiv\"\"\".\"Konten 'Ä'\"(id)"
                    + " ON DELETE CASCADE",
            "constraint|Reading \"Progress\"_pkey PRIMARY KEY (\"ID\")",
            "constraint|UQ \"книга\" UNIQUE (\"User\", \"Книга\")",
            "constraint|User Accounts_pkey PRIMARY KEY (id)",
            "enum|it's | a\\b | Ünïcode | Ω",
            "index|CREATE INDEX \"Ix lower\" ON \"Bücher \"\"Archiv\"\"\".\"Konten 'Ä'\" USING btree"
                    + " (lower((\"E-Mail\")::text))",
            "index|CREATE INDEX \"Ix Ü\" ON \"Bücher \"\"Archiv\"\"\".\"Reading \"\"Progress\"\"\" USING btree"
                    + " (\"User\", \"position\" DESC)",
            "index|CREATE UNIQUE INDEX \"Reading \"\"Progress\"\"_pkey\" ON \"Bücher \"\"Archiv\"\"\".\"Reading"
                    + " \"\"Progress\"\"\" USING btree (\"ID\")",
            "index|CREATE UNIQUE INDEX \"UQ \"\"книга\"\"\" ON \"Bücher \"\"Archiv\"\"\".\"Reading \"\"Progress\"\"\""
                    + " USING btree (\"User\", \"Книга\")",
            "index|CREATE UNIQUE INDEX \"User Accounts_pkey\" ON \"Bücher \"\"Archiv\"\"\".\"Konten 'Ä'\" USING btree"
                    + " (id)",
            "row|o'hara@example.com 1",
            "row|x\\y@example.com 2",
            "sequence|Seq 1 7",
            "table|Konten 'Ä' -- it's \\ fine ",
            "table|Reading \"Progress\" -- Fortschritt \"Ü\" fillfactor=70");

    private QuotedNames() {
    }

    static List<Operation> operations() {
        QualifiedName progress = QualifiedName.of(SCHEMA, PROGRESS);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", UUID.fromString("6f1c1e9a-3f4b-4d8e-9a51-2f0d5c7b8e10"));
        first.put("E-Mail", "o'hara@example.com");
        first.put("order", 1);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", UUID.fromString("00000000-0000-4000-8000-000000000004"));
        second.put("E-Mail", "x\\y@example.com");
        second.put("order", 2);
        return List.of(
                op(o -> o.createSchema(SCHEMA)),
                op(o -> o.createEnumType(STATUS, "it's", "a\\b", "Ünïcode")),
                op(o -> o.createSequence("Seq 1", s -> s.startWith(7))),
                op(o -> o.inSchema(SCHEMA).createTable(ACCOUNTS,
                        column("id", uuid()).primaryKey(),
                        column("E-Mail", varchar(200)).notNull(),
                        column("order", integer()),
                        comment("it's \\ fine"))),
                op(o -> o.inSchema(SCHEMA).createTable(PROGRESS,
                        column("ID", bigint()).autoincrement().primaryKey(),
                        column("User", uuid()).notNull(),
                        column("книга", varchar(100)),
                        column("position", integer()).serverDefault(0).comment("Where 'we' are, C:\\"),
                        column("Status", enumType(STATUS, "it's", "a\\b", "Ünïcode")),
                        foreignKey("FK \"user\"", "User").references(ACCOUNTS, "id")
                                .onDelete(dev.retort.schema.ReferentialAction.CASCADE),
                        unique("UQ \"книга\"", "User", "книга"),
                        check("CK order", "\"position\" >= 0"),
                        index("Ix Ü").on(key("User"), key("position").desc()))),
                op(o -> o.inSchema(SCHEMA).addColumn(PROGRESS, column("Time Spent", raw("interval"))
                        .comment("Zeit, \"grob\""))),
                op(o -> o.inSchema(SCHEMA).alterColumn(PROGRESS, "книга", c -> c.rename("Книга"))),
                AlterColumn.of(progress, "position").type(bigint())
                        .existing(column("position", integer()).serverDefault(0).comment("Where 'we' are, C:\\")),
                op(o -> o.inSchema(SCHEMA).createIndex(ACCOUNTS, index("Ix lower")
                        .on(expression("lower(\"E-Mail\")")))),
                op(o -> o.inSchema(SCHEMA).createCheckConstraint("CK \"len\"", ACCOUNTS,
                        "char_length(\"E-Mail\") > 3")),
                op(o -> o.addEnumValue(STATUS, "Ω")),
                op(o -> o.inSchema(SCHEMA).bulkInsert(ACCOUNTS, List.of(first, second))),
                op(o -> o.inSchema(SCHEMA).createTableComment(PROGRESS, "Fortschritt \"Ü\"")),
                op(o -> o.inSchema(SCHEMA).renameTable(ACCOUNTS, "Konten 'Ä'")),
                new SetStorageParameters(progress, Map.of("fillfactor", "70"), Optional.of(Map.of())));
    }
}
