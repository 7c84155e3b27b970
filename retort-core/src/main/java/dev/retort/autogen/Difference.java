package dev.retort.autogen;

import java.util.List;
import java.util.Objects;

/**
 * One way a database differs from its model: an object the model has and the database lacks
 * ({@link Missing}), one the database has and the model does not ({@link Unexpected}), or one both
 * have that differs ({@link Changed}, naming how). Which object is "the same" is decided before
 * how it differs (STYLE.md rule 5).
 */
public sealed interface Difference {

    /** One line for {@code retort check}: {@code missing column books.author}. */
    String describe();

    record Missing(SchemaObject object) implements Difference {
        public Missing {
            Objects.requireNonNull(object, "object");
        }

        @Override
        public String describe() {
            return "missing " + object.describe();
        }
    }

    record Unexpected(SchemaObject object) implements Difference {
        public Unexpected {
            Objects.requireNonNull(object, "object");
        }

        @Override
        public String describe() {
            return "unexpected " + object.describe();
        }
    }

    /**
     * @param database what the database has
     * @param model    what the model says
     * @param aspects  what differs ({@code type}, {@code nullable}, {@code default}...)
     */
    record Changed(SchemaObject database, SchemaObject model, List<String> aspects) implements Difference {
        public Changed {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(model, "model");
            aspects = List.copyOf(aspects);
        }

        @Override
        public String describe() {
            return "changed " + model.describe() + " (" + String.join(", ", aspects) + ")";
        }
    }
}
