package dev.retort.ops;

import dev.retort.schema.QualifiedName;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code CREATE SEQUENCE} (PostgreSQL, H2, MariaDB; not MySQL or SQLite). */
public record CreateSequence(QualifiedName name, OptionalLong start, OptionalLong increment, OptionalLong minValue,
                             OptionalLong maxValue, boolean cycle, OptionalLong cache, boolean ifNotExists)
        implements Operation {

    public CreateSequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(increment, "increment");
        Objects.requireNonNull(minValue, "minValue");
        Objects.requireNonNull(maxValue, "maxValue");
        Objects.requireNonNull(cache, "cache");
        if (increment.isPresent() && increment.getAsLong() == 0) {
            throw new IllegalArgumentException("sequence " + name + ": the increment cannot be 0");
        }
    }

    /** A sequence with the database's defaults. */
    public static CreateSequence of(QualifiedName name) {
        return new CreateSequence(name, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), false, OptionalLong.empty(), false);
    }

    public CreateSequence startWith(long value) {
        return new CreateSequence(name, OptionalLong.of(value), increment, minValue, maxValue, cycle, cache,
                ifNotExists);
    }

    public CreateSequence incrementBy(long value) {
        return new CreateSequence(name, start, OptionalLong.of(value), minValue, maxValue, cycle, cache, ifNotExists);
    }

    public CreateSequence minValue(long value) {
        return new CreateSequence(name, start, increment, OptionalLong.of(value), maxValue, cycle, cache, ifNotExists);
    }

    public CreateSequence maxValue(long value) {
        return new CreateSequence(name, start, increment, minValue, OptionalLong.of(value), cycle, cache, ifNotExists);
    }

    public CreateSequence withCycle() {
        return new CreateSequence(name, start, increment, minValue, maxValue, true, cache, ifNotExists);
    }

    public CreateSequence cache(long values) {
        return new CreateSequence(name, start, increment, minValue, maxValue, cycle, OptionalLong.of(values),
                ifNotExists);
    }

    public CreateSequence withIfNotExists() {
        return new CreateSequence(name, start, increment, minValue, maxValue, cycle, cache, true);
    }

    @Override
    public String describe() {
        return "create sequence " + name;
    }

    @Override
    public Optional<Operation> inverse() {
        return Optional.of(new DropSequence(name, false, Optional.of(this)));
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
