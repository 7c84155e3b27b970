package dev.retort.script;

import dev.retort.RetortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds and loads the revision files of a project: each version location in the configured order,
 * and within it the files sorted by name (byte order of the UTF-8 name), which is Alembic's "map
 * order" that breaks ties in the graph. Every SQL file is parsed and every Java file compiled
 * (those the header index does not know, all in one compilation; see {@link JavaRevisionCompiler});
 * every problem is reported at once.
 *
 * <p>Stateless; thread-safe.
 */
public final class ScriptDirectory {

    private static final String SQL = ".sql";
    private static final String JAVA = ".java";
    private static final int LISTED_PROBLEMS = 5;

    /** Byte order of the UTF-8 encoded name, as SPEC §3 fixes it. */
    private static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private ScriptDirectory() {
    }

    /**
     * Loads the revision files of the given directories.
     *
     * @param versionLocations directories, in configured order
     * @param baseDirectory    paths in messages and in the history table are written relative to it
     * @param placeholders     values for {@code ${name}} in SQL; empty = no expansion
     * @throws RetortException naming every file that cannot be read or parsed, or a missing directory
     */
    public static List<MigrationScript> load(List<Path> versionLocations, Path baseDirectory,
                                             Map<String, String> placeholders) {
        return load(versionLocations, baseDirectory, placeholders, Optional.empty());
    }

    /**
     * Loads the revision files of the given directories, using and refreshing a cache of parsed
     * headers in {@code indexDirectory} (see {@link RevisionIndex}) when one is given. Java revision
     * files are compiled with {@link JavaCompileOptions#DEFAULT}.
     */
    public static List<MigrationScript> load(List<Path> versionLocations, Path baseDirectory,
                                             Map<String, String> placeholders, Optional<Path> indexDirectory) {
        return load(versionLocations, baseDirectory, placeholders, indexDirectory, JavaCompileOptions.DEFAULT);
    }

    /**
     * Loads the revision files of the given directories: SQL files are parsed, Java files compiled
     * (all that the index does not know, in one compilation) and loaded. A file the index knows is
     * not read: its header comes from the index, and its body (for Java, its class) is got when it
     * runs.
     *
     * @param indexDirectory where the index of parsed headers is kept, if anywhere
     * @param java           how Java revision files are compiled and where their classes are cached
     * @throws RetortException naming every file that cannot be read, parsed or compiled
     */
    public static List<MigrationScript> load(List<Path> versionLocations, Path baseDirectory,
                                             Map<String, String> placeholders, Optional<Path> indexDirectory,
                                             JavaCompileOptions java) {
        List<Located> files = new ArrayList<>();
        List<Optional<RevisionIndex>> indexes = new ArrayList<>();
        for (Path location : versionLocations) {
            if (!Files.isDirectory(location)) {
                throw new RetortException("Versions directory " + display(location, baseDirectory)
                        + " does not exist. Create it, fix version_locations / script_location in the config, or run"
                        + " 'retort init DIR' to start a project");
            }
            int which = indexes.size();
            indexes.add(indexDirectory.map(directory -> RevisionIndex.open(directory, location)));
            list(location).forEach(file -> files.add(new Located(file, which)));
        }
        JavaRevisionSources javaSources = new JavaRevisionSources(java);
        // reading and parsing ten thousand small files is most of what 'heads' or 'history' does;
        // in parallel it takes half the time on two cores (the order of the result is kept)
        List<Loaded> loaded = new ArrayList<>(files.parallelStream()
                .map(file -> load(file.file(), indexes.get(file.location()), baseDirectory, placeholders, javaSources))
                .toList());
        compileJava(loaded, javaSources);
        List<MigrationScript> scripts = new ArrayList<>(loaded.size());
        List<String> problems = new ArrayList<>();
        List<Set<String>> present = new ArrayList<>();
        indexes.forEach(index -> present.add(new HashSet<>()));
        for (int i = 0; i < loaded.size(); i++) {
            Loaded one = loaded.get(i);
            one.script().ifPresent(scripts::add);
            one.problem().ifPresent(problems::add);
            int location = files.get(i).location();
            String name = files.get(i).file().getFileName().toString();
            present.get(location).add(name);
            indexes.get(location).ifPresent(index -> one.parsed().ifPresent(parsed -> index.put(
                    name, parsed.attributes(), parsed.script())));
        }
        for (int i = 0; i < indexes.size(); i++) {
            Set<String> names = present.get(i);
            indexes.get(i).ifPresent(index -> {
                index.retain(names);
                index.save();
            });
        }
        failOn(problems);
        return scripts;
    }

    /** Compiles, in one go, the Java files that were read rather than found in the index. */
    private static void compileJava(List<Loaded> loaded, JavaRevisionSources javaSources) {
        List<Integer> positions = new ArrayList<>();
        List<JavaRevisionSources.Pending> pending = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            Optional<JavaRevisionSources.Pending> java = loaded.get(i).java();
            if (java.isPresent()) {
                positions.add(i);
                pending.add(java.get());
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        List<JavaRevisionSources.Loaded> compiled;
        try {
            compiled = javaSources.load(pending);
        } catch (RetortException e) {
            // no compiler: one problem for all the files, among the other files' problems
            for (int i = 0; i < positions.size(); i++) {
                loaded.set(positions.get(i), i == 0 ? Loaded.problem(e.getMessage()) : Loaded.NOTHING);
            }
            return;
        }
        for (int i = 0; i < positions.size(); i++) {
            JavaRevisionSources.Loaded result = compiled.get(i);
            BasicFileAttributes attributes = loaded.get(positions.get(i)).javaAttributes().orElse(null);
            Optional<Parsed> parsed = result.script().flatMap(script -> Optional.ofNullable(attributes)
                    .map(a -> new Parsed(a, script)));
            loaded.set(positions.get(i), new Loaded(result.script(), result.problem(), parsed, Optional.empty(),
                    Optional.empty()));
        }
    }

    /** A file and the position of its version location. */
    private record Located(Path file, int location) {
    }

    /** A file just parsed (or compiled), to be remembered in the index. */
    private record Parsed(BasicFileAttributes attributes, MigrationScript script) {
    }

    /**
     * One file: the script, or what is wrong with it; what to index; and, for a Java file not in
     * the index, its text, to be compiled with the others (and its attributes, to index it then).
     */
    private record Loaded(Optional<MigrationScript> script, Optional<String> problem, Optional<Parsed> parsed,
                          Optional<JavaRevisionSources.Pending> java, Optional<BasicFileAttributes> javaAttributes) {
        static final Loaded NOTHING = new Loaded(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        static Loaded problem(String problem) {
            return new Loaded(Optional.empty(), Optional.of(problem), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        static Loaded script(MigrationScript script) {
            return new Loaded(Optional.of(script), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    private static Loaded load(Path file, Optional<RevisionIndex> index, Path baseDirectory,
                               Map<String, String> placeholders, JavaRevisionSources javaSources) {
        String name = file.getFileName().toString();
        String shown = display(file, baseDirectory);
        boolean isJava = name.endsWith(JAVA);
        try {
            Optional<BasicFileAttributes> attributes = index.isEmpty() ? Optional.empty()
                    : Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
            if (attributes.isPresent()) {
                Optional<RevisionIndex.Entry> cached = index.get().lookup(name, attributes.get());
                if (cached.isPresent()) {
                    return Loaded.script(isJava ? indexedJavaScript(file, shown, cached.get(), javaSources)
                            : indexedScript(file, shown, cached.get(), placeholders));
                }
            }
            String content = read(file, shown);
            if (isJava) {
                return new Loaded(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(new JavaRevisionSources.Pending(file, shown, content, Checksums.of(content))),
                        attributes);
            }
            SqlRevisionFile parsed = SqlRevisionParser.parse(Path.of(shown), content);
            MigrationScript script = sqlScript(shown, parsed, placeholders);
            return new Loaded(Optional.of(script), Optional.empty(),
                    attributes.map(a -> new Parsed(a, script)), Optional.empty(), Optional.empty());
        } catch (IOException e) {
            return Loaded.problem(shown + ": cannot be read: " + e.getMessage());
        } catch (RetortException e) {
            return Loaded.problem(e.getMessage());
        }
    }

    /** A Java revision whose header came from the index; its class is got when it runs. */
    private static MigrationScript indexedJavaScript(Path file, String shown, RevisionIndex.Entry entry,
                                                     JavaRevisionSources javaSources) {
        JavaRevisionSources.JavaFile javaFile = javaSources.indexed(file, shown, entry.checksum());
        Optional<MigrationBody> down = entry.reversible() ? Optional.of(new JavaSourceBody(javaFile, false))
                : Optional.empty();
        return new MigrationScript(entry.revision().withOrigin(shown), shown, entry.checksum(), entry.createDate(),
                new JavaSourceBody(javaFile, true), down);
    }

    /** A revision whose header came from the index; its sections are read when they are needed. */
    private static MigrationScript indexedScript(Path file, String shown, RevisionIndex.Entry entry,
                                                 Map<String, String> placeholders) {
        FileReread reread = new FileReread(file, shown, entry.checksum());
        Optional<MigrationBody> down = entry.reversible()
                ? Optional.of(new SqlMigrationBody(() -> reread.get().down().orElseThrow(), placeholders))
                : Optional.empty();
        return new MigrationScript(entry.revision().withOrigin(shown), shown, entry.checksum(), entry.createDate(),
                new SqlMigrationBody(() -> reread.get().up(), placeholders), down, entry.timeouts());
    }

    /** Reads and parses an indexed file once, when a section is first needed. Thread-safe. */
    private static final class FileReread implements Supplier<SqlRevisionFile> {
        private final Path file;
        private final String shown;
        private final String checksum;
        private SqlRevisionFile parsed;

        FileReread(Path file, String shown, String checksum) {
            this.file = file;
            this.shown = shown;
            this.checksum = checksum;
        }

        @Override
        public synchronized SqlRevisionFile get() {
            if (parsed == null) {
                SqlRevisionFile now = SqlRevisionParser.parse(Path.of(shown), read(file, shown));
                if (!now.checksum().equals(checksum)) {
                    throw new RetortException(shown + " changed while retort was using it (its content no longer"
                            + " matches what was loaded); run the command again");
                }
                parsed = now;
            }
            return parsed;
        }
    }

    /**
     * Loads SQL revision files packaged on the classpath under {@code location} (e.g.
     * {@code db/revisions}), from directories or jars, sorted by file name.
     */
    public static List<MigrationScript> loadClasspath(ClassLoader loader, String location,
                                                      Map<String, String> placeholders) {
        String prefix = location.replaceAll("^/+|/+$", "");
        List<String[]> resources = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(prefix);
            if (!roots.hasMoreElements()) {
                throw new RetortException("No revisions found on the classpath at '" + prefix
                        + "'; check the classpath location and that the files are packaged");
            }
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (String name : listResource(root, prefix)) {
                    resources.add(new String[] {name, prefix + "/" + name});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list classpath location " + prefix, e);
        }
        resources.sort((a, b) -> BYTE_ORDER.compare(a[0], b[0]));
        List<MigrationScript> scripts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String[] resource : resources) {
            if (!resource[0].endsWith(SQL)) {
                continue;
            }
            String shown = "classpath:" + resource[1];
            try (InputStream in = loader.getResourceAsStream(resource[1])) {
                if (in == null) {
                    throw new RetortException(shown + ": cannot be read");
                }
                scripts.add(sqlScript(shown, decode(in.readAllBytes(), shown), placeholders));
            } catch (IOException e) {
                problems.add(shown + ": cannot be read: " + e.getMessage());
            } catch (RetortException e) {
                problems.add(e.getMessage());
            }
        }
        failOn(problems);
        return scripts;
    }

    /**
     * Loads compiled Java revisions from a package on the classpath (directories or jars): every
     * top-level class of the package that implements {@link dev.retort.Migration} and carries
     * {@link dev.retort.Revision}, sorted by class name as files are by file name. This is how an
     * application ships revisions without a compiler at run time.
     */
    public static List<MigrationScript> loadClasspathPackage(ClassLoader loader, String packageName) {
        String path = packageName.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            if (!roots.hasMoreElements()) {
                throw new RetortException("No Java revisions found: package '" + packageName + "' is not on the"
                        + " classpath; check the package name and that the compiled revisions are packaged");
            }
            while (roots.hasMoreElements()) {
                for (String name : listResource(roots.nextElement(), path)) {
                    if (name.endsWith(".class") && name.indexOf('$') < 0) {
                        names.add(name.substring(0, name.length() - ".class".length()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list classpath package " + packageName, e);
        }
        names.sort(BYTE_ORDER);
        List<MigrationScript> scripts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String className = packageName + "." + name;
            String shown = "classpath:" + className;
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (!JavaRevisions.isRevision(type)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = loader.getResourceAsStream(path + "/" + name + ".class")) {
                    bytes = in == null ? className.getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
                }
                scripts.add(JavaRevisions.script(type, shown, Checksums.of(bytes)));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(shown + ": cannot be loaded: " + e);
            } catch (IOException e) {
                problems.add(shown + ": cannot be read: " + e.getMessage());
            } catch (RetortException e) {
                problems.add(e.getMessage());
            }
        }
        failOn(problems);
        return scripts;
    }

    private static MigrationScript sqlScript(String shown, String content, Map<String, String> placeholders) {
        return sqlScript(shown, SqlRevisionParser.parse(Path.of(shown), content), placeholders);
    }

    private static MigrationScript sqlScript(String shown, SqlRevisionFile file, Map<String, String> placeholders) {
        Optional<MigrationBody> down = file.down().map(section -> new SqlMigrationBody(section, placeholders));
        return new MigrationScript(file.revision().withOrigin(shown), shown, file.checksum(), file.createDate(),
                new SqlMigrationBody(file.up(), placeholders), down, file.timeouts());
    }

    private static List<Path> list(Path location) {
        try (Stream<Path> files = Files.list(location)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return (name.endsWith(SQL) || name.endsWith(JAVA)) && !name.startsWith(".");
                    })
                    .map(f -> new SortKey(f.getFileName().toString().getBytes(StandardCharsets.UTF_8), f))
                    .sorted((a, b) -> Arrays.compareUnsigned(a.name(), b.name()))
                    .map(SortKey::file)
                    .toList();
        } catch (IOException e) {
            throw new RetortException("Cannot list versions directory " + location + ": " + e.getMessage(), e);
        }
    }

    /** A file with its name as UTF-8 bytes, computed once for sorting. */
    private record SortKey(byte[] name, Path file) {
    }

    static String read(Path file, String shown) {
        try {
            return decode(Files.readAllBytes(file), shown);
        } catch (IOException e) {
            throw new RetortException(shown + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String decode(byte[] bytes, String shown) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RetortException(shown + ": not UTF-8 text; save the file as UTF-8");
        }
    }

    private static List<String> listResource(URL root, String prefix) throws IOException {
        if ("file".equals(root.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            } catch (URISyntaxException e) {
                throw new IOException("bad classpath URL " + root, e);
            }
        }
        if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            List<String> names = new ArrayList<>();
            try (JarFile jar = connection.getJarFile()) {
                String dir = prefix + "/";
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(dir) && name.indexOf('/', dir.length()) < 0) {
                        names.add(name.substring(dir.length()));
                    }
                }
            }
            return names;
        }
        throw new IOException("cannot list classpath URL " + root + " (protocol " + root.getProtocol() + ")");
    }

    static void failOn(List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new RetortException(problems.get(0));
        }
        String listed = String.join("; ", problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size())));
        String more = problems.size() > LISTED_PROBLEMS ? "; and " + (problems.size() - LISTED_PROBLEMS) + " more" : "";
        throw new RetortException(problems.size() + " revision files are invalid: " + listed + more);
    }

    /** The path relative to the base directory when it lies inside it, else as given. */
    static String display(Path path, Path baseDirectory) {
        Path absolute = path.toAbsolutePath().normalize();
        Path base = baseDirectory.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : path.toString();
    }
}
