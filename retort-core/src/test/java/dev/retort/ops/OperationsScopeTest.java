package dev.retort.ops;

import static dev.retort.schema.Tables.foreignKey;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.QualifiedName;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names in an {@code op.inSchema(...)} scope. */
class OperationsScopeTest {

    @Test
    void aForeignKeyOfCreateTableReferencesATableOfTheScopeAsCreateForeignKeyDoes() {
        List<Operation> recorded = new ArrayList<>();
        Operations library = new Recorder(recorded, Optional.empty()).inSchema("library");

        library.createTable("shelves", column("book_id", bigint()),
                foreignKey("fk_shelves_book", "book_id").references("books", "id"),
                foreignKey("fk_shelves_other", "book_id").references(QualifiedName.of("public", "books"), "id"));
        library.createForeignKey("loans", foreignKey("fk_loans_book", "book_id").references("books", "id"));

        CreateTable create = (CreateTable) recorded.get(0);
        assertThat(create.table().name()).isEqualTo(QualifiedName.of("library", "shelves"));
        assertThat(create.table().foreignKeys()).extracting(ForeignKey::referencedTable)
                .containsExactly(QualifiedName.of("library", "books"), QualifiedName.of("public", "books"));
        assertThat(((ForeignKey) ((AddConstraint) recorded.get(1)).constraint()).referencedTable())
                .isEqualTo(QualifiedName.of("library", "books"));
    }

    private record Recorder(List<Operation> recorded, Optional<String> schema) implements Operations {
        @Override
        public void apply(Operation operation) {
            recorded.add(operation);
        }

        @Override
        public Operations inSchema(String name) {
            return new Recorder(recorded, Optional.of(name));
        }

        @Override
        public Connection connection() {
            throw new IllegalStateException();
        }

        @Override
        public boolean isOffline() {
            return true;
        }

        @Override
        public Dialect dialect() {
            throw new IllegalStateException();
        }

        @Override
        public Map<String, String> arguments() {
            return Map.of();
        }
    }
}
