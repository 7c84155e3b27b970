package dev.retort.ops;

/**
 * A schema change as data: no SQL inside. A {@link dev.retort.dialect.Dialect} renders it into
 * statements; offline scripts, inverses and lint all work on the same records.
 */
public interface Operation {
}
