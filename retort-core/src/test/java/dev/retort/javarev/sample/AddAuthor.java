package dev.retort.javarev.sample;

import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.varchar;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.ops.Operations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A data migration: reads the rows it just changed the table of. */
@Revision(id = "b2author", down = "a1books", message = "add books.author")
class AddAuthor implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("books", column("author", varchar(100)));
        op.execute("UPDATE books SET author = ? WHERE title = ?", op.arguments().getOrDefault("author", "Herbert"),
                "Dune");
        if (!op.isOffline()) {
            try (Statement statement = op.connection().createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM books WHERE author IS NOT NULL")) {
                rs.next();
                op.createIndex("ix_books_author_" + rs.getInt(1), "books", "author");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void downgrade(Operations op) {
        op.dropIndex("ix_books_author_1", "books");
        op.dropColumn("books", "author");
    }
}
