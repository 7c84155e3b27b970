package dev.retort.javarev.mysqlh2;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.doublePrecision;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

@Revision(id = "m3scroll", down = "m2cfi", message = "add scroll_offset_percent")
class AddScrollOffset implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("reading_progress", column("scroll_offset_percent", doublePrecision())
                .notNull().serverDefault(0.0).comment("Scroll offset within page (0-100%)"));
        op.createCheckConstraint("check_scroll_offset_range", "reading_progress",
                "scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0");
    }

    /** Without the constraint's kind: MySQL and MariaDB read it from the database when migrating. */
    @Override
    public void downgrade(Operations op) {
        op.dropConstraint("check_scroll_offset_range", "reading_progress");
        op.dropColumn("reading_progress", "scroll_offset_percent");
    }
}
