package dev.retort.script;

import dev.retort.dialect.Dialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The work of one direction of one revision. It runs against an {@link ExecutionContext} that
 * either executes on a connection or prints an offline script; the runner, not the body, decides
 * transactions and version-table writes.
 */
@FunctionalInterface
public interface MigrationBody {

    void run(ExecutionContext context) throws SQLException;

    /**
     * Finds, before anything runs, what would make this body fail for reasons other than the
     * database (SQL that cannot be split, an operation the database cannot perform), by throwing.
     * Nothing by default.
     *
     * @param dialect   the database it will run on
     * @param offline   whether it will be rendered as an offline script
     * @param arguments the run's {@code -x} arguments, which a Java revision may read
     */
    default void check(Dialect dialect, boolean offline, Map<String, String> arguments) {
    }

    /**
     * The SQL this body runs, for tools that read a revision without running it (lint); empty for
     * a body that is not a SQL section.
     */
    default Optional<SqlSource> sqlSource() {
        return Optional.empty();
    }

    /**
     * What this body would do, recorded without a database (lint): the operations of a Java
     * revision, with the lines that call them. Empty for a body that is not made of operations.
     *
     * @param dialect   the database to record for (a revision may ask {@code op.dialect()})
     * @param arguments the {@code -x} arguments a revision may read
     */
    default Optional<RecordedOperations> recordOperations(Dialect dialect, Map<String, String> arguments) {
        return Optional.empty();
    }

    /**
     * Makes ready, in one go, what running these bodies needs: the Java revision files among them
     * that were not compiled at load time are compiled together, in one compilation (one task for
     * many files is far faster than a task per file). Call it with every body of a plan before
     * checking or running them; bodies of other kinds are left alone.
     *
     * @throws dev.retort.RetortException naming every file that fails to compile or load
     */
    static void prepareAll(Collection<? extends MigrationBody> bodies) {
        Map<JavaRevisionSources, List<JavaRevisionSources.JavaFile>> files = new IdentityHashMap<>();
        for (MigrationBody body : bodies) {
            if (body instanceof JavaSourceBody source) {
                files.computeIfAbsent(source.file().sources(), s -> new ArrayList<>()).add(source.file());
            }
        }
        files.forEach(JavaRevisionSources::prepare);
    }

    /**
     * Whether the body has an operation that {@linkplain Dialect#needsForeignKeysOff needs foreign key
     * enforcement off} for its transaction (a SQLite table rebuild), which the runner must know
     * before that transaction begins. Only operations found without running anything count: a Java
     * revision's operations after it reads {@code op.connection()} are not seen. False by default.
     */
    default boolean needsForeignKeysOff(Dialect dialect, boolean offline, Map<String, String> arguments) {
        return false;
    }
}
