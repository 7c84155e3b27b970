package dev.retort.lint;

import dev.retort.lint.Action.ConstraintFact;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the revisions linted so far (in upgrade order, selected or not) say about the schema: each
 * table's column types, and which columns have a validated {@code CHECK (c IS NOT NULL)}. With it a
 * type change is judged against the type an earlier revision gave the column, and PostgreSQL 12's
 * {@code SET NOT NULL} that skips its scan is recognised. It knows only what the revisions say;
 * where it knows nothing, the rules assume the worst and say so.
 */
final class SchemaTracker {

    private final Map<String, Map<String, TypeFact>> columns = new HashMap<>();
    /** Check constraints that assert one column IS NOT NULL: table key + name -> column key, validated? */
    private final Map<String, NotNullCheck> notNullChecks = new HashMap<>();

    private record NotNullCheck(String table, String column, boolean validated) {
    }

    Optional<TypeFact> type(TableName table, String column) {
        return Optional.ofNullable(columns.getOrDefault(table.key(), Map.of()).get(TableName.key(column)));
    }

    /** Whether a validated check says the column holds no NULL (so PostgreSQL 12+ SET NOT NULL skips the scan). */
    boolean validatedNotNull(TableName table, String column) {
        String key = TableName.key(column);
        return notNullChecks.values().stream().anyMatch(c -> c.validated() && c.table().equals(table.key())
                && c.column().equals(key));
    }

    /** Whether a NOT VALID check says so (validated or not). */
    boolean hasNotNullCheck(TableName table, String column) {
        String key = TableName.key(column);
        return notNullChecks.values().stream().anyMatch(c -> c.table().equals(table.key()) && c.column().equals(key));
    }

    void apply(Action action) {
        if (action instanceof Action.CreateTable a) {
            Map<String, TypeFact> table = new HashMap<>();
            a.columns().forEach(c -> table.put(TableName.key(c.name()), c.type()));
            columns.put(a.table().key(), table);
        } else if (action instanceof Action.AddColumn a) {
            columns.computeIfAbsent(a.table().key(), k -> new HashMap<>()).put(TableName.key(a.column().name()),
                    a.column().type());
        } else if (action instanceof Action.AlterColumnType a) {
            columns.computeIfAbsent(a.table().key(), k -> new HashMap<>()).put(TableName.key(a.column()), a.type());
        } else if (action instanceof Action.ModifyColumn a) {
            Map<String, TypeFact> table = columns.computeIfAbsent(a.table().key(), k -> new HashMap<>());
            table.remove(TableName.key(a.oldName()));
            table.put(TableName.key(a.column().name()), a.column().type());
        } else if (action instanceof Action.RenameColumn a) {
            Map<String, TypeFact> table = columns.get(a.table().key());
            if (table != null && table.containsKey(TableName.key(a.from()))) {
                table.put(TableName.key(a.to()), table.remove(TableName.key(a.from())));
            }
        } else if (action instanceof Action.DropColumn a) {
            columns.getOrDefault(a.table().key(), new HashMap<>()).remove(TableName.key(a.column()));
        } else if (action instanceof Action.RenameTable a) {
            Map<String, TypeFact> table = columns.remove(a.table().key());
            if (table != null) {
                columns.put(new TableName(a.table().schema(), a.to(), false).key(), table);
            }
        } else if (action instanceof Action.DropTable a) {
            columns.remove(a.table().key());
        } else if (action instanceof Action.AddConstraint a && a.constraint().kind() == ConstraintFact.Kind.CHECK) {
            notNullColumn(a.constraint().condition()).ifPresent(column -> notNullChecks.put(
                    a.table().key() + "." + TableName.key(a.constraint().displayName()),
                    new NotNullCheck(a.table().key(), column, !a.constraint().notValid())));
        } else if (action instanceof Action.ValidateConstraint a) {
            String key = a.table().key() + "." + TableName.key(a.name());
            NotNullCheck check = notNullChecks.get(key);
            if (check != null) {
                notNullChecks.put(key, new NotNullCheck(check.table(), check.column(), true));
            }
        }
    }

    /** The column of a condition {@code c IS NOT NULL} (parentheses and quotes allowed). */
    static Optional<String> notNullColumn(String condition) {
        List<SqlTokens.Token> tokens = SqlTokens.of(condition, false).stream()
                .filter(t -> !t.isPunct("(") && !t.isPunct(")")).toList();
        if (tokens.size() == 4 && tokens.get(0).name() && tokens.get(1).is("IS") && tokens.get(2).is("NOT")
                && tokens.get(3).is("NULL")) {
            return Optional.of(TableName.key(tokens.get(0).text()));
        }
        return Optional.empty();
    }

    /** Table keys, for tests. */
    Set<String> tables() {
        return new HashSet<>(columns.keySet());
    }

    @Override
    public String toString() {
        return columns.toString().toLowerCase(Locale.ROOT);
    }
}
