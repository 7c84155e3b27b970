package dev.retort.lint.sample;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.text;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** A Java revision with lint ignores: used, without a reason, unused. Line numbers are asserted. */
@Revision(id = "j1ignores", message = "ignores on purpose")
public class IgnoresOnPurpose implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SET lock_timeout = '2s'");
        op.execute("SET statement_timeout = '1min'");
        op.lintIgnore("ban-drop-column", "the app stopped reading it in 4.2");
        op.dropColumn("accounts", "legacy");
        op.lintIgnore("renaming-table", "");
        op.renameTable("people", "persons");
        op.lintIgnore("ban-drop-table", "nothing to drop here");
        op.addColumn("accounts", column("note", text()));
        op.dropColumn("accounts", "other");
    }
}
