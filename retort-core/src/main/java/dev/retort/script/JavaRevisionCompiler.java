package dev.retort.script;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.retort.RetortException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles Java revision files in memory with the JDK's compiler: all the files it is given in one
 * compilation (one javac task for a thousand files takes a fraction of a thousand tasks' time: the
 * compiler and the class path are loaded and warmed up once), against the class path retort runs on
 * (see {@link CompileClasspath}).
 *
 * <p>Options, and why:
 * <ul>
 *   <li>{@code --release 17}: retort's floor. A revision is part of the project and must compile
 *       the same for everyone who runs it, on any JDK from 17 on; taking the running JDK's level
 *       would let a revision written on JDK 21 fail on a colleague's JDK 17.</li>
 *   <li>{@code -proc:none}: no annotation processors, which a jar on the class path (the shaded CLI
 *       jar holds several libraries) could otherwise bring in and run.</li>
 *   <li>{@code -Xlint:deprecation,removal,unchecked}: warnings that matter to a revision (a
 *       deprecated operation, say) are logged as {@code file:line: warning: ...}; warnings never
 *       fail a compilation.</li>
 *   <li>{@code -XDshould-stop.ifError=FLOW}: keep analysing the other files after a syntax error in
 *       one, so that every error of every file is reported at once.</li>
 *   <li>no source path: a revision compiles against the class path alone.</li>
 * </ul>
 *
 * <p>A file must declare exactly one top-level class. Two files may declare classes of the same
 * name (each file gets its own class loader): such files are compiled in separate tasks, since one
 * javac task holds one class of a name.
 *
 * <p>Thread-safe: each call has its own compiler task and file manager.
 */
final class JavaRevisionCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(JavaRevisionCompiler.class);

    /** The language level of Java revisions. */
    static final String RELEASE = "17";

    private static final List<String> OPTIONS = List.of("--release", RELEASE, "-proc:none", "-g:source,lines",
            "-Xlint:deprecation,removal,unchecked", "-XDshould-stop.ifError=FLOW");

    private final JavaCompilerProvider provider;
    private volatile CompileClasspath classpath;

    JavaRevisionCompiler(JavaCompilerProvider provider) {
        this.provider = provider;
    }

    /**
     * What compiling a batch gave: the revisions that compiled, and for each file that did not, its
     * problems ({@code file:line: message}, one line each), in the order of the sources.
     */
    record Outcome(Map<JavaSource, CompiledRevision> compiled, Map<JavaSource, List<String>> problems) {
    }

    /**
     * The fingerprint of what classes compiled here depend on besides their source: retort, the
     * class path, the compiler and the language level. Part of every class-cache key.
     */
    String fingerprint() {
        return "retort " + dev.retort.RetortVersion.get() + "|release " + RELEASE + "|javac "
                + System.getProperty("java.vm.version", "?") + "|" + classpath().fingerprint();
    }

    private CompileClasspath classpath() {
        CompileClasspath known = classpath;
        if (known == null) {
            known = CompileClasspath.ofRunningRetort();
            classpath = known;
        }
        return known;
    }

    /**
     * Compiles the files in one compilation (or, when some declare classes of the same name, a few).
     *
     * @throws RetortException when there is no compiler, naming the files and how to ship them precompiled
     */
    Outcome compile(List<JavaSource> sources) {
        if (sources.isEmpty()) {
            return new Outcome(Map.of(), Map.of());
        }
        JavaCompiler compiler = provider.compiler().orElseThrow(() -> noCompiler(sources));
        long started = System.nanoTime();
        List<Unit> units = sources.stream().map(Unit::new).toList();
        Map<Unit, List<String>> problems = new LinkedHashMap<>();
        Map<Unit, Structure> structures = new IdentityHashMap<>();
        Map<Unit, Map<String, byte[]>> classes = new ConcurrentHashMap<>();
        Map<URI, Unit> byUri = new LinkedHashMap<>();
        units.forEach(unit -> byUri.put(unit.toUri(), unit));
        try (Session session = new Session(compiler, byUri, classes)) {
            Session.Task first = session.task(units);
            structures.putAll(first.parse());
            List<List<Unit>> groups = groupsWithUniqueNames(units, structures);
            if (groups.size() == 1) {
                first.finish(problems);
            } else {
                LOG.debug("Java revision files declare classes of the same name; compiling them in {} groups",
                        groups.size());
                for (List<Unit> group : groups) {
                    Session.Task task = session.task(group);
                    task.parse();
                    task.finish(problems);
                }
            }
        } catch (IOException e) {
            throw new RetortException("Cannot compile Java revision files: " + e.getMessage(), e);
        }
        boolean anyErrors = !problems.isEmpty();
        Map<String, Unit> owners = new HashMap<>();
        classes.forEach((unit, files) -> files.keySet().forEach(name -> owners.put(name, unit)));
        Map<JavaSource, CompiledRevision> compiled = new LinkedHashMap<>();
        Map<JavaSource, List<String>> failed = new LinkedHashMap<>();
        for (Unit unit : units) {
            List<String> unitProblems = new ArrayList<>(problems.getOrDefault(unit, List.of()));
            Structure structure = structures.get(unit);
            if (structure != null) {
                unitProblems.addAll(0, structure.problems(unit.source.shown()));
            }
            Map<String, byte[]> output = classes.getOrDefault(unit, Map.of());
            if (unitProblems.isEmpty() && structure != null && output.containsKey(structure.className())) {
                unitProblems.addAll(foreignReferences(unit, structure, output, owners));
            }
            if (!unitProblems.isEmpty()) {
                failed.put(unit.source, unitProblems);
            } else if (structure != null && output.containsKey(structure.className())) {
                compiled.put(unit.source, new CompiledRevision(structure.className(), structure.line(), output));
            } else if (!anyErrors) {
                failed.put(unit.source, List.of(unit.source.shown() + ":1: the compiler produced no class for this"
                        + " file"));
            }
            // else: a file without errors of its own, not generated because others have errors;
            // it is compiled again, with them, once they are fixed
        }
        LOG.debug("Compiled {} Java revision files in {} ms", sources.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new Outcome(compiled, failed);
    }

    /**
     * Uses of another file's classes: they compile, since all files are compiled together, but
     * fail at run time, since each file is loaded on its own (and compiled alone once changed).
     */
    private static List<String> foreignReferences(Unit unit, Structure structure, Map<String, byte[]> output,
                                                  Map<String, Unit> owners) {
        List<String> problems = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (byte[] classFile : output.values()) {
            for (String name : ClassReferences.of(classFile)) {
                Unit owner = owners.get(name);
                if (owner != null && owner != unit && !output.containsKey(name) && reported.add(owner.source.shown())) {
                    problems.add(unit.source.shown() + ":" + structure.line() + ": uses " + name + " of "
                            + owner.source.shown() + "; each revision file is compiled and loaded on its own, so one"
                            + " cannot use another's classes: copy what it needs, or put shared code in a jar on"
                            + " retort's class path");
                }
            }
        }
        return problems;
    }

    private static RetortException noCompiler(List<JavaSource> sources) {
        String which = sources.get(0).shown() + (sources.size() == 1 ? ""
                : " and " + (sources.size() - 1) + " more Java revision file" + (sources.size() == 2 ? "" : "s"));
        return new RetortException("Cannot compile " + which + ": this Java runtime has no compiler (a JRE, or an"
                + " image without the jdk.compiler module). Run retort on a JDK, or compile the revisions with your"
                + " build and load them from the classpath with Retort.configure().classpathPackage(\"your.package\")"
                + " (on the command line: java_package and java_classpath in retort.toml)");
    }

    /**
     * Splits the files so that no group holds two top-level classes of the same name; one group when
     * all names differ, which is the usual case.
     */
    private static List<List<Unit>> groupsWithUniqueNames(List<Unit> units, Map<Unit, Structure> structures) {
        List<List<Unit>> groups = new ArrayList<>();
        List<Set<String>> names = new ArrayList<>();
        for (Unit unit : units) {
            Structure structure = structures.get(unit);
            List<String> declared = structure == null ? List.of() : structure.qualifiedNames();
            int group = 0;
            while (group < groups.size() && declared.stream().anyMatch(names.get(group)::contains)) {
                group++;
            }
            if (group == groups.size()) {
                groups.add(new ArrayList<>());
                names.add(new HashSet<>());
            }
            groups.get(group).add(unit);
            names.get(group).addAll(declared);
        }
        return groups;
    }

    /** The top-level types of one file, from its parse tree. */
    private record Structure(String packagePrefix, List<String> names, List<Integer> lines) {

        List<String> qualifiedNames() {
            return names.stream().map(name -> packagePrefix + name).toList();
        }

        String className() {
            return names.isEmpty() ? "" : packagePrefix + names.get(0);
        }

        int line() {
            return lines.isEmpty() ? 1 : lines.get(0);
        }

        List<String> problems(String shown) {
            if (names.isEmpty()) {
                return List.of(shown + ":1: declares no class; a Java revision file holds one class implementing"
                        + " dev.retort.Migration, annotated with @dev.retort.Revision");
            }
            List<String> problems = new ArrayList<>();
            for (int i = 1; i < names.size(); i++) {
                problems.add(shown + ":" + lines.get(i) + ": a second top-level type, " + names.get(i) + " (after "
                        + names.get(0) + " on line " + lines.get(0) + "); a Java revision file declares one top-level"
                        + " class: nest " + names.get(i) + " inside " + names.get(0) + " or move it to a file of its"
                        + " own");
            }
            return problems;
        }
    }

    /** A file as the compiler reads it. Its name is free: any top-level class may be declared in it. */
    private static final class Unit extends SimpleJavaFileObject {
        private final JavaSource source;

        Unit(JavaSource source) {
            super(uri(source), Kind.SOURCE);
            this.source = source;
        }

        private static URI uri(JavaSource source) {
            return source.file().toAbsolutePath().normalize().toUri();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source.text();
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            // SPEC §3.2: the file name is free, so a public class need not match it either; but javac
            // asks this to tell package-info and module-info files, which a revision never is
            return kind == Kind.SOURCE && !simpleName.equals("package-info") && !simpleName.equals("module-info");
        }
    }

    /** One compiler and file manager, and the class files they write. */
    private final class Session implements AutoCloseable {
        private final JavaCompiler compiler;
        private final StandardJavaFileManager standard;
        private final MemoryFileManager files;
        private final Map<URI, Unit> units;

        Session(JavaCompiler compiler, Map<URI, Unit> units, Map<Unit, Map<String, byte[]>> classes)
                throws IOException {
            this.units = units;
            this.compiler = compiler;
            this.standard = compiler.getStandardFileManager(null, Locale.ENGLISH, StandardCharsets.UTF_8);
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath().entries());
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            this.files = new MemoryFileManager(standard, units, classes);
        }

        Task task(List<Unit> units) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, OPTIONS, null, units);
            if (!(task instanceof JavacTask javac)) {
                throw new RetortException("Cannot compile Java revision files with " + compiler.getClass().getName()
                        + ": retort needs the JDK's compiler, javac");
            }
            return new Task(javac, diagnostics);
        }

        @Override
        public void close() throws IOException {
            files.close();
        }

        /** One javac task. */
        final class Task {
            private final JavacTask javac;
            private final DiagnosticCollector<JavaFileObject> diagnostics;

            Task(JavacTask javac, DiagnosticCollector<JavaFileObject> diagnostics) {
                this.javac = javac;
                this.diagnostics = diagnostics;
            }

            Map<Unit, Structure> parse() throws IOException {
                Map<Unit, Structure> structures = new IdentityHashMap<>();
                SourcePositions positions = Trees.instance(javac).getSourcePositions();
                for (CompilationUnitTree tree : javac.parse()) {
                    // javac hands back its own wrappers of the files it was given: match them by URI
                    Unit unit = units.get(tree.getSourceFile().toUri());
                    if (unit == null) {
                        continue;
                    }
                    String packagePrefix = tree.getPackageName() == null ? "" : tree.getPackageName() + ".";
                    List<String> names = new ArrayList<>();
                    List<Integer> lines = new ArrayList<>();
                    for (Tree type : tree.getTypeDecls()) {
                        if (type instanceof ClassTree declared && !declared.getSimpleName().isEmpty()) {
                            names.add(declared.getSimpleName().toString());
                            long position = positions.getStartPosition(tree, type);
                            lines.add(position < 0 ? 1 : (int) tree.getLineMap().getLineNumber(position));
                        }
                    }
                    structures.put(unit, new Structure(packagePrefix, names, lines));
                }
                return structures;
            }

            /** Analyses and generates; the errors of each file go to {@code problems}. */
            void finish(Map<Unit, List<String>> problems) throws IOException {
                try {
                    javac.analyze();
                    if (diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
                        javac.generate();
                    }
                } catch (IllegalStateException e) {
                    // javac's API refuses generate() after errors in some releases; the errors are reported
                    LOG.debug("javac stopped: {}", e.toString());
                }
                report(problems);
            }

            private void report(Map<Unit, List<String>> problems) {
                List<String> general = new ArrayList<>();
                for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                    String message = oneLine(diagnostic.getMessage(Locale.ENGLISH));
                    Unit unit = diagnostic.getSource() == null ? null : units.get(diagnostic.getSource().toUri());
                    String where = unit == null ? "" : unit.source.shown() + ":"
                            + Math.max(1, diagnostic.getLineNumber()) + ": ";
                    switch (diagnostic.getKind()) {
                        case ERROR -> {
                            if (unit == null) {
                                general.add(message);
                            } else {
                                problems.computeIfAbsent(unit, u -> new ArrayList<>()).add(where + message);
                            }
                        }
                        case WARNING, MANDATORY_WARNING -> LOG.warn("{}warning: {}", where, message);
                        default -> LOG.debug("{}{}", where, message);
                    }
                }
                if (!general.isEmpty()) {
                    throw new RetortException("Cannot compile Java revision files: " + String.join("; ", general));
                }
            }
        }
    }

    /**
     * A compiler message on one line: javac puts details ({@code symbol: ...}, {@code location: ...})
     * on lines of their own, which become a parenthesis here.
     */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        if (lines.length == 1) {
            return lines[0];
        }
        List<String> details = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String detail = lines[i].strip().replaceAll("\\s+", " ");
            if (!detail.isEmpty()) {
                details.add(detail);
            }
        }
        return details.isEmpty() ? lines[0] : lines[0] + " (" + String.join(", ", details) + ")";
    }

    /** Keeps the class files the compiler writes, by the source they came from; reads through to the class path. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<URI, Unit> units;
        private final Map<Unit, Map<String, byte[]>> classes;

        MemoryFileManager(StandardJavaFileManager standard, Map<URI, Unit> units,
                          Map<Unit, Map<String, byte[]>> classes) {
            super(standard);
            this.units = units;
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) throws IOException {
            Unit unit = sibling == null ? null : units.get(sibling.toUri());
            if (kind != JavaFileObject.Kind.CLASS || unit == null) {
                throw new IOException("unexpected output " + className + " (" + kind + ") from " + sibling);
            }
            return new SimpleJavaFileObject(URI.create("memory:///" + className.replace('.', '/') + ".class"), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.computeIfAbsent(unit, u -> new ConcurrentHashMap<>()).put(className,
                                    toByteArray());
                        }
                    };
                }
            };
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            if (units.containsKey(a.toUri()) || units.containsKey(b.toUri())) {
                return a.toUri().equals(b.toUri());
            }
            return super.isSameFile(a, b);
        }
    }
}
