package dev.retort.hibernate;

import dev.retort.RetortException;
import dev.retort.autogen.ModelSource;
import dev.retort.dialect.Dialect;
import dev.retort.introspect.IntrospectionFilter;
import dev.retort.introspect.ScratchDatabase;
import dev.retort.schema.DatabaseSchema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * JPA entities as a model: what Hibernate would create for them is what retort compares. The
 * application's compiled entities are found in packages of a class path, Hibernate's own boot
 * metamodel maps them with the application's naming strategies and the target's Hibernate dialect
 * and server version (without connecting), Hibernate's schema creation writes its DDL to a script,
 * and that script runs on the scratch database and is read back like the target.
 *
 * <pre>{@code
 * HibernateModel model = HibernateModel.builder()
 *         .classPath(Path.of("target/classes"))
 *         .packages("com.example.library")
 *         .naming(Naming.SPRING_BOOT)
 *         .build();
 * SchemaDiff diff = retort.compare(model, Renames.none(), IntrospectionFilter.excluding());
 * }</pre>
 *
 * <p>Booting Hibernate takes a second or more, so each instance keeps the DDL it produced for a
 * kind of database and server version and reuses it when read again; an instance therefore sees the
 * class files as they were when first read: build a new one after recompiling. Thread-safe.
 *
 * <p>Hibernate logs through JBoss Logging; this module routes JBoss Logging to SLF4J (a
 * {@code LoggerProvider} service), so Hibernate's boot messages go where retort's do. A host that
 * wants otherwise sets the system property {@code org.jboss.logging.provider}, which wins.
 */
public final class HibernateModel implements ModelSource {

    private static final Pattern PACKAGE = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private final List<Path> classPath;
    private final List<String> packages;
    private final Naming naming;
    private final Optional<String> implicitNamingStrategy;
    private final Optional<String> physicalNamingStrategy;
    private final Map<String, String> properties;
    private final String shown;
    private final Map<TargetDatabase, List<String>> scripts = new ConcurrentHashMap<>();

    private HibernateModel(Builder builder) {
        this.classPath = List.copyOf(builder.classPath);
        this.packages = List.copyOf(builder.packages);
        this.naming = builder.naming;
        this.implicitNamingStrategy = builder.implicitNamingStrategy;
        this.physicalNamingStrategy = builder.physicalNamingStrategy;
        this.properties = Map.copyOf(builder.properties);
        this.shown = builder.shown != null ? builder.shown : "JPA entities in " + String.join(", ", packages);
    }

    /** A builder; class path and packages are required, the naming is Hibernate's unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The directories and jars the entities are loaded from. */
    public List<Path> classPath() {
        return classPath;
    }

    /** The packages scanned for entities (with their sub-packages). */
    public List<String> packages() {
        return packages;
    }

    public Naming naming() {
        return naming;
    }

    /** The implicit naming strategy's class, when it replaces the one {@link #naming()} implies. */
    public Optional<String> implicitNamingStrategy() {
        return implicitNamingStrategy;
    }

    /** The physical naming strategy's class, when it replaces the one {@link #naming()} implies. */
    public Optional<String> physicalNamingStrategy() {
        return physicalNamingStrategy;
    }

    /** Further Hibernate settings, as the application sets them ({@code hibernate.type.preferred_uuid_jdbc_type}). */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * The statements Hibernate's schema creation runs for these entities on {@code target}
     * ({@code hbm2ddl.auto=create} without the drops), in Hibernate's order: sequences, tables,
     * constraints. Reused after the first call for the same target.
     *
     * @throws EntityModelException naming the class path entry, package or class at fault
     */
    public List<String> createStatements(TargetDatabase target) {
        Objects.requireNonNull(target, "target");
        return scripts.computeIfAbsent(target, t -> HibernateSchemaCreation.createStatements(this, t));
    }

    @Override
    public DatabaseSchema read(Dialect dialect, java.sql.Connection target, IntrospectionFilter filter)
            throws SQLException {
        try (ScratchDatabase scratch = dialect.scratchDatabase(target, filter.schemas())) {
            return read(dialect, scratch, filter);
        }
    }

    /** Runs Hibernate's DDL in the scratch database and reads it back. */
    public DatabaseSchema read(Dialect dialect, ScratchDatabase scratch, IntrospectionFilter filter)
            throws SQLException {
        List<String> statements = createStatements(TargetDatabase.of(scratch.connection().getMetaData()));
        try (Statement statement = scratch.connection().createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i);
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new RetortException(shown + ": " + dialect.displayName() + " refuses Hibernate's statement "
                            + (i + 1) + " (" + sql + "): " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")
                            + "; Hibernate's dialect and the database disagree: check the entity's columnDefinition"
                            + " or the model property hibernate.dialect", e);
                }
            }
        }
        return dialect.introspector().read(scratch.connection(), filter);
    }

    @Override
    public String describe() {
        return shown;
    }

    /**
     * Builds a {@link HibernateModel}. Not thread-safe; the model it builds is.
     */
    public static final class Builder {
        private final List<Path> classPath = new ArrayList<>();
        private final List<String> packages = new ArrayList<>();
        private Naming naming = Naming.HIBERNATE;
        private Optional<String> implicitNamingStrategy = Optional.empty();
        private Optional<String> physicalNamingStrategy = Optional.empty();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String shown;

        private Builder() {
        }

        /**
         * Directories and jars of the application's compiled entities and whatever they need to load
         * (their converters, embeddables in other modules, custom types); Hibernate and
         * {@code jakarta.persistence} come from retort's own class path.
         */
        public Builder classPath(List<Path> entries) {
            entries.forEach(e -> classPath.add(Objects.requireNonNull(e, "a class path entry is null")));
            return this;
        }

        public Builder classPath(Path... entries) {
            return classPath(List.of(entries));
        }

        /** Packages to scan, each with its sub-packages. */
        public Builder packages(List<String> names) {
            for (String name : names) {
                if (name == null || !PACKAGE.matcher(name).matches()) {
                    throw new EntityModelException("'" + name + "' is not a Java package name; give packages as"
                            + " com.example.domain");
                }
                packages.add(name);
            }
            return this;
        }

        public Builder packages(String... names) {
            return packages(List.of(names));
        }

        /** The naming strategies the application uses; {@link Naming#HIBERNATE} by default. */
        public Builder naming(Naming value) {
            this.naming = Objects.requireNonNull(value, "naming");
            return this;
        }

        /** An implicit naming strategy class (the application's own, or Hibernate's), over {@link #naming}'s. */
        public Builder implicitNamingStrategy(String className) {
            this.implicitNamingStrategy = Optional.of(className).filter(s -> !s.isBlank());
            return this;
        }

        /** A physical naming strategy class (the application's own, or Hibernate's), over {@link #naming}'s. */
        public Builder physicalNamingStrategy(String className) {
            this.physicalNamingStrategy = Optional.of(className).filter(s -> !s.isBlank());
            return this;
        }

        /**
         * A Hibernate setting of the application that shapes its DDL ({@code hibernate.type.preferred_uuid_jdbc_type},
         * {@code hibernate.globally_quoted_identifiers}, a custom {@code hibernate.dialect}). Settings
         * that would connect, or run schema actions, are refused.
         */
        public Builder property(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (HibernateSchemaCreation.isReserved(key)) {
                throw new EntityModelException("model property " + key + " is retort's to set: the model never"
                        + " connects and runs no schema action; leave it out");
            }
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> values) {
            values.forEach(this::property);
            return this;
        }

        /** How messages name the model (default: "JPA entities in" and the packages). */
        public Builder shownAs(String description) {
            this.shown = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * @throws EntityModelException without class path or packages
         */
        public HibernateModel build() {
            if (classPath.isEmpty()) {
                throw new EntityModelException("the JPA model needs a class path: the directories or jars of the"
                        + " compiled entities (target/classes, build/classes/java/main)");
            }
            if (packages.isEmpty()) {
                throw new EntityModelException("the JPA model needs the packages of the entities to scan"
                        + " (com.example.domain)");
            }
            return new HibernateModel(this);
        }
    }
}
