package dev.retort.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL's {@code EXCLUDE USING method (element WITH operator, ...) [WHERE (predicate)]}: no
 * two rows may match on all the operators (overlapping ranges, say).
 */
public record ExcludeConstraint(Optional<String> name, String using, List<Element> elements,
                                Optional<String> where) implements TableConstraint {

    /** One element: a column or expression and the operator compared with. */
    public record Element(String expression, String operator) {
        public Element {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(operator, "operator");
        }
    }

    public ExcludeConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(using, "using");
        Objects.requireNonNull(where, "where");
        elements = List.copyOf(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException(Names.describe("exclusion constraint", name)
                    + " needs at least one element");
        }
    }

    @Override
    public ConstraintType constraintType() {
        return ConstraintType.EXCLUDE;
    }

    @Override
    public ExcludeConstraint named(String newName) {
        return new ExcludeConstraint(Optional.of(newName), using, elements, where);
    }

    @Override
    public List<String> columns() {
        return List.of();
    }
}
