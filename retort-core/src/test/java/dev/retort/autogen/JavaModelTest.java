package dev.retort.autogen;

import static dev.retort.schema.Tables.unique;
import static dev.retort.schema.Types.bigint;
import static dev.retort.schema.Types.column;
import static dev.retort.schema.Types.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.RetortException;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.RenamedFrom;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaModelTest {

    @RenamedFrom(table = "people", to = "users")
    @RenamedFrom(column = "users.mail", to = "email")
    static final class AppSchema implements SchemaModel {
        @Override
        public void define(SchemaBuilder schema) {
            schema.enumType("mood", "sad", "ok");
            schema.table("users", column("id", bigint()).autoincrement().primaryKey(),
                    column("email", varchar(200)).notNull(), unique("uq_users_email", "email"));
            schema.inSchema("audit").table("events", column("id", bigint()).primaryKey());
            schema.view("emails", "SELECT email FROM users");
        }
    }

    @RenamedFrom(to = "x")
    static final class Vague implements SchemaModel {
        @Override
        public void define(SchemaBuilder schema) {
        }
    }

    static final class Broken implements SchemaModel {
        @Override
        public void define(SchemaBuilder schema) {
            schema.table("t", column("a", bigint()), column("a", bigint()));
        }
    }

    @Test
    void aModelClassDeclaresTheSchemaAndItsRenames() {
        JavaModel model = new JavaModel(AppSchema.class, "src/AppSchema.java");

        DatabaseSchema schema = model.schema();
        assertThat(schema.schemas()).containsExactly("audit");
        assertThat(schema.tables()).extracting(t -> t.name().toString()).containsExactly("users", "audit.events");
        assertThat(schema.enums()).hasSize(1);
        assertThat(schema.views()).hasSize(1);

        Renames renames = model.renames(Renames.none());
        assertThat(renames.tables()).containsExactly(Map.entry(QualifiedName.of("people"), "users"));
        assertThat(renames.columns()).containsOnlyKeys(QualifiedName.of("users"));
    }

    @Test
    void aRenameThatNamesNeitherTableNorColumnIsRefused() {
        assertThatThrownBy(() -> new JavaModel(Vague.class, "src/Vague.java").renames(Renames.none()))
                .isInstanceOf(RetortException.class)
                .hasMessage("src/Vague.java: @RenamedFrom(to = \"x\") names neither or both of table and column;"
                        + " give one");
    }

    @Test
    void anInvalidDeclarationNamesTheModel() {
        assertThatThrownBy(() -> new JavaModel(Broken.class, "src/Broken.java").schema())
                .isInstanceOf(RetortException.class)
                .hasMessage("src/Broken.java: table t has two columns named a");
    }
}
