package dev.retort.script;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Map;

/**
 * Loads the classes of one compiled Java revision file. Each file has its own loader, child of
 * retort's, so that two files may declare classes of the same name and a revision's own classes
 * come before any class of that name on the class path.
 *
 * <p>Thread-safe (class loading is synchronized per class name by {@link ClassLoader}).
 */
final class RevisionClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final ProtectionDomain domain;

    RevisionClassLoader(ClassLoader parent, Map<String, byte[]> classes, Path source) {
        super("retort-revision", parent);
        this.classes = Map.copyOf(classes);
        CodeSource codeSource;
        try {
            codeSource = new CodeSource(source.toUri().toURL(), (Certificate[]) null);
        } catch (MalformedURLException | IllegalArgumentException e) {
            codeSource = new CodeSource(null, (Certificate[]) null);
        }
        this.domain = new ProtectionDomain(codeSource, null, this, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!classes.containsKey(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = findClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }
}
