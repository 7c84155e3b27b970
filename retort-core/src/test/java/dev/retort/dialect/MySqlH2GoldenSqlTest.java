package dev.retort.dialect;

import static dev.retort.schema.ReferentialAction.CASCADE;
import static dev.retort.schema.ReferentialAction.SET_NULL;
import static dev.retort.schema.Tables.charset;
import static dev.retort.schema.Tables.check;
import static dev.retort.schema.Tables.comment;
import static dev.retort.schema.Tables.engine;
import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Tables.storage;
import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.array;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.binary;
import static dev.retort.schema.Types.bool;
import static dev.retort.schema.Types.character;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.date;
import static dev.retort.schema.Types.doublePrecision;
import static dev.retort.schema.Types.enumType;
import static dev.retort.schema.Types.integer;
import static dev.retort.schema.Types.json;
import static dev.retort.schema.Types.jsonb;
import static dev.retort.schema.Types.numeric;
import static dev.retort.schema.Types.raw;
import static dev.retort.schema.Types.real;
import static dev.retort.schema.Types.smallint;
import static dev.retort.schema.Types.text;
import static dev.retort.schema.Types.time;
import static dev.retort.schema.Types.timestamp;
import static dev.retort.schema.Types.timestampTz;
import static dev.retort.schema.Types.uuid;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.ops.AddConstraint;
import dev.retort.ops.BatchAlterTable;
import dev.retort.ops.ColumnPosition;
import dev.retort.ops.IndexOption;
import dev.retort.ops.Operation;
import dev.retort.ops.Operations;
import dev.retort.schema.ConstraintType;
import dev.retort.schema.Identity;
import dev.retort.schema.QualifiedName;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden SQL of every operation family on MySQL, MariaDB and H2, rendered offline: each row is an
 * operation and the statements it becomes on each database ({@code SAME}: MariaDB as MySQL;
 * {@code REFUSED}: refused, its message asserted in {@link MySqlH2RefusalTest}; {@code NOTHING}: no
 * statement at all). The same operations run on the real databases in {@link MySqlH2ExecutionTest}.
 */
class MySqlH2GoldenSqlTest {

    private static final String SAME = "(as MySQL)";
    private static final String REFUSED = "(refused)";
    private static final String NOTHING = "";

    /** One row of the table. */
    record Golden(String name, Operation operation, String mysql, String mariadb, String h2) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Golden golden(String name, Consumer<Operations> revision, String mysql, String mariadb, String h2) {
        return new Golden(name, RecordedOperations.one(revision), mysql, mariadb.equals(SAME) ? mysql : mariadb, h2);
    }

    static Stream<Arguments> renderings() {
        return goldens().stream().flatMap(g -> Stream.of(Arguments.of(g, "mysql", g.mysql()),
                Arguments.of(g, "mariadb", g.mariadb()), Arguments.of(g, "h2", g.h2())));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("renderings")
    void rendersTheGoldenSql(Golden golden, String dialectName, String expected) {
        Dialect dialect = Dialects.forName(dialectName);
        if (expected.equals(REFUSED)) {
            assertThatThrownBy(() -> dialect.render(golden.operation()))
                    .isInstanceOf(OperationNotSupportedException.class);
            return;
        }
        String sql = dialect.render(golden.operation()).stream().map(RenderedStatement::sql)
                .collect(Collectors.joining(";\n"));
        assertThat(sql).isEqualTo(expected);
    }

    /** MySQL's lexical rules decide which {@code ?} is a parameter: not in backquotes, escaped strings or comments. */
    @Test
    void offlineMySqlParametersAreInlinedWhereMySqlReadsThem() {
        Operation execute = RecordedOperations.one(op -> op.execute("UPDATE `odd?name` SET note = ? WHERE note ="
                + " 'it\\'s?' AND \"x?\" <> ? -- why?\n AND id = ? # or?\n /* and ? */", "back\\slash 'quoted'",
                "y", 7));

        assertThat(Dialects.forName("mysql").render(execute)).extracting(RenderedStatement::sql).containsExactly(
                "UPDATE `odd?name` SET note = 'back\\\\slash ''quoted''' WHERE note = 'it\\'s?' AND \"x?\" <> 'y'"
                        + " -- why?\n AND id = 7 # or?\n /* and ? */");
    }

    static List<Golden> goldens() {
        return List.of(
                golden("create table with everything", o -> o.createTable("users",
                        column("id", bigint()).autoincrement().primaryKey(),
                        column("email", varchar(255)).notNull().comment("login, it's unique"),
                        column("name", text()),
                        column("active", bool()).notNull().serverDefault(true),
                        column("created_at", timestampTz()).notNull().serverDefaultExpression("CURRENT_TIMESTAMP"),
                        column("score", numeric(10, 2)).serverDefault(BigDecimal.ZERO),
                        column("kind", enumType("user_kind", "reader", "writer")).serverDefault("reader"),
                        unique("uq_users_email", "email"),
                        check("ck_users_score", "score >= 0"),
                        index("ix_users_active_name", "active", "name"),
                        comment("people"), engine("InnoDB"), charset("utf8mb4")),
                        """
                        CREATE TABLE users (
                            id BIGINT NOT NULL AUTO_INCREMENT,
                            email VARCHAR(255) NOT NULL COMMENT 'login, it''s unique',
                            name LONGTEXT,
                            active BOOLEAN NOT NULL DEFAULT TRUE,
                            created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                            score DECIMAL(10, 2) DEFAULT 0,
                            kind ENUM('reader', 'writer') DEFAULT 'reader',
                            PRIMARY KEY (id),
                            CONSTRAINT uq_users_email UNIQUE (email),
                            CONSTRAINT ck_users_score CHECK (score >= 0),
                            INDEX ix_users_active_name (active, name)
                        ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'people'""",
                        SAME,
                        """
                        CREATE TABLE users (
                            id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                            email CHARACTER VARYING(255) NOT NULL,
                            name CHARACTER VARYING,
                            active BOOLEAN DEFAULT TRUE NOT NULL,
                            created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
                            score NUMERIC(10, 2) DEFAULT 0,
                            kind ENUM('reader', 'writer') DEFAULT 'reader',
                            PRIMARY KEY (id),
                            CONSTRAINT uq_users_email UNIQUE (email),
                            CONSTRAINT ck_users_score CHECK (score >= 0)
                        );
                        COMMENT ON TABLE users IS 'people';
                        COMMENT ON COLUMN users.email IS 'login, it''s unique';
                        CREATE INDEX ix_users_active_name ON users (active, name)"""),
                golden("create table if not exists", o -> o.createTableIfNotExists("tags",
                        column("id", integer()).primaryKey(), column("label", varchar(40))),
                        """
                        CREATE TABLE IF NOT EXISTS tags (
                            id INTEGER NOT NULL,
                            label VARCHAR(40),
                            PRIMARY KEY (id)
                        )""",
                        SAME,
                        """
                        CREATE TABLE IF NOT EXISTS tags (
                            id INTEGER NOT NULL,
                            label CHARACTER VARYING(40),
                            PRIMARY KEY (id)
                        )"""),
                golden("create table with a foreign key", o -> o.createTable("posts",
                        column("id", bigint()).primaryKey(),
                        column("user_id", bigint()).notNull(),
                        foreignKey("fk_posts_user", "user_id").references("users", "id").onDelete(CASCADE),
                        index("ix_posts_user", "user_id")),
                        """
                        CREATE TABLE posts (
                            id BIGINT NOT NULL,
                            user_id BIGINT NOT NULL,
                            PRIMARY KEY (id),
                            CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
                            INDEX ix_posts_user (user_id)
                        )""",
                        SAME,
                        """
                        CREATE TABLE posts (
                            id BIGINT NOT NULL,
                            user_id BIGINT NOT NULL,
                            PRIMARY KEY (id),
                            CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
                        );
                        CREATE INDEX ix_posts_user ON posts (user_id)"""),
                golden("create table with an identity start", o -> o.createTable("tickets",
                        column("id", bigint()).identity(Identity.byDefault().startWith(1000)).primaryKey()),
                        """
                        CREATE TABLE tickets (
                            id BIGINT NOT NULL AUTO_INCREMENT,
                            PRIMARY KEY (id)
                        ) AUTO_INCREMENT = 1000""",
                        SAME,
                        """
                        CREATE TABLE tickets (
                            id BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1000) NOT NULL,
                            PRIMARY KEY (id)
                        )"""),
                golden("create table with the options of other databases", o -> o.createTable("tags",
                        column("id", integer()).primaryKey(), storage("fillfactor", "70"), engine("MyISAM")),
                        """
                        CREATE TABLE tags (
                            id INTEGER NOT NULL,
                            PRIMARY KEY (id)
                        ) ENGINE = MyISAM""",
                        SAME,
                        """
                        CREATE TABLE tags (
                            id INTEGER NOT NULL,
                            PRIMARY KEY (id)
                        )"""),
                golden("create table with a generated column", o -> o.createTable("lines",
                        column("qty", integer()), column("price", integer()),
                        column("total", integer()).generatedAs("qty * price")),
                        """
                        CREATE TABLE `lines` (
                            qty INTEGER,
                            price INTEGER,
                            total INTEGER GENERATED ALWAYS AS (qty * price) STORED
                        )""",
                        SAME,
                        """
                        CREATE TABLE lines (
                            qty INTEGER,
                            price INTEGER,
                            total INTEGER GENERATED ALWAYS AS (qty * price)
                        )"""),
                golden("create table of every portable type", o -> o.createTable("types",
                        column("a", smallint()), column("b", integer()), column("c", bigint()), column("d", bool()),
                        column("e", varchar(10)), column("f", character(3)), column("g", text()),
                        column("h", numeric()), column("i", numeric(5)), column("j", numeric(10, 2)),
                        column("k", real()), column("l", doublePrecision()), column("m", date()), column("n", time()),
                        column("o", timestamp()), column("p", timestampTz()), column("q", uuid()),
                        column("r", json()), column("s", jsonb()), column("t", binary()), column("u", binary(16)),
                        column("v", enumType("mood", "ok", "it's")), column("w", raw("SMALLINT"))),
                        """
                        CREATE TABLE types (
                            a SMALLINT,
                            b INTEGER,
                            c BIGINT,
                            d BOOLEAN,
                            e VARCHAR(10),
                            f CHAR(3),
                            g LONGTEXT,
                            h DECIMAL(65, 30),
                            i DECIMAL(5),
                            j DECIMAL(10, 2),
                            k FLOAT,
                            l DOUBLE,
                            m DATE,
                            n TIME(6),
                            o DATETIME(6),
                            p DATETIME(6),
                            q CHAR(36),
                            r JSON,
                            s JSON,
                            t LONGBLOB,
                            u VARBINARY(16),
                            v ENUM('ok', 'it''s'),
                            w SMALLINT
                        )""",
                        SAME,
                        """
                        CREATE TABLE types (
                            a SMALLINT,
                            b INTEGER,
                            c BIGINT,
                            d BOOLEAN,
                            e CHARACTER VARYING(10),
                            f CHARACTER(3),
                            g CHARACTER VARYING,
                            h DECFLOAT,
                            i NUMERIC(5),
                            j NUMERIC(10, 2),
                            k REAL,
                            l DOUBLE PRECISION,
                            m DATE,
                            n TIME,
                            o TIMESTAMP,
                            p TIMESTAMP WITH TIME ZONE,
                            q UUID,
                            r JSON,
                            s JSON,
                            t BLOB,
                            u BINARY VARYING(16),
                            v ENUM('ok', 'it''s'),
                            w SMALLINT
                        )"""),
                golden("create table with an array", o -> o.createTable("arrays", column("tags", array(varchar(20)))),
                        REFUSED,
                        REFUSED,
                        """
                        CREATE TABLE arrays (
                            tags CHARACTER VARYING(20) ARRAY
                        )"""),
                golden("drop table", o -> o.dropTable("users"),
                        "DROP TABLE users",
                        SAME,
                        "DROP TABLE users"),
                golden("drop table if exists", o -> o.dropTableIfExists("users"),
                        "DROP TABLE IF EXISTS users",
                        SAME,
                        "DROP TABLE IF EXISTS users"),
                golden("rename table", o -> o.renameTable("users", "people"),
                        "ALTER TABLE users RENAME TO people",
                        SAME,
                        "ALTER TABLE users RENAME TO people"),
                golden("rename table in a schema", o -> o.inSchema("app").renameTable("users", "people"),
                        "ALTER TABLE app.users RENAME TO app.people",
                        SAME,
                        "ALTER TABLE app.users RENAME TO people"),
                golden("create table comment", o -> o.createTableComment("users", "it's people"),
                        "ALTER TABLE users COMMENT = 'it''s people'",
                        SAME,
                        "COMMENT ON TABLE users IS 'it''s people'"),
                golden("drop table comment", o -> o.dropTableComment("users"),
                        "ALTER TABLE users COMMENT = ''",
                        SAME,
                        "COMMENT ON TABLE users IS NULL"),
                golden("add column with comment", o -> o.addColumn("reading_progress",
                        column("reading_location_cfi", varchar(500)).comment("EPUB CFI")),
                        """
                        ALTER TABLE reading_progress ADD COLUMN reading_location_cfi VARCHAR(500) COMMENT 'EPUB CFI'""",
                        SAME,
                        """
                        ALTER TABLE reading_progress ADD COLUMN reading_location_cfi CHARACTER VARYING(500);
                        COMMENT ON COLUMN reading_progress.reading_location_cfi IS 'EPUB CFI'"""),
                golden("add column not null with default", o -> o.addColumn("reading_progress",
                        column("scroll_offset_percent", doublePrecision()).notNull().serverDefault(0.0)),
                        "ALTER TABLE reading_progress ADD COLUMN scroll_offset_percent DOUBLE NOT NULL DEFAULT 0.0",
                        SAME,
                        """
                        ALTER TABLE reading_progress ADD COLUMN scroll_offset_percent DOUBLE PRECISION DEFAULT 0.0 \
                        NOT NULL"""),
                golden("add column after", o -> o.addColumn("users", column("nick", varchar(20)),
                        ColumnPosition.after("email")),
                        "ALTER TABLE users ADD COLUMN nick VARCHAR(20) AFTER email",
                        SAME,
                        "ALTER TABLE users ADD COLUMN nick CHARACTER VARYING(20) AFTER email"),
                golden("add column first", o -> o.addColumn("users", column("nick", varchar(20)),
                        ColumnPosition.first()),
                        "ALTER TABLE users ADD COLUMN nick VARCHAR(20) FIRST",
                        SAME,
                        "ALTER TABLE users ADD COLUMN nick CHARACTER VARYING(20) FIRST"),
                golden("add column if not exists", o -> o.addColumnIfNotExists("users", column("nick", varchar(20))),
                        REFUSED,
                        "ALTER TABLE users ADD COLUMN IF NOT EXISTS nick VARCHAR(20)",
                        "ALTER TABLE users ADD COLUMN IF NOT EXISTS nick CHARACTER VARYING(20)"),
                golden("add column with a text default", o -> o.addColumn("users",
                        column("bio", text()).serverDefault("none")),
                        "ALTER TABLE users ADD COLUMN bio LONGTEXT DEFAULT ('none')",
                        "ALTER TABLE users ADD COLUMN bio LONGTEXT DEFAULT 'none'",
                        "ALTER TABLE users ADD COLUMN bio CHARACTER VARYING DEFAULT 'none'"),
                golden("add column with an expression default", o -> o.addColumn("users",
                        column("token", character(36)).serverDefaultExpression("UUID()")),
                        "ALTER TABLE users ADD COLUMN token CHAR(36) DEFAULT (UUID())",
                        SAME,
                        "ALTER TABLE users ADD COLUMN token CHARACTER(36) DEFAULT UUID()"),
                golden("add auto-increment column", o -> o.addColumn("counters",
                        column("id", bigint()).identity(Identity.byDefault().startWith(50))),
                        """
                        ALTER TABLE counters ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT;
                        ALTER TABLE counters AUTO_INCREMENT = 50""",
                        SAME,
                        """
                        ALTER TABLE counters ADD COLUMN id BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 50) \
                        NOT NULL"""),
                golden("drop column", o -> o.dropColumn("users", "nick"),
                        "ALTER TABLE users DROP COLUMN nick",
                        SAME,
                        "ALTER TABLE users DROP COLUMN nick"),
                golden("drop column if exists", o -> o.dropColumnIfExists("users", "nick"),
                        REFUSED,
                        "ALTER TABLE users DROP COLUMN IF EXISTS nick",
                        "ALTER TABLE users DROP COLUMN IF EXISTS nick"),
                golden("alter column type", o -> o.alterColumn("users", "name", c -> c.type(varchar(200))
                        .existing(column("name", varchar(100)).notNull().serverDefault("anon").comment("shown"))),
                        "ALTER TABLE users MODIFY COLUMN name VARCHAR(200) NOT NULL DEFAULT 'anon' COMMENT 'shown'",
                        SAME,
                        "ALTER TABLE users ALTER COLUMN name SET DATA TYPE CHARACTER VARYING(200)"),
                golden("alter column nullability", o -> o.alterColumn("users", "name", c -> c.nullable(true)
                        .existing(column("name", varchar(100)).notNull().serverDefault("anon").comment("shown"))),
                        "ALTER TABLE users MODIFY COLUMN name VARCHAR(100) NULL DEFAULT 'anon' COMMENT 'shown'",
                        SAME,
                        "ALTER TABLE users ALTER COLUMN name DROP NOT NULL"),
                golden("alter column comment", o -> o.alterColumn("users", "name", c -> c.comment("display name")
                        .existing(column("name", varchar(100)).notNull().serverDefault("anon"))),
                        """
                        ALTER TABLE users MODIFY COLUMN name VARCHAR(100) NOT NULL DEFAULT 'anon' COMMENT 'display \
                        name'""",
                        SAME,
                        "COMMENT ON COLUMN users.name IS 'display name'"),
                golden("alter column drop comment", o -> o.alterColumn("users", "name", c -> c.dropComment()
                        .existing(column("name", varchar(100)).comment("shown"))),
                        "ALTER TABLE users MODIFY COLUMN name VARCHAR(100) NULL",
                        SAME,
                        "COMMENT ON COLUMN users.name IS NULL"),
                golden("alter column rename", o -> o.alterColumn("users", "name", c -> c.rename("full_name")),
                        "ALTER TABLE users RENAME COLUMN name TO full_name",
                        SAME,
                        "ALTER TABLE users ALTER COLUMN name RENAME TO full_name"),
                golden("alter column rename and retype", o -> o.alterColumn("users", "name", c -> c.rename("full_name")
                        .type(varchar(300)).existing(column("name", varchar(100)).notNull())),
                        "ALTER TABLE users CHANGE COLUMN name full_name VARCHAR(300) NOT NULL",
                        SAME,
                        """
                        ALTER TABLE users ALTER COLUMN name SET DATA TYPE CHARACTER VARYING(300);
                        ALTER TABLE users ALTER COLUMN name RENAME TO full_name"""),
                golden("alter column default", o -> o.alterColumn("users", "name", c -> c.serverDefault("anon")),
                        "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anon'",
                        SAME,
                        "ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anon'"),
                golden("alter column drop default", o -> o.alterColumn("users", "name", c -> c.dropServerDefault()),
                        "ALTER TABLE users ALTER COLUMN name DROP DEFAULT",
                        SAME,
                        "ALTER TABLE users ALTER COLUMN name DROP DEFAULT"),
                golden("alter column default now", o -> o.alterColumn("users", "seen_at",
                        c -> c.serverDefaultExpression("now()").existing(column("seen_at", timestampTz()))),
                        "ALTER TABLE users ALTER COLUMN seen_at SET DEFAULT CURRENT_TIMESTAMP(6)",
                        SAME,
                        "ALTER TABLE users ALTER COLUMN seen_at SET DEFAULT now()"),
                golden("alter column default and nullability", o -> o.alterColumn("users", "score",
                        c -> c.serverDefault("0").notNull().existing(column("score", integer()))),
                        "ALTER TABLE users MODIFY COLUMN score INTEGER NOT NULL DEFAULT '0'",
                        SAME,
                        """
                        ALTER TABLE users ALTER COLUMN score SET NOT NULL;
                        ALTER TABLE users ALTER COLUMN score SET DEFAULT '0'"""),
                golden("create index", o -> o.createIndex("idx_reading_progress_cfi", "reading_progress", "book_id",
                        "user_id", "reading_location_cfi"),
                        """
                        CREATE INDEX idx_reading_progress_cfi ON reading_progress (book_id, user_id, \
                        reading_location_cfi)""",
                        SAME,
                        """
                        CREATE INDEX idx_reading_progress_cfi ON reading_progress (book_id, user_id, \
                        reading_location_cfi)"""),
                golden("create unique index with method and order", o -> o.createIndex("users",
                        index("ux_users_email", "email").on(key("created_at").desc()).unique().using("btree")),
                        "CREATE UNIQUE INDEX ux_users_email ON users (email, created_at DESC) USING BTREE",
                        SAME,
                        "CREATE UNIQUE INDEX ux_users_email ON users (email, created_at DESC)"),
                golden("create hash index", o -> o.createIndex("users", index("ix_users_kind", "kind").using("hash")),
                        "CREATE INDEX ix_users_kind ON users (kind) USING HASH",
                        SAME,
                        "CREATE HASH INDEX ix_users_kind ON users (kind)"),
                golden("create expression index", o -> o.createIndex("users",
                        index("ix_users_email_lower").on(expression("lower(email)"))),
                        "CREATE INDEX ix_users_email_lower ON users ((lower(email)))",
                        REFUSED,
                        REFUSED),
                golden("create index concurrently", o -> o.createIndex("users", index("ix_users_name", "name"),
                        IndexOption.CONCURRENTLY),
                        "CREATE INDEX ix_users_name ON users (name)",
                        SAME,
                        "CREATE INDEX ix_users_name ON users (name)"),
                golden("create index if not exists", o -> o.createIndex("users", index("ix_users_name", "name"),
                        IndexOption.IF_NOT_EXISTS),
                        REFUSED,
                        "CREATE INDEX IF NOT EXISTS ix_users_name ON users (name)",
                        "CREATE INDEX IF NOT EXISTS ix_users_name ON users (name)"),
                golden("create fulltext index", o -> o.createIndex("posts", index("ft_posts_body", "body")
                        .using("fulltext")),
                        "CREATE FULLTEXT INDEX ft_posts_body ON posts (body)",
                        SAME,
                        REFUSED),
                golden("create index with storage parameters", o -> o.createIndex("users",
                        index("ix_users_name", "name").with("fillfactor", "70")),
                        "CREATE INDEX ix_users_name ON users (name)",
                        SAME,
                        "CREATE INDEX ix_users_name ON users (name)"),
                golden("drop index", o -> o.dropIndex("ix_users_name", "users"),
                        "DROP INDEX ix_users_name ON users",
                        SAME,
                        "DROP INDEX ix_users_name"),
                golden("drop index if exists", o -> o.dropIndex("ix_users_name", "users", IndexOption.IF_EXISTS),
                        REFUSED,
                        "DROP INDEX IF EXISTS ix_users_name ON users",
                        "DROP INDEX IF EXISTS ix_users_name"),
                golden("drop index concurrently", o -> o.dropIndex("ix_users_name", "users", IndexOption.CONCURRENTLY),
                        "DROP INDEX ix_users_name ON users",
                        SAME,
                        "DROP INDEX ix_users_name"),
                golden("create primary key", o -> o.createPrimaryKey("pk_tags", "tags", "id"),
                        "ALTER TABLE tags ADD CONSTRAINT pk_tags PRIMARY KEY (id)",
                        SAME,
                        "ALTER TABLE tags ADD CONSTRAINT pk_tags PRIMARY KEY (id)"),
                // as MySQL and MariaDB name every primary key, and introspection reads it
                golden("create primary key named PRIMARY", o -> o.createPrimaryKey("PRIMARY", "tags", "id"),
                        "ALTER TABLE tags ADD PRIMARY KEY (id)",
                        SAME,
                        "ALTER TABLE tags ADD CONSTRAINT \"PRIMARY\" PRIMARY KEY (id)"),
                golden("create unique constraint", o -> o.createUniqueConstraint("uq_user_preferences_user_id",
                        "user_preferences", "user_id"),
                        "ALTER TABLE user_preferences ADD CONSTRAINT uq_user_preferences_user_id UNIQUE (user_id)",
                        SAME,
                        "ALTER TABLE user_preferences ADD CONSTRAINT uq_user_preferences_user_id UNIQUE (user_id)"),
                golden("create check constraint", o -> o.createCheckConstraint("check_scroll_offset_range",
                        "reading_progress", "scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0"),
                        """
                        ALTER TABLE reading_progress ADD CONSTRAINT check_scroll_offset_range CHECK \
                        (scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0)""",
                        SAME,
                        """
                        ALTER TABLE reading_progress ADD CONSTRAINT check_scroll_offset_range CHECK \
                        (scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0)"""),
                golden("create foreign key", o -> o.createForeignKey("fk_prefs_user", "user_preferences", "users",
                        List.of("user_id"), List.of("id")),
                        """
                        ALTER TABLE user_preferences ADD CONSTRAINT fk_prefs_user FOREIGN KEY (user_id) REFERENCES \
                        users (id)""",
                        SAME,
                        """
                        ALTER TABLE user_preferences ADD CONSTRAINT fk_prefs_user FOREIGN KEY (user_id) REFERENCES \
                        users (id)"""),
                golden("create foreign key with actions", o -> o.createForeignKey("user_preferences",
                        foreignKey("fk_prefs_user", "user_id").references("users", "id").onDelete(CASCADE)
                                .onUpdate(SET_NULL)),
                        """
                        ALTER TABLE user_preferences ADD CONSTRAINT fk_prefs_user FOREIGN KEY (user_id) REFERENCES \
                        users (id) ON DELETE CASCADE ON UPDATE SET NULL""",
                        SAME,
                        """
                        ALTER TABLE user_preferences ADD CONSTRAINT fk_prefs_user FOREIGN KEY (user_id) REFERENCES \
                        users (id) ON DELETE CASCADE ON UPDATE SET NULL"""),
                golden("create foreign key from another schema to the default one", o -> o.apply(new AddConstraint(
                        QualifiedName.of("billing", "accounts"), foreignKey("fk_accounts_member", "member_id")
                        .references("members", "id"), false)),
                        """
                        ALTER TABLE billing.accounts ADD CONSTRAINT fk_accounts_member FOREIGN KEY (member_id) \
                        REFERENCES members (id)""",
                        SAME,
                        """
                        ALTER TABLE billing.accounts ADD CONSTRAINT fk_accounts_member FOREIGN KEY (member_id) \
                        REFERENCES "PUBLIC".members (id)"""),
                golden("drop foreign key", o -> o.dropConstraint("fk_prefs_user", "user_preferences",
                        ConstraintType.FOREIGN_KEY),
                        "ALTER TABLE user_preferences DROP FOREIGN KEY fk_prefs_user",
                        SAME,
                        "ALTER TABLE user_preferences DROP CONSTRAINT fk_prefs_user"),
                golden("drop unique constraint", o -> o.dropConstraint("uq_prefs_user", "user_preferences",
                        ConstraintType.UNIQUE),
                        "ALTER TABLE user_preferences DROP INDEX uq_prefs_user",
                        SAME,
                        "ALTER TABLE user_preferences DROP CONSTRAINT uq_prefs_user"),
                golden("drop check constraint", o -> o.dropConstraint("check_scroll_offset_range", "reading_progress",
                        ConstraintType.CHECK),
                        "ALTER TABLE reading_progress DROP CHECK check_scroll_offset_range",
                        "ALTER TABLE reading_progress DROP CONSTRAINT check_scroll_offset_range",
                        "ALTER TABLE reading_progress DROP CONSTRAINT check_scroll_offset_range"),
                golden("drop primary key", o -> o.dropConstraint("pk_tags", "tags", ConstraintType.PRIMARY_KEY),
                        "ALTER TABLE tags DROP PRIMARY KEY",
                        SAME,
                        "ALTER TABLE tags DROP CONSTRAINT pk_tags"),
                golden("drop check constraint if exists", o -> o.dropConstraintIfExists("ck_x", "t",
                        ConstraintType.CHECK),
                        REFUSED,
                        "ALTER TABLE t DROP CONSTRAINT IF EXISTS ck_x",
                        "ALTER TABLE t DROP CONSTRAINT IF EXISTS ck_x"),
                golden("drop primary key if exists", o -> o.dropConstraintIfExists("pk_tags", "tags",
                        ConstraintType.PRIMARY_KEY),
                        REFUSED,
                        "ALTER TABLE tags DROP INDEX IF EXISTS `PRIMARY`",
                        "ALTER TABLE tags DROP CONSTRAINT IF EXISTS pk_tags"),
                golden("validate constraint", o -> o.validateConstraint("t", "ck_x"),
                        NOTHING,
                        SAME,
                        NOTHING),
                golden("execute", o -> o.execute("UPDATE users SET active = FALSE WHERE email LIKE '%@old.example'"),
                        "UPDATE users SET active = FALSE WHERE email LIKE '%@old.example'",
                        SAME,
                        "UPDATE users SET active = FALSE WHERE email LIKE '%@old.example'"),
                golden("execute with parameters", o -> o.execute(
                        "UPDATE books SET note = ? WHERE note = 'why?' AND id = ?", "back\\slash 'quoted'", 7),
                        "UPDATE books SET note = 'back\\\\slash ''quoted''' WHERE note = 'why?' AND id = 7",
                        SAME,
                        "UPDATE books SET note = 'back\\slash ''quoted''' WHERE note = 'why?' AND id = 7"),
                golden("bulk insert", o -> o.bulkInsert("books", List.of(row("Dune", 412, true, null,
                        UUID.fromString("0e2d1c3b-4a5f-4e6d-8c7b-9a0b1c2d3e4f"), LocalDate.of(1965, 8, 1),
                        OffsetDateTime.parse("2020-01-02T03:04:05+02:00")))),
                        """
                        INSERT INTO books (title, pages, in_print, subtitle, uid, published, added_at) VALUES \
                        ('Dune', 412, TRUE, NULL, '0e2d1c3b-4a5f-4e6d-8c7b-9a0b1c2d3e4f', DATE '1965-08-01', \
                        TIMESTAMP '2020-01-02 01:04:05.000000')""",
                        SAME,
                        """
                        INSERT INTO books (title, pages, in_print, subtitle, uid, published, added_at) VALUES \
                        ('Dune', 412, TRUE, NULL, '0e2d1c3b-4a5f-4e6d-8c7b-9a0b1c2d3e4f', DATE '1965-08-01', \
                        TIMESTAMP WITH TIME ZONE '2020-01-02 03:04:05+02:00')"""),
                golden("create schema", o -> o.createSchema("app"),
                        "CREATE DATABASE IF NOT EXISTS app",
                        SAME,
                        "CREATE SCHEMA IF NOT EXISTS app"),
                golden("drop schema", o -> o.dropSchema("app"),
                        "DROP DATABASE app",
                        SAME,
                        "DROP SCHEMA app"),
                golden("drop schema cascade", o -> o.dropSchemaCascade("app"),
                        "DROP DATABASE app",
                        SAME,
                        "DROP SCHEMA app CASCADE"),
                golden("create sequence", o -> o.createSequence("order_numbers", s -> s.startWith(1000).incrementBy(10)
                        .minValue(1).maxValue(999999).cache(20).withCycle()),
                        REFUSED,
                        """
                        CREATE SEQUENCE order_numbers START WITH 1000 INCREMENT BY 10 MINVALUE 1 MAXVALUE 999999 \
                        CACHE 20 CYCLE""",
                        """
                        CREATE SEQUENCE order_numbers START WITH 1000 INCREMENT BY 10 MINVALUE 1 MAXVALUE 999999 \
                        CACHE 20 CYCLE"""),
                golden("drop sequence", o -> o.dropSequence("order_numbers"),
                        REFUSED,
                        "DROP SEQUENCE order_numbers",
                        "DROP SEQUENCE order_numbers"),
                golden("create enum type", o -> o.createEnumType("mood", "ok", "sad"),
                        NOTHING,
                        SAME,
                        NOTHING),
                golden("drop enum type", o -> o.dropEnumType("mood"),
                        NOTHING,
                        SAME,
                        NOTHING),
                golden("set storage parameters", o -> o.setStorageParameters("books",
                        Map.of("autovacuum_vacuum_scale_factor", "0.1")),
                        NOTHING,
                        SAME,
                        NOTHING),
                golden("reset storage parameters", o -> o.resetStorageParameters("books",
                        "autovacuum_vacuum_scale_factor"),
                        NOTHING,
                        SAME,
                        NOTHING),
                golden("set table options", o -> o.setTableOptions("books", options("ENGINE", "InnoDB",
                        "DEFAULT CHARSET", "utf8mb4", "COLLATE", "utf8mb4_bin", "COMMENT", "it's")),
                        """
                        ALTER TABLE books ENGINE = InnoDB, DEFAULT CHARSET = utf8mb4, COLLATE = utf8mb4_bin, COMMENT \
                        = 'it''s'""",
                        SAME,
                        NOTHING),
                golden("batch alter table", o -> o.batchAlterTable("users", b -> {
                    b.addColumn(column("nick", varchar(20)));
                    b.alterColumn("name", c -> c.rename("full_name"));
                    b.createIndex("ix_users_nick", "nick");
                    b.dropConstraint("ck_users_score", ConstraintType.CHECK);
                }),
                        """
                        ALTER TABLE users ADD COLUMN nick VARCHAR(20);
                        ALTER TABLE users RENAME COLUMN name TO full_name;
                        CREATE INDEX ix_users_nick ON users (nick);
                        ALTER TABLE users DROP CHECK ck_users_score""",
                        """
                        ALTER TABLE users ADD COLUMN nick VARCHAR(20);
                        ALTER TABLE users RENAME COLUMN name TO full_name;
                        CREATE INDEX ix_users_nick ON users (nick);
                        ALTER TABLE users DROP CONSTRAINT ck_users_score""",
                        """
                        ALTER TABLE users ADD COLUMN nick CHARACTER VARYING(20);
                        ALTER TABLE users ALTER COLUMN name RENAME TO full_name;
                        CREATE INDEX ix_users_nick ON users (nick);
                        ALTER TABLE users DROP CONSTRAINT ck_users_score"""),
                golden("batch alter table recreate never", o -> o.batchAlterTable("users",
                        BatchAlterTable.Recreate.NEVER, b -> b.dropColumn("nick")),
                        "ALTER TABLE users DROP COLUMN nick",
                        SAME,
                        "ALTER TABLE users DROP COLUMN nick"),
                golden("names that need quoting", o -> o.createTable("Mixed Case",
                        column("select", integer()).primaryKey(),
                        column("it's", varchar(10)).comment("o'clock"),
                        column("back`tick \"q\"", varchar(10)),
                        column("ünïcödé", integer()),
                        unique("Order", "it's"),
                        index("ix Mixed", "ünïcödé")),
                        """
                        CREATE TABLE `Mixed Case` (
                            `select` INTEGER NOT NULL,
                            `it's` VARCHAR(10) COMMENT 'o''clock',
                            `back``tick "q"` VARCHAR(10),
                            `ünïcödé` INTEGER,
                            PRIMARY KEY (`select`),
                            CONSTRAINT `Order` UNIQUE (`it's`),
                            INDEX `ix Mixed` (`ünïcödé`)
                        )""",
                        SAME,
                        """
                        CREATE TABLE "Mixed Case" (
                            "select" INTEGER NOT NULL,
                            "it's" CHARACTER VARYING(10),
                            "back`tick ""q\""" CHARACTER VARYING(10),
                            "ünïcödé" INTEGER,
                            PRIMARY KEY ("select"),
                            CONSTRAINT "Order" UNIQUE ("it's")
                        );
                        COMMENT ON COLUMN "Mixed Case"."it's" IS 'o''clock';
                        CREATE INDEX "ix Mixed" ON "Mixed Case" ("ünïcödé")"""),
                golden("alter a column that needs quoting", o -> o.alterColumn("Mixed Case", "it's",
                        c -> c.rename("Its").type(varchar(20)).existing(column("it's", varchar(10)))),
                        "ALTER TABLE `Mixed Case` CHANGE COLUMN `it's` `Its` VARCHAR(20) NULL",
                        SAME,
                        """
                        ALTER TABLE "Mixed Case" ALTER COLUMN "it's" SET DATA TYPE CHARACTER VARYING(20);
                        ALTER TABLE "Mixed Case" ALTER COLUMN "it's" RENAME TO "Its\""""));
    }

    static Map<String, Object> row(Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        String[] names = {"title", "pages", "in_print", "subtitle", "uid", "published", "added_at"};
        for (int i = 0; i < values.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    static Map<String, String> options(String... pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }
}
