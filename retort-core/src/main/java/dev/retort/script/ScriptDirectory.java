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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds and loads the revision files of a project: each version location in the configured order,
 * and within it the files sorted by name (byte order of the UTF-8 name), which is Alembic's "map
 * order" that breaks ties in the graph. Every file is parsed; every problem is reported at once.
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
        List<Path> files = new ArrayList<>();
        for (Path location : versionLocations) {
            if (!Files.isDirectory(location)) {
                throw new RetortException("Versions directory " + display(location, baseDirectory)
                        + " does not exist. Create it, fix version_locations / script_location in the config, or run"
                        + " 'retort init DIR' to start a project");
            }
            files.addAll(list(location));
        }
        // reading and parsing ten thousand small files is most of what 'heads' or 'history' does;
        // in parallel it takes half the time on two cores (the order of the result is kept)
        List<Loaded> loaded = files.parallelStream().map(file -> load(file, baseDirectory, placeholders)).toList();
        List<MigrationScript> scripts = new ArrayList<>(loaded.size());
        List<String> problems = new ArrayList<>();
        for (Loaded one : loaded) {
            one.script().ifPresent(scripts::add);
            one.problem().ifPresent(problems::add);
        }
        failOn(problems);
        return scripts;
    }

    /** One file: the script, or what is wrong with it. */
    private record Loaded(Optional<MigrationScript> script, Optional<String> problem) {
    }

    private static Loaded load(Path file, Path baseDirectory, Map<String, String> placeholders) {
        String name = file.getFileName().toString();
        String shown = display(file, baseDirectory);
        if (name.endsWith(JAVA)) {
            return new Loaded(Optional.empty(), Optional.of(shown + ": Java revision files are not supported by this"
                    + " version of retort yet; write the revision as a .sql file"));
        }
        try {
            return new Loaded(Optional.of(sqlScript(shown, read(file, shown), placeholders)), Optional.empty());
        } catch (RetortException e) {
            return new Loaded(Optional.empty(), Optional.of(e.getMessage()));
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

    private static MigrationScript sqlScript(String shown, String content, Map<String, String> placeholders) {
        SqlRevisionFile file = SqlRevisionParser.parse(Path.of(shown), content);
        Optional<MigrationBody> down = file.down().map(section -> new SqlMigrationBody(section, placeholders));
        return new MigrationScript(file.revision().withOrigin(shown), shown, file.checksum(), file.createDate(),
                new SqlMigrationBody(file.up(), placeholders), down);
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

    private static String read(Path file, String shown) {
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

    private static void failOn(List<String> problems) {
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
