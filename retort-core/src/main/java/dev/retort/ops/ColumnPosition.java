package dev.retort.ops;

import java.util.Objects;

/** Where MySQL, MariaDB and H2 put an added column ({@code FIRST}, {@code AFTER col}); ignored elsewhere. */
public sealed interface ColumnPosition {

    record First() implements ColumnPosition {
    }

    record After(String column) implements ColumnPosition {
        public After {
            Objects.requireNonNull(column, "column");
        }
    }

    static ColumnPosition first() {
        return new First();
    }

    static ColumnPosition after(String column) {
        return new After(column);
    }
}
