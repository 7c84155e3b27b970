package dev.retort.dialect.mysql;

import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.index;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Online;
import dev.retort.dialect.RecordedOperations;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.ops.Operation;
import dev.retort.schema.IndexElement;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Table;
import dev.retort.schema.TableElement;
import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys the introspector reads in forms of its own, rendered back: a column prefix as the key part
 * {@code `col`(n)} (MariaDB too, which indexes no expressions), and a unique key with a descending
 * part, which reads as a unique index and is still dropped as a unique key.
 */
class MySqlIntrospectedKeysTest {

    @Test
    void aKeyPrefixIsWrittenAsMySqlWritesItNotAsAnExpression() {
        Operation create = RecordedOperations.of(op -> op.createIndex("posts", index("ix_posts_body")
                .on(expression("`body`(20)").desc()))).get(0);

        for (MySqlDialect dialect : List.of(new MySqlDialect(false), new MySqlDialect(true))) {
            assertThat(dialect.render(create, RenderContext.OFFLINE)).extracting(RenderedStatement::sql)
                    .containsExactly("CREATE INDEX ix_posts_body ON posts (`body`(20) DESC)");
        }
        // an expression that merely contains one stays an expression
        Operation expressionIndex = RecordedOperations.of(op -> op.createIndex("posts", index("ix_posts_x")
                .on(expression("concat(`body`(20))")))).get(0);
        assertThat(new MySqlDialect(false).render(expressionIndex, RenderContext.OFFLINE))
                .extracting(RenderedStatement::sql).containsExactly("CREATE INDEX ix_posts_x ON posts"
                        + " ((concat(`body`(20))))");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "MYSQL"})
    void prefixesAndDescendingUniqueKeysReadBackAndAreMadeAndDroppedAgain(DatabaseKind kind) throws SQLException {
        FreshDatabase db = TestDatabases.fresh(kind);
        try (Connection c = db.connect()) {
            execute(c, "CREATE TABLE posts (id INT PRIMARY KEY, body TEXT, rank_ INT, KEY ix_posts_body (body(20)),"
                    + " UNIQUE KEY ux_posts_rank (rank_ DESC))");
            MySqlDialect dialect = (MySqlDialect) Online.dialect(c);
            Table read = dialect.readTable(c, QualifiedName.of("posts")).orElseThrow();
            assertThat(read.indexes()).extracting(i -> i.name() + " " + i.isUnique() + " " + i.elements())
                    .containsExactly("ix_posts_body false " + List.of(IndexElement.expression("`body`(20)")),
                            "ux_posts_rank true " + List.of(IndexElement.column("rank_").desc()));

            // made again from what was read, the table reads the same
            Table copy = read.renamed(QualifiedName.of("posts_copy"));
            Online.apply(c, RecordedOperations.of(op -> op.createTable("posts_copy", copy.elements()
                    .toArray(new TableElement[0]))));
            assertThat(dialect.readTable(c, QualifiedName.of("posts_copy")).orElseThrow())
                    .isEqualTo(copy);

            // a drop that does not give the kind finds the unique index among the keys
            Online.apply(c, RecordedOperations.of(op -> op.dropConstraint("ux_posts_rank", "posts")));
            assertThat(dialect.introspector().read(c, IntrospectionFilter.excluding()).table(QualifiedName.of("posts"))
                    .orElseThrow().indexes()).extracting(i -> i.name()).containsExactly("ix_posts_body");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
