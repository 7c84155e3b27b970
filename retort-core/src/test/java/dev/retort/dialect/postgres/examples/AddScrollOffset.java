package dev.retort.dialect.postgres.examples;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.doublePrecision;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** The second example (SPEC §3.2): a NOT NULL double with a server default and a named check. */
@Revision(id = "pg2scroll", down = "pg1cfi", message = "add scroll_offset_percent", created = "2025-10-20 23:28:00")
class AddScrollOffset implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("reading_progress", column("scroll_offset_percent", doublePrecision())
                .notNull().serverDefault("0.0").comment("Scroll offset within page (0-100%)"));
        op.createCheckConstraint("check_scroll_offset_range", "reading_progress",
                "scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropConstraint("check_scroll_offset_range", "reading_progress");
        op.dropColumn("reading_progress", "scroll_offset_percent");
    }
}
