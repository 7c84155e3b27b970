package dev.retort.autogen;

import dev.retort.schema.Column;
import dev.retort.schema.EnumDefinition;
import dev.retort.schema.Extension;
import dev.retort.schema.Index;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.TableConstraint;
import dev.retort.schema.View;

/** Something a {@link Difference} is about. */
public sealed interface SchemaObject {

    /** The kind and name: {@code table books}, {@code column books.author}. */
    String describe();

    record SchemaName(String name) implements SchemaObject {
        @Override
        public String describe() {
            return "schema " + name;
        }
    }

    record TableObject(Table table) implements SchemaObject {
        @Override
        public String describe() {
            return "table " + table.name();
        }
    }

    record ColumnObject(QualifiedName table, Column column) implements SchemaObject {
        @Override
        public String describe() {
            return "column " + table + "." + column.name();
        }
    }

    record ConstraintObject(QualifiedName table, TableConstraint constraint) implements SchemaObject {
        @Override
        public String describe() {
            return constraint.constraintType().description() + " " + constraint.name().orElse("(unnamed)") + " on "
                    + table;
        }
    }

    record IndexObject(Index index) implements SchemaObject {
        @Override
        public String describe() {
            return "index " + index.name() + " on " + index.table();
        }
    }

    record ViewObject(View view) implements SchemaObject {
        @Override
        public String describe() {
            return "view " + view.name();
        }
    }

    record EnumObject(EnumDefinition definition) implements SchemaObject {
        @Override
        public String describe() {
            return "enum type " + definition.name();
        }
    }

    record SequenceObject(Sequence sequence) implements SchemaObject {
        @Override
        public String describe() {
            return "sequence " + sequence.name();
        }
    }

    record ExtensionObject(Extension extension) implements SchemaObject {
        @Override
        public String describe() {
            return "extension " + extension.name();
        }
    }
}
