package dev.retort.lint.sample;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

/** Asks for the connection halfway: what follows is not linted, and lint says so. */
@Revision(id = "j2reads", down = "j1ignores", message = "reads the database")
public class ReadsTheDatabase implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SET lock_timeout = '2s'");
        op.execute("SET statement_timeout = '1min'");
        op.createIndex("ix_accounts_note", "accounts", "note");
        op.connection();
        op.dropTable("accounts");
    }
}
