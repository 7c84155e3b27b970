package dev.retort.javarev.sample;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;

@Revision(id = "c3irrev", down = "b2author", message = "irreversible")
class Irreversible implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("DELETE FROM books WHERE pages = 0");
    }
}
