package dev.retort.autogen.realistic;

import dev.retort.autogen.Renames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One change of a realistic schema's model, and exactly what autogenerate must make of it: the
 * {@code describe()} lines of the upgrade's operations, in order, and the beginnings of its warnings.
 * A change edits the model's DDL: most append the statement a DBA would run ({@code ALTER TABLE ...
 * ADD COLUMN ...}), since a model made of its base and that statement is the changed model; where the
 * database cannot alter an object in place, the base's text is replaced instead.
 *
 * @param description      what changes, as the test's name shows it: {@code column type}
 * @param edit             the model's DDL before → after
 * @param renames          the rename hints given with the comparison
 * @param schemas          schemas compared besides the realistic schema's own
 * @param operations       the upgrade's operations, described, in order
 * @param warnings         the beginnings of the warnings, in order
 * @param restoresExactly  whether the downgrade gives back the schema exactly (not where the database
 *                         cannot undo the upgrade, such as PostgreSQL's added enum value)
 * @param keepsColumnOrder whether the downgrade gives the columns back in their order (not where it adds
 *                         again a column the upgrade dropped, and the database can only add it last)
 */
public record SchemaChange(String description, UnaryOperator<String> edit, Renames renames, List<String> schemas,
                           List<String> operations, List<String> warnings, boolean restoresExactly,
                           boolean keepsColumnOrder) {

    public SchemaChange {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(renames, "renames");
        schemas = List.copyOf(schemas);
        operations = List.copyOf(operations);
        warnings = List.copyOf(warnings);
    }

    private SchemaChange(String description, UnaryOperator<String> edit) {
        this(description, edit, Renames.none(), List.of(), List.of(), List.of(), true, true);
    }

    /** The model with these statements after the base's. */
    public static SchemaChange appending(String description, String statements) {
        return new SchemaChange(description, ddl -> ddl + "\n" + statements + "\n");
    }

    /**
     * The model with {@code text} of the base replaced; the text must occur exactly once, so that a
     * base edited later fails here rather than testing nothing.
     */
    public static SchemaChange replacing(String description, String text, String replacement) {
        return new SchemaChange(description, ddl -> {
            int at = ddl.indexOf(text);
            if (at < 0 || ddl.indexOf(text, at + 1) >= 0) {
                throw new IllegalStateException(description + ": the base DDL must hold exactly one \"" + text
                        + "\"");
            }
            return ddl.substring(0, at) + replacement + ddl.substring(at + text.length());
        });
    }

    /** The model without {@code text} of the base (which must occur exactly once). */
    public static SchemaChange removing(String description, String text) {
        return replacing(description, text, "");
    }

    /** A {@code batch alter table} as the suite describes it: with its changes. */
    public static String batch(String table, String... changes) {
        return "batch alter table " + table + ": " + String.join("; ", changes);
    }

    /** The operations autogenerate must write, described, in order. */
    public SchemaChange expect(String... described) {
        return new SchemaChange(description, edit, renames, schemas, List.of(described), warnings, restoresExactly,
                keepsColumnOrder);
    }

    /** The beginnings of the warnings autogenerate must give, in order. */
    public SchemaChange warns(String... beginnings) {
        return new SchemaChange(description, edit, renames, schemas, operations, List.of(beginnings),
                restoresExactly, keepsColumnOrder);
    }

    public SchemaChange renaming(Renames hints) {
        return new SchemaChange(description, edit, hints, schemas, operations, warnings, restoresExactly,
                keepsColumnOrder);
    }

    /** Compares these schemas too (a change that adds one). */
    public SchemaChange comparingSchemas(String... names) {
        List<String> all = new ArrayList<>(schemas);
        all.addAll(List.of(names));
        return new SchemaChange(description, edit, renames, all, operations, warnings, restoresExactly,
                keepsColumnOrder);
    }

    /** The downgrade cannot give the schema back exactly; it must still undo everything it can. */
    public SchemaChange notRestoredExactly() {
        return new SchemaChange(description, edit, renames, schemas, operations, warnings, false, keepsColumnOrder);
    }

    /** The downgrade adds a dropped column again, last, the database having no column positions. */
    public SchemaChange movesColumnsLast() {
        return new SchemaChange(description, edit, renames, schemas, operations, warnings, restoresExactly, false);
    }

    /** The model's DDL after the change. */
    public String apply(String baseDdl) {
        return edit.apply(baseDdl);
    }

    @Override
    public String toString() {
        return description;
    }
}
