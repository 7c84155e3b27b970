package dev.retort.hibernate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes Hibernate must be told about, found in packages (and their sub-packages) of a class
 * path: those annotated {@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass} or
 * {@code @Converter}, which is what Spring Boot's entity scan picks too, plus the packages that have
 * a {@code package-info} class (package-level generators and filters). Class files are read, not
 * loaded (see {@link ClassFile}).
 *
 * @param classes        binary names, sorted, each once (the first class path entry wins, as in
 *                       class loading)
 * @param infoPackages   packages with a {@code package-info} class, sorted
 * @param perPackage     how many classes each requested package gave, in the order requested
 * @param javaxClasses   classes annotated with {@code javax.persistence} annotations instead, which
 *                       Hibernate 7 does not read
 */
record EntityClasses(List<String> classes, List<String> infoPackages, Map<String, Integer> perPackage,
                     List<String> javaxClasses) {

    /** Annotation descriptors that make a class part of the persistence unit. */
    private static final Set<String> MAPPED = Set.of("Ljakarta/persistence/Entity;",
            "Ljakarta/persistence/Embeddable;", "Ljakarta/persistence/MappedSuperclass;",
            "Ljakarta/persistence/Converter;");
    private static final Set<String> JAVAX = Set.of("Ljavax/persistence/Entity;", "Ljavax/persistence/Embeddable;",
            "Ljavax/persistence/MappedSuperclass;", "Ljavax/persistence/Converter;");

    EntityClasses {
        classes = List.copyOf(classes);
        infoPackages = List.copyOf(infoPackages);
        perPackage = Map.copyOf(perPackage);
        javaxClasses = List.copyOf(javaxClasses);
    }

    /**
     * Scans {@code classPath} (directories and jars, each known to exist) for the classes of
     * {@code packages}.
     *
     * @throws IOException when a class path entry cannot be read
     */
    static EntityClasses scan(List<Path> classPath, List<String> packages) throws IOException {
        Map<String, String> found = new LinkedHashMap<>(); // class -> the package asked for that found it
        Set<String> info = new TreeSet<>();
        Set<String> javax = new TreeSet<>();
        for (Path entry : classPath) {
            for (String pkg : packages) {
                String prefix = pkg.replace('.', '/') + "/";
                for (ClassFile file : classFiles(entry, prefix)) {
                    if (file.name().endsWith(".package-info")) {
                        info.add(file.name().substring(0, file.name().length() - ".package-info".length()));
                    } else if (file.annotations().stream().anyMatch(MAPPED::contains)) {
                        found.putIfAbsent(file.name(), pkg);
                    } else if (file.annotations().stream().anyMatch(JAVAX::contains)) {
                        javax.add(file.name());
                    }
                }
            }
        }
        Map<String, Integer> perPackage = new LinkedHashMap<>();
        packages.forEach(p -> perPackage.put(p, 0));
        found.values().forEach(p -> perPackage.merge(p, 1, Integer::sum));
        return new EntityClasses(new ArrayList<>(new TreeSet<>(found.keySet())), new ArrayList<>(info), perPackage,
                new ArrayList<>(javax));
    }

    private static List<ClassFile> classFiles(Path entry, String prefix) throws IOException {
        List<ClassFile> files = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            Path directory = entry.resolve(prefix);
            if (!Files.isDirectory(directory)) {
                return files;
            }
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path file : walk.filter(p -> isClassFile(p.getFileName().toString())).sorted().toList()) {
                    files.add(read(Files.readAllBytes(file), file.toString()));
                }
            }
            return files;
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            for (ZipEntry zipEntry : jar.stream().filter(e -> e.getName().startsWith(prefix)
                    && isClassFile(e.getName())).toList()) {
                try (InputStream in = jar.getInputStream(zipEntry)) {
                    files.add(read(in.readAllBytes(), entry + "!/" + zipEntry.getName()));
                }
            }
        }
        return files;
    }

    private static boolean isClassFile(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class");
    }

    private static ClassFile read(byte[] bytes, String where) throws IOException {
        try {
            return ClassFile.read(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IOException(where + " is not a readable class file (" + e.getMessage() + ")", e);
        }
    }
}
