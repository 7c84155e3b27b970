package dev.retort.dialect.postgres.examples;

import static dev.retort.schema.Tables.expression;
import static dev.retort.schema.Tables.index;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.IndexOption;
import dev.retort.ops.Operations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fourth example: partial indexes built CONCURRENTLY (outside the transaction, which
 * retort arranges), a GIN full-text expression index, and autovacuum storage parameters.
 */
@Revision(id = "pg4index", down = "pg3prefs", message = "index books for the parser and for search",
        created = "2025-10-23 08:00:00")
class IndexBooks implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createIndex("books", index("ix_books_unparsed", "id").where("is_parsed = false"), IndexOption.CONCURRENTLY);
        op.createIndex("books", index("ix_books_unparsed_created", "created_at").where("is_parsed = false"),
                IndexOption.CONCURRENTLY);
        op.createIndex("books", index("ix_books_fts")
                .on(expression("to_tsvector('russian', title || ' ' || coalesce(author, ''))")).using("gin"));
        Map<String, String> autovacuum = new LinkedHashMap<>();
        autovacuum.put("autovacuum_vacuum_scale_factor", "0.01");
        autovacuum.put("autovacuum_analyze_scale_factor", "0.005");
        op.setStorageParameters("books", autovacuum);
    }

    @Override
    public void downgrade(Operations op) {
        op.resetStorageParameters("books", "autovacuum_vacuum_scale_factor", "autovacuum_analyze_scale_factor");
        op.dropIndex("ix_books_fts");
        op.dropIndex("ix_books_unparsed_created", "books", IndexOption.CONCURRENTLY);
        op.dropIndex("ix_books_unparsed", "books", IndexOption.CONCURRENTLY);
    }
}
