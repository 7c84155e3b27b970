package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.ops.CreateIndex;
import dev.retort.ops.DropIndex;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code CONCURRENTLY} is written, and run outside a transaction, only where the dialect says it exists. */
class ConcurrentIndexCapabilityTest {

    /** A database with the shared renderer and no concurrent index builds. */
    private static final Dialect PLAIN = new Dialect() {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public String displayName() {
            return "Plain";
        }

        @Override
        public boolean transactionalDdl() {
            return false;
        }

        @Override
        public MigrationLockMethod migrationLockMethod() {
            return MigrationLockMethod.ROW_LOCK;
        }
    };

    private static final CreateIndex CREATE = new CreateIndex(Index.of("ix_books_title", QualifiedName.of("books"),
            "title"), true, false);
    private static final DropIndex DROP = new DropIndex(QualifiedName.of("ix_books_title"), Optional.empty(), true,
            false, Optional.empty());

    @Test
    void whereThereAreNoConcurrentBuildsTheIndexIsBuiltTheOrdinaryWayInTheTransaction() {
        assertThat(PLAIN.supportsConcurrentIndexes()).isFalse();
        assertThat(PLAIN.render(CREATE)).containsExactly(RenderedStatement.of(
                "CREATE INDEX ix_books_title ON books (title)"));
        assertThat(PLAIN.render(DROP)).containsExactly(RenderedStatement.of("DROP INDEX ix_books_title"));
    }

    @Test
    void postgresBuildsItConcurrentlyOutsideTheTransaction() {
        Dialect postgres = Dialects.forName("postgresql");
        assertThat(postgres.supportsConcurrentIndexes()).isTrue();
        assertThat(postgres.render(CREATE)).containsExactly(RenderedStatement.outsideTransaction(
                "CREATE INDEX CONCURRENTLY ix_books_title ON books (title)"));
        assertThat(postgres.render(DROP)).containsExactly(RenderedStatement.outsideTransaction(
                "DROP INDEX CONCURRENTLY ix_books_title"));
    }
}
