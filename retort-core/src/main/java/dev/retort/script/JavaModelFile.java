package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.schema.SchemaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Java schema model kept as a source file in the project ({@code model = "java:db/AppSchema.java"}),
 * compiled as Java revisions are: in-process, one top-level class, errors as {@code file:line: message}.
 */
public final class JavaModelFile {

    private JavaModelFile() {
    }

    /**
     * The model class of the file.
     *
     * @param file  the source file
     * @param shown how messages name it
     * @throws RetortException when it cannot be read, does not compile, or holds no {@link SchemaModel}
     */
    public static Class<? extends SchemaModel> compile(Path file, String shown, JavaCompilerProvider compiler) {
        String text;
        try {
            text = SourceText.canonical(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RetortException("Model file " + shown + " cannot be read: " + e.getMessage(), e);
        }
        JavaSource source = new JavaSource(file, shown, text);
        JavaRevisionCompiler.Outcome outcome = new JavaRevisionCompiler(compiler).compile(List.of(source));
        List<String> problems = outcome.problems().get(source);
        if (problems != null && !problems.isEmpty()) {
            throw new RetortException(problems.size() == 1 ? problems.get(0) : problems.size()
                    + " compile errors: " + String.join("; ", problems));
        }
        CompiledRevision compiled = outcome.compiled().get(source);
        RevisionClassLoader loader = new RevisionClassLoader(SchemaModel.class.getClassLoader(), compiled.classes(),
                file);
        Class<?> type;
        try {
            type = loader.loadClass(compiled.className());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RetortException(shown + ": cannot be loaded: " + e, e);
        }
        if (!SchemaModel.class.isAssignableFrom(type)) {
            throw new RetortException(shown + ":" + compiled.line() + ": class " + type.getSimpleName()
                    + " does not implement " + SchemaModel.class.getName() + "; declare it as 'class "
                    + type.getSimpleName() + " implements SchemaModel'");
        }
        return type.asSubclass(SchemaModel.class);
    }
}
