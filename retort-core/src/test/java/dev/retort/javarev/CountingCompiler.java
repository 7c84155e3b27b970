package dev.retort.javarev;

import dev.retort.script.JavaCompilerProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The JDK's compiler, counting what it is asked to compile: how many tasks, and the files of each,
 * so that a test can prove a file was not compiled again.
 */
final class CountingCompiler implements JavaCompiler, JavaCompilerProvider {

    private final JavaCompiler delegate = ToolProvider.getSystemJavaCompiler();
    private final List<List<String>> tasks = new ArrayList<>();

    @Override
    public Optional<JavaCompiler> compiler() {
        return Optional.of(this);
    }

    /** The files of each task, by name (the last part of the path), in order. */
    synchronized List<List<String>> tasks() {
        return List.copyOf(tasks);
    }

    /** Every file compiled, by name. */
    synchronized List<String> files() {
        return tasks.stream().flatMap(List::stream).toList();
    }

    synchronized void reset() {
        tasks.clear();
    }

    @Override
    public synchronized CompilationTask getTask(Writer out, JavaFileManager fileManager,
                                                DiagnosticListener<? super JavaFileObject> diagnosticListener,
                                                Iterable<String> options, Iterable<String> classes,
                                                Iterable<? extends JavaFileObject> compilationUnits) {
        List<String> names = new ArrayList<>();
        for (JavaFileObject unit : compilationUnits) {
            String path = unit.toUri().getPath();
            names.add(path.substring(path.lastIndexOf('/') + 1));
        }
        tasks.add(names);
        return delegate.getTask(out, fileManager, diagnosticListener, options, classes, compilationUnits);
    }

    @Override
    public StandardJavaFileManager getStandardFileManager(DiagnosticListener<? super JavaFileObject> listener,
                                                          Locale locale, Charset charset) {
        return delegate.getStandardFileManager(listener, locale, charset);
    }

    @Override
    public int isSupportedOption(String option) {
        return delegate.isSupportedOption(option);
    }

    @Override
    public int run(InputStream in, OutputStream out, OutputStream err, String... arguments) {
        return delegate.run(in, out, err, arguments);
    }

    @Override
    public Set<SourceVersion> getSourceVersions() {
        return delegate.getSourceVersions();
    }
}
