package dev.retort.dialect.postgres.examples;

import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** The fifth example: an extension shipped with PostgreSQL, pg_trgm, and a trigram GIN index. */
@Revision(id = "pg5trgm", down = "pg4index", message = "fuzzy title search", created = "2025-10-24 12:00:00")
class TrigramSearch implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createExtension("pg_trgm");
        op.createIndex("books", index("ix_books_title_trgm").on(key("title").operatorClass("gin_trgm_ops"))
                .using("gin"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropIndex("ix_books_title_trgm");
        op.dropExtension("pg_trgm");
    }
}
