package dev.retort.script;

import dev.retort.Migration;
import dev.retort.RetortException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Java revision files of one load, and how their classes are got: from the class cache when a
 * file's content was compiled before, else by compiling every missing file of the batch in one
 * compilation. Each file's classes are loaded by a {@link RevisionClassLoader} whose parent is
 * retort's own loader.
 *
 * <p>Thread-safe: resolving is synchronized, so that concurrent runs compile a file once.
 */
final class JavaRevisionSources {

    private final JavaCompileOptions options;
    private final JavaClassCache cache;
    private final ClassLoader parent = Migration.class.getClassLoader();
    /** The problems of the files that failed in the last {@link #compileAll}, by file. */
    private final Map<Path, String> problems = new LinkedHashMap<>();
    private String fingerprint;
    private JavaRevisionCompiler compiler;

    JavaRevisionSources(JavaCompileOptions options) {
        this.options = options;
        this.cache = JavaClassCache.of(options.classCache());
    }

    /** A Java revision file read at load time, not yet compiled. */
    record Pending(Path file, String shown, String text, String checksum) {
    }

    /** What a pending file became: its revision, or what is wrong with it (one line). */
    record Loaded(Optional<MigrationScript> script, Optional<String> problem) {
    }

    /** A Java revision file whose class is got when first needed. */
    final class JavaFile {
        private final Path file;
        private final String shown;
        private final String checksum;
        private Class<? extends Migration> type;

        JavaFile(Path file, String shown, String checksum) {
            this.file = file;
            this.shown = shown;
            this.checksum = checksum;
        }

        String shown() {
            return shown;
        }

        JavaRevisionSources sources() {
            return JavaRevisionSources.this;
        }

        /** The revision class, compiled and loaded if it has not been yet. */
        Class<? extends Migration> type() {
            synchronized (JavaRevisionSources.this) {
                if (type == null) {
                    prepare(List.of(this));
                }
                return type;
            }
        }
    }

    /** A file known from the revision index. */
    JavaFile indexed(Path file, String shown, String checksum) {
        return new JavaFile(file, shown, checksum);
    }

    /**
     * Compiles (or takes from the cache) and loads the files not found in the index, in one
     * compilation; the results are in the order given.
     *
     * @throws RetortException when there is no compiler
     */
    synchronized List<Loaded> load(List<Pending> pending) {
        Map<Pending, Optional<CompiledRevision>> compiled = compileAll(pending, Pending::checksum, this::source);
        List<Loaded> loaded = new ArrayList<>();
        for (Pending file : pending) {
            Optional<CompiledRevision> revision = compiled.get(file);
            if (revision == null || revision.isEmpty()) {
                // no problem of its own when only other files kept it from being compiled
                loaded.add(new Loaded(Optional.empty(), Optional.ofNullable(problems.remove(file.file()))));
                continue;
            }
            try {
                Class<?> type = define(file.file(), file.shown(), revision.get());
                loaded.add(new Loaded(Optional.of(JavaRevisions.script(type, file.shown(), file.checksum(),
                        file.shown() + ":" + revision.get().line())), Optional.empty()));
            } catch (RetortException e) {
                loaded.add(new Loaded(Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        return loaded;
    }

    /**
     * Gets the classes of these files, compiling all that are missing in one compilation. A file
     * is read again and must still have the checksum the index gave.
     *
     * @throws RetortException naming every file that changed, fails to compile or is no revision
     */
    synchronized void prepare(Collection<JavaFile> files) {
        List<JavaFile> missing = files.stream().filter(f -> f.type == null).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        Map<JavaFile, JavaSource> sources = new LinkedHashMap<>();
        for (JavaFile file : missing) {
            try {
                String content = ScriptDirectory.read(file.file, file.shown);
                if (!Checksums.of(content).equals(file.checksum)) {
                    failures.add(file.shown + " changed while retort was using it (its content no longer matches"
                            + " what was loaded); run the command again");
                } else {
                    sources.put(file, new JavaSource(file.file, file.shown, SourceText.canonical(content)));
                }
            } catch (RetortException e) {
                failures.add(e.getMessage());
            }
        }
        Map<JavaFile, Optional<CompiledRevision>> compiled = compileAll(List.copyOf(sources.keySet()),
                f -> f.checksum, sources::get);
        for (JavaFile file : sources.keySet()) {
            Optional<CompiledRevision> revision = compiled.get(file);
            if (revision == null || revision.isEmpty()) {
                Optional.ofNullable(problems.remove(file.file)).ifPresent(failures::add);
                continue;
            }
            try {
                Class<?> type = define(file.file, file.shown, revision.get());
                // the checks of a freshly loaded revision: it implements Migration, has @Revision
                JavaRevisions.script(type, file.shown, file.checksum, file.shown + ":" + revision.get().line());
                file.type = type.asSubclass(Migration.class);
            } catch (RetortException e) {
                failures.add(e.getMessage());
            }
        }
        ScriptDirectory.failOn(failures);
    }

    /**
     * The compiled revision of each file: from the cache, else compiled with the other misses; empty
     * for a file that failed, whose problems are then in {@link #problems}.
     */
    private <T> Map<T, Optional<CompiledRevision>> compileAll(List<T> files, Function<T, String>
            checksum, Function<T, JavaSource> source) {
        Map<T, Optional<CompiledRevision>> result = new LinkedHashMap<>();
        Map<JavaSource, T> toCompile = new LinkedHashMap<>();
        for (T file : files) {
            Optional<CompiledRevision> cached = cache.get(JavaClassCache.key(fingerprint(), checksum.apply(file)));
            if (cached.isPresent()) {
                result.put(file, cached);
            } else {
                toCompile.put(source.apply(file), file);
            }
        }
        JavaRevisionCompiler.Outcome outcome = compiler().compile(List.copyOf(toCompile.keySet()));
        for (Map.Entry<JavaSource, T> entry : toCompile.entrySet()) {
            CompiledRevision compiled = outcome.compiled().get(entry.getKey());
            if (compiled != null) {
                cache.put(JavaClassCache.key(fingerprint(), checksum.apply(entry.getValue())), compiled);
                result.put(entry.getValue(), Optional.of(compiled));
            } else {
                List<String> fileProblems = outcome.problems().get(entry.getKey());
                if (fileProblems != null) {
                    problems.put(entry.getKey().file(), String.join("; ", fileProblems));
                }
                result.put(entry.getValue(), Optional.empty());
            }
        }
        return result;
    }

    private JavaSource source(Pending pending) {
        return new JavaSource(pending.file(), pending.shown(), SourceText.canonical(pending.text()));
    }

    private String fingerprint() {
        if (fingerprint == null) {
            fingerprint = compiler().fingerprint();
        }
        return fingerprint;
    }

    /**
     * The compiler, made on first use: a project without Java files never loads the class that
     * links to {@code com.sun.source}, so SQL projects run on a runtime without {@code jdk.compiler}.
     */
    private JavaRevisionCompiler compiler() {
        if (compiler == null) {
            compiler = new JavaRevisionCompiler(options.compiler());
        }
        return compiler;
    }

    private Class<?> define(Path file, String shown, CompiledRevision revision) {
        try {
            return Class.forName(revision.className(), false, new RevisionClassLoader(parent, revision.classes(),
                    file));
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RetortException(shown + ":" + revision.line() + ": class " + revision.className()
                    + " cannot be loaded: " + e);
        }
    }
}
