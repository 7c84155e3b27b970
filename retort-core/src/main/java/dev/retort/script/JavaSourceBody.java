package dev.retort.script;

import dev.retort.dialect.Dialect;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One direction of a Java revision file whose header came from the revision index: the class is
 * compiled (or taken from the class cache) and loaded only when the body is first checked or run,
 * so that {@code heads} or {@code history} never compile. {@link MigrationBody#prepareAll} gets the
 * classes of a whole plan in one compilation.
 *
 * <p>Thread-safe.
 */
final class JavaSourceBody implements MigrationBody {

    private final JavaRevisionSources.JavaFile file;
    private final boolean upgrade;

    JavaSourceBody(JavaRevisionSources.JavaFile file, boolean upgrade) {
        this.file = file;
        this.upgrade = upgrade;
    }

    JavaRevisionSources.JavaFile file() {
        return file;
    }

    private JavaMigrationBody body() {
        return new JavaMigrationBody(file.type(), upgrade, file.shown());
    }

    @Override
    public void run(ExecutionContext context) throws SQLException {
        body().run(context);
    }

    @Override
    public void check(Dialect dialect, boolean offline, Map<String, String> arguments) {
        body().check(dialect, offline, arguments);
    }

    // without these the defaults would answer for a revision read through the index: no operations
    // for lint, and a SQLite rebuild run with foreign key enforcement on

    @Override
    public Optional<RecordedOperations> recordOperations(Dialect dialect, Map<String, String> arguments) {
        return body().recordOperations(dialect, arguments);
    }

    @Override
    public boolean needsForeignKeysOff(Dialect dialect, boolean offline, Map<String, String> arguments) {
        return body().needsForeignKeysOff(dialect, offline, arguments);
    }
}
