package dev.retort.lint;

import dev.retort.lint.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a PostgreSQL default expression is evaluated once ({@code ADD COLUMN} then stores it
 * without rewriting the table, PostgreSQL 11+) or per row. As squawk does, a function retort does
 * not know counts as volatile: guessing wrong would let a table rewrite through.
 */
final class Volatility {

    /** Functions PostgreSQL marks VOLATILE that defaults commonly call. */
    private static final Set<String> VOLATILE = Set.of("random", "random_normal", "gen_random_uuid", "uuid",
            "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp",
            "timeofday", "nextval", "setval", "txid_current", "pg_current_xact_id", "gen_random_bytes");

    /** Functions marked IMMUTABLE or STABLE (evaluated once for ADD COLUMN ... DEFAULT). */
    private static final Set<String> NON_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_date", "current_timestamp", "localtimestamp", "localtime", "current_time", "current_setting",
            "current_schema", "current_user", "lower", "upper", "trim", "btrim", "ltrim", "rtrim", "length", "concat",
            "concat_ws", "replace", "substring", "substr", "left", "right", "to_char", "to_timestamp", "to_date",
            "to_number", "to_json", "to_jsonb", "json_build_object", "json_build_array", "jsonb_build_object",
            "jsonb_build_array", "array_length", "make_date", "make_time", "make_timestamp", "make_timestamptz",
            "make_interval", "date_trunc", "abs", "round", "floor", "ceil", "md5", "encode", "decode", "timezone",
            "interval", "int4", "int8", "text", "numeric");

    /** Constructs written like calls that are not functions. */
    private static final Set<String> CONSTRUCTS = Set.of("cast", "coalesce", "nullif", "greatest", "least", "array",
            "row", "case");

    private Volatility() {
    }

    /** The first function of {@code sql} that is volatile or unknown; empty when it is evaluated once. */
    static Optional<String> volatileCall(String sql) {
        List<Token> tokens = SqlTokens.of(sql, false);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if ((token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.QUOTED)
                    && tokens.get(i + 1).isPunct("(")) {
                String name = TableName.unquote(token.text()).toLowerCase(Locale.ROOT);
                if (i > 0 && tokens.get(i - 1).isPunct("::")) {
                    continue; // a cast to a type with a modifier: '1'::numeric(3)
                }
                if (VOLATILE.contains(name) || !NON_VOLATILE.contains(name) && !CONSTRUCTS.contains(name)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether retort knows the function to be volatile (rather than not knowing it at all). */
    static boolean knownVolatile(String function) {
        return VOLATILE.contains(function);
    }
}
