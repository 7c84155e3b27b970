package dev.retort.autogen;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.RenderContext;
import dev.retort.dialect.RenderedStatement;
import dev.retort.ops.Operation;
import dev.retort.script.RevisionFileWriter.Body;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code revision --autogenerate} writes into a new revision: the upgrade and downgrade of a
 * {@link SchemaDiff} as Java statements or as the target's SQL, with its warnings as comments at
 * the top of the direction they are about, where the reviewer cannot miss them (in SQL, with what
 * the dialect says an offline rendering of an operation leaves undone).
 *
 * <p>Stateless; thread-safe.
 */
public final class RevisionBodies {

    private static final String INDENT = "        ";

    private RevisionBodies() {
    }

    /** The diff as the two methods of a Java revision. */
    public static Body java(SchemaDiff diff) {
        JavaOperationWriter writer = new JavaOperationWriter();
        String upgrade = comments(diff.warnings(), INDENT + "// ") + statements(writer.write(diff.upgrade()));
        String downgrade = comments(diff.downgradeWarnings(), INDENT + "// ")
                + statements(writer.write(diff.downgrade()));
        return new Body(upgrade, downgrade, writer.imports(), true, true);
    }

    /**
     * The diff as the two sections of a SQL revision for the dialect. A section that holds a
     * statement that must run outside a transaction ({@code ALTER TYPE ... ADD VALUE}) is marked
     * {@code transaction:false} as a whole, and says so.
     */
    public static Body sql(SchemaDiff diff, Dialect dialect) {
        Section up = section(diff.upgrade(), dialect, diff.warnings());
        Section down = section(diff.downgrade(), dialect, diff.downgradeWarnings());
        return new Body(up.text(), down.text(), List.of(), up.transactional(), down.transactional());
    }

    private record Section(String text, boolean transactional) {
    }

    private static Section section(List<Operation> operations, Dialect dialect, List<String> warnings) {
        List<String> statements = new ArrayList<>();
        List<String> notes = new ArrayList<>(warnings);
        boolean anyOutside = false;
        boolean anyInside = false;
        for (Operation operation : operations) {
            // a SQL revision holds the operation as rendered now, offline: say what that leaves undone
            notes.addAll(dialect.offlineCaveats(operation));
            for (RenderedStatement statement : dialect.render(operation, RenderContext.OFFLINE)) {
                statements.add(statement.sql() + ";");
                anyOutside |= !statement.transactional();
                anyInside |= statement.transactional();
            }
        }
        if (anyOutside && anyInside) {
            notes.add("a statement here cannot run in a transaction, so this whole section runs without one;"
                    + " to keep the others in a transaction, write the revision in Java (--java), where retort"
                    + " runs only that statement outside it");
        }
        String text = comments(notes, "-- ") + String.join("\n\n", statements) + (statements.isEmpty() ? "" : "\n");
        return new Section(text, !anyOutside);
    }

    private static String statements(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(INDENT).append(line.replace("\n", "\n" + INDENT)).append('\n');
        }
        return text.toString();
    }

    private static String comments(List<String> notes, String prefix) {
        StringBuilder text = new StringBuilder();
        for (String note : notes) {
            text.append(prefix).append("WARNING: ").append(note).append('\n');
        }
        return text.toString();
    }
}
