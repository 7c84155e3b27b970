package dev.retort.hibernate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.SourceType;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.spi.CommandAcceptanceException;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExceptionHandler;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.ScriptSourceInput;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of Hibernate's schema creation for a {@link HibernateModel} on a {@link TargetDatabase}:
 * the entity classes are scanned and loaded in a class loader of their own, Hibernate's boot
 * metamodel is built from them without a connection, and the schema creator writes to a script
 * target that keeps each statement as Hibernate issues it (no splitting, no delimiters). Everything
 * Hibernate opened (its service registries, the class loader) is closed afterwards.
 */
final class HibernateSchemaCreation {

    private static final Logger LOG = LoggerFactory.getLogger(HibernateSchemaCreation.class);

    private HibernateSchemaCreation() {
    }

    /** Settings the model sets itself, so that boot never connects and runs no schema action. */
    static boolean isReserved(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith("hibernate.connection.") || lower.startsWith("jakarta.persistence.jdbc.")
                || lower.startsWith("javax.persistence.jdbc.") || lower.startsWith("hibernate.hbm2ddl.")
                || lower.startsWith("jakarta.persistence.schema-generation.")
                || lower.startsWith("jakarta.persistence.database-")
                || lower.equals("hibernate.boot.allow_jdbc_metadata_access")
                || lower.equals("jakarta.persistence.sql-load-script-source");
    }

    static List<String> createStatements(HibernateModel model, TargetDatabase target) {
        long started = System.nanoTime();
        List<URL> urls = new ArrayList<>();
        for (Path entry : model.classPath()) {
            if (!Files.exists(entry)) {
                throw new EntityModelException("class path entry " + entry + " of the JPA model does not exist: build"
                        + " the application first (mvn compile, gradle classes) or fix the model's classpath");
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new EntityModelException("class path entry " + entry + " is not a usable path: " + e.getMessage(),
                        e);
            }
        }
        EntityClasses found;
        try {
            found = EntityClasses.scan(model.classPath(), model.packages());
        } catch (IOException e) {
            throw new EntityModelException("cannot read the JPA model's class path: " + e.getMessage(), e);
        }
        checkFound(model, found);
        // the parent is this module's loader: it has Hibernate and jakarta.persistence, so that the
        // entities' annotations are the very classes Hibernate looks for
        try (URLClassLoader loader = new URLClassLoader("retort-jpa-model", urls.toArray(URL[]::new),
                HibernateSchemaCreation.class.getClassLoader())) {
            List<String> statements = create(model, target, found, loader);
            LOG.debug("Hibernate created {} statements for {} classes of {} in {} ms", statements.size(),
                    found.classes().size(), model.packages(), (System.nanoTime() - started) / 1_000_000);
            return List.copyOf(statements);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkFound(HibernateModel model, EntityClasses found) {
        for (Map.Entry<String, Integer> entry : found.perPackage().entrySet()) {
            if (entry.getValue() > 0) {
                continue;
            }
            // a package that gives nothing is a typo or a missing build; going on would compare the
            // database with a model without those tables, and plan to drop them
            String javax = found.javaxClasses().stream().filter(c -> c.startsWith(entry.getKey() + "."))
                    .findFirst().map(c -> "; its classes use javax.persistence (" + c + "), which Hibernate 7 does"
                            + " not read: move them to jakarta.persistence").orElse("");
            throw new EntityModelException("package " + entry.getKey() + " has no @Entity, @Embeddable,"
                    + " @MappedSuperclass or @Converter classes on the JPA model's class path " + model.classPath()
                    + (javax.isEmpty() ? ": check the package name and that the class path holds the compiled"
                    + " entities (build them first)" : javax));
        }
    }

    private static List<String> create(HibernateModel model, TargetDatabase target, EntityClasses found,
                                       URLClassLoader loader) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : found.classes()) {
            classes.add(load(name, loader));
        }
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = null;
        try {
            registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(settings(model, target))
                    .addService(ConnectionProvider.class, new RefusingConnectionProvider()).build();
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            found.infoPackages().forEach(sources::addPackage);
            MetadataBuilder builder = sources.getMetadataBuilder();
            Metadata metadata;
            try {
                metadata = builder.build();
            } catch (RuntimeException | LinkageError e) {
                throw mappingFailure(found, e);
            }
            checkNamespaces(metadata);
            return script(registry, metadata);
        } catch (RuntimeException e) {
            if (e instanceof EntityModelException) {
                throw e;
            }
            throw mappingFailure(found, e);
        } finally {
            if (registry != null) {
                StandardServiceRegistryBuilder.destroy(registry);
            }
            BootstrapServiceRegistryBuilder.destroy(bootstrap);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            String missing = e.getMessage() == null ? "?" : e.getMessage().replace('/', '.');
            throw new EntityModelException("entity class " + name + " does not load: it needs " + missing
                    + ", which is not on the JPA model's class path; add the directory or jar that holds it", e);
        } catch (UnsupportedClassVersionError e) {
            throw new EntityModelException("entity class " + name + " was compiled for a newer Java than the one"
                    + " retort runs on (" + Runtime.version().feature() + "): run retort on that Java", e);
        } catch (LinkageError e) {
            throw new EntityModelException("entity class " + name + " does not load: " + e, e);
        }
    }

    private static Map<String, Object> settings(HibernateModel model, TargetDatabase target) {
        Map<String, Object> settings = new HashMap<>(model.properties());
        // never connect: Hibernate is told the server's name and version instead of asking for them, and
        // picks its dialect from them as it would from a connection (unless the application names one
        // in hibernate.dialect); naming the dialect here would make it warn that it need not be named
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        settings.put("jakarta.persistence.database-product-name", target.productName());
        settings.put("jakarta.persistence.database-product-version", target.productVersion());
        settings.put("jakarta.persistence.database-major-version", String.valueOf(target.majorVersion()));
        settings.put("jakarta.persistence.database-minor-version", String.valueOf(target.minorVersion()));
        settings.put("hibernate.hbm2ddl.auto", "none");
        // an import.sql on the application's class path holds data, not schema
        settings.put("hibernate.hbm2ddl.skip_default_import_file", "true");
        settings.put("hibernate.format_sql", "false");
        settings.put("hibernate.implicit_naming_strategy", model.implicitNamingStrategy().<Object>map(n -> n)
                .orElseGet(() -> switch (model.naming()) {
                    case HIBERNATE -> new ImplicitNamingStrategyJpaCompliantImpl();
                    case SPRING_BOOT -> new SpringBootImplicitNamingStrategy();
                }));
        settings.put("hibernate.physical_naming_strategy", model.physicalNamingStrategy().<Object>map(n -> n)
                .orElseGet(() -> switch (model.naming()) {
                    case HIBERNATE -> new PhysicalNamingStrategyStandardImpl();
                    case SPRING_BOOT -> new PhysicalNamingStrategySnakeCaseImpl();
                }));
        return settings;
    }

    /**
     * Tables of another schema or catalog would be created there by the scratch database (on
     * PostgreSQL, inside the target's real schema) and are not what introspection of the default
     * schema reads, so they are refused rather than compared wrongly.
     */
    private static void checkNamespaces(Metadata metadata) {
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            Namespace.Name name = namespace.getName();
            if ((name.schema() == null && name.catalog() == null) || namespace.getTables().isEmpty()) {
                continue;
            }
            Table table = namespace.getTables().iterator().next();
            String where = Optional.ofNullable(name.catalog()).map(c -> "catalog " + c.getText())
                    .orElseGet(() -> "schema " + name.schema().getText());
            throw new EntityModelException("table " + table.getName() + " of the JPA model is in " + where
                    + ", and retort compares entities in the default schema only: drop schema/catalog from its"
                    + " @Table (and hibernate.default_schema), or compare that schema with a DDL model");
        }
    }

    private static List<String> script(StandardServiceRegistry registry, Metadata metadata) {
        Map<String, Object> configuration = new HashMap<>(registry.requireService(ConfigurationService.class)
                .getSettings());
        List<String> statements = new ArrayList<>();
        ScriptTargetOutput output = new ScriptTargetOutput() {
            @Override
            public void prepare() {
                // nothing to open: statements are kept in memory
            }

            @Override
            public void accept(String command) {
                // the script target ends each statement with the delimiter; JDBC takes one statement
                String statement = command.strip();
                statements.add(statement.endsWith(";") ? statement.substring(0, statement.length() - 1).strip()
                        : statement);
            }

            @Override
            public void release() {
                // nothing to close
            }
        };
        ExecutionOptions options = new ExecutionOptions() {
            @Override
            public Map<String, Object> getConfigurationValues() {
                return configuration;
            }

            @Override
            public boolean shouldManageNamespaces() {
                return false;
            }

            @Override
            public ExceptionHandler getExceptionHandler() {
                return HibernateSchemaCreation::halt;
            }
        };
        SourceDescriptor source = new SourceDescriptor() {
            @Override
            public SourceType getSourceType() {
                return SourceType.METADATA;
            }

            @Override
            public ScriptSourceInput getScriptSourceInput() {
                return null;
            }
        };
        TargetDescriptor target = new TargetDescriptor() {
            @Override
            public EnumSet<TargetType> getTargetTypes() {
                return EnumSet.of(TargetType.SCRIPT);
            }

            @Override
            public ScriptTargetOutput getScriptTargetOutput() {
                return output;
            }
        };
        registry.requireService(SchemaManagementTool.class).getSchemaCreator(configuration)
                .doCreation(metadata, options, ContributableMatcher.ALL, source, target);
        return statements;
    }

    private static void halt(CommandAcceptanceException e) {
        throw e;
    }

    /** Hibernate's own message, with the entity class it names when one of ours appears in it. */
    private static EntityModelException mappingFailure(EntityClasses found, Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.append(' ').append(t.getMessage());
            }
        }
        String all = messages.toString();
        Optional<String> culprit = found.classes().stream().filter(all::contains)
                .max((a, b) -> Integer.compare(a.length(), b.length()));
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage().strip();
        return new EntityModelException(culprit.map(c -> "entity " + c + " does not map: ")
                .orElse("the JPA entities do not map: ") + message.replaceAll("\\s*\\R\\s*", " ")
                + " (Hibernate " + org.hibernate.Version.getVersionString() + "; fix the mapping, or the model's"
                + " naming and properties if the application sets others)", failure);
    }
}
