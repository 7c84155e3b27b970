package dev.retort.dialect.postgres.vectorexample;

import static dev.retort.schema.Tables.index;
import static dev.retort.schema.Tables.key;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.vector;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.IndexOption;
import dev.retort.ops.Operations;

/**
 * The documentation's pgvector example: the extension, an embedding column and an hnsw index built
 * concurrently. pgvector is not among zonky's PostgreSQL binaries, so the tests render it offline only.
 */
@Revision(id = "7c1e0a2b9f34", message = "semantic search over books", created = "2025-11-02 10:00:00")
class SemanticSearch implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createExtension("vector");
        op.addColumn("books", column("embedding", vector(1536)));
        op.createIndex("books", index("ix_books_embedding")
                .on(key("embedding").operatorClass("vector_cosine_ops"))
                .using("hnsw").with("m", "16").with("ef_construction", "64"), IndexOption.CONCURRENTLY);
    }

    @Override
    public void downgrade(Operations op) {
        op.dropIndex("ix_books_embedding", "books", IndexOption.CONCURRENTLY);
        op.dropColumn("books", "embedding");
        op.dropExtension("vector");
    }
}
