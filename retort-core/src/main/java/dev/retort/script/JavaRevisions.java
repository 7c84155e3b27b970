package dev.retort.script;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.RetortException;
import dev.retort.ops.Operations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns a compiled Java revision class into a loaded revision: its {@link Revision} annotation into
 * graph data, its methods into bodies. A class that does not override {@code downgrade} is
 * irreversible.
 *
 * <p>Stateless; thread-safe.
 */
public final class JavaRevisions {

    private JavaRevisions() {
    }

    /** Whether the class is a revision: implements {@link Migration} and carries {@link Revision}. */
    public static boolean isRevision(Class<?> type) {
        return Migration.class.isAssignableFrom(type) && type.isAnnotationPresent(Revision.class);
    }

    /**
     * The loaded revision of a class.
     *
     * @param type     the class
     * @param location its file (or {@code classpath:} name), shown in messages and the history table
     * @param checksum the checksum of its source (or class file)
     * @throws RetortException naming the location when the class is no revision or its annotation is invalid
     */
    public static MigrationScript script(Class<?> type, String location, String checksum) {
        return script(type, location, checksum, location);
    }

    /**
     * The loaded revision of a class, with {@code shownInErrors} (a file and the line of its class)
     * naming it in messages.
     */
    static MigrationScript script(Class<?> type, String location, String checksum, String shownInErrors) {
        if (!Migration.class.isAssignableFrom(type)) {
            throw new RetortException(shownInErrors + ": class " + type.getName() + " does not implement "
                    + Migration.class.getName() + "; declare it as 'class " + type.getSimpleName()
                    + " implements Migration'");
        }
        Revision annotation = type.getAnnotation(Revision.class);
        if (annotation == null) {
            throw new RetortException(shownInErrors + ": class " + type.getName() + " has no @Revision annotation; add"
                    + " @Revision(id = \"...\", down = \"...\", message = \"...\")");
        }
        List<String> problems = new ArrayList<>();
        check(problems, "id", annotation.id());
        for (String down : annotation.down()) {
            check(problems, "down", down);
        }
        if (!problems.isEmpty()) {
            throw new RetortException(shownInErrors + ": " + String.join("; ", problems));
        }
        @SuppressWarnings("unchecked")
        Class<? extends Migration> migration = (Class<? extends Migration>) type;
        dev.retort.revision.Revision revision = new dev.retort.revision.Revision(annotation.id(),
                Arrays.asList(annotation.down()), Arrays.asList(annotation.branchLabels()),
                Arrays.asList(annotation.dependsOn()), annotation.message(), location);
        Optional<MigrationBody> downgrade = overridesDowngrade(migration)
                ? Optional.of(new JavaMigrationBody(migration, false, location)) : Optional.empty();
        Optional<String> created = Optional.of(annotation.created()).filter(c -> !c.isEmpty());
        return new MigrationScript(revision, location, checksum, created,
                new JavaMigrationBody(migration, true, location), downgrade);
    }

    private static void check(List<String> problems, String attribute, String id) {
        dev.retort.revision.Revision.idProblem(id).ifPresent(problem -> problems.add("@Revision(" + attribute
                + "): " + problem));
    }

    private static boolean overridesDowngrade(Class<? extends Migration> type) {
        try {
            return type.getMethod("downgrade", Operations.class).getDeclaringClass() != Migration.class;
        } catch (NoSuchMethodException e) {
            // Migration declares it, so every implementation has it
            throw new IllegalStateException(e);
        }
    }
}
