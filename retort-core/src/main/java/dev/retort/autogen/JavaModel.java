package dev.retort.autogen;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.QualifiedName;
import dev.retort.schema.RenamedFrom;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** A {@link SchemaModel} class as a model source; its {@link RenamedFrom} hints as {@link Renames}. */
public final class JavaModel implements ModelSource {

    private final Class<? extends SchemaModel> type;
    private final String shown;

    public JavaModel(Class<? extends SchemaModel> type, String shown) {
        this.type = type;
        this.shown = shown;
    }

    /** The model's declarations. */
    public DatabaseSchema schema() {
        SchemaBuilder builder = new SchemaBuilder();
        try {
            Constructor<? extends SchemaModel> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            constructor.newInstance().define(builder);
        } catch (NoSuchMethodException e) {
            throw new RetortException(shown + ": schema model " + type.getName()
                    + " needs a constructor without parameters");
        } catch (ReflectiveOperationException e) {
            throw new RetortException(shown + ": cannot create schema model " + type.getName() + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        } catch (IllegalArgumentException e) {
            throw new RetortException(shown + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** The renames the class declares, on top of {@code given}. */
    public Renames renames(Renames given) {
        Renames renames = given;
        for (RenamedFrom hint : type.getAnnotationsByType(RenamedFrom.class)) {
            if (!hint.table().isEmpty() == !hint.column().isEmpty()) {
                throw new RetortException(shown + ": @RenamedFrom(to = \"" + hint.to() + "\") names neither or both"
                        + " of table and column; give one");
            }
            if (!hint.table().isEmpty()) {
                renames = renames.table(QualifiedName.of(hint.table()), hint.to());
            } else {
                int dot = hint.column().lastIndexOf('.');
                if (dot <= 0) {
                    throw new RetortException(shown + ": @RenamedFrom(column = \"" + hint.column() + "\") must be"
                            + " written table.old_name");
                }
                renames = renames.column(QualifiedName.of(Optional.empty(), hint.column().substring(0, dot)),
                        hint.column().substring(dot + 1), hint.to());
            }
        }
        return renames;
    }

    @Override
    public DatabaseSchema read(Dialect dialect, Connection target, IntrospectionFilter filter) throws SQLException {
        return new DeclaredSchema(schema(), shown).read(dialect, target, filter);
    }

    @Override
    public String describe() {
        return shown;
    }
}
